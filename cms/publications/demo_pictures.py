"""Draws the simple pictures for the demo easy-read page with Pillow.

Easy read works best with clear, simple pictures on a plain background. Run
`python -m cms.publications.demo_pictures OUT_DIR` to write them as PNG files; the demo
loader calls `draw()` directly and puts the pictures in the Wagtail image library.
"""

import sys
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 400
BACKGROUND = "#f3e9fb"
INK = "#3b1a58"
ACCENT = "#5b2a86"
WARM = "#f47738"
LIGHT = "#ffffff"

Draw = ImageDraw.ImageDraw


def _person(draw: Draw, x: int, y: int, scale: float = 1.0, colour: str = ACCENT) -> None:
    """A simple standing person whose head centre is at (x, y)."""
    head = int(38 * scale)
    draw.ellipse((x - head, y - head, x + head, y + head), fill=colour)
    body_top = y + head + int(10 * scale)
    draw.rounded_rectangle(
        (x - int(55 * scale), body_top, x + int(55 * scale), body_top + int(130 * scale)),
        radius=int(40 * scale),
        fill=colour,
    )


def house(draw: Draw) -> None:
    draw.polygon([(200, 60), (60, 190), (340, 190)], fill=WARM)
    draw.rectangle((90, 190, 310, 340), fill=ACCENT)
    draw.rectangle((175, 250, 225, 340), fill=LIGHT)
    draw.rectangle((110, 215, 155, 255), fill=LIGHT)
    draw.rectangle((245, 215, 290, 255), fill=LIGHT)


def young_man(draw: Draw) -> None:
    _person(draw, 200, 120, 1.3)
    draw.chord((148, 62, 252, 150), 180, 360, fill=INK)  # cap


def night(draw: Draw) -> None:
    draw.rectangle((0, 0, SIZE, SIZE), fill=INK)
    draw.ellipse((110, 70, 290, 250), fill="#ffdd00")
    draw.ellipse((160, 50, 340, 230), fill=INK)  # crescent
    for x, y in [(80, 90), (320, 280), (90, 300), (250, 330), (340, 110)]:
        draw.regular_polygon((x, y, 14), n_sides=4, rotation=45, fill=LIGHT)


def map_pin(draw: Draw) -> None:
    draw.polygon([(40, 330), (150, 290), (250, 330), (360, 290), (360, 360), (40, 360)], fill=INK)
    draw.ellipse((120, 50, 280, 210), fill=WARM)
    draw.polygon([(135, 160), (265, 160), (200, 300)], fill=WARM)
    draw.ellipse((165, 95, 235, 165), fill=LIGHT)


def family(draw: Draw) -> None:
    _person(draw, 150, 110, 1.1)
    _person(draw, 275, 200, 0.7, WARM)


def chart(draw: Draw) -> None:
    draw.line((60, 60, 60, 340, 350, 340), fill=INK, width=10)
    for index, height in enumerate((90, 160, 120, 230)):
        left = 90 + index * 65
        draw.rectangle((left, 330 - height, left + 45, 330), fill=ACCENT if index % 2 else WARM)


def heart(draw: Draw) -> None:
    draw.ellipse((70, 80, 210, 220), fill="#d4351c")
    draw.ellipse((190, 80, 330, 220), fill="#d4351c")
    draw.polygon([(78, 180), (322, 180), (200, 340)], fill="#d4351c")


def group(draw: Draw) -> None:
    _person(draw, 100, 150, 0.8, WARM)
    _person(draw, 300, 150, 0.8, WARM)
    _person(draw, 200, 110, 1.0)


def book(draw: Draw) -> None:
    draw.polygon([(200, 110), (50, 80), (50, 310), (200, 340)], fill=ACCENT)
    draw.polygon([(200, 110), (350, 80), (350, 310), (200, 340)], fill=WARM)
    for y in (140, 180, 220, 260):
        draw.line((75, y - 20, 180, y), fill=LIGHT, width=6)
        draw.line((220, y, 325, y - 20), fill=LIGHT, width=6)


def open_door(draw: Draw) -> None:
    draw.rectangle((110, 50, 290, 360), fill=INK)
    draw.rectangle((125, 65, 275, 360), fill="#ffdd00")
    draw.polygon([(125, 65), (215, 95), (215, 380), (125, 360)], fill=ACCENT)
    draw.ellipse((190, 220, 205, 235), fill=LIGHT)


def team(draw: Draw) -> None:
    for x, colour in ((90, WARM), (200, ACCENT), (310, WARM)):
        _person(draw, x, 120, 0.75, colour)
    draw.line((125, 230, 165, 230), fill=INK, width=14)  # holding hands
    draw.line((235, 230, 275, 230), fill=INK, width=14)


PICTURES: dict[str, Callable[[Draw], None]] = {
    "team": team,
    "house": house,
    "young-man": young_man,
    "night": night,
    "map-pin": map_pin,
    "family": family,
    "chart": chart,
    "heart": heart,
    "group": group,
    "book": book,
    "open-door": open_door,
}


def draw(name: str) -> bytes:
    """The named picture as PNG bytes."""
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    PICTURES[name](ImageDraw.Draw(image))
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def main(out_dir: str) -> None:
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name in PICTURES:
        (target / f"{name}.png").write_bytes(draw(name))
        print(target / f"{name}.png")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo-pictures")
