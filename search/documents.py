"""What the public search indexes of a page: its title, summary, body text and date."""

from dataclasses import dataclass

from django.db.models import Manager
from wagtail.search import index

from content.models import CONTENT_PAGE_TYPES

SEARCHABLE_MODELS = frozenset(CONTENT_PAGE_TYPES)
_OWN_FIELDS = {"title", "summary"}


@dataclass(frozen=True)
class PageText:
    page_id: int
    content_type_id: int
    path: str
    title: str
    summary: str
    body: str
    date: object


def _texts(obj, fields):
    """The searchable strings of `obj` for Wagtail search fields, related fields included."""
    for field in fields:
        if isinstance(field, index.SearchField):
            value = field.get_value(obj)
            if value is None:
                continue
            if isinstance(value, (list, tuple)):
                yield from (str(item) for item in value if item)
            else:
                yield str(value)
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            objects = related.all() if isinstance(related, Manager) else [related]
            for item in objects:
                yield from _texts(item, field.fields)


def page_text(page) -> PageText:
    """The text of a specific page, from the search fields its model declares."""
    body_fields = [
        field
        for field in type(page).get_search_fields()
        if not (isinstance(field, index.SearchField) and field.field_name in _OWN_FIELDS)
    ]
    date = getattr(page, "publication_date", None) or (
        page.first_published_at.date() if page.first_published_at else None
    )
    return PageText(
        page_id=page.pk,
        content_type_id=page.content_type_id,
        path=page.path,
        title=page.title,
        summary=getattr(page, "summary", "") or "",
        body="\n".join(_texts(page, body_fields)),
        date=date,
    )
