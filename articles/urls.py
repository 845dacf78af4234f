from django.urls import path

# Tag slugs keep accented letters ("café"), which <slug:…> would not match.
from . import views

app_name = "articles"

urlpatterns = [
    path("tags/<str:slug>/", views.tag_page, name="tag"),
    path("tags/<str:slug>/feed/<str:kind>/", views.tag_feed, name="tag_feed"),
    path("feed/<str:kind>/", views.site_feed, name="site_feed"),
]
