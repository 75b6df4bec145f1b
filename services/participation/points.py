"""The points ledger: balances derived from entries, awards, redemptions and their confirmation at stations.

A balance is the sum of a resident's entries and never goes below zero: every change starts by bumping the
resident's ``ledger_version``, which takes the row lock (PostgreSQL) or the write lock (SQLite), so two
redemptions of one balance, or of the last item in stock, run one after the other and the second sees the first.
"""

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EarningRule, ExchangeItem, PointEntry, Redemption, RedemptionStatus, Resident

# The source of the entry that gives back the points of a cancelled exchange (once per redemption).
REFUND_SOURCE = "refund:"


class PointsError(Exception):
    """A message for the resident or the staff member, in Chinese."""


def balance(resident):
    return resident.entries.aggregate(total=Sum("points"))["total"] or 0


def lock(resident):
    Resident.objects.filter(pk=resident.pk).update(ledger_version=F("ledger_version") + 1)


def award(resident, points, reason, user=None, rule=None, station=None, corrects=None, source=""):
    """Add an entry (negative for a correction); refused if it would take the balance below zero.

    With ``source`` (what the points are for, e.g. ``"wish:12"``) the award is made once: a second award
    for the same source returns the first entry instead of adding another.
    """
    with transaction.atomic():
        lock(resident)
        if source:
            existing = PointEntry.objects.filter(source=source).first()
            if existing is not None:
                return existing
        if points < 0 and balance(resident) + points < 0:
            raise PointsError(_("This correction would take the balance below zero."))
        fields = {
            "resident": resident,
            "points": points,
            "reason": reason[:200],
            "rule": rule,
            "station": station,
            "corrects": corrects,
            "created_by": user,
            "source": source,
        }
        if not source:
            return PointEntry.objects.create(**fields)
        try:
            with transaction.atomic():
                return PointEntry.objects.create(**fields)
        except IntegrityError:  # the same source awarded at the same moment to another resident row
            return PointEntry.objects.get(source=source)


def rule_for(kind):
    """The active earning rule of ``kind`` (a RuleKind) worth the most points, or None."""
    return EarningRule.objects.filter(kind=kind, active=True).order_by("-points", "pk").first()


def award_by_rule(resident, kind, detail, source, user=None, station=None):
    """Award the points of the active rule of ``kind`` once for ``source``; None when no such rule is active.

    ``detail`` (the wish, the ticket number …) follows the rule's name in the entry's reason.
    """
    rule = rule_for(kind)
    if rule is None:
        return None
    reason = f"{rule.name}：{detail}" if detail else rule.name
    return award(resident, rule.points, reason, user=user, rule=rule, station=station, source=source)


def redeem(resident, item_id):
    """Exchange points for an item; PointsError when it is out of stock or the balance is too low."""
    with transaction.atomic():
        lock(resident)
        item = ExchangeItem.objects.select_related("station").filter(pk=item_id, active=True).first()
        if item is None:
            raise PointsError(_("This item is no longer offered."))
        if balance(resident) < item.points:
            raise PointsError(_("You do not have enough points for this item."))
        if not ExchangeItem.objects.filter(pk=item.pk, stock__gte=1).update(stock=F("stock") - 1):
            raise PointsError(_("This item is out of stock."))
        redemption = Redemption.objects.create(resident=resident, item=item, points=item.points)
        PointEntry.objects.create(
            resident=resident,
            points=-item.points,
            reason=_("Exchanged for %(item)s") % {"item": item.name},
            station=item.station,
            redemption=redemption,
        )
    return redemption


def stations_for(user):
    """The stations whose redemptions ``user`` handles; None means every station (administrators)."""
    if user.is_superuser or user.has_perm("participation.change_redemption"):
        return None
    return list(user.stations_staffed.values_list("station_id", flat=True))


def redemptions_for(user):
    stations = stations_for(user)
    queryset = Redemption.objects.select_related("item__station", "resident")
    return queryset if stations is None else queryset.filter(item__station_id__in=stations)


def collect(redemption, user):
    """Station staff hand the item over: the redemption is marked collected."""
    if redemption.status != RedemptionStatus.WAITING:
        raise PointsError(_("This code has already been handled."))
    updated = Redemption.objects.filter(pk=redemption.pk, status=RedemptionStatus.WAITING).update(
        status=RedemptionStatus.COLLECTED, handled_by=user, handled_at=timezone.now()
    )
    if not updated:
        raise PointsError(_("This code has already been handled."))


def cancel(redemption, user):
    """Cancel a waiting redemption: the stock and the points go back (a new, refunding entry)."""
    with transaction.atomic():
        lock(redemption.resident)
        updated = Redemption.objects.filter(pk=redemption.pk, status=RedemptionStatus.WAITING).update(
            status=RedemptionStatus.CANCELLED, handled_by=user, handled_at=timezone.now()
        )
        if not updated:
            raise PointsError(_("This code has already been handled."))
        ExchangeItem.objects.filter(pk=redemption.item_id).update(stock=F("stock") + 1)
        PointEntry.objects.create(
            resident=redemption.resident,
            points=redemption.points,
            reason=_("Refund: redemption %(code)s cancelled") % {"code": redemption.code},
            station=redemption.item.station,
            created_by=user,
            source=f"{REFUND_SOURCE}{redemption.pk}",
        )


def honour_roll(limit=20):
    """Residents who agreed to be listed, by points earned (not spent), names masked."""
    rows = (
        PointEntry.objects.filter(resident__on_honour_roll=True, points__gt=0)
        .exclude(source__startswith=REFUND_SOURCE)  # points given back for a cancelled exchange were not earned
        .values("resident")
        .annotate(earned=Sum("points"))
        .order_by("-earned")[:limit]
    )
    residents = Resident.objects.in_bulk([row["resident"] for row in rows])
    return [(residents[row["resident"]].name_masked, row["earned"]) for row in rows]
