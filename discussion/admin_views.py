"""Comment moderation in the Wagtail admin: the queue, and editors' approve and remove actions.

Everything here goes through :mod:`discussion.moderation`, so the admin and any
other screen agree on what "awaiting moderation" means and on what a decision does.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import BaseListingView
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page

from masthead.numbers import whole_number

from . import moderation
from .comments import render_comment_text

MODERATE_PERMISSION = "django_comments.can_moderate"
# Where the queue's URLs live in the admin: reverse("comment_moderation:index").
NAMESPACE = "comment_moderation"


def can_moderate(user) -> bool:
    """Whether ``user`` may see the moderation queue and act on it."""
    return user.has_perm(MODERATE_PERMISSION)  # False for inactive users, True for superusers


def awaiting_count_for(request: HttpRequest) -> int:
    """The queue's length, counted once per request: the menu and dashboard both show it."""
    try:
        return request._masthead_awaiting_comments
    except AttributeError:
        request._masthead_awaiting_comments = moderation.awaiting_count()
        return request._masthead_awaiting_comments


class ModeratorRequiredMixin:
    """Refuse anyone without ``can_moderate``; the admin turns this into its usual
    "Sorry, you do not have permission" redirect (a 403 for background requests)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueFilterSet(WagtailFilterSet):
    """All / held / flagged, in the admin's filter drawer."""

    status = django_filters.ChoiceFilter(
        label="Show",
        choices=(("held", "Held for approval"), ("flagged", "Flagged by readers")),
        empty_label="All",
        widget=forms.RadioSelect,
        method="filter_status",
    )

    def filter_status(self, queryset, name, value):
        # A held comment is not public; a flagged one is (readers could only see it so).
        if value == "held":
            return queryset.filter(is_public=False)
        if value == "flagged":
            return queryset.filter(is_public=True)
        return queryset

    class Meta:
        model = moderation.XtdComment
        fields = []


class ModerationQueueView(ModeratorRequiredMixin, BaseListingView):
    """Every comment awaiting an editor, oldest first, 50 to a page."""

    template_name = "wagtailadmin/generic/listing.html"
    results_template_name = "discussion/admin/moderation_queue_results.html"
    page_title = "Comments awaiting moderation"
    header_icon = "comment"
    paginate_by = 50
    filterset_class = QueueFilterSet
    index_url_name = f"{NAMESPACE}:index"
    index_results_url_name = f"{NAMESPACE}:index_results"
    verbose_name = "comment"
    verbose_name_plural = "comments"
    # The results template draws its own table (checkboxes and per-row forms).
    columns = []

    def get_base_queryset(self):
        return moderation.awaiting_moderation()

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return "No comments of this kind are awaiting moderation."
        return "No comments are awaiting moderation."

    def get_header_buttons(self):
        buttons = super().get_header_buttons()
        if self.request.user.has_perm("articles.change_discussionsettings"):
            url = reverse("wagtailsettings:edit", args=["articles", "discussionsettings"])
            buttons.append(HeaderButton("Discussion settings", url, icon_name="cog"))
        return buttons

    def return_url(self) -> str:
        """The full queue page (not the AJAX fragment) with the current filter and page."""
        query = self.request.GET.copy()
        query.pop("_w_filter_fragment", None)
        encoded = query.urlencode()
        return f"{self.index_url}?{encoded}" if encoded else self.index_url

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = list(context["object_list"])
        article_ids = {whole_number(row.object_pk) for row in rows} - {None}
        # One query for the page's articles whatever the number of comments; the
        # generic relation would cost one per comment.
        articles = Page.objects.only("id", "title", "url_path", "live", "path", "depth").in_bulk(
            article_ids
        )
        for row in rows:
            article = articles.get(whole_number(row.object_pk))
            row.article = article
            row.article_url = article.get_url(self.request) if article and article.live else ""
            row.html = render_comment_text(row.comment)
            row.is_held = not row.is_public
            flags = row.flag_count or 0
            readers = "reader" if flags == 1 else "readers"
            row.flag_label = f"Flagged by {flags} {readers}" if flags else ""
        context["object_list"] = rows
        context["return_url"] = self.return_url()
        context["approve_url"] = reverse(f"{NAMESPACE}:approve")
        context["remove_url"] = reverse(f"{NAMESPACE}:remove")
        return context


class DecisionView(ModeratorRequiredMixin, View):
    """Apply an editor's decision to the posted comment ids that are in the queue."""

    http_method_names = ["post"]
    decide = None  # moderation.approve or moderation.remove
    past_tense = ""

    def post(self, request):
        ids = {whole_number(value) for value in request.POST.getlist("comment")} - {None}
        # Only queue members: a stale page, a forged id or someone else's decision
        # made meanwhile must not publish or remove anything else.
        comments = list(moderation.awaiting_moderation().filter(pk__in=ids)) if ids else []
        if comments:
            done = self.decide(comments, request.user)
            noun = "comment" if done == 1 else "comments"
            messages.success(request, f"{done} {noun} {self.past_tense}.")
        elif ids:
            messages.warning(request, "Those comments are no longer awaiting moderation.")
        else:
            messages.warning(request, "Select at least one comment first.")
        return HttpResponseRedirect(
            get_valid_next_url_from_request(request) or reverse(f"{NAMESPACE}:index")
        )


class ApproveView(DecisionView):
    """Publish held comments and clear readers' flags."""

    decide = staticmethod(moderation.approve)
    past_tense = "approved"


class RemoveView(DecisionView):
    """Take comments down; their replies stay."""

    decide = staticmethod(moderation.remove)
    past_tense = "removed"


urlpatterns = [
    path("", ModerationQueueView.as_view(), name="index"),
    path("results/", ModerationQueueView.as_view(results_only=True), name="index_results"),
    path("approve/", ApproveView.as_view(), name="approve"),
    path("remove/", RemoveView.as_view(), name="remove"),
]

admin_urls = [path("comments/", include((urlpatterns, NAMESPACE), namespace=NAMESPACE))]
