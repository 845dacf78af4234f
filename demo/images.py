"""Pictures for the demo, drawn locally with Pillow: abstract heroes and initial portraits.

demo/content/images.toml says what to draw; demo.specs reads it into these dataclasses.
"""

from __future__ import annotations

import functools
import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

RGB = tuple[int, int, int]

# The motifs ``HeroArt`` can draw over its gradient.
MOTIFS = ("bubbles", "waves", "dots", "blocks", "rings")

HERO_SIZE = (1600, 900)
PORTRAIT_SIZE = (400, 400)
JPEG_QUALITY = 80

# Shapes are drawn at this fraction of the final size and scaled up, which keeps
# drawing quick and softens their edges the way a slight blur would.
_SHAPE_SCALE = 2


@dataclass(frozen=True)
class HeroArt:
    """How to draw one abstract hero: a three-colour gradient and a motif over it."""

    motif: str  # one of MOTIFS
    colours: tuple[RGB, RGB, RGB]
    accent: RGB
    seed: int


@dataclass(frozen=True)
class Portrait:
    """How to draw a placeholder portrait: initials on a coloured circle."""

    initials: str
    colour: RGB


def _gradient(size: tuple[int, int], colours: tuple[RGB, RGB, RGB], tilt: float) -> Image.Image:
    """A smooth diagonal gradient through three colours, computed small and scaled up."""
    cols, rows = 16, 9
    small = Image.new("RGB", (cols, rows))
    pixels: list[RGB] = []
    for y in range(rows):
        for x in range(cols):
            t = (x / (cols - 1)) * (1 - tilt) + (y / (rows - 1)) * tilt
            if t < 0.5:
                start, end, u = colours[0], colours[1], t * 2
            else:
                start, end, u = colours[1], colours[2], (t - 0.5) * 2
            pixels.append(tuple(round(a + (b - a) * u) for a, b in zip(start, end, strict=True)))
    small.putdata(pixels)
    return small.resize(size, Image.Resampling.BICUBIC)


def _rgba(colour: RGB, alpha: int) -> tuple[int, int, int, int]:
    """``colour`` with an alpha channel."""
    return (*colour, alpha)


def _draw_motif(draw: ImageDraw.ImageDraw, art: HeroArt, width: int, height: int) -> None:
    """Draw the hero's motif in translucent shapes onto ``draw``."""
    rnd = random.Random(art.seed)  # noqa: S311 -- repeatable shapes, not secrets
    white: RGB = (255, 255, 255)
    if art.motif == "bubbles":
        for _ in range(9):
            radius = rnd.randint(height // 12, height // 3)
            x, y = rnd.randint(0, width), rnd.randint(0, height)
            colour = rnd.choice([art.accent, white, art.colours[0]])
            draw.ellipse(
                (x - radius, y - radius, x + radius, y + radius),
                fill=_rgba(colour, rnd.randint(45, 110)),
            )
    elif art.motif == "waves":
        for band in range(6):
            base = height * (0.35 + band * 0.11)
            amplitude = rnd.uniform(height * 0.03, height * 0.09)
            phase = rnd.uniform(0, math.tau)
            length = rnd.uniform(0.6, 1.4)
            points = [
                (x, base + amplitude * math.sin(phase + length * math.tau * x / width))
                for x in range(0, width + 8, 8)
            ]
            colour = art.accent if band % 2 else white
            draw.polygon([*points, (width, height), (0, height)], fill=_rgba(colour, 38))
    elif art.motif == "dots":
        step = width // 16
        for row in range(1, height // step + 1):
            for col in range(1, 16):
                if rnd.random() < 0.35:
                    continue
                radius = rnd.randint(step // 10, step // 3)
                x, y = col * step, row * step - step // 3
                colour = art.accent if rnd.random() < 0.3 else white
                draw.ellipse(
                    (x - radius, y - radius, x + radius, y + radius),
                    fill=_rgba(colour, rnd.randint(60, 150)),
                )
    elif art.motif == "blocks":
        for _ in range(8):
            w, h = rnd.randint(width // 8, width // 3), rnd.randint(height // 8, height // 2)
            x, y = rnd.randint(-w // 3, width - w // 2), rnd.randint(-h // 3, height - h // 2)
            colour = rnd.choice([art.accent, white, art.colours[2]])
            draw.rounded_rectangle(
                (x, y, x + w, y + h), radius=min(w, h) // 5, fill=_rgba(colour, rnd.randint(40, 95))
            )
    else:  # rings
        cx, cy = rnd.randint(width // 3, 2 * width // 3), rnd.randint(height // 3, 2 * height // 3)
        for ring in range(9, 0, -1):
            radius = ring * height // 9
            colour = art.accent if ring % 3 == 0 else white
            draw.ellipse(
                (cx - radius, cy - radius, cx + radius, cy + radius),
                outline=_rgba(colour, 70 + ring * 6),
                width=max(2, height // 90),
            )
        radius = height // 10
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), fill=_rgba(art.accent, 160)
        )


def draw_hero(art: HeroArt, size: tuple[int, int] = HERO_SIZE) -> Image.Image:
    """An abstract picture: ``art``'s gradient with its motif laid over it."""
    picture = _gradient(size, art.colours, tilt=0.25 + (art.seed % 5) * 0.1).convert("RGBA")
    small = (size[0] // _SHAPE_SCALE, size[1] // _SHAPE_SCALE)
    overlay = Image.new("RGBA", small, (0, 0, 0, 0))
    _draw_motif(ImageDraw.Draw(overlay), art, *small)
    picture.alpha_composite(overlay.resize(size, Image.Resampling.BICUBIC))
    return picture.convert("RGB")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font at ``size`` points; its small bitmap font without FreeType."""
    try:
        return ImageFont.load_default(size=size)
    except (ImportError, OSError, TypeError):
        return ImageFont.load_default()


def draw_portrait(initials: str, colour: RGB, size: tuple[int, int] = PORTRAIT_SIZE) -> Image.Image:
    """A placeholder portrait: ``initials`` in white on a circle of ``colour``."""
    scale = 2  # draw twice as large and shrink, for smooth edges
    width, height = size[0] * scale, size[1] * scale
    background = tuple(round(255 - (255 - c) * 0.18) for c in colour)
    picture = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(picture)
    margin = width // 16
    draw.ellipse((margin, margin, width - margin, height - margin), fill=colour)
    draw.text(
        (width / 2, height / 2),
        initials,
        fill=(255, 255, 255),
        font=_font(int(height * 0.36)),
        anchor="mm",
    )
    return picture.resize(size, Image.Resampling.LANCZOS)


def jpeg_bytes(picture: Image.Image) -> bytes:
    """``picture`` encoded as a JPEG."""
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


@functools.lru_cache(maxsize=64)
def render_jpeg(art: HeroArt | Portrait) -> bytes:
    """The JPEG for ``art``, drawn once per process however often it is asked for."""
    if isinstance(art, Portrait):
        return jpeg_bytes(draw_portrait(art.initials, art.colour))
    return jpeg_bytes(draw_hero(art))


def size_of(art: HeroArt | Portrait) -> tuple[int, int]:
    """The pixel size ``render_jpeg`` draws ``art`` at."""
    return PORTRAIT_SIZE if isinstance(art, Portrait) else HERO_SIZE
