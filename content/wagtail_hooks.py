from wagtail.contrib.settings.registry import register_setting
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.models import Footer, MainMenu, Partner, SeoSettings, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thèmes"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = "Partenaires"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "url", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


class MainMenuViewSet(SnippetViewSet):
    model = MainMenu
    icon = "list-ul"
    menu_label = "Menu principal"
    list_display = ["__str__", "live", "last_published_at"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"
    menu_label = "Pied de page"
    list_display = ["__str__", "live", "last_published_at"]


class NavigationViewSetGroup(SnippetViewSetGroup):
    """ "Navigation" in the admin menu: the header menu and the footer, one of each per site."""

    items = (MainMenuViewSet, FooterViewSet)
    menu_icon = "bars"
    menu_label = "Navigation"
    menu_name = "navigation"
    menu_order = 305


register_snippet(ThemeViewSet)
register_snippet(PartnerViewSet)
register_snippet(NavigationViewSetGroup)
register_setting(SeoSettings, icon="globe")
