from django import template
from django.utils import timezone

from content.documents import document_label as _document_label

register = template.Library()


@register.filter
def document_label(document):
    """ "Fichier PDF - 429 Ko"."""
    return _document_label(document) if document else ""


@register.filter
def french_time(value):
    """ "18 h" or "18 h 30", in the site's time zone, as French typography writes hours."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if local.minute:
        return f"{local.hour}\u00a0h\u00a0{local.minute:02d}"
    return f"{local.hour}\u00a0h"


@register.filter
def duration_label(minutes):
    """ "1 h 30", "45 min"."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}\u00a0min"
    return f"{hours}\u00a0h\u00a0{rest:02d}" if rest else f"{hours}\u00a0h"
