"""No page that showed a flash message, or anything read from a cookie, is served to others."""

from __future__ import annotations

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import engines
from django.test import Client

from masthead.page_cache import AnonymousPageCacheMiddleware

pytestmark = pytest.mark.django_db

SIGNED_OUT = "You have signed out."


def forget_deleted_cookies(client: Client) -> None:
    """Do as a browser does with a cookie the server deleted: stop sending it.

    Django's test client keeps sending a deleted cookie with an empty value, and an
    empty session cookie alone would keep the page cache out of the way.
    """
    for name, morsel in list(client.cookies.items()):
        if morsel.value == "" and str(morsel["max-age"]) == "0":
            del client.cookies[name]


def test_the_signed_out_message_is_shown_once_and_never_to_anyone_else(client, home_page):
    user = get_user_model().objects.create_user("ada", "ada@example.org", "pw-123456789")
    client.force_login(user)
    signed_out = client.post("/accounts/logout/")
    assert signed_out.status_code == 302
    forget_deleted_cookies(client)
    assert "messages" in client.cookies
    assert "sessionid" not in client.cookies

    landing = client.get(signed_out["Location"])
    assert SIGNED_OUT in landing.content.decode()
    assert "X-Masthead-Cache" not in landing

    stranger = Client()
    for _ in range(2):
        page = stranger.get(signed_out["Location"])
        assert SIGNED_OUT not in page.content.decode()
    assert page["X-Masthead-Cache"] == "hit"  # the plain page is still cached for strangers

    forget_deleted_cookies(client)
    again = client.get(signed_out["Location"])
    assert SIGNED_OUT not in again.content.decode()


def test_a_visitor_with_the_messages_cookie_is_never_served_from_the_cache(client, home_page):
    for _ in range(2):
        client.get("/")
    carrying = Client()
    carrying.cookies["messages"] = "anything"
    assert "X-Masthead-Cache" not in carrying.get("/")


def render(template: str):
    """A view rendering ``template`` with the project's context processors (messages too)."""
    compiled = engines["django"].from_string(template)

    def view(request):
        return HttpResponse(compiled.render({}, request), content_type="text/html")

    return view


def serve_twice(view, rf, path: str, cookies: dict[str, str] | None = None):
    """The page cache in front of ``view``, asked twice by visitors with ``cookies``."""
    from django.contrib.messages.storage import default_storage
    from django.contrib.sessions.backends.cache import SessionStore

    middleware = AnonymousPageCacheMiddleware(view)
    responses = []
    for _ in range(2):
        request = rf.get(path)
        request.COOKIES.update(cookies or {})
        request.session = SessionStore()
        request._messages = default_storage(request)
        responses.append(middleware(request))
    return responses


def test_a_page_that_read_a_cookie_the_visitor_sent_is_not_stored(rf):
    view = render("<p>Hello {{ request.COOKIES.reader_name }}</p>")
    first, second = serve_twice(view, rf, "/greeting/", {"reader_name": "Ada"})
    assert "Hello Ada" in second.content.decode()
    assert "X-Masthead-Cache" not in first
    assert "X-Masthead-Cache" not in second
    (stranger,) = serve_twice(view, rf, "/greeting/")[1:]
    assert "Ada" not in stranger.content.decode()


def test_a_page_stored_for_visitors_without_a_cookie_is_not_served_to_one_with_it(rf):
    view = render("<p>Hello {{ request.COOKIES.reader_name|default:'stranger' }}</p>")
    _, stored = serve_twice(view, rf, "/greeting/")
    assert stored["X-Masthead-Cache"] == "hit"
    first, second = serve_twice(view, rf, "/greeting/", {"reader_name": "Ada"})
    assert "Hello Ada" in first.content.decode()
    assert "X-Masthead-Cache" not in second


def test_a_page_that_lists_every_cookie_is_not_stored(rf):
    view = render("<p>{% for name in request.COOKIES %}{{ name }} {% endfor %}</p>")
    _, second = serve_twice(view, rf, "/cookies/", {"consent": "yes"})
    assert "X-Masthead-Cache" not in second


def test_a_message_added_and_shown_by_the_same_view_is_not_stored(rf):
    template = engines["django"].from_string(
        "{% for message in messages %}<p>{{ message }}</p>{% endfor %}"
    )

    def view(request):
        messages.info(request, "Welcome back")
        return HttpResponse(template.render({}, request), content_type="text/html")

    first, second = serve_twice(view, rf, "/welcome/")
    assert "Welcome back" in second.content.decode()
    assert "X-Masthead-Cache" not in first
    assert "X-Masthead-Cache" not in second


def test_a_page_that_varies_on_a_request_header_is_not_stored(rf):
    def view(request):
        response = HttpResponse("<p>Bonjour</p>", content_type="text/html")
        response["Vary"] = "Accept-Language"
        return response

    _, second = serve_twice(view, rf, "/bonjour/")
    assert "X-Masthead-Cache" not in second


def test_readers_with_everyday_cookies_still_get_cached_pages(client, article_factory):
    article = article_factory("Everyday")
    # A CSRF cookie from an earlier form, and a cookie of the reader's own the site never reads.
    client.cookies["csrftoken"] = "c" * 32
    client.cookies["consent"] = "yes"
    client.get(article.url)
    assert client.get(article.url)["X-Masthead-Cache"] == "hit"
