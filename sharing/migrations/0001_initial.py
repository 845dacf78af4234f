# The sharing app's models. On a new install this creates their tables. A database
# from before the app existed has them already: plugins/0002 renamed its own
# tables to these names, rows and all, so only Django's record of the models
# changes, and their content types (with the permissions groups were granted on
# them) move over from plugins.

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def create_tables_unless_handed_over(apps, schema_editor):
    """A new install gets the tables here; an older one has them already, renamed by
    the hand-over migration in plugins, rows and all."""
    existing = set(schema_editor.connection.introspection.table_names())
    for name in ('ShareSettings', 'ShareSettingsProvider'):
        model = apps.get_model('sharing', name)
        if model._meta.db_table not in existing:
            schema_editor.create_model(model)


def move_content_types(apps, schema_editor):
    """Content types (and so permissions granted to groups) follow the models from plugins to sharing."""
    content_type = apps.get_model('contenttypes', 'ContentType')
    for model in ('sharesettings', 'sharesettingsprovider'):
        if not content_type.objects.filter(app_label='sharing', model=model).exists():
            content_type.objects.filter(app_label='plugins', model=model).update(app_label='sharing')


def move_content_types_back(apps, schema_editor):
    """Content types (and so permissions granted to groups) follow the models back to plugins."""
    content_type = apps.get_model('contenttypes', 'ContentType')
    for model in ('sharesettings', 'sharesettingsprovider'):
        if not content_type.objects.filter(app_label='plugins', model=model).exists():
            content_type.objects.filter(app_label='sharing', model=model).update(app_label='plugins')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('plugins', '0002_hand_share_settings_to_sharing'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ShareSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tag_with_network', models.BooleanField(default=False, help_text='Adds utm_source=facebook, utm_source=x … so analytics can tell the networks apart. Takes the place of the campaign source below.', verbose_name="tag links with the network's name")),
                        ('utm_source', models.CharField(blank=True, help_text='Empty (and the box above unticked): no utm_source.', max_length=100, verbose_name='campaign source (utm_source)')),
                        ('utm_medium', models.CharField(blank=True, help_text='For example: social.', max_length=100, verbose_name='campaign medium (utm_medium)')),
                        ('utm_campaign', models.CharField(blank=True, max_length=100, verbose_name='campaign name (utm_campaign)')),
                        ('mastodon_instance', models.CharField(default='mastodon.social', help_text="Mastodon has no central share page: readers are sent to this server's.", max_length=253, validators=[django.core.validators.RegexValidator('^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$', "Enter the server's name only, such as mastodon.social.")], verbose_name='Mastodon server')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'sharing',
                    },
                ),
                migrations.CreateModel(
                    name='ShareSettingsProvider',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('provider', models.CharField(max_length=40, verbose_name='network')),
                        ('site_settings', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='providers', to='sharing.sharesettings')),
                    ],
                    options={
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
            ],
        ),
        # Reversed, the tables stay: the hand-over migration's reverse renames them back.
        migrations.RunPython(create_tables_unless_handed_over, migrations.RunPython.noop),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
