from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Contenus"

    def ready(self):
        from content.signal_handlers import register_signal_handlers

        register_signal_handlers()
