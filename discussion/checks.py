"""System checks: comment settings that would otherwise fail on a reader's first post."""

from __future__ import annotations

from django.core.checks import Error, register

from masthead.conf import masthead_setting


@register()
def comment_settings(app_configs, **kwargs) -> list[Error]:
    """The comment and confirmation-mail rate limits must parse."""
    from .rate_limits import parse_rates

    errors = []
    for name in (
        "COMMENT_RATE_LIMIT_PER_USER",
        "COMMENT_RATE_LIMIT_PER_ADDRESS",
        "CONFIRMATION_MAIL_RATE_LIMIT_PER_RECIPIENT",
        "CONFIRMATION_MAIL_RATE_LIMIT_PER_ADDRESS",
    ):
        try:
            parse_rates(masthead_setting(name))
        except ValueError as error:
            errors.append(Error(f'MASTHEAD["{name}"]: {error}', id="masthead.E101"))
    return errors
