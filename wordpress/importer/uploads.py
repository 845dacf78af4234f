"""Where a WordPress upload lives: its path inside ``wp-content/uploads``, however it is named.

WordPress keeps each upload once and writes resized copies beside it
(``photo-300x200.jpg``); since 5.3 a big picture's attachment is a scaled copy
(``photo-scaled.jpg``) of the original. A post may name any of them, through
the site's address, a CDN's (``i0.wp.com/site/wp-content/uploads/…``), a
relative one, or WordPress.com's (``blog.files.wordpress.com/2020/05/…``). All
of them come down to one key, ``2020/05/photo.jpg``, so the picture is found
whichever copy a post names. Nothing here reads the network.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..content.urls import split

UPLOADS = "/wp-content/uploads/"
# "-300x200" before the extension: a resized copy. "-scaled" and "-rotated": the copy
# WordPress makes of a big or turned picture.
_SIZE = re.compile(r"-\d{1,5}x\d{1,5}(?=\.[^./]+$)")
_MADE = re.compile(r"-(?:scaled|rotated)(?=\.[^./]+$)")
# WordPress.com keeps a site's uploads on a host of their own, by year and month.
_WORDPRESS_COM_FILES = ".files.wordpress.com"
_WORDPRESS_COM_IN_PATH = re.compile(r"^/[\w.-]+\.files\.wordpress\.com/")


def upload_key(address: str) -> str:
    """The path inside the uploads folder that ``address`` names (``2020/05/a.jpg``), or "".

    A site's own ``…/wp-content/uploads/2020/05/a.jpg`` (through a CDN too), and a
    WordPress.com site's ``https://blog.files.wordpress.com/2020/05/a.jpg``."""
    parts = split(address.strip())
    path = unquote(parts.path)
    at = path.find(UPLOADS)
    if at >= 0:
        key = path[at + len(UPLOADS) :]
    elif (parts.hostname or "").endswith(_WORDPRESS_COM_FILES):
        key = path
    elif _WORDPRESS_COM_IN_PATH.search(path):
        key = path[_WORDPRESS_COM_IN_PATH.search(path).end() :]  # a CDN's copy of one
    else:
        return ""
    key = key.strip("/")
    parts = PurePosixPath(key).parts
    if not parts or any(part in ("..", ".") for part in parts):
        return ""
    return key


def attached_key(item_url: str, attached_file: str) -> str:
    """An attachment's key: from its ``attachment_url``, else ``_wp_attached_file`` (relative
    to the uploads folder, or an absolute path from an old server)."""
    key = upload_key(item_url)
    if key:
        return key
    attached = attached_file.strip().replace("\\", "/")
    if UPLOADS in f"/{attached}":
        return upload_key(f"/{attached}".replace("//", "/"))
    if attached.startswith("/") or not attached:
        return ""
    parts = PurePosixPath(attached).parts
    return "" if any(part in ("..", ".") for part in parts) else attached


def original_keys(key: str) -> list[str]:
    """The keys an attachment named by ``key`` may have, most likely first: the copy as
    named, then its original size, then WordPress's scaled copy of that."""
    unsized = _SIZE.sub("", key)
    candidates = [key, unsized, _scaled(unsized), _MADE.sub("", unsized)]
    return list(dict.fromkeys(candidates))


def file_keys(key: str) -> list[str]:
    """The files to look for in the uploads folder for ``key``, best first: the original
    (not a resized or scaled copy), then the copy as named."""
    unsized = _SIZE.sub("", key)
    return list(dict.fromkeys([_MADE.sub("", unsized), unsized, key]))


def _scaled(key: str) -> str:
    path = PurePosixPath(key)
    if path.suffix and not _MADE.search(key):
        return str(path.with_name(f"{path.stem}-scaled{path.suffix}"))
    return key


class UploadsFolder:
    """The uploads folder ``--media-dir`` names: the site's ``wp-content/uploads`` itself, or
    the one inside the folder given (the site's root, or ``wp-content``). Files are found
    only inside that uploads folder, never elsewhere in a copy of the server (backups,
    configuration), and no link is followed out of it."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.base: Path | None = None
        if folder is not None:
            inside = (folder / "wp-content" / "uploads", folder / "uploads")
            base = next((candidate for candidate in inside if candidate.is_dir()), folder)
            self.base = base.resolve()  # a symbolic link to the uploads is the uploads

    def __bool__(self) -> bool:
        return self.folder is not None

    def find(self, key: str) -> Path | None:
        """The file with ``key`` inside the uploads folder, or None."""
        if self.base is None:
            return None
        try:
            path = (self.base / key).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return None
        return path if path.is_file() and path.is_relative_to(self.base) else None
