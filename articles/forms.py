"""The article edit form's own checks, on top of Wagtail's."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Refuses an article that credits the same author twice or picks itself as related."""

    def clean(self):
        cleaned_data = super().clean()
        self._check_unique_children("article_authors", "author", "is already credited above.")
        self._check_unique_children("related_picks", "target", "is already picked above.")
        for form in self._live_forms("related_picks"):
            target = form.cleaned_data.get("target")
            if target is not None and self.instance.pk and target.pk == self.instance.pk:
                form.add_error("target", "An article can't be related to itself.")
        return cleaned_data

    def _live_forms(self, formset_name: str):
        formset = self.formsets.get(formset_name)
        if formset is None:
            return []
        # The page form is cleaned before its formsets; clean them now (Django caches it).
        formset.is_valid()
        return [
            form
            for form in formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]

    def _check_unique_children(self, formset_name: str, field: str, message: str) -> None:
        seen = set()
        for form in self._live_forms(formset_name):
            value = form.cleaned_data.get(field)
            if value is None:
                continue
            if value.pk in seen:
                form.add_error(field, f"{value} {message}")
            seen.add(value.pk)
