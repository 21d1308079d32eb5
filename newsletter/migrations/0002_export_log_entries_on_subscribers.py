"""Export audit entries were filed under the ContentType model, which only superusers may read:
file them under Subscriber (id 0, the subscribers as a whole), as newsletter.exports does now."""

from django.db import migrations


def file_under_subscribers(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    entries = ModelLogEntry.objects.filter(
        action="newsletter.export", content_type__app_label="contenttypes", content_type__model="contenttype"
    )
    if entries.exists():
        subscriber_type, _ = ContentType.objects.get_or_create(app_label="newsletter", model="subscriber")
        entries.update(content_type=subscriber_type, object_id="0")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsletter", "0001_initial"),
        ("wagtailcore", "0065_log_entry_uuid"),
    ]

    operations = [migrations.RunPython(file_under_subscribers, migrations.RunPython.noop)]
