# The comment-edit record and Settings → Discussion now belong to the discussion app
# (discussion/migrations/0001_initial takes them over). Their rows stay: the tables
# are renamed, not recreated, and their content types follow them there.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_repair_empty_tag_slugs'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable('commentedit', 'discussion_commentedit'),
                migrations.AlterModelTable('discussionsettings', 'discussion_discussionsettings'),
            ],
            state_operations=[
                migrations.DeleteModel('CommentEdit'),
                migrations.DeleteModel('DiscussionSettings'),
            ],
        ),
    ]
