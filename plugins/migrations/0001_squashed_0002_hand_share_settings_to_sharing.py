# Plugins' migrations 0001-0002, squashed, for new installs: the plugin host keeps no
# models. Settings → Sharing, which 0001 created here and 0002 handed to the sharing
# app, is made by sharing/0001 instead. A database that applied 0001 runs 0002.

from django.db import migrations


class Migration(migrations.Migration):

    replaces = [
        ('plugins', '0001_share_settings'),
        ('plugins', '0002_hand_share_settings_to_sharing'),
    ]

    initial = True

    dependencies = []

    operations = []
