"""The project: settings, URLs, WSGI/ASGI, Masthead's own settings (``conf``) and the
infrastructure every app uses (page cache, pagination, the site's name, cache, headers,
proxies, health). It imports no app, except ``urls.py``, which mounts them."""
