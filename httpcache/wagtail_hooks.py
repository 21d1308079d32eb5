from wagtail import hooks

from httpcache.keys import add_cache_keys, children_key, page_key


@hooks.register("before_serve_page")
def record_page_keys(page, request, serve_args, serve_kwargs):
    """A page's response shows the page, and lists its children if it lists any (an index, its
    feed, a page's sub-pages): publishing a child purges it (httpcache.keys)."""
    add_cache_keys(request, page_key(page.pk), children_key(page.pk))
