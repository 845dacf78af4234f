"""Editors create, edit and preview every page type in the Wagtail admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from articles.models import ArticleIndexPage, ArticlePage, AuthorIndexPage, AuthorPage
from home.models import ContentPage, HomePage


class PageTypesInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        super().setUp()
        self.editor = get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "a-long-test-password"
        )
        self.client.force_login(self.editor)
        self.home = Site.objects.get(is_default_site=True).root_page.specific
        self.section = ArticleIndexPage(title="Health", slug="health")
        self.home.add_child(instance=self.section)
        self.authors = AuthorIndexPage(title="Authors", slug="authors")
        self.home.add_child(instance=self.authors)
        self.kevin = AuthorPage(title="Kevin Naruse", slug="kevin-naruse")
        self.authors.add_child(instance=self.kevin)

    def test_page_tree_rules(self):
        self.assertAllowedSubpageTypes(HomePage, {ArticleIndexPage, AuthorIndexPage, ContentPage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(AuthorIndexPage, {AuthorPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticleIndexPage, AuthorPage)

    def test_editor_creates_a_section(self):
        self.assertCanCreate(
            self.home, ArticleIndexPage, nested_form_data({"title": "Culture", "intro": "Arts."})
        )
        section = ArticleIndexPage.objects.get(slug="culture")
        self.assertTrue(section.live)
        self.assertPageIsRoutable(section)
        self.assertPageIsRenderable(section)

    def test_editor_creates_a_home_page_and_an_author_index(self):
        root = self.home.get_parent()
        self.assertCanCreate(
            root, HomePage, nested_form_data({"title": "Second site home", "latest_count": "9"})
        )
        second_home = HomePage.objects.get(slug="second-site-home")
        self.assertCanCreate(
            second_home, AuthorIndexPage, nested_form_data({"title": "Contributors"})
        )
        # One author index per home page.
        second_home.refresh_from_db()
        self.assertFalse(AuthorIndexPage.can_create_at(second_home))

    def test_editor_creates_an_author(self):
        self.assertCanCreate(
            self.authors,
            AuthorPage,
            nested_form_data(
                {
                    "title": "Ada Writer",
                    "role": "Columnist",
                    "bio": "Ada writes *columns*.",
                    "website_url": "https://ada.example/",
                    "website_name": "Ada's blog",
                    "social_links": inline_formset(
                        [{"label": "Mastodon", "url": "https://social.example/@ada"}]
                    ),
                }
            ),
        )
        ada = AuthorPage.objects.get(slug="ada-writer")
        self.assertEqual(ada.social_links.get().label, "Mastodon")
        self.assertPageIsRenderable(ada)

    def article_form(self, **changes) -> dict:
        fields = {
            "title": "7 Ways Social Media Can Benefit Mental Health",
            "slug": "7-ways-social-media-can-benefit-mental-health",
            "lede": "Make social media work for mental health.",
            "body": streamfield(
                [
                    ("text", "## Inspire healthy lifestyle changes\n\nText."),
                    ("pull_quote", {"quote": "Clear benefits.", "attribution": "J. E."}),
                ]
            ),
            "article_authors": inline_formset([{"author": self.kevin.pk}]),
            "related_picks": inline_formset([]),
            "tags": "social media, mental health",
            "published_at": "2026-03-04 09:30:00",
            "source_name": "The Painted Brain",
            "source_url": "https://paintedbrain.example/7-ways",
            "comment_policy": "default",
        }
        return nested_form_data({**fields, **changes})

    def test_editor_creates_an_article_with_authors_tags_and_blocks(self):
        self.assertCanCreate(self.section, ArticlePage, self.article_form())
        article = ArticlePage.objects.get(slug="7-ways-social-media-can-benefit-mental-health")
        self.assertTrue(article.live)
        self.assertEqual(article.ordered_authors(), [self.kevin])
        self.assertEqual(
            sorted(t.name for t in article.tags.all()), ["mental health", "social media"]
        )
        self.assertEqual(article.body[1].value["attribution"], "J. E.")
        self.assertPageIsRoutable(article)
        self.assertPageIsRenderable(article)
        self.assertPageIsEditable(article, post_data=self.article_form(lede="Edited."))
        self.assertPageIsPreviewable(article, post_data=self.article_form(lede="Preview."))

    def test_an_author_credited_twice_is_refused(self):
        add_url = reverse(
            "wagtailadmin_pages:add", args=["articles", "articlepage", self.section.pk]
        )
        data = self.article_form(
            article_authors=inline_formset([{"author": self.kevin.pk}, {"author": self.kevin.pk}])
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(add_url, data)
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].formsets["article_authors"].forms[1].errors
        self.assertIn("is already credited above.", errors["author"][0])
        self.assertFalse(ArticlePage.objects.filter(slug=data["slug"]).exists())

    def test_article_edit_form_shows_the_editors_fields(self):
        article = ArticlePage(title="Edit me", slug="edit-me")
        self.section.add_child(instance=article)
        html = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[article.pk])
        ).content.decode()
        # The body is a StreamField drawn by the admin's JavaScript from this block.
        self.assertIn("Markdown: ## for a section heading.", html)
        for name in [
            "title",
            "lede",
            "hero_image",
            "hero_alt",
            "hero_caption",
            "article_authors-TOTAL_FORMS",
            "tags",
            "published_at",
            "source_name",
            "source_url",
            "related_picks-TOTAL_FORMS",
            "seo_title",
            "search_description",
            "comment_policy",
            "comments_close_after_days",
        ]:
            self.assertIn(f'name="{name}"', html, name)

    def test_an_invalid_article_is_refused_and_nothing_is_saved(self):
        before = ArticlePage.objects.count()
        add_url = reverse(
            "wagtailadmin_pages:add", args=["articles", "articlepage", self.section.pk]
        )
        response = self.client.post(
            add_url,
            nested_form_data(
                {
                    "title": "",
                    "slug": "broken",
                    "body": streamfield([]),
                    "article_authors": inline_formset([]),
                    "related_picks": inline_formset([]),
                    "source_url": "javascript:alert(1)",
                    "action-publish": "action-publish",
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("title", form.errors)
        self.assertIn("source_url", form.errors)
        self.assertEqual(ArticlePage.objects.count(), before)

    def test_home_page_is_editable(self):
        self.assertPageIsEditable(self.home)
        self.assertPageIsRenderable(self.home)

    def test_theme_settings_are_edited_in_the_admin(self):
        site = Site.objects.get(is_default_site=True)
        url = reverse("wagtailsettings:edit", args=["home", "themesettings", site.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        for name in [
            "header_layout",
            "menu_background",
            "show_breadcrumbs",
            "show_hero",
            "page_width",
            "site_name",
            "tagline",
            "logo",
        ]:
            self.assertContains(page, f'name="{name}"')
        response = self.client.post(
            url,
            {
                "site_name": "Masthead Review",
                "tagline": "Long reads",
                "header_layout": "centred",
                "menu_background": "light",
                "page_width": "boxed",
                "footer_text": "",
                # show_breadcrumbs and show_hero unticked
            },
        )
        self.assertEqual(response.status_code, 302)
        html = self.client.get("/").content.decode()
        self.assertIn("header-centred", html)
        self.assertIn("menu-light", html)
        self.assertIn("breadcrumbs-hidden", html)
        self.assertIn("hero-hidden", html)
        self.assertIn("width-boxed", html)
        self.assertIn("Masthead Review", html)

    def test_readers_are_kept_out_of_the_admin(self):
        self.client.logout()
        reader = get_user_model().objects.create_user("reader", "r@example.org", "pw-123456789")
        self.client.force_login(reader)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("account_login"), response["Location"])
