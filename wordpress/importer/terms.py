"""WordPress's categories → sections (or tags), its tags → tags."""

from __future__ import annotations

from taggit.models import Tag

from articles.models import ArticleIndexPage

from .. import wxr
from .core import fingerprint
from .tree import home_page, place, publish, slug_for, unique_slug

DEFAULT_SECTION = ("blog", "Blog")


class Terms:
    """Sections and tags, by WordPress slug."""

    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.memory = importer.memory
        self.as_tags = importer.options.categories == "tags"

    def kind_of(self, term: wxr.Term) -> str:
        """The report's kind for a term: sections or tags."""
        return "sections" if term.kind == "category" and not self.as_tags else "tags"

    def add(self, term: wxr.Term) -> None:
        if term.kind == "post_tag" or (term.kind == "category" and self.as_tags):
            self.tag(term.name, term.slug, term)
        elif term.kind == "category":
            self.memory.category_names[term.slug] = term.name
            self.section(term.slug, term.name, term)
        else:
            self.report.not_imported[f"{term.kind or 'unnamed'} terms"] += 1

    # --- sections ------------------------------------------------------------------

    def section(self, slug: str, name: str, term: wxr.Term | None = None) -> int:
        """The section of WordPress category ``slug``, made when it is new."""
        if slug in self.memory.sections:
            return self.memory.sections[slug]
        if term is not None and term.parent_slug:
            parent_path = self.memory.category_paths.get(term.parent_slug, term.parent_slug)
            self.memory.category_paths[slug] = f"{parent_path}/{slug}"
            self.report.warn(
                "sections",
                term.wp_id,
                name,
                f"is nested under “{term.parent_slug}”; Masthead's sections do not nest, "
                "so it became a section of its own",
                term.source,
            )
        home = home_page()
        known = self.importer.find("category", term.wp_id if term else None)
        page = ArticleIndexPage.objects.filter(pk=known.object_id).first() if known else None
        wanted = slug_for(slug, name, fallback=f"section-{term.wp_id if term else 0}")
        if page is None:
            page = ArticleIndexPage.objects.child_of(home).filter(slug=wanted).first()
        description = term.description if term else ""
        if page is not None and page.title == (name or wanted)[:255] and page.intro == description:
            self.report.count("sections", "unchanged")
        else:
            outcome = "updated" if page is not None else "created"
            page = page or ArticleIndexPage(slug=unique_slug(home, wanted))
            page.title = (name or wanted)[:255]
            page.intro = description
            place(home, page)
            publish(page)
            self.report.count("sections", outcome)
        if term is not None:
            self.importer.remember("category", term, page, fingerprint(slug, name, description))
        self.memory.sections[slug] = page.pk
        return page.pk

    def section_for(self, item: wxr.Item) -> int:
        """Where a post goes: ``--section``, else its first category's section, else Blog."""
        chosen = self.importer.options.section
        if chosen:
            return self.section(chosen, chosen.replace("-", " ").title())
        if not self.as_tags:
            for term in item.terms:
                if term.kind == "category" and (term.slug or term.name):
                    name = self.memory.category_names.get(term.slug, term.name)
                    return self.section(term.slug or term.name, name)
        return self.section(*DEFAULT_SECTION)

    # --- tags ----------------------------------------------------------------------

    def tag(self, name: str, slug: str, term: wxr.Term | None = None) -> Tag:
        """The tag named ``name`` (found by slug or name), made when it is new."""
        name = (name or slug).strip()[:100]
        wanted = slug_for(slug, name, fallback="tag")[:100]
        tag = Tag.objects.filter(slug=wanted).first() or Tag.objects.filter(name=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=wanted)
            self.report.count("tags", "created")
        elif term is not None:
            self.report.count("tags", "unchanged")
        if term is not None:
            self.importer.remember("tag", term, tag, fingerprint(name, slug))
        if slug:
            self.memory.tag_slugs[slug] = tag.slug
        return tag

    def tags_for(self, item: wxr.Item) -> list[Tag]:
        """A post's tags (and its categories, with ``--categories tags``)."""
        wanted = [
            term
            for term in item.terms
            if term.kind == "post_tag" or (term.kind == "category" and self.as_tags)
        ]
        return [self.tag(term.name, term.slug) for term in wanted if term.name or term.slug]
