# Articles' migrations 0001-0007, squashed, for new installs: the pages, authors and
# tags as they are now. The discussion's models, which articles created and later
# handed to the discussion app (0003, 0005, 0007), are not made here at all:
# discussion/0001 creates them. Repairing empty tag slugs (0006) has nothing to do
# in a new database. A database that applied some of 0001-0007 runs the rest of them.

import django.core.validators
import django.db.models.deletion
import modelcluster.contrib.taggit
import modelcluster.fields
import wagtail.contrib.routable_page.models
import wagtail.fields
import wagtailmarkdown.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('articles', '0001_initial'), ('articles', '0002_comment_policy'), ('articles', '0003_discussion_moderation_and_display'), ('articles', '0004_share_row_and_sentiment'), ('articles', '0005_comment_edit'), ('articles', '0006_repair_empty_tag_slugs'), ('articles', '0007_hand_discussion_models_to_discussion')]

    dependencies = [
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.CreateModel(
            name='ArticleIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtailmarkdown.fields.MarkdownField(blank=True, help_text='Shown above the list of articles.')),
            ],
            options={
                'verbose_name': 'section',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='AuthorIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtailmarkdown.fields.MarkdownField(blank=True)),
            ],
            options={
                'verbose_name': 'author index',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='ArticlePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('lede', models.TextField(blank=True, help_text='One or two sentences shown under the title, in lists, feeds and link previews. Left empty, the start of the body is used.', max_length=600)),
                ('published_at', models.DateTimeField(blank=True, db_index=True, help_text='Shown on the article and used to order lists. Set on first publish when empty.', null=True, verbose_name='publication date')),
                ('hero_alt', models.CharField(blank=True, help_text="Describe the image. Left empty, the image's own description is used.", max_length=255, verbose_name='hero image alt text')),
                ('hero_caption', models.CharField(blank=True, max_length=300)),
                ('body', wagtail.fields.StreamField([('text', 0), ('pull_quote', 3), ('image', 8), ('embed', 10)], blank=True, block_lookup={0: ('wagtailmarkdown.blocks.MarkdownBlock', (), {'help_text': 'Markdown: ## for a section heading.', 'icon': 'doc-full'}), 1: ('wagtail.blocks.TextBlock', (), {'max_length': 600}), 2: ('wagtail.blocks.CharBlock', (), {'max_length': 200, 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('quote', 1), ('attribution', 2)]], {}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': "Describe the image for readers who cannot see it. Leave empty to use the image's own description.", 'max_length': 255, 'required': False}), 6: ('wagtail.blocks.CharBlock', (), {'max_length': 300, 'required': False}), 7: ('wagtail.blocks.CharBlock', (), {'max_length': 120, 'required': False}), 8: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6), ('credit', 7)]], {}), 9: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'The address of a video or post, e.g. a YouTube link.'}), 10: ('wagtail.blocks.StructBlock', [[('embed', 9), ('caption', 6)]], {})})),
                ('source_name', models.CharField(blank=True, help_text='Where this article first appeared, e.g. Psychology Today.', max_length=160, verbose_name='originally published on')),
                ('source_url', models.URLField(blank=True, help_text="The original's address; it becomes this page's canonical link.", verbose_name='original URL')),
                ('excerpt', models.TextField(blank=True, default='', editable=False)),
                ('reading_time', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('hero_image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
            ],
            options={
                'verbose_name': 'article',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='ArticlePageTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='articles.articlepage')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='articlepage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='articles.ArticlePageTag', to='taggit.Tag', verbose_name='Tags'),
        ),
        migrations.CreateModel(
            name='AuthorPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('role', models.CharField(blank=True, help_text='e.g. Social media director', max_length=160)),
                ('bio', wagtailmarkdown.fields.MarkdownField(blank=True, help_text='A few sentences, in markdown.')),
                ('website_url', models.URLField(blank=True, help_text='Shown as “You can visit their blog at …”.', verbose_name='website or blog')),
                ('website_name', models.CharField(blank=True, help_text="The blog's name; its address is shown when empty.", max_length=120)),
                ('photo', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
            ],
            options={
                'verbose_name': 'author',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='ArticleAuthor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='article_authors', to='articles.articlepage')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='author_links', to='articles.authorpage')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='AuthorSocialLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('label', models.CharField(help_text='e.g. Mastodon, LinkedIn', max_length=60)),
                ('url', models.URLField()),
                ('author', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='social_links', to='articles.authorpage')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='RelatedArticle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='related_picks', to='articles.articlepage')),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.articlepage')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='articlepage',
            name='comment_policy',
            field=models.CharField(choices=[('default', "As the site's discussion settings say"), ('open', 'Open'), ('auto', 'Open, closing automatically some days after publication'), ('closed', 'Closed')], default='default', max_length=8, verbose_name='comments'),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='comments_close_after_days',
            field=models.PositiveSmallIntegerField(blank=True, help_text="When comments close automatically. Empty: the site's setting.", null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(3650)], verbose_name='close comments after (days)'),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='sentiment_analyzer',
            field=models.CharField(blank=True, default='', editable=False, max_length=80),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='sentiment_label',
            field=models.CharField(blank=True, choices=[('positive', 'Positive'), ('negative', 'Negative'), ('neutral', 'Neutral'), ('mixed', 'Neutral – good and bad')], default='', editable=False, max_length=12),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='sentiment_label_override',
            field=models.CharField(blank=True, choices=[('positive', 'Positive'), ('negative', 'Negative'), ('neutral', 'Neutral'), ('mixed', 'Neutral – good and bad')], help_text='Empty: what the analyzer found when the article was published.', max_length=12, verbose_name='sentiment badge says'),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='sentiment_score',
            field=models.FloatField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='sentiment_scored_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='show_sentiment_badge',
            field=models.BooleanField(default=True, verbose_name='show the sentiment badge'),
        ),
        migrations.AddField(
            model_name='articlepage',
            name='show_share_row',
            field=models.BooleanField(default=True, help_text='Off: no share buttons under this article.', verbose_name='show the share row'),
        ),
    ]
