"""A demo publication, “Masthead Review”, built by ``manage.py load_demo``."""
