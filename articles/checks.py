"""System checks: comment settings that would otherwise fail on a reader's first post."""

from __future__ import annotations

from django.core.checks import Error, register

from masthead.conf import masthead_setting


@register()
def comment_settings(app_configs, **kwargs) -> list[Error]:
    """Rate limits must parse and every named moderator must import and be callable."""
    from django.utils.module_loading import import_string

    from .moderation import parse_rates

    errors = []
    for name in ("COMMENT_RATE_LIMIT_PER_USER", "COMMENT_RATE_LIMIT_PER_ADDRESS"):
        try:
            parse_rates(masthead_setting(name))
        except ValueError as error:
            errors.append(Error(f'MASTHEAD["{name}"]: {error}', id="masthead.E101"))
    for path in masthead_setting("COMMENT_MODERATORS"):
        try:
            moderator = import_string(path)
        except ImportError as error:
            errors.append(
                Error(f"Comment moderator {path!r} cannot be imported: {error}", id="masthead.E102")
            )
            continue
        if not callable(moderator):
            errors.append(Error(f"Comment moderator {path!r} is not callable", id="masthead.E102"))
    return errors
