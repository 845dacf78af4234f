"""Pagination that never fails a reader and never pollutes the page cache."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from .page_cache import refuse_query, vouch_for_query

if TYPE_CHECKING:
    from django.http import HttpRequest


def paginate(request: HttpRequest, items, per_page: int, param: str = "page"):
    """The page of ``items`` that ``?<param>=`` asks for; out-of-range or malformed
    numbers give the nearest page."""
    paginator = Paginator(items, per_page)
    number = request.GET.get(param, "1")
    try:
        page = paginator.page(number)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    if param not in request.GET:
        pass  # nothing asked, nothing to vouch for
    elif str(page.number) == number:
        vouch_for_query(request)
    else:
        refuse_query(request)  # ?page=junk shows page 1 but must not be cached as a variant
    return page
