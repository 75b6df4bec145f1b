"""Residents' photos: on the resident's tracking page and for staff who see the ticket, never at a public file address."""

import pytest
from django.core.files.base import ContentFile

from services.feedback.models import TicketPhoto

from .factories import image_bytes, make_ticket, make_wish

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(category, community):
    ticket = make_ticket(category, community)
    item = TicketPhoto(ticket=ticket)
    item.image.save("x.jpg", ContentFile(image_bytes()), save=True)
    return item


def test_the_file_address_of_a_photo_is_not_served(client, photo):
    assert client.get(photo.image.url).status_code == 404
    assert client.get(f"/media/{photo.image.name}").status_code == 404


def test_the_tracking_page_shows_its_photos_and_nobody_else_gets_them(client, photo):
    page = client.get(photo.ticket.get_tracking_url()).content.decode()
    url = f"{photo.ticket.get_tracking_url()}photos/{photo.pk}/"
    assert f'src="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert client.get(f"/feedback/track/wrong-token/photos/{photo.pk}/").status_code == 404


def test_staff_who_see_the_ticket_see_its_photos(client, photo, centre_user, user_b):
    url = f"/admin/feedback/tickets/{photo.ticket.pk}/photos/{photo.pk}/"
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(user_b)  # another department: not their ticket
    assert client.get(url).status_code in {403, 404}
    client.force_login(centre_user)
    assert client.get(url).status_code == 200
    assert url in client.get(f"/admin/feedback/tickets/{photo.ticket.pk}/").content.decode()


def test_a_wish_photo_is_public_only_while_the_wish_is(client, community):
    wish = make_wish(community, status="fulfilled")
    wish.fulfilment_photo.save("w.jpg", ContentFile(image_bytes()), save=True)
    assert client.get(f"/media/{wish.fulfilment_photo.name}").status_code == 404
    assert f'src="/wishes/{wish.pk}/photo/"' in client.get(f"/wishes/{wish.pk}/").content.decode()
    assert client.get(f"/wishes/{wish.pk}/photo/").status_code == 200
    wish.status = "pending"
    wish.save()
    assert client.get(f"/wishes/{wish.pk}/photo/").status_code == 404
