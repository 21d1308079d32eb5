from django.apps import AppConfig


class HttpCacheConfig(AppConfig):
    name = "httpcache"
    verbose_name = "Cache HTTP"

    def ready(self):
        from httpcache.signal_handlers import register_signal_handlers

        register_signal_handlers()
