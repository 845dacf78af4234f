from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
    path("tags/<slug:slug>/feed/<str:kind>/", views.tag_feed, name="tag_feed"),
    path("feed/<str:kind>/", views.site_feed, name="site_feed"),
]
