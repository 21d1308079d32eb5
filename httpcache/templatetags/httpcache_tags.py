import hashlib

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from httpcache.fragments import cached_fragment, hrefs
from httpcache.keys import add_cache_keys as _add_cache_keys
from httpcache.keys import children_key

register = template.Library()


@register.simple_tag(takes_context=True)
def add_cache_keys(context, *items, children_of=None):
    """`{% add_cache_keys page %}`: this response shows `page` (or a queryset, a theme, a list
    of them, a key; `children_of=page`: the list of its children): publishing it purges this
    response from the shared cache (httpcache.keys). Renders nothing."""
    _add_cache_keys(context.get("request"), *items, children_key(children_of.pk) if children_of else None)
    return ""


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or not settings.FRAGMENT_CACHE:
            return self.nodelist.render(context)
        parts = [self.name, *(str(expression.resolve(context)) for expression in self.vary)]
        name = hashlib.sha1(":".join(parts).encode(), usedforsecurity=False).hexdigest()
        html = cached_fragment(request, f"{self.name}:{name}", lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308  # nosec B308 B703 (the template's own output, already escaped)


@register.tag
def fragment(parser, token):
    """`{% fragment "card" page.pk show_image %}…{% endfragment %}`: the rendered content,
    kept per name and values, until one of the surrogate keys it showed is purged
    (httpcache.fragments). What it shows must depend only on those values and keys."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} takes a name and the values it depends on")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


@register.simple_tag
def current_nav_href(navigation, request):
    """The address of this request if the navigation links to it, else "": what the header's
    and footer's aria-current depend on, so they are kept once per linked page, not per page."""
    if request is None or not navigation:
        return ""
    if not hasattr(request, "nav_current"):  # the header and the footer ask: look once
        linked = navigation.get("hrefs")  # found when the navigation was cached
        if linked is None:  # a navigation built for a preview
            linked = hrefs(navigation)
        request.nav_current = request.path if request.path in linked else ""
    return request.nav_current
