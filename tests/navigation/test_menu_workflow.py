"""The menus and the footer go through the moderation workflow and can be locked.

An editor's draft and submission leave the public site as it is; the moderator's approval
publishes, which clears the cached navigation and purges the shared cache's `navigation` key.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Site, WorkflowState

from content.models import Footer, MainMenu, StandardPage
from content.navigation.cache import cache_key
from content.navigation.moderation import set_up_navigation_moderation
from httpcache.fragments import current_versions
from httpcache.keys import NAVIGATION
from tests.factories import make_content, make_main_menu, sign_in
from tests.navigation.conftest import entry
from tests.navigation.test_admin_navigation import menu_form_data

pytestmark = pytest.mark.django_db


def member_client(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def moderation():
    workflow = set_up_navigation_moderation()
    assert workflow is not None
    return workflow


@pytest.fixture
def editor(moderation):
    return member_client("redactrice", "Editors")


@pytest.fixture
def moderator(moderation):
    return member_client("moderateur", "Moderators")


@pytest.fixture
def mission(home_page):
    return make_content(StandardPage, home_page, title="Notre mission")


@pytest.fixture
def live_menu(mission):
    return make_main_menu(entries=[entry("Rubrique publiée")])


def edit_url(menu):
    return reverse("wagtailsnippets_content_mainmenu:edit", args=[menu.pk])


def navigation_version():
    return current_versions([NAVIGATION])[NAVIGATION]


def test_menus_and_footers_are_assigned_to_the_default_workflow(moderation):
    for model in (MainMenu, Footer):
        assert model(site=Site.objects.get(is_default_site=True)).get_workflow() == moderation


def test_an_editor_s_draft_leaves_the_public_menu_unchanged(editor, client, live_menu, mission):
    client.get("/")  # the navigation and the header's fragment are now cached
    version = navigation_version()
    response = editor.post(edit_url(live_menu), menu_form_data("Rubrique en brouillon", mission))
    assert response.status_code == 302, response.content.decode()[:2000]
    live_menu.refresh_from_db()
    assert live_menu.live and live_menu.has_unpublished_changes
    assert live_menu.latest_revision.as_object().entries[0].value["label"] == "Rubrique en brouillon"
    assert live_menu.entries[0].value["label"] == "Rubrique publiée"
    html = client.get("/").content.decode()
    assert "Rubrique publiée" in html and "Rubrique en brouillon" not in html
    assert navigation_version() == version  # nothing purged


def test_an_editor_may_not_publish_a_menu(editor, live_menu, mission):
    data = menu_form_data("Rubrique publiée sans validation", mission)
    data["action-publish"] = "action-publish"
    editor.post(edit_url(live_menu), data)
    live_menu.refresh_from_db()
    assert live_menu.entries[0].value["label"] == "Rubrique publiée"


def test_a_submitted_menu_is_published_by_the_moderator_s_approval(
    editor, moderator, client, live_menu, mission, django_capture_on_commit_callbacks
):
    client.get("/")
    site_id = Site.objects.get(is_default_site=True).pk
    assert cache.get(cache_key(site_id)) is not None
    version = navigation_version()

    data = menu_form_data("Rubrique validée", mission)
    data["action-submit"] = "action-submit"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(edit_url(live_menu), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    live_menu.refresh_from_db()
    state = WorkflowState.objects.for_instance(live_menu).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Moderators approval"
    html = client.get("/").content.decode()
    assert "Rubrique publiée" in html and "Rubrique validée" not in html
    assert navigation_version() == version  # a submission purges nothing

    # The moderator sees it waiting on the dashboard, then approves it.
    dashboard = moderator.get("/admin/").content.decode()
    assert AdminURLFinder().get_edit_url(live_menu) in dashboard
    approve_url = reverse(
        "wagtailsnippets_content_mainmenu:workflow_action",
        args=[live_menu.pk, "approve", state.current_task_state.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(approve_url, {"comment": ""})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    live_menu.refresh_from_db()
    assert live_menu.entries[0].value["label"] == "Rubrique validée"
    assert not live_menu.has_unpublished_changes
    assert cache.get(cache_key(site_id)) is None  # the cached navigation was dropped
    assert navigation_version() != version  # and the shared cache's `navigation` key purged
    html = client.get("/").content.decode()
    assert "Rubrique validée" in html and "Rubrique publiée" not in html


def test_a_menu_locked_by_an_editor_cannot_be_edited_by_another(editor, moderator, live_menu, mission):
    lock_url = reverse("wagtailsnippets_content_mainmenu:lock", args=[live_menu.pk])
    assert editor.post(lock_url).status_code == 302
    live_menu.refresh_from_db()
    assert live_menu.locked and live_menu.locked_by.username == "redactrice"
    revisions = live_menu.revisions.count()

    response = moderator.post(edit_url(live_menu), menu_form_data("Rubrique du modérateur", mission))
    assert response.status_code == 200  # the form again, with the lock's message
    assert "verrouill" in response.content.decode() or "locked" in response.content.decode()
    assert live_menu.revisions.count() == revisions

    response = editor.post(edit_url(live_menu), menu_form_data("Rubrique de la rédactrice", mission))
    assert response.status_code == 302  # the one who locked it still edits it
    assert live_menu.revisions.count() == revisions + 1

    unlock_url = reverse("wagtailsnippets_content_mainmenu:unlock", args=[live_menu.pk])
    assert moderator.post(unlock_url).status_code == 302  # a moderator may lift the lock
    live_menu.refresh_from_db()
    assert not live_menu.locked
    response = moderator.post(edit_url(live_menu), menu_form_data("Rubrique du modérateur", mission))
    assert response.status_code == 302
