from wagtail.models import Page


class HomePage(Page):
    """The root of the public site."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = "page d'accueil"
        verbose_name_plural = "pages d'accueil"
