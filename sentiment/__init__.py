"""Sentiment badges: the verdict scored once at publish and stored on the page
(``models.ScoredPage``), ``score_sentiment``, and the VADER analyzer and badge
(``vader``), a plugin like any other."""
