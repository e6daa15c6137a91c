"""The sharing image (Open Graph, Twitter card): docs/assets/partage.png.

A 1200 × 630 PNG drawn from data/offer.yml with Pillow and DejaVu fonts,
without network. It is committed: the build only copies it, so Pillow is not
a dependency of the site. Regenerate it after a change of the offer's label:

    .venv/bin/python -m pip install --target /tmp/pillow pillow
    PYTHONPATH=/tmp/pillow .venv/bin/python tools/share_image.py

The image carries no price, date or count: those change with each cohort
and are in the page description instead.
"""
from __future__ import annotations

from pathlib import Path

from macros.validation import load_data

ROOT = Path(__file__).resolve().parent.parent

OUTPUT = ROOT / "docs" / "assets" / "partage.png"
SIZE = (1200, 630)
FONTS = Path("/usr/share/fonts/truetype/dejavu")
PRIMARY = (11, 79, 108)
DARK = (7, 52, 71)
ACCENT = (179, 64, 12)
WHITE = (255, 255, 255)
PALE = (207, 227, 236)


def draw(path: Path = OUTPUT) -> Path:
    """Draw the image from the offer's labels and write it as a paletted PNG."""
    from PIL import Image, ImageDraw, ImageFont

    offer = load_data(ROOT / "data", root=ROOT).offer
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 76)
    small_bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 30)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 34)

    image = Image.new("RGB", SIZE, PRIMARY)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    pen.rectangle((0, SIZE[1] - 110, SIZE[0], SIZE[1]), fill=DARK)
    # A label badge: a ring and a check mark.
    pen.ellipse((950, 40, 1120, 210), outline=PALE, width=12)
    pen.line((992, 127, 1027, 162, 1080, 90), fill=WHITE, width=16, joint="curve")

    pen.text((80, 70), f"{offer.organiser.upper()} · {offer.region.upper()}", font=small_bold, fill=PALE)
    y = 140
    for line in ("Labellisation", *_split(offer.label)):
        pen.text((80, y), line, font=bold, fill=WHITE)
        y += 92
    pen.text((80, y + 20), "Formation et accompagnement des PME jusqu’au label", font=regular, fill=PALE)
    pen.text((80, SIZE[1] - 78), f"{offer.label_body} ({offer.label_body_short}) · {offer.label_issuer}", font=regular, fill=WHITE)

    paletted = image.quantize(colors=24, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path.parent.mkdir(parents=True, exist_ok=True)
    paletted.save(path, format="PNG", optimize=True)
    return path


def _split(label: str) -> tuple[str, ...]:
    """« Numérique Responsable niveau 1 » on two lines, before « niveau »."""
    head, sep, tail = label.partition(" niveau")
    return (head, f"niveau{tail}") if sep else (label,)


if __name__ == "__main__":
    print(draw())
