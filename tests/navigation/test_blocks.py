"""The menu and footer blocks show editors a preview in the admin's block picker."""

import pytest

from content.blocks import (
    FooterColumnBlock,
    MenuEntryBlock,
    MenuPromoBlock,
    NavGroupBlock,
    NavLinkBlock,
    SocialLinkBlock,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("block_class", "expected"),
    [
        (NavLinkBlock, '<a href="/nous-connaitre/notre-mission/"'),
        (NavGroupBlock, '<summary class="utility-nav__toggle">Nous connaître</summary>'),
        (MenuPromoBlock, '<p class="menu-feature__title">Les agendas coopératifs</p>'),
        (MenuEntryBlock, "Me former à la coopération à l’école</summary>"),
        (FooterColumnBlock, '<h2 class="footer-column__title">Nous rejoindre</h2>'),
        (SocialLinkBlock, '<span class="visually-hidden">Facebook</span>'),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_each_block_renders_its_preview(block_class, expected):
    block = block_class()
    html = block.render(block.get_preview_value())
    assert expected in html


@pytest.mark.parametrize(
    "block_class",
    [NavGroupBlock, MenuPromoBlock, MenuEntryBlock, FooterColumnBlock, SocialLinkBlock],
    ids=lambda cls: cls.__name__,
)
def test_each_block_describes_itself_for_editors(block_class):
    meta = block_class().meta
    assert meta.template and meta.icon and meta.description and meta.label
