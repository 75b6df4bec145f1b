"""Photo uploads: decode, refuse what is not a real JPEG/PNG/WebP, re-encode without metadata."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2560
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def sanitise_photo(upload):
    """Return a ContentFile of the re-encoded photo (EXIF, GPS, XMP, ICC and COM comments gone) and its size.

    Raises ValidationError with a Chinese message for anything that is not a photo we accept.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Each photo may be at most 5 MB."), code="too_big")
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Only JPEG, PNG and WebP photos are accepted."), code="format")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The photo is too large (more than 40 megapixels)."), code="pixels")
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("This file is not a photo we can read."), code="invalid")
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("This file is not a photo we can read."), code="invalid")
    image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant, then drop the tag
    has_alpha = image.mode in ("RGBA", "LA", "P") and ("transparency" in image.info or image.mode != "P")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    clean = image.convert("RGBA" if has_alpha else "RGB")
    # Encoders copy some metadata from `info` on their own (JPEG writes `info["comment"]` as a COM
    # marker): start the saved file from the pixels alone.
    clean.info.clear()
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, format="PNG", optimize=True)
        ext = "png"
    else:
        clean.save(out, format="JPEG", quality=85, optimize=True)
        ext = "jpg"
    return ContentFile(out.getvalue(), name=f"photo.{ext}"), clean.size
