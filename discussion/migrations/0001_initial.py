# The discussion app's models. On a new install this creates their tables. A database
# from before the app existed has them already: articles/0007 renamed its own
# tables to these names, rows and all, so only Django's record of the models
# changes, and their content types (with the permissions groups were granted on
# them) move over from articles.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def create_tables_unless_handed_over(apps, schema_editor):
    """A new install gets the tables here; an older one has them already, renamed by
    the hand-over migration in articles, rows and all."""
    existing = set(schema_editor.connection.introspection.table_names())
    for name in ('DiscussionSettings', 'CommentEdit'):
        model = apps.get_model('discussion', name)
        if model._meta.db_table not in existing:
            schema_editor.create_model(model)


def move_content_types(apps, schema_editor):
    """Content types (and so permissions granted to groups) follow the models from articles to discussion."""
    content_type = apps.get_model('contenttypes', 'ContentType')
    for model in ('commentedit', 'discussionsettings'):
        if not content_type.objects.filter(app_label='discussion', model=model).exists():
            content_type.objects.filter(app_label='articles', model=model).update(app_label='discussion')


def move_content_types_back(apps, schema_editor):
    """Content types (and so permissions granted to groups) follow the models back to articles."""
    content_type = apps.get_model('contenttypes', 'ContentType')
    for model in ('commentedit', 'discussionsettings'):
        if not content_type.objects.filter(app_label='articles', model=model).exists():
            content_type.objects.filter(app_label='discussion', model=model).update(app_label='articles')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0007_hand_discussion_models_to_discussion'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('django_comments_xtd', '0008_auto_20200920_2037'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CommentEdit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('edited_at', models.DateTimeField()),
                        ('comment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='masthead_edit', to='django_comments_xtd.xtdcomment')),
                    ],
                    options={
                        'verbose_name': 'comment edit',
                    },
                ),
                migrations.CreateModel(
                    name='DiscussionSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('default_policy', models.CharField(choices=[('open', 'Open until an editor closes them'), ('auto', 'Close automatically some days after publication')], default='open', max_length=8, verbose_name='comments on new articles')),
                        ('close_after_days', models.PositiveSmallIntegerField(default=30, help_text='Used when comments close automatically, unless an article says otherwise.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(3650)], verbose_name='close after (days)')),
                        ('moderation', models.CharField(choices=[('publish', 'Publish comments at once'), ('first', "Hold a commenter's first comment for approval"), ('all', 'Hold every comment for approval')], default='publish', help_text='Held comments wait in Comments → Moderation until an editor approves them.', max_length=8, verbose_name='before comments appear')),
                        ('anonymous_comments', models.BooleanField(default=False, help_text='Their comment appears only after they follow the link mailed to them.', verbose_name='visitors may comment without an account')),
                        ('edit_window_minutes', models.PositiveSmallIntegerField(default=15, help_text='0: comments cannot be edited once posted.', validators=[django.core.validators.MaxValueValidator(1440)], verbose_name='readers may edit their comment for (minutes)')),
                        ('comments_per_page', models.PositiveSmallIntegerField(default=20, help_text='A comment and its replies count as one conversation.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(200)], verbose_name='conversations per page')),
                        ('default_order', models.CharField(choices=[('oldest', 'Oldest first'), ('newest', 'Newest first')], default='oldest', help_text="Readers can switch the order under the comments' heading.", max_length=8, verbose_name='show conversations')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'discussion',
                    },
                ),
            ],
        ),
        # Reversed, the tables stay: the hand-over migration's reverse renames them back.
        migrations.RunPython(create_tables_unless_handed_over, migrations.RunPython.noop),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
