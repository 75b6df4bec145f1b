"""Photos: only real JPEG/PNG/WebP, size and pixel caps, re-encoded, EXIF and GPS really gone."""

import io
import os
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from services.feedback.models import Ticket, TicketPhoto
from services.feedback.photos import sanitise_photo

from .factories import SECRETS, gps_exif, image_bytes, image_with_every_metadata


def upload(data, name="p.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_the_fixture_really_has_gps():
    exif = Image.open(io.BytesIO(image_bytes(exif=gps_exif()))).getexif()
    assert exif.get_ifd(0x8825)  # GPS IFD present before cleaning


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepted_formats_come_out_without_metadata(fmt):
    content, size = sanitise_photo(upload(image_bytes(fmt=fmt, exif=gps_exif()), name="x.bin"))
    data = content.read()
    image = Image.open(io.BytesIO(data))
    assert size == (64, 48)
    assert not image.getexif()
    assert b"SecretPhone" not in data and b"GPS" not in data
    assert "exif" not in image.info


def test_transparent_png_stays_png():
    content, _size = sanitise_photo(upload(image_bytes(fmt="PNG", mode="RGBA", color=(0, 0, 0, 0)), "t.png"))
    assert content.name.endswith(".png")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a" + b"\x00" * 100, "不是可识别的照片"),
        (b"%PDF-1.4 not an image", "不是可识别的照片"),
        (b"<?php echo 1; ?>", "不是可识别的照片"),
        (image_bytes()[:200], "不是可识别的照片"),  # truncated JPEG
    ],
)
def test_non_photos_are_refused(data, message):
    with pytest.raises(ValidationError, match=message):
        sanitise_photo(upload(data))


def test_gif_is_refused_even_when_valid():
    with pytest.raises(ValidationError, match="只接受 JPEG、PNG 和 WebP"):
        sanitise_photo(upload(image_bytes(fmt="GIF"), "a.jpg"))


def test_files_over_5_mb_are_refused():
    big = upload(os.urandom(5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="5 MB"):
        sanitise_photo(big)


def _png_header_only(width, height):
    """A tiny PNG that claims huge dimensions: a decompression bomb by its header."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b"")
    )


def test_more_than_40_megapixels_is_refused_before_decoding():
    with pytest.raises(ValidationError, match="4000 万像素"):
        sanitise_photo(upload(_png_header_only(8000, 6000), "bomb.png"))


@pytest.mark.django_db
def test_stored_files_have_unguessable_names_and_no_gps(client, home_page, category, community, settings):
    photo = upload(image_bytes(exif=gps_exif()), name="我家门牌302.jpg")
    response = client.post(
        "/feedback/",
        {
            "category": category.pk,
            "community": community.pk,
            "description": "路灯坏了",
            "name": "张三",
            "phone": "13812345678",
            "consent": "on",
            "photos": [photo],
        },
    )
    assert response.status_code == 302
    stored = TicketPhoto.objects.get(ticket=Ticket.objects.get())
    assert "门牌" not in stored.image.name and "302.jpg" not in stored.image.name  # nothing of the resident's name
    assert len(os.path.basename(stored.image.name).split(".")[0]) >= 24
    with open(stored.image.path, "rb") as fh:
        data = fh.read()
    assert b"SecretPhone" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


@pytest.mark.django_db
def test_four_photos_are_too_many(client, home_page, category, community):
    photos = [upload(image_bytes(), name=f"{i}.jpg") for i in range(4)]
    response = client.post(
        "/feedback/",
        {"category": category.pk, "community": community.pk, "description": "x", "name": "张三",
         "phone": "13812345678", "consent": "on", "photos": photos},
    )  # fmt: skip
    assert response.status_code == 400
    assert "最多上传 3 张照片" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_stored_photo_bytes_carry_no_comment_xmp_icc_or_exif(client, home_page, category, community, fmt):
    photo = upload(image_with_every_metadata(fmt), name="x.jpg")
    response = client.post(
        "/feedback/",
        {"category": category.pk, "community": community.pk, "description": "楼道灯坏了", "name": "张三",
         "phone": "13812345678", "consent": "on", "photos": [photo]},
    )  # fmt: skip
    assert response.status_code == 302
    with open(TicketPhoto.objects.get().image.path, "rb") as fh:
        data = fh.read()
    assert [secret for secret in SECRETS if secret in data] == []
    stored = Image.open(io.BytesIO(data))
    assert not stored.getexif()
    assert not {"comment", "Comment", "xmp", "XML:com.adobe.xmp", "icc_profile", "exif"} & set(stored.info)
