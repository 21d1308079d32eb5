from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import Partner, Theme


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


register_snippet(ThemeViewSet)
register_snippet(PartnerViewSet)
