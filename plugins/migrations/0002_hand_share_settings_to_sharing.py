# Settings → Sharing now belongs to the sharing app (sharing/migrations/0001_initial
# takes it over): the plugin host keeps no models. The rows stay: the tables are
# renamed, not recreated, and their content types follow them there.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plugins', '0001_share_settings'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable('sharesettings', 'sharing_sharesettings'),
                migrations.AlterModelTable('sharesettingsprovider', 'sharing_sharesettingsprovider'),
            ],
            state_operations=[
                migrations.DeleteModel('ShareSettingsProvider'),
                migrations.DeleteModel('ShareSettings'),
            ],
        ),
    ]
