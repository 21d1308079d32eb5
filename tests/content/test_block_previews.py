"""Every body block has a template, a description and a preview value for the admin's block picker."""

import pytest

from content.blocks import BodyBlock
from tests.factories import make_document, make_image

pytestmark = pytest.mark.django_db


def test_every_body_block_has_its_template_and_a_description():
    for name, block in BodyBlock().child_blocks.items():
        assert block.meta.template.startswith("blocks/"), name
        assert block.meta.description, name


def test_every_body_block_preview_renders_something():
    make_image("Une illustration")
    make_document("Le kit assurances", "kit.pdf", size=4096)
    blocks = BodyBlock().child_blocks
    for name, block in blocks.items():
        assert block.render(block.get_preview_value()).strip(), name
    assert "Fichier PDF - 4\u00a0Ko" in blocks["document"].render(blocks["document"].get_preview_value())
    assert "<picture>" in blocks["image"].render(blocks["image"].get_preview_value())
