"""Factories for the feedback tests: places, departments with groups, categories, tickets, wishes."""

import io

import factory
from django.contrib.auth.models import Group, Permission
from PIL import Image

from services.feedback.models import Category, Department, Ticket, Wish
from services.feedback.submission import create_ticket
from tests.places.factories import CommunityFactory, GridFactory, StreetFactory  # noqa: F401 - shared by feedback tests


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试部门{n}")
    code = factory.Sequence(lambda n: f"dept-{n}")
    email = factory.Sequence(lambda n: f"dept{n}@example.cn")
    group = factory.LazyAttribute(lambda o: department_group(o.name))


def department_group(name):
    """A Wagtail group for a department, with admin access like the demo's."""
    group, _ = Group.objects.get_or_create(name=f"{name}工作人员")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"类别{n}")
    code = factory.Sequence(lambda n: f"cat-{n}")
    deadline_days = 5


def make_ticket(category=None, community=None, **fields):
    """A ticket created the way the site creates them (number, first timeline entry)."""
    values = {
        "category": category or CategoryFactory(),
        "community": community or CommunityFactory(),
        "address": "幸福小区3幢",
        "description": "小区门口长期有车辆乱停，消防通道被堵。",
        "name": "王建国",
        "phone": "13812345678",
    }
    values.update(fields)
    ticket, _created = create_ticket(**values)
    return Ticket.objects.get(pk=ticket.pk)


def make_wish(community=None, **fields):
    values = {
        "title": "一台轮椅",
        "description": "腿脚不便，希望有一台轮椅方便出门晒太阳。",
        "beneficiary": "独居老人李阿姨",
        "community": community or CommunityFactory(),
        "submitter_name": "社区工作者小张",
        "submitter_phone": "13900001111",
        "status": "open",
    }
    values.update(fields)
    return Wish.objects.create(**values)


def image_bytes(fmt="JPEG", size=(64, 48), exif=None, color=(200, 30, 30), mode="RGB"):
    """A real image file in memory, optionally with EXIF (including GPS) attached."""
    image = Image.new(mode, size, color)
    out = io.BytesIO()
    kwargs = {}
    if exif is not None:
        kwargs["exif"] = exif
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


SECRETS = (b"SECRET-COMMENT", b"SECRET-XMP", b"SECRET-ICC", b"SECRET-TEXT", b"SecretPhone")


def image_with_every_metadata(fmt="JPEG"):
    """A photo carrying a COM comment, XMP, an ICC profile, PNG text and EXIF with GPS: all must go."""
    image = Image.new("RGB", (64, 48), (20, 120, 60))
    out = io.BytesIO()
    icc = b"\x00\x00\x02\x0cSECRET-ICC" + b"\x00" * 100
    if fmt == "JPEG":
        xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>SECRET-XMP</rdf:Description></x:xmpmeta>'
        image.save(out, "JPEG", comment=b"SECRET-COMMENT", xmp=xmp, icc_profile=icc, exif=gps_exif())
    else:
        from PIL import PngImagePlugin

        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "SECRET-TEXT")
        text.add_text("XML:com.adobe.xmp", "SECRET-XMP")
        image.save(out, "PNG", pnginfo=text, icc_profile=icc, exif=gps_exif())
    data = out.getvalue()
    expected = {"comment", "xmp", "icc_profile", "exif"} if fmt == "JPEG" else {"Comment", "icc_profile", "exif"}
    assert expected <= set(Image.open(io.BytesIO(data)).info)  # the fixture really carries it all
    return data


def gps_exif():
    """EXIF with a camera model and a GPS position (Hangzhou)."""
    exif = Image.Exif()
    exif[0x0110] = "SecretPhone X"  # Model
    exif[0x0132] = "2026:11:20 08:00:00"  # DateTime
    gps = {1: "N", 2: (30.0, 16.0, 12.0), 3: "E", 4: (120.0, 9.0, 0.0)}
    exif[0x8825] = gps
    return exif
