"""Sections, articles, authors and tags: the pages, their blocks, feeds, SEO and
plain-text helpers. An article shows its discussion, share row and sentiment badge,
which their own apps provide."""
