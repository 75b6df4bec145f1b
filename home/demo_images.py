"""Demo images drawn locally with Pillow (never downloaded), stored as Wagtail images."""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

PALETTES = [
    ((168, 32, 26), (255, 213, 79)),
    ((46, 125, 50), (200, 230, 201)),
    ((21, 101, 192), (187, 222, 251)),
    ((121, 85, 72), (255, 224, 178)),
    ((94, 53, 177), (209, 196, 233)),
    ((0, 121, 107), (178, 223, 219)),
]


def draw_scene(seed, size=(1200, 675)):
    """Draw a simple, deterministic 'street scene' of buildings and trees as JPEG bytes."""
    rnd = random.Random(seed)
    dark, light = rnd.choice(PALETTES)
    width, height = size
    image = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # sky gradient
        t = y / height
        colour = tuple(int(light[i] * (1 - t * 0.35) + 255 * t * 0.35) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    ground = int(height * 0.78)
    x = 0
    while x < width:  # buildings with windows
        w = rnd.randint(90, 220)
        h = rnd.randint(int(height * 0.25), int(height * 0.65))
        shade = tuple(max(0, min(255, c + rnd.randint(-30, 30))) for c in dark)
        draw.rectangle([x, ground - h, x + w, ground], fill=shade)
        for wy in range(ground - h + 15, ground - 20, 34):
            for wx in range(x + 12, x + w - 20, 30):
                if rnd.random() > 0.3:
                    draw.rectangle([wx, wy, wx + 14, wy + 18], fill=(255, 244, 200))
        x += w + rnd.randint(4, 30)
    draw.rectangle([0, ground, width, height], fill=(90, 90, 90))
    for tx in range(30, width, rnd.randint(140, 220)):  # trees
        draw.rectangle([tx + 12, ground - 40, tx + 20, ground], fill=(93, 64, 55))
        draw.ellipse([tx - 10, ground - 95, tx + 42, ground - 35], fill=(56, 142, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def get_or_create_demo_image(title, seed=None, collection=None):
    """A Wagtail image with this title, drawn on first use; idempotent by title."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    seed = seed if seed is not None else int(hashlib.sha256(title.encode()).hexdigest()[:8], 16)
    data = draw_scene(seed)
    name = f"demo-{hashlib.sha256(title.encode()).hexdigest()[:12]}.jpg"
    kwargs = {"title": title, "file": ImageFile(io.BytesIO(data), name=name)}
    if collection is not None:
        kwargs["collection"] = collection
    image = image_model(**kwargs)
    image.save()
    return image


def draw_placeholder_mark(size=(110, 55)):
    """A plainly fake stand-in for the 党政机关网站标识 (the real image is issued per site): a red
    bordered box with a hatched fill, as PNG bytes."""
    image = PILImage.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    width, height = size
    for x in range(-height, width, 8):
        draw.line([(x, height), (x + height, 0)], fill=(240, 200, 196), width=2)
    draw.rectangle([1, 1, width - 2, height - 2], outline=(168, 32, 26), width=3)
    draw.ellipse([8, 10, 43, 45], fill=(168, 32, 26))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def get_or_create_placeholder_mark(title):
    """The demo's placeholder for the government website mark, as a Wagtail image (idempotent by title)."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    image = image_model(title=title, file=ImageFile(io.BytesIO(draw_placeholder_mark()), name="demo-gov-mark.png"))
    image.save()
    return image
