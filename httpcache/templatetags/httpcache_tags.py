from django import template

from httpcache.keys import add_cache_keys as _add_cache_keys

register = template.Library()


@register.simple_tag(takes_context=True)
def add_cache_keys(context, *items):
    """`{% add_cache_keys page %}`: this response shows `page` (or a queryset, a theme, a list
    of them, a key): publishing it purges this response from the shared cache
    (httpcache.keys). Renders nothing."""
    _add_cache_keys(context.get("request"), *items)
    return ""
