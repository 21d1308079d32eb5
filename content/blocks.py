"""StreamField blocks of the page bodies, the home page and the menus.

Every StructBlock has its own template in templates/blocks/, an icon, a
description and a preview value for the admin's block picker.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class LinkValue(blocks.StructValue):
    @property
    def href(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("url") or ""


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address."""

    label = blocks.CharBlock(label="Libellé", max_length=120)
    page = blocks.PageChooserBlock(label="Page du site", required=False)
    url = blocks.URLBlock(label="ou adresse externe", required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        "Choisissez une page du site ou une adresse externe, pas les deux."
                    )
                }
            )
        return value

    def get_preview_value(self):
        return {"label": "Découvrir la coopérative scolaire", "url": "https://www.occe.coop/"}

    class Meta:
        icon = "link"
        label = "Lien"
        template = "blocks/link.html"
        description = "Un lien vers une page du site ou une adresse externe."
        value_class = LinkValue


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Texte", max_length=200)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Titre de section (h2)"), ("h3", "Sous-titre (h3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = "blocks/heading.html"
        description = "Un titre de section ou un sous-titre, pour structurer le texte."
        preview_value = {"text": "Pourquoi coopérer à l'école ?", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = "Texte"
        template = "blocks/paragraph.html"
        description = "Du texte mis en forme : paragraphes, listes, liens."
        preview_value = (
            "<p>La coopérative scolaire permet aux élèves de <b>décider ensemble</b> "
            "des projets de la classe et de les mener à bien.</p>"
        )
        features = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label="Image")
    caption = blocks.CharBlock(label="Légende", required=False, max_length=300)

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image.html"
        description = "Une image avec son texte alternatif (ou marquée décorative) et une légende."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citation")
    attribution = blocks.CharBlock(label="Auteur ou source", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "blocks/quote.html"
        description = "Une citation mise en valeur, avec son auteur."
        preview_value = {
            "text": "La coopération, c'est apprendre à faire ensemble ce qu'on ne peut faire seul.",
            "attribution": "Un enseignant de cycle 3",
        }


class VideoBlock(blocks.StructBlock):
    """A video hosted elsewhere, shown as a link.

    The site loads nothing from another host: no third-party player, no
    cookie set by a video platform before the visitor chooses to go there.
    """

    title = blocks.CharBlock(label="Titre de la vidéo", max_length=200)
    url = blocks.URLBlock(label="Adresse de la vidéo")
    platform = blocks.CharBlock(
        label="Plateforme",
        required=False,
        max_length=60,
        help_text="Par exemple : YouTube, PeerTube.",
    )
    transcript = blocks.TextBlock(label="Transcription", required=False)

    class Meta:
        icon = "media"
        label = "Vidéo"
        template = "blocks/video.html"
        description = "Un lien vers une vidéo, avec sa transcription si possible."
        preview_value = {
            "title": "La coopérative scolaire en deux minutes",
            "url": "https://www.youtube.com/watch?v=example",
            "platform": "YouTube",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    title = blocks.CharBlock(
        label="Intitulé",
        required=False,
        max_length=200,
        help_text="Par défaut : le titre du document.",
    )

    class Meta:
        icon = "doc-full"
        label = "Document à télécharger"
        template = "blocks/document.html"
        description = "Un document à télécharger, affiché avec son type et sa taille."


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Accroche", required=False, max_length=200)
    link = LinkBlock(label="Bouton")

    class Meta:
        icon = "pick"
        label = "Bouton d'action"
        template = "blocks/call_to_action.html"
        description = "Un bouton qui invite à agir : adhérer, s'inscrire, télécharger…"
        preview_value = {
            "text": "Votre école n'est pas encore affiliée ?",
            "link": {"label": "Adhérer à l'OCCE", "url": "https://www.occe.coop/"},
        }


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="Question", max_length=250)
    answer = blocks.RichTextBlock(label="Réponse", features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = "Question et réponse"


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titre", required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label="Questions", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Accordéon (questions et réponses)"
        template = "blocks/accordion.html"
        description = "Des questions dont la réponse se déplie, sans JavaScript."
        preview_value = {
            "title": "Questions fréquentes",
            "items": [
                {
                    "question": "Qui gère la coopérative scolaire ?",
                    "answer": "<p>Les élèves, accompagnés par leur enseignant mandataire.</p>",
                }
            ],
        }


class BodyBlock(blocks.StreamBlock):
    """The body shared by every content page."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()


class PromoBlock(blocks.StructBlock):
    """A promotion on the home page: an image, a text and one or more links."""

    title = blocks.CharBlock(label="Titre", max_length=120)
    text = blocks.TextBlock(label="Texte", required=False)
    image = ImageBlock(label="Image", required=False)
    links = blocks.ListBlock(LinkBlock(), label="Liens", min_num=1, max_num=6)

    class Meta:
        icon = "pick"
        label = "Promotion"
        template = "blocks/promo.html"
        description = "Une mise en avant avec image, texte et liens (par exemple les agendas coopératifs)."
        preview_value = {
            "title": "Les agendas coopératifs",
            "text": "Des outils illustrés où les élèves découvrent chaque jour une question et une activité.",
            "links": [
                {"label": "Cycle 1", "url": "https://www.occe.coop/"},
                {"label": "Cycle 2", "url": "https://www.occe.coop/"},
            ],
        }
