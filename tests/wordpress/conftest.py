"""What the WordPress import's tests share: a copy of a site's uploads folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as PILImage


def picture(path: Path, size=(640, 480), colour=(200, 40, 40)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", size, colour).save(path, "JPEG")
    return path


@pytest.fixture
def uploads(tmp_path) -> Path:
    """A copy of a site's wp-content/uploads: a photo with a resized copy, and a PDF."""
    folder = tmp_path / "wp-content" / "uploads"
    picture(folder / "2024/01/beach.jpg")
    picture(folder / "2024/01/beach-300x225.jpg", (300, 225))
    picture(folder / "2024/01/dunes.jpg", colour=(40, 200, 40))
    (folder / "2024/01/menu.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return folder
