"""Moving in from WordPress: reading WordPress's export files (WXR) safely and in
constant memory, turning post content into Masthead's body blocks, and
``manage.py import_wordpress``. Like the demo, it sits on top: it uses the other
apps, and nothing imports it."""
