from django import template
from django.utils import timezone
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

from content.documents import document_label as _document_label

register = template.Library()


class DistinctWidthsPicture(Picture):
    """Wagtail's <picture>, each width once in a srcset (wagtail/wagtail#12389).

    Wagtail never enlarges an image: one narrower than the widest rendition asked for gives
    several renditions of its own width, and the HTML standard forbids two candidates of the
    same width in a srcset. Keep the first of each; width descriptors even for a single one,
    which `sizes` needs."""

    @classmethod
    def get_width_srcset(cls, renditions_list):
        distinct = {}
        for rendition in renditions_list:
            distinct.setdefault(rendition.width, rendition)
        return ", ".join(f"{rendition.url} {width}w" for width, rendition in distinct.items())


class DistinctWidthsPictureNode(wagtailimages_tags.PictureNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return DistinctWidthsPicture(renditions, attrs).__html__()


@register.tag
def responsive_picture(parser, token):
    """`{% responsive_picture image format-{webp,jpeg} width-{480,800} sizes="…" alt="…" %}`: Wagtail's
    `{% picture %}`, with the same arguments, whose srcsets stay valid for small images."""
    token.contents = "picture" + token.contents.removeprefix("responsive_picture")
    node = wagtailimages_tags.image(parser, token)
    if node.output_var_name:
        raise template.TemplateSyntaxError("responsive_picture does not take `as`: use {% picture … as … %}")
    return DistinctWidthsPictureNode(node.image_expr, node.filter_specs, attrs=node.attrs)


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
