"""The menus and the footer under the same moderation as pages.

`MainMenu` and `Footer` have Wagtail's workflow and locking mixins (content/models/
navigation.py); which workflow they go through is an admin setting (Paramètres › Workflows › a workflow ›
« Assignez votre workflow à des fragments »), and who may do what, the groups'
permissions. `set_up_navigation_moderation()` does both the way the demo wants them, and is
what a site's administrator would click:

- the menus and the footer go through Wagtail's default workflow, « Moderators approval »
  (one task: a member of the Moderators group approves);
- the Editors group may create, edit and lock them and submit a change for moderation, but not
  publish it;
- the Moderators group may also publish them and unlock what another editor locked.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Workflow, WorkflowContentType

from content.models import Footer, MainMenu

NAVIGATION_MODELS = (MainMenu, Footer)
# Created by Wagtail's own migrations, with the Editors and Moderators groups.
DEFAULT_WORKFLOW_NAME = "Moderators approval"
GROUP_ACTIONS = {
    "Editors": ("add", "change", "lock"),
    "Moderators": ("add", "change", "publish", "lock", "unlock"),
}


def set_up_navigation_moderation():
    """Assign the menus and the footer to the default workflow and give the Editors and
    Moderators groups their permissions on them; the workflow, or None if it does not exist
    (deleted by an administrator). An existing assignment is left as it is."""
    workflow = Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME, active=True).first()
    content_types = ContentType.objects.get_for_models(*NAVIGATION_MODELS)
    if workflow is not None:
        for content_type in content_types.values():
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
    for group in Group.objects.filter(name__in=GROUP_ACTIONS):
        codenames = [
            f"{action}_{model._meta.model_name}"
            for model in NAVIGATION_MODELS
            for action in GROUP_ACTIONS[group.name]
        ]
        group.permissions.add(
            *Permission.objects.filter(content_type__in=content_types.values(), codename__in=codenames)
        )
    return workflow
