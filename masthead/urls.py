"""URL routes: the admin, discovery (search, feeds, sitemap, robots) and Wagtail's page tree."""

from allauth.account import views as allauth_views
from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from masthead import health
from readers import profile as reader_profile
from readers import views as reader_views

urlpatterns = [
    # One door: the admin's sign-in, sign-out and password reset are allauth's. These
    # come before Wagtail's own, which would otherwise check passwords themselves.
    # There is no Django admin (/django-admin/ is gone).
    path("admin/login/", reader_views.admin_sign_in),
    path("admin/logout/", allauth_views.logout),
    re_path(r"^admin/password_reset/(?P<rest>.*)$", reader_views.admin_password_reset),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/name/", reader_profile.edit_display_name, name="reader_display_name"),
    path("accounts/", include("allauth.urls")),
    path("comments/", include("discussion.urls")),
    path("search/", home_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's sign-in for private pages checks passwords itself: the door instead.
    path("_util/login/", reader_views.page_sign_in),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        reader_views.page_password,
    ),
    path("", include(wagtail_urls)),
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
