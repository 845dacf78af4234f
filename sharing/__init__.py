"""The share row under an article: Settings → Sharing, its template tag and script.
The first-party share providers (``providers``) are a plugin like any other."""
