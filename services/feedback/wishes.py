"""Micro-wishes: posting, the public board, claiming and fulfilling."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Wish, WishClaim, WishStatus

MAX_OPEN_CLAIMS_PER_PHONE = 2


class ClaimRefused(Exception):
    """The claim cannot be taken; the message tells the volunteer why."""


def open_claims_of(phone):
    """Claims by this phone whose wish is not fulfilled yet."""
    return WishClaim.objects.filter(phone=phone, withdrawn=False, wish__status=WishStatus.CLAIMED)


def claim_wish(wish, name, phone):
    """Let a volunteer claim an open wish; at most one claim wins when two arrive together."""
    with transaction.atomic():
        wish = Wish.objects.select_for_update().get(pk=wish.pk)
        if wish.status != WishStatus.OPEN:
            raise ClaimRefused(_("Someone has already claimed this wish. Thank you all the same!"))
        if open_claims_of(phone).count() >= MAX_OPEN_CLAIMS_PER_PHONE:
            raise ClaimRefused(
                _("You already have %(n)d claimed wishes that are not fulfilled yet. Please fulfil them first.")
                % {"n": MAX_OPEN_CLAIMS_PER_PHONE}
            )
        claim = WishClaim.objects.create(wish=wish, name=name, phone=phone)
        wish.status = WishStatus.CLAIMED
        wish.save(update_fields=["status"])
    return claim


def sync_wish_dates(wish):
    """Keep approval and fulfilment dates in step with the status staff set in the admin."""
    now = timezone.now()
    if wish.status in (WishStatus.OPEN, WishStatus.CLAIMED, WishStatus.FULFILLED) and not wish.approved_at:
        wish.approved_at = now
    if wish.status == WishStatus.FULFILLED and not wish.fulfilled_at:
        wish.fulfilled_at = now
