"""Tags stored before slugs were guaranteed ("?", "—", an emoji) get the slug a new one would."""

import hashlib

from django.db import migrations


def give_empty_slugs_one(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = f"tag-{hashlib.sha256(tag.name.encode()).hexdigest()[:10]}"
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_comment_edit"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_empty_slugs_one, migrations.RunPython.noop)]
