"""The demo publication, "Masthead Review": its words as files in ``content/``, its
generated images and ``load_demo``. Nothing imports this app."""
