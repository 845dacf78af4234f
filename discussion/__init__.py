"""Comments on pages: posting, editing, deleting and flagging, the edit record,
Settings → Discussion, confirmation and follow-up mails, the moderation queue in the
admin and rate limits. Any page type inheriting ``models.DiscussedPage`` takes comments."""
