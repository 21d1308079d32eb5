"""StreamField blocks of the page bodies, the home page and the menus.

Every StructBlock has its own template in templates/blocks/, an icon, a
description and a preview value for the admin's block picker.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from content.navigation.converters import (
    SOCIAL_NETWORKS,
    column_data,
    document_data,
    entry_data,
    group_data,
    promo_data,
    social_data,
)


class LinkValue(blocks.StructValue):
    @property
    def href(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("url") or ""


def validate_link_target(value):
    """A full address (https://…, mailto:, tel:) or a path of this site (/plan-du-site/)."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        # Browsers drop tabs and line breaks from a link: "/\t/evil.example" is "//evil.example".
        raise ValidationError("L’adresse contient un caractère de contrôle.")
    if value.startswith("/"):
        # "//evil.example" and "/\\evil.example" (read by browsers as "//") lead to another site:
        # Django's own check for redirects says which paths stay on this one.
        if url_has_allowed_host_and_scheme(value, allowed_hosts=set()):
            return
        raise ValidationError("Un chemin du site commence par une seule barre oblique\u00a0: /ressources/.")
    if value.startswith(("mailto:", "tel:")):
        return
    URLValidator(schemes=["http", "https"])(value)


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site, to a path of the site (/ressources/?cycle=cycle-1) or to
    another site."""

    label = blocks.CharBlock(label="Libellé", max_length=120)
    page = blocks.PageChooserBlock(label="Page du site", required=False)
    url = blocks.CharBlock(
        label="ou adresse",
        required=False,
        max_length=500,
        validators=[validate_link_target],
        help_text="Une adresse complète (https://…) ou un chemin du site (/ressources/?cycle=cycle-1).",
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError("Choisissez une page du site ou une adresse, l’une des deux.")
                }
            )
        return value

    def get_preview_value(self):
        return self.normalize(
            {"label": "Découvrir la coopérative scolaire", "url": "/la-cooperative-scolaire/"}
        )

    class Meta:
        icon = "link"
        label = "Lien"
        template = "blocks/link.html"
        description = "Un lien vers une page du site, un chemin du site ou une adresse externe."
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

    def get_preview_value(self):
        """The admin's preview shows the library's latest image, when there is one."""
        image = get_image_model().objects.order_by("-created_at").first()
        if image is None:
            return super().get_preview_value()
        image_value = {"image": image.pk, "alt_text": image.title, "decorative": False}
        return self.to_python({"image": image_value, "caption": "Une légende sous l’image."})

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

    def get_preview_value(self):
        """The admin's preview shows the library's latest document, when there is one."""
        document = get_document_model().objects.order_by("-created_at").first()
        if document is None:
            return super().get_preview_value()
        return self.to_python({"document": document.pk, "title": ""})

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


# --- Navigation: header menus and footer --------------------------------------------------
# Rendered from the plain data built by content/navigation/ (cached per site); each block's
# own template serves the admin's block preview and reuses the same component.


class NavigationPreviewMixin:
    """A menu or footer block renders (in the admin's preview) the component the site uses,
    given the same plain data: `preview_context()` says under which names."""

    def preview_context(self, value, request):
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context.update(self.preview_context(value, (parent_context or {}).get("request")))
        return context


class NavLinkBlock(LinkBlock):
    """A menu link: a page of the site, a full address, or a path such as /plan-du-site/."""

    def get_preview_value(self):
        return self.normalize({"label": "Notre mission", "url": "/nous-connaitre/notre-mission/"})

    class Meta:
        label = "Lien"
        description = "Un lien vers une page du site, un chemin du site ou une adresse externe."


class NavGroupBlock(NavigationPreviewMixin, blocks.StructBlock):
    """A utility link that opens a short list of links ("Nous connaître" > "Notre histoire"…)."""

    label = blocks.CharBlock(label="Libellé", max_length=80)
    links = blocks.ListBlock(NavLinkBlock(), label="Liens", min_num=1, max_num=12)

    def preview_context(self, value, request):
        return {"item": group_data(value, request)}

    class Meta:
        icon = "list-ul"
        label = "Groupe de liens"
        template = "blocks/nav_group.html"
        description = "Un libellé qui déplie une courte liste de liens."
        preview_value = {
            "label": "Nous connaître",
            "links": [
                {"label": "Notre histoire", "url": "/nous-connaitre/notre-histoire/"},
                {"label": "Notre mission", "url": "/nous-connaitre/notre-mission/"},
            ],
        }


class MenuPromoBlock(NavigationPreviewMixin, blocks.StructBlock):
    """A promotion in a mega-menu panel: an image, a title, a text and its links."""

    image = ImageBlock(label="Image", required=False)
    kicker = blocks.CharBlock(
        label="Surtitre", required=False, max_length=60, help_text="Par exemple : « Actualité »."
    )
    title = blocks.CharBlock(label="Titre", max_length=120)
    text = blocks.TextBlock(label="Texte", required=False)
    links = blocks.ListBlock(NavLinkBlock(), label="Liens", min_num=1, max_num=4)

    def preview_context(self, value, request):
        return {"feature": promo_data(value, request)}

    class Meta:
        icon = "pick"
        label = "Mise en avant"
        template = "blocks/menu_feature.html"
        description = "Une image, un titre, un texte et un ou plusieurs liens."
        preview_value = {
            "title": "Les agendas coopératifs",
            "text": "Des outils pédagogiques illustrés où les élèves découvrent chaque jour "
            "une question et une activité.",
            "links": [
                {"label": "Cycle 1", "url": "https://www.occe.coop/"},
                {"label": "Cycle 2", "url": "https://www.occe.coop/"},
                {"label": "Cycle 3", "url": "https://www.occe.coop/"},
            ],
        }


class MenuDocumentBlock(NavigationPreviewMixin, blocks.StructBlock):
    """A document to download from a mega-menu panel, shown with its type and size."""

    image = ImageBlock(label="Icône ou image", required=False)
    title = blocks.CharBlock(label="Titre", max_length=120)
    text = blocks.TextBlock(label="Texte", required=False)
    document = DocumentChooserBlock(label="Document")
    link_label = blocks.CharBlock(
        label="Libellé du lien",
        max_length=60,
        required=False,
        help_text="Par défaut : Télécharger.",
    )

    def preview_context(self, value, request):
        return {"feature": document_data(value)}

    class Meta:
        icon = "doc-full"
        label = "Document à télécharger"
        template = "blocks/menu_feature.html"
        description = "Un document à télécharger, affiché avec son type et sa taille."


class MenuFeaturesBlock(blocks.StreamBlock):
    promo = MenuPromoBlock()
    document = MenuDocumentBlock()

    class Meta:
        max_num = 2
        required = False


class MenuEntryBlock(NavigationPreviewMixin, blocks.StructBlock):
    """A main entry of the mega-menu and its panel."""

    label = blocks.CharBlock(label="Libellé", max_length=80)
    page = blocks.PageChooserBlock(
        label="Page de la rubrique",
        required=False,
        help_text="Facultatif : ajoute au panneau un lien « Toute la rubrique ».",
    )
    links = blocks.ListBlock(NavLinkBlock(), label="Liens du panneau", min_num=0, max_num=12)
    features = MenuFeaturesBlock(label="Mises en avant (deux au plus)")

    def preview_context(self, value, request):
        return {"entries": [entry_data(value, request)]}

    class Meta:
        icon = "list-ul"
        label = "Entrée du menu"
        template = "blocks/menu_entry.html"
        description = "Une entrée du menu principal : ses liens et une ou deux mises en avant."
        preview_value = {
            "label": "Me former à la coopération à l’école",
            "links": [
                {"label": "Nos champs d’intervention", "url": "https://www.occe.coop/"},
                {"label": "La formation dans les territoires", "url": "https://www.occe.coop/"},
            ],
            "features": [],
        }


class FooterColumnBlock(NavigationPreviewMixin, blocks.StructBlock):
    """A column of the footer: a heading and its links."""

    heading = blocks.CharBlock(label="Titre", max_length=80)
    links = blocks.ListBlock(NavLinkBlock(), label="Liens", min_num=0, max_num=12)

    def preview_context(self, value, request):
        return {"column": column_data(value, request)}

    class Meta:
        icon = "list-ul"
        label = "Colonne de liens"
        template = "blocks/footer_column.html"
        description = "Un titre et ses liens, dans le pied de page."
        preview_value = {
            "heading": "Nous rejoindre",
            "links": [
                {"label": "Adhérer", "url": "https://www.occe.coop/"},
                {"label": "Militer", "url": "https://www.occe.coop/"},
            ],
        }


class SocialLinkBlock(NavigationPreviewMixin, blocks.StructBlock):
    network = blocks.ChoiceBlock(label="Réseau", choices=SOCIAL_NETWORKS)
    url = blocks.URLBlock(label="Adresse du compte")
    label = blocks.CharBlock(
        label="Nom accessible",
        required=False,
        max_length=80,
        help_text="Lu par les lecteurs d’écran. Par défaut : le nom du réseau.",
    )

    def preview_context(self, value, request):
        return {"social_links": [social_data(value)]}

    class Meta:
        icon = "site"
        label = "Réseau social"
        template = "blocks/social_link.html"
        description = "Un compte de l’OCCE sur un réseau social, montré par son icône."
        preview_value = {"network": "facebook", "url": "https://www.facebook.com/"}
