"""What the check-in does: declare, confirm or decline, claim posts, report and confirm service hours.

Confirming service hours awards points by the ledger's service-hours rule (an EarningRule of kind
``service``) exactly once: the record moves from pending to confirmed in one conditional update, and only
the request that made that move writes the ledger entry.
"""

import datetime
import math
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from services.catalog.models import Need, ProgressStatus, Project
from services.participation import points
from services.participation.models import RuleKind

from .models import PostClaim, Registration, ServiceRecord, Status


class PartyError(Exception):
    """A message for the member or the staff member, in Chinese."""


# ---- the member's side ------------------------------------------------------------------------------------


def declare(resident, data):
    """Create or update the resident's registration from cleaned form data; it (again) awaits confirmation."""
    fields = {key: data[key] for key in ("name", "work_unit", "branch", "community")}
    fields.update(status=Status.PENDING, decline_reason="", handled_by=None, handled_at=None)
    with transaction.atomic():
        current = Registration.objects.select_for_update().filter(resident=resident).first()
        if current is not None:
            if current.status == Status.CONFIRMED:
                raise PartyError(_("Your check-in is confirmed. To change it, please contact your community."))
            Registration.objects.filter(pk=current.pk).update(**fields, updated_at=timezone.now())
            return Registration.objects.get(pk=current.pk)
        try:
            with transaction.atomic():
                return Registration.objects.create(resident=resident, **fields)
        except IntegrityError:
            # A second tab sent the form at the same moment: the first one's registration stands.
            return Registration.objects.get(resident=resident)


def open_posts(registration):
    """The community's needs and projects a member can still take on, from the three lists (三单制)."""
    active = [ProgressStatus.OPEN, ProgressStatus.CLAIMED, ProgressStatus.IN_PROGRESS]
    needs = Need.public().filter(community=registration.community_id, status__in=active).order_by("-created_at")
    projects = Project.objects.filter(community=registration.community_id, status__in=active).order_by("-updated_at")
    return list(needs[:30]), list(projects[:30])


def claim(registration, need_id=None, project_id=None):
    """Take on a need or a project of the member's own community as a service post."""
    if registration.status != Status.CONFIRMED:
        raise PartyError(_("Posts can be claimed once your community has confirmed your check-in."))
    needs, projects = open_posts(registration)
    target = None
    if need_id is not None:
        target = next((n for n in needs if n.pk == need_id), None)
    elif project_id is not None:
        target = next((p for p in projects if p.pk == project_id), None)
    if target is None:
        raise PartyError(_("This post is not open in your community any more."))
    kind = "need" if need_id is not None else "project"
    try:
        with transaction.atomic():
            return PostClaim.objects.create(registration=registration, title=target.title[:80], **{kind: target})
    except IntegrityError:
        raise PartyError(_("You have already claimed this post.")) from None


def release(registration, claim_id):
    """Give a post back; hours already reported for it keep the post's name."""
    deleted, _rows = PostClaim.objects.filter(registration=registration, pk=claim_id).delete()
    if not deleted:
        raise PartyError(_("This post is not among yours."))


def report_hours(registration, data):
    """Record hours served (awaiting the community's confirmation)."""
    if registration.status != Status.CONFIRMED:
        raise PartyError(_("Service hours can be reported once your community has confirmed your check-in."))
    claim_ = data.get("claim")
    return ServiceRecord.objects.create(
        registration=registration,
        claim=claim_,
        post=claim_.title if claim_ else _("Other community service"),
        date=data["date"],
        hours=Decimal(str(data["hours"])),
        description=data.get("description", ""),
    )


def annual_record(registration, year):
    """The member's confirmed service in ``year``: records, total hours, points earned."""
    services = registration.services.filter(status=Status.CONFIRMED, date__year=year).select_related("entry")
    services = list(services.order_by("date", "pk"))
    return {
        "year": year,
        "services": services,
        "hours": sum((s.hours for s in services), start=0),
        "points": sum(s.entry.points for s in services if s.entry),
        "posts": list(registration.posts.all()),
    }


def record_years(registration):
    """Years with confirmed service, and the current year, newest first."""
    years = {timezone.localdate().year}
    years.update(d.year for d in registration.services.filter(status=Status.CONFIRMED).dates("date", "year"))
    return sorted(years, reverse=True)


# ---- the community's side ---------------------------------------------------------------------------------


def communities_for(user):
    """The communities whose members ``user`` handles; None means every community (administrators)."""
    if user.is_superuser or user.has_perm("party.change_registration"):
        return None
    return list(user.communities_staffed.values_list("community_id", flat=True))


def registrations_for(user):
    communities = communities_for(user)
    queryset = Registration.objects.select_related("community", "resident")
    return queryset if communities is None else queryset.filter(community_id__in=communities)


def services_for(user):
    communities = communities_for(user)
    queryset = ServiceRecord.objects.select_related("registration__community", "registration__resident")
    return queryset if communities is None else queryset.filter(registration__community_id__in=communities)


def confirm_registration(registration, user):
    updated = Registration.objects.filter(pk=registration.pk, status=Status.PENDING).update(
        status=Status.CONFIRMED, decline_reason="", handled_by=user, handled_at=timezone.now()
    )
    if not updated:
        raise PartyError(_("This registration has already been handled."))


def decline_registration(registration, user, reason):
    reason = (reason or "").strip()
    if not reason:
        raise PartyError(_("Give the reason for declining, so that the member can correct it."))
    updated = Registration.objects.filter(pk=registration.pk, status=Status.PENDING).update(
        status=Status.DECLINED, decline_reason=reason[:200], handled_by=user, handled_at=timezone.now()
    )
    if not updated:
        raise PartyError(_("This registration has already been handled."))


def service_rule():
    """The active earning rule for service hours (the best-paid one when there are several), or None."""
    return points.rule_for(RuleKind.SERVICE)


def points_for(hours, rule):
    """Points for ``hours`` by ``rule`` (points per full hour: 2.5 hours at 10 an hour earn 20)."""
    return rule.points * math.floor(hours) if rule else 0


def confirm_service(record, user):
    """Confirm reported hours and award their points; a second confirmation is refused and awards nothing.

    Returns the ledger entry, or None when no points are due (no active rule, or less than a full hour).
    """
    if not Registration.objects.filter(pk=record.registration_id, status=Status.CONFIRMED).exists():
        raise PartyError(_("Confirm the member's check-in before their hours."))
    with transaction.atomic():
        # A filter on the record's own columns only: PostgreSQL re-checks it on the row a parallel request
        # just updated (a filter through a join becomes a subquery, which it does not re-check).
        updated = ServiceRecord.objects.filter(pk=record.pk, status=Status.PENDING).update(
            status=Status.CONFIRMED, decline_reason="", handled_by=user, handled_at=timezone.now()
        )
        if not updated:
            raise PartyError(_("These hours have already been handled."))
        rule = service_rule()
        value = points_for(record.hours, rule)
        if value <= 0:
            return None
        reason = _("Party member service: %(post)s, %(date)s, %(hours)s h") % {
            "post": record.post,
            "date": record.date.isoformat(),
            "hours": f"{record.hours.normalize():f}",
        }
        # The ledger's source makes the award once per record even if this were ever called twice.
        entry = points.award(
            record.registration.resident, value, reason, user=user, rule=rule, source=f"party-service:{record.pk}"
        )
        ServiceRecord.objects.filter(pk=record.pk).update(entry=entry)
        return entry


def decline_service(record, user, reason):
    reason = (reason or "").strip()
    if not reason:
        raise PartyError(_("Give the reason for declining, so that the member can correct it."))
    updated = ServiceRecord.objects.filter(pk=record.pk, status=Status.PENDING).update(
        status=Status.DECLINED, decline_reason=reason[:200], handled_by=user, handled_at=timezone.now()
    )
    if not updated:
        raise PartyError(_("These hours have already been handled."))


# ---- figures ----------------------------------------------------------------------------------------------


def community_counts():
    """Per community: confirmed members and confirmed service hours, computed from the records."""
    from services.places.models import Community

    rows = (
        Community.objects.annotate(
            members=Count("party_registrations", filter=Q(party_registrations__status=Status.CONFIRMED), distinct=True)
        )
        .filter(members__gt=0)
        .order_by("street__sort_order", "sort_order", "name")
    )
    hours = dict(
        ServiceRecord.objects.filter(status=Status.CONFIRMED, registration__status=Status.CONFIRMED)
        .order_by()
        .values_list("registration__community")
        .annotate(total=Sum("hours"))
    )
    return [(community.name, community.members, hours.get(community.pk, 0)) for community in rows]


def earliest_service_date():
    """Service can be reported for the last year at most (the annual record closes)."""
    return timezone.localdate() - datetime.timedelta(days=366)
