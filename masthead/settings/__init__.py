"""Masthead settings: ``base`` reads the environment; the others adjust it."""
