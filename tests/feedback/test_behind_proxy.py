"""Residents told apart behind the site's own nginx (two loopback addresses), and a forged header that changes nothing."""

import pytest

from tests.support.http import Resident

from .factories import make_ticket

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_resident_locked_out_of_tracking_does_not_lock_out_another(behind_nginx, home_page, category, community):
    ticket = make_ticket(category, community)
    guesser, neighbour = Resident(behind_nginx, "127.0.0.2"), Resident(behind_nginx, "127.0.0.3")
    for _ in range(10):
        assert guesser.post_form("/feedback/track/", {"number": ticket.number, "phone_last4": "0000"}).status == 404
    right = {"number": ticket.number, "phone_last4": "5678"}
    assert guesser.post_form("/feedback/track/", right).status == 429
    # A forged X-Forwarded-For from the locked-out resident is not believed: nginx appends the real peer.
    assert guesser.post_form("/feedback/track/", right, **{"X-Forwarded-For": "198.51.100.7"}).status == 429
    found = neighbour.post_form("/feedback/track/", right)
    assert found.status == 302 and found.headers["Location"].endswith(ticket.get_tracking_url())
