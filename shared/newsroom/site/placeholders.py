"""What a photo's own style would say, as classes: its placeholder colour, and the
width of a portrait photo.

The site's Content-Security-Policy allows no inline style, so a photo cannot carry its
own colour or size in a `style` attribute. Instead:

- its dominant colour, shown until it loads, is rounded to one of 64 (four levels of
  red, green and blue) and named by a class (`ph-213`: levels 2, 1, 3). The blurred
  copy of the photo that processing also makes is not used on the site: a colour holds
  the place, and costs no bytes in the page;
- a portrait photo is as wide as makes it 80% of the window's height, from its shape
  rounded to a twentieth (`tall-65`: 65 wide for 100 high), so it never fills a screen
  and its box is known before it loads (its height follows from its `width` and
  `height` attributes).

The rules of every class come with the stylesheet (`newsroom.site.assets`).
"""

from __future__ import annotations

import re

LEVELS = 4
_STEP = 256 // LEVELS
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
DEFAULT = "ph-333"  # a light grey, for photos without a known colour


def colour_class(colour: str) -> str:
    """The class of the placeholder colour nearest `colour` (`#rrggbb`)."""
    if not _HEX.fullmatch(colour or ""):
        return DEFAULT
    levels = (int(colour[i : i + 2], 16) // _STEP for i in (1, 3, 5))
    return "ph-" + "".join(str(level) for level in levels)


TALLEST, STEP_PERCENT = 30, 5  # shapes from 30 wide for 100 high, in steps of 5
MAX_HEIGHT_VH = 80


def portrait_class(width: int, height: int) -> str:
    """The class sizing a portrait photo of `width`×`height` ("" for other shapes)."""
    if width <= 0 or height <= width:
        return ""
    percent = round(width * 100 / height / STEP_PERCENT) * STEP_PERCENT
    return f"tall-{max(TALLEST, min(percent, 100 - STEP_PERCENT))}"


def _shade(level: int) -> int:
    # The middle of each level's range, lightened a little: a placeholder stays quiet.
    middle = level * _STEP + _STEP // 2
    return min(255, middle + (255 - middle) // 4)


def photo_css() -> str:
    """The rules of every placeholder and portrait class, one line each."""
    rules = [
        f".tall-{percent}{{width:min(100%,{MAX_HEIGHT_VH * percent / 100:g}vh)}}"
        for percent in range(TALLEST, 100, STEP_PERCENT)
    ]
    for red in range(LEVELS):
        for green in range(LEVELS):
            for blue in range(LEVELS):
                value = "".join(f"{_shade(level):02x}" for level in (red, green, blue))
                rules.append(f".ph-{red}{green}{blue}{{background-color:#{value}}}")
    return "\n".join(rules) + "\n"
