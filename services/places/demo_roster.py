"""Demo grid rosters, joint party committees with monthly chairs, and quarterly grid ratings (idempotent)."""

import random

from django.utils import timezone

from services.places import demo_data as data
from services.places.models import (
    CommitteeMember,
    GridRating,
    GridRatingLevel,
    GridWorker,
    RotatingChair,
    quarter_of,
)


def load(communities):
    """Rosters and committees for every community's grids, then the rating scheme and four quarters of ratings."""
    levels = load_rating_levels()
    person = 0
    for c_order, (slug, community) in enumerate(communities.items()):
        leaders = load_committee(community, slug, person)
        person += len(leaders) + len(data.AREA_UNITS[slug])
        for g, grid in enumerate(community.grids.order_by("sort_order")):
            load_grid_roster(grid, c_order, g, leaders[g % len(leaders)], person)
            person += 4
            load_ratings(grid, c_order * 10 + g, levels)


def load_committee(community, slug, first):
    """The joint committee: four full-time members (who lead the grids) and the area's units; chairs by month."""
    community.committee_members.all().delete()
    leaders = []
    for n, post in enumerate(data.COMMITTEE_POSTS):
        member = CommitteeMember.objects.create(
            community=community, name=data.invented_name(first + n), post=post, sort_order=n
        )
        leaders.append(member.name)
    units = data.AREA_UNITS[slug]
    part_timers = []
    for n, (unit, unit_post) in enumerate(units):
        name = data.invented_name(first + len(leaders) + n)
        CommitteeMember.objects.create(
            community=community,
            name=name,
            post=CommitteeMember.Post.PART_TIME,
            unit=unit,
            unit_post=unit_post,
            sort_order=len(leaders) + n,
        )
        part_timers.append((name, unit))
    community.rotating_chairs.all().delete()
    year = timezone.localdate().year
    for offset in range(24):  # this year and next, so the current month always has its chair
        chair_year, month = year + offset // 12, offset % 12 + 1
        name, unit = part_timers[offset % len(part_timers)]
        RotatingChair.objects.create(
            community=community,
            year=chair_year,
            month=month,
            name=name,
            unit=unit,
            topic=data.CHAIR_TOPICS[month - 1],
            sort_order=offset,
        )
    return leaders


def load_grid_roster(grid, c_order, g, leader, first):
    """网格第一书记, 网格长 (a committee member), 兼职网格员 and two 微网格员, beside the existing grid worker."""
    department = data.SENDING_DEPARTMENTS[(c_order * 4 + g) % len(data.SENDING_DEPARTMENTS)]
    single = [
        (GridWorker.Role.FIRST_SECRETARY, data.invented_name(first), {"sent_from": department}),
        (GridWorker.Role.GRID_LEADER, leader, {}),
        (GridWorker.Role.PART_TIME_WORKER, data.invented_name(first + 1), {}),
    ]
    for order, (role, name, extra) in enumerate(single):
        GridWorker.objects.update_or_create(
            grid=grid,
            role=role,
            defaults={
                "name": name,
                "work_phone": "",
                "mobile": data.invented_mobile(first + order),
                "sort_order": order + 1,
                **extra,
            },
        )
    grid.workers.filter(role=GridWorker.Role.MICRO_GRID_WORKER).delete()
    compound = grid.compound_list()[0].split("（")[0]
    for n in range(2):
        GridWorker.objects.create(
            grid=grid,
            role=GridWorker.Role.MICRO_GRID_WORKER,
            name=data.invented_name(first + 2 + n),
            micro_grid=f"{compound}{n * 3 + 1}—{n * 3 + 3}幢",
            mobile=data.invented_mobile(first + 2 + n + 2000),
            sort_order=5 + n,
        )


def load_rating_levels():
    """{stars: level} of the editors' scheme."""
    levels = {}
    for stars, name, criteria in data.RATING_LEVELS:
        levels[stars], _created = GridRatingLevel.objects.update_or_create(
            stars=stars, defaults={"name": name, "criteria": criteria}
        )
    return levels


def past_quarters(count, today=None):
    """The ``count`` quarters that have ended before today, newest first."""
    year, quarter = quarter_of(today or timezone.localdate())
    found = []
    for _ in range(count):
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        found.append((year, quarter))
    return found


def load_ratings(grid, seed, levels):
    """Four quarters of ratings, mostly three to five stars, moving by at most one star a quarter."""
    rnd = random.Random(seed)
    stars = rnd.choice([3, 4, 4, 5])
    for year, quarter in reversed(past_quarters(4)):
        stars = max(2, min(5, stars + rnd.choice([-1, 0, 0, 1])))
        GridRating.objects.update_or_create(
            grid=grid,
            year=year,
            quarter=quarter,
            defaults={"level": levels[stars], "note": data.RATING_NOTES.get(stars, "")},
        )


__all__ = ["load", "past_quarters"]
