import datetime
import re

import pytest

from services.feedback.numbering import next_ticket_number

from .factories import make_ticket


@pytest.mark.django_db
def test_numbers_follow_the_day_and_count_up(category, community):
    first = make_ticket(category, community)
    second = make_ticket(category, community)
    assert re.fullmatch(r"FK\d{8}-\d{4}", first.number)
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1


@pytest.mark.django_db
def test_each_day_starts_again_at_one():
    assert next_ticket_number(datetime.date(2026, 11, 22)) == "FK20261122-0001"
    assert next_ticket_number(datetime.date(2026, 11, 22)) == "FK20261122-0002"
    assert next_ticket_number(datetime.date(2026, 11, 23)) == "FK20261123-0001"


@pytest.mark.django_db
def test_tracking_tokens_are_long_and_distinct(category, community):
    tokens = {make_ticket(category, community).tracking_token for _ in range(5)}
    assert len(tokens) == 5
    assert all(len(t) >= 32 for t in tokens)


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_never_share_a_number(category, community):
    import threading

    from django.db import connection

    from services.feedback.models import Ticket

    errors = []

    def submit(i):
        try:
            for j in range(5):
                make_ticket(category, community, idempotency_key=f"t{i}-{j}")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = list(Ticket.objects.values_list("number", flat=True))
    assert len(numbers) == 40 == len(set(numbers))
