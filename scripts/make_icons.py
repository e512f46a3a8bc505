"""Draw the home-screen icons (run once; the PNGs are committed): a white 服 on the course's
teal, inside the maskable safe zone so Android's round and squircle masks keep it whole.

Usage: python scripts/make_icons.py   (needs Pillow and a CJK font, e.g. Debian's fonts-noto-cjk)
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "icons"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
TEAL, WHITE = (0, 105, 92), (255, 255, 255)


def icon(size: int) -> Image.Image:
    image = Image.new("RGB", (size, size), TEAL)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(size * 0.5), index=2)  # index 2: Simplified Chinese
    box = draw.textbbox((0, 0), "服", font=font)
    x = (size - (box[2] - box[0])) / 2 - box[0]
    y = (size - (box[3] - box[1])) / 2 - box[1]
    draw.text((x, y), "服", font=font, fill=WHITE)
    return image


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size, name in ((192, "icon-192.png"), (512, "icon-512.png"), (180, "apple-touch-icon.png")):
        icon(size).save(OUT / name, optimize=True)
        print(OUT / name)
