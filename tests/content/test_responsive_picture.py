"""{% responsive_picture %}: Wagtail's {% picture %}, each width once in a srcset."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError

from tests.factories import make_image

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load content_tags %}" + source).render(Context(context))


def srcsets(html):
    return re.findall(r'srcset="([^"]*)"', html)


def test_an_image_narrower_than_the_specs_lists_its_width_once_per_format():
    image = make_image(width=600, height=400)
    html = render(
        '{% responsive_picture image format-{webp,jpeg} width-{480,800,1200} sizes="100vw" alt="" %}',
        image=image,
    )
    webp, jpeg = srcsets(html)
    assert [candidate.split()[-1] for candidate in webp.split(", ")] == ["480w", "600w"]
    assert [candidate.split()[-1] for candidate in jpeg.split(", ")] == ["480w", "600w"]
    assert 'sizes="100vw"' in html


def test_a_single_width_keeps_its_descriptor_for_sizes():
    image = make_image(width=300, height=200)
    html = render('{% responsive_picture image width-{480,800} sizes="100vw" alt="" %}', image=image)
    [srcset] = srcsets(html)
    assert srcset.endswith(" 300w")


def test_a_wide_image_gets_every_width_asked_for():
    image = make_image(width=1400, height=900)
    html = render(
        '{% responsive_picture image format-{webp,jpeg} width-{480,800,1200} alt="" %}', image=image
    )
    assert all(re.findall(r"\b(\d+)w\b", srcset) == ["480", "800", "1200"] for srcset in srcsets(html))


def test_no_image_renders_nothing():
    assert render('{% responsive_picture image width-{480,800} alt="" %}', image=None) == ""


def test_the_as_form_is_refused():
    with pytest.raises(TemplateSyntaxError):
        render("{% responsive_picture image width-{480,800} as picture %}", image=None)
