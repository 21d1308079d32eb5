"""Routing a request to its page with one query per level of the address, not two.

Wagtail finds each level's child by its slug (one query on the page table), then loads it in
its specific form (a second query on its type's table). Each process remembers which page and
type a (parent, slug) led to, and loads that page in its specific form straight away; the row
read is checked (same slug, still a child of the parent), so a stale memory (a page renamed,
moved or deleted since) only costs Wagtail's own two queries, never a wrong page. Nothing here
depends on which app server answers: the memory only spares a query.

The child keeps its parent (`_cached_parent_obj`, which treebeard's `get_parent()` reads), so
that the breadcrumb of a routed page is known without a query (`route_ancestors`).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404

# (parent page id, slug) -> (child page id, child content type id); a few thousand pages at
# most are ever asked for in one process: the memory is simply emptied when it is full.
_children: dict[tuple[int, str], tuple[int, int]] = {}
MAX_REMEMBERED = 20_000


def _remembered_child(parent, slug):
    known = _children.get((parent.pk, slug))
    if known is None:
        return None
    page_id, content_type_id = known
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    try:
        child = model.objects.get(pk=page_id)
    except model.DoesNotExist:
        return None
    if child.slug != slug or child.depth != parent.depth + 1 or not child.path.startswith(parent.path):
        return None
    return child


def child_by_slug(parent, slug):
    """The child of `parent` at `slug`, in its specific form; Http404 when there is none."""
    child = _remembered_child(parent, slug)
    if child is None:
        try:
            base = parent.get_children().get(slug=slug)
        except parent.base_page_model.DoesNotExist as error:
            raise Http404 from error
        if len(_children) >= MAX_REMEMBERED:
            _children.clear()
        _children[(parent.pk, slug)] = (base.pk, base.content_type_id)
        child = base.specific
    child._cached_parent_obj = parent
    return child


def forget_routes():
    _children.clear()


class ChildRouteMixin:
    """Wagtail's `route()`, the child of each level found by `child_by_slug`."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child = child_by_slug(self, path_components[0])
        return child.route(request, path_components[1:])


def route_ancestors(page, min_depth=2):
    """The ancestors of `page` from `min_depth` down, as routing left them on it, or None when
    routing did not (a preview, a page loaded otherwise)."""
    ancestors = []
    node = page
    while node.depth > min_depth:
        node = node.__dict__.get("_cached_parent_obj")
        if node is None:
            return None
        ancestors.append(node)
    return ancestors[::-1]
