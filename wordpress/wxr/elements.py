"""Records from the parsed elements of one WXR item, author or term; and their values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import unquote

from .data import Author, Comment, Item, ItemTerm, Source, Term

# (namespace kind, local name) of an element: ("wp", "post_id"), ("", "title").
Namer = Callable[[object], tuple[str, str]]

_NO_DATE = "0000-00-00 00:00:00"


def fields(name: Namer, element) -> dict[str, str]:
    """The element's simple children as ``{"wp:post_id": "12", "title": …}`` (first wins)."""
    found: dict[str, str] = {}
    for child in element:
        kind, local = name(child)
        found.setdefault(local if kind == "" else f"{kind}:{local}", text(child))
    return found


def author(name: Namer, element, source: Source) -> Author:
    got = fields(name, element)
    wp_id, _ = _number(got.get("wp:author_id", ""), "author_id")
    return Author(
        source=source,
        wp_id=wp_id,
        login=got.get("wp:author_login", "").strip(),
        email=got.get("wp:author_email", "").strip(),
        display_name=got.get("wp:author_display_name", "").strip(),
        first_name=got.get("wp:author_first_name", "").strip(),
        last_name=got.get("wp:author_last_name", "").strip(),
    )


def term(name: Namer, element, tag: str, source: Source) -> Term:
    got = fields(name, element)
    if tag == "category":
        kind, slug, label = "category", "category_nicename", "cat_name"
        parent, description = "category_parent", "category_description"
    elif tag == "tag":
        kind, slug, label, parent, description = (
            "post_tag",
            "tag_slug",
            "tag_name",
            "",
            "tag_description",
        )
    else:
        kind = got.get("wp:term_taxonomy", "").strip()
        slug, label, parent, description = (
            "term_slug",
            "term_name",
            "term_parent",
            "term_description",
        )
    wp_id, _ = _number(got.get("wp:term_id", ""), "term_id")
    return Term(
        source=source,
        kind=kind,
        wp_id=wp_id,
        slug=unquote(got.get(f"wp:{slug}", "").strip()),
        name=got.get(f"wp:{label}", "").strip(),
        parent_slug=unquote(got.get(f"wp:{parent}", "").strip()) if parent else "",
        description=got.get(f"wp:{description}", ""),
    )


def item(name: Namer, element, source: Source) -> Item:
    got = fields(name, element)
    problems: list[str] = []
    wp_id, problem = _number(got.get("wp:post_id", ""), "post_id")
    problems += [problem] if problem else []
    parent_id, problem = _number(got.get("wp:post_parent", "0") or "0", "post_parent")
    problems += [problem] if problem else []
    menu_order, problem = _number(got.get("wp:menu_order", "0") or "0", "menu_order")
    problems += [problem] if problem else []
    terms, meta, comments = [], [], []
    for child in element:
        kind, local = name(child)
        if (kind, local) == ("", "category"):
            terms.append(_item_term(child))
        elif (kind, local) == ("wp", "postmeta"):
            pair = fields(name, child)
            meta.append((pair.get("wp:meta_key", ""), pair.get("wp:meta_value", "")))
        elif (kind, local) == ("wp", "comment"):
            comments.append(_comment(name, child))
    return Item(
        source=source,
        wp_id=wp_id,
        post_type=got.get("wp:post_type", "post").strip() or "post",
        title=got.get("title", ""),
        link=got.get("link", "").strip(),
        guid=got.get("guid", "").strip(),
        creator=got.get("dc:creator", "").strip(),
        content=got.get("content:encoded", ""),
        excerpt=got.get("excerpt:encoded", ""),
        date=_date(got.get("wp:post_date", "")),
        date_gmt=_date(got.get("wp:post_date_gmt", ""), utc=True),
        slug=unquote(got.get("wp:post_name", "").strip()),
        status=got.get("wp:status", "").strip(),
        parent_id=parent_id or None,
        menu_order=menu_order or 0,
        password=got.get("wp:post_password", ""),
        sticky=got.get("wp:is_sticky", "0").strip() == "1",
        attachment_url=got.get("wp:attachment_url", "").strip(),
        terms=tuple(terms),
        meta=tuple(meta),
        comments=tuple(comments),
        problems=tuple(problems),
    )


def _item_term(element) -> ItemTerm:
    # WXR 1.0 may leave out the domain (a category) or call tags "tag".
    domain = (element.get("domain") or "category").strip()
    kind = {"tag": "post_tag"}.get(domain, domain)
    name = text(element).strip()
    slug = unquote((element.get("nicename") or "").strip())
    return ItemTerm(kind=kind, slug=slug, name=name)


def _comment(name: Namer, element) -> Comment:
    got = fields(name, element)
    wp_id, _ = _number(got.get("wp:comment_id", ""), "comment_id")
    parent_id, _ = _number(got.get("wp:comment_parent", "0") or "0", "comment_parent")
    user_id, _ = _number(got.get("wp:comment_user_id", "0") or "0", "comment_user_id")
    return Comment(
        wp_id=wp_id,
        author=got.get("wp:comment_author", "").strip(),
        email=got.get("wp:comment_author_email", "").strip(),
        url=got.get("wp:comment_author_url", "").strip(),
        ip=got.get("wp:comment_author_IP", "").strip(),
        date=_date(got.get("wp:comment_date", "")),
        date_gmt=_date(got.get("wp:comment_date_gmt", ""), utc=True),
        content=got.get("wp:comment_content", ""),
        approved=got.get("wp:comment_approved", "").strip(),
        kind=got.get("wp:comment_type", "").strip(),
        parent_id=parent_id or None,
        user_id=user_id or None,
    )


# --- values ------------------------------------------------------------------------


def text(element) -> str:
    """The element's text, CDATA sections joined (lxml does that), never None."""
    return element.text or ""


def _number(value: str, what: str) -> tuple[int | None, str]:
    """An id or order as a number, or None and what was wrong with it."""
    value = value.strip()
    if not value:
        return None, f"no {what}"
    try:
        return int(value), ""
    except ValueError:
        return None, f"{what} {value[:40]!r} is not a number"


def _date(value: str, utc: bool = False) -> datetime | None:
    """WordPress's ``2024-03-05 14:30:00``; None for its "no date" zeros or junk."""
    value = value.strip()
    if not value or value == _NO_DATE:
        return None
    try:
        moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if utc else moment


def free(element) -> None:
    """Let go of a finished element and the siblings before it: memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]
