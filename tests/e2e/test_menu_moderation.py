"""An editor changes the main menu and submits it for moderation; the public site keeps the
published menu until a moderator approves the change, which publishes it."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from content.models import MainMenu

from .conftest import PASSWORD, sign_in_with_password


@pytest.fixture
def menu_editor(demo_site):
    """A member of Wagtail's Editors group: may edit the menus and submit them, not publish."""
    user = get_user_model().objects.create_user(
        f"menus-{uuid.uuid4().hex[:8]}", "menus@example.org", PASSWORD
    )
    user.groups.add(Group.objects.get(name="Editors"))
    yield user
    user.delete()


@pytest.fixture
def demo_menu(demo_site):
    """The demo's menu, published again as it was once the test is over."""
    menu = MainMenu.objects.get()
    live_revision = menu.live_revision
    yield menu
    WorkflowState.objects.for_instance(menu).delete()
    live_revision.publish()


def test_an_editor_submits_a_menu_change_and_a_moderator_publishes_it(
    page, browser, browser_context_args, base_url, demo_site, menu_editor, demo_menu
):
    old_label = demo_menu.entries[0].value["label"]
    new_label = f"Gérer ma coopé {uuid.uuid4().hex[:6]}"
    edit_url = f"/admin/snippets/content/mainmenu/edit/{demo_menu.pk}/"

    sign_in_with_password(page, menu_editor)
    page.wait_for_url("**/admin/")
    page.goto(edit_url)
    page.locator("input[name='entries-0-value-label']").fill(new_label)
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Soumettre à Moderators approval").click()
    expect(page.locator(".messages")).to_contain_text(demo_menu._meta.verbose_name.capitalize())
    state = WorkflowState.objects.for_instance(demo_menu).get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by == menu_editor

    page.goto("/")  # the public site still shows the published menu
    expect(page.locator(".site-header")).to_contain_text(old_label)
    expect(page.locator(".site-header")).not_to_contain_text(new_label)

    moderator_context = browser.new_context(**{**browser_context_args, "base_url": base_url})
    moderator = moderator_context.new_page()
    try:
        sign_in_with_password(moderator, demo_site["editor"])  # a member of Moderators
        moderator.wait_for_url("**/admin/")
        moderator.goto(edit_url)
        expect(moderator.locator("input[name='entries-0-value-label']")).to_have_value(new_label)
        moderator.get_by_role("button", name="Plus d'actions").click()
        moderator.get_by_role("button", name="Approuver et Publier", exact=True).click()
        expect(moderator.locator(".messages")).to_be_visible()
    finally:
        moderator_context.close()

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    demo_menu.refresh_from_db()
    assert demo_menu.entries[0].value["label"] == new_label
    page.goto("/")
    expect(page.locator(".site-header")).to_contain_text(new_label)
