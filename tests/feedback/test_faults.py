"""Faults survived: a full disk while a photo is saved, the database gone during a report."""

import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from services.feedback.models import Ticket, TicketEvent

from .factories import image_bytes
from .test_views import form_data

pytestmark = pytest.mark.django_db


def no_space_left(self, name, content):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_loses_the_photo_not_the_ticket(client, home_page, category, community, monkeypatch):
    monkeypatch.setattr(FileSystemStorage, "_save", no_space_left)
    photo = SimpleUploadedFile("a.jpg", image_bytes(), content_type="image/jpeg")
    response = client.post("/feedback/", form_data(category, community, photos=[photo]))
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.description == "楼下消防通道每天晚上都停满私家车。"
    assert ticket.photos.count() == 0
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert ticket.number in page
    assert "无法保存您上传的照片" in page


def test_the_database_gone_mid_report_is_a_chinese_503_and_nothing_half_saved(
    client, home_page, category, community, monkeypatch
):
    from services.feedback import submission

    def connection_lost(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(submission, "record", connection_lost)
    client.raise_request_exception = False
    response = client.post("/feedback/", form_data(category, community))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "没有保存" in page and '<html lang="zh-Hans">' in page
    assert Ticket.objects.count() == 0  # the ticket row was rolled back with its missing timeline entry
