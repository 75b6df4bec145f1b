"""Demo content of places: 3 streets, 9 communities, 36 grids with their rosters, ratings and party groups,
joint party committees, 61 stations of every kind with realistic hours, facilities and a month of activities. Idempotent."""

import datetime
import random

from home.demo import upsert_child
from home.demo_images import get_or_create_demo_image
from services.places import demo_boundaries as boundaries
from services.places import demo_data as data
from services.places import demo_roster
from services.places.holiday_seed import seed_holidays
from services.places.hours_text import parse_weekly_text
from services.places.models import (
    BuildingPartyGroup,
    Community,
    Grid,
    GridWorker,
    OpeningException,
    PartyMemberHousehold,
    Road,
    StationActivity,
    StationIndexPage,
    StationKind,
    StationPhoto,
    StationService,
    Street,
)
from services.places.stations import upsert_station

ORDER = 10


def load_areas():
    """Streets, communities, grids, grid workers and the party structure."""
    streets = {}
    for order, spec in enumerate(data.STREETS):
        streets[spec["slug"]], _created = Street.objects.update_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "address": spec["address"], "phone": spec["phone"], "sort_order": order},
        )
    names = iter(data.WORKER_NAMES * 2)
    communities = {}
    for c_order, (slug, street, name, lat, lng, households, population, members, compounds) in enumerate(
        data.COMMUNITIES
    ):
        phone_base = 86905000 + c_order * 100
        community, _created = Community.objects.update_or_create(
            slug=slug,
            defaults={
                "street": streets[street],
                "name": name,
                "households": households,
                "population": population,
                "party_members": members,
                "address": f"云溪区{name[:-2]}路{10 + c_order * 7}号",
                "phone": f"0571-{str(phone_base)[:4]} {str(phone_base)[4:]}",
                "latitude": lat,
                "longitude": lng,
                "party_organisation": f"中共{name}委员会",
                "sort_order": c_order,
            },
        )
        communities[slug] = community
        shares = grid_households(households, data.GRIDS_PER_COMMUNITY, c_order)
        for g in range(data.GRIDS_PER_COMMUNITY):
            load_grid(community, c_order, g, compounds[g * 2 : g * 2 + 2], next(names), phone_base + 10 + g, shares[g])
    return communities


def grid_households(total, count, seed):
    """Split a community's households over its grids (each within ±8% of an even share), summing to total."""
    rnd = random.Random(seed)
    even = total // count
    shares = [even + rnd.randint(-even // 12, even // 12) for _ in range(count - 1)]
    shares.append(total - sum(shares))
    return shares


def load_grid(community, c_order, g, compounds, worker_name, phone, households):
    """One grid with its grid worker, a helper, two building party groups and their households."""
    rnd = random.Random(c_order * 10 + g)
    grid, _created = Grid.objects.update_or_create(
        code=f"YX-{community.slug.upper()}-{g + 1:02d}",
        defaults={
            "community": community,
            "name": data.GRID_NUMERALS[g],
            "households": households,
            "compounds": "\n".join(
                f"{c}（全部楼幢）" if i == 0 else f"{c}1—{rnd.randint(6, 12)}幢" for i, c in enumerate(compounds)
            ),
            "party_branch": f"{community.name}{data.GRID_NUMERALS[g]}党支部",
            "party_branch_secretary": data.MEMBER_NAMES[(c_order + g) % len(data.MEMBER_NAMES)],
            "sort_order": g,
        },
    )
    phone_text = f"0571-{str(phone)[:4]} {str(phone)[4:]}"
    GridWorker.objects.update_or_create(
        grid=grid,
        role=GridWorker.Role.GRID_WORKER,
        defaults={
            "name": worker_name,
            "work_phone": phone_text,
            "duty_hours": "工作日 8:30—17:30，周末轮值",
            "sort_order": 0,
        },
    )
    GridWorker.objects.update_or_create(
        grid=grid,
        role=GridWorker.Role.BUILDING_LEADER,
        defaults={"name": data.HELPER_NAMES[(c_order + g) % len(data.HELPER_NAMES)], "work_phone": "", "sort_order": 9},
    )
    for n in range(2):
        first = n * 3 + 1
        group, _created = BuildingPartyGroup.objects.update_or_create(
            grid=grid,
            name=f"{first}—{first + 2}幢党小组",
            defaults={
                "buildings": f"{compounds[0]}{first}—{first + 2}幢",
                "leader": data.MEMBER_NAMES[(g + n) % 10],
                "member_count": rnd.randint(6, 14),
                "sort_order": n,
            },
        )
        group.households.all().delete()
        for unit in range(2):
            PartyMemberHousehold.objects.create(
                group=group,
                unit=f"{first + unit}幢{unit + 1}单元",
                member_name=data.MEMBER_NAMES[(c_order + g + n + unit) % 10],
                households_served=rnd.randint(8, 12),
                sort_order=unit,
            )


def activities_for(kind, seed, today):
    """About a month of activities around today, so the schedule always looks current."""
    rnd = random.Random(seed)
    pool = data.ACTIVITIES["rider" if kind == "rider" else kind]
    rows = []
    for n in range(rnd.randint(3, 5)):
        title, audience, description = pool[n % len(pool)]
        day = today + datetime.timedelta(days=-7 + n * 7 + rnd.randint(0, 4))
        start = datetime.time(rnd.choice([9, 10, 14, 15, 19]), rnd.choice([0, 30]))
        end = (datetime.datetime.combine(day, start) + datetime.timedelta(minutes=90)).time()
        rows.append(
            StationActivity(
                date=day,
                start_time=start,
                end_time=end,
                title=title,
                audience=audience,
                description=description,
                sort_order=n,
            )
        )
    return rows


def station_specs(communities):
    """(code, title, kind, hours key, community, address, offset) for every demo station."""
    specs = []
    for c_order, (slug, _street, name, *_rest) in enumerate(data.COMMUNITIES):
        compounds = data.COMMUNITIES[c_order][8]
        prefix = f"YX-{slug.upper()}"
        specs += [
            (
                f"{prefix}-C",
                f"{name}党群服务中心",
                "centre",
                "centre",
                slug,
                f"云溪区{name[:-2]}路{10 + c_order * 7}号",
                0,
            ),
            (
                f"{prefix}-S1",
                f"{name}{compounds[0]}党群服务站",
                "station",
                "station",
                slug,
                f"{compounds[0]}会所一楼",
                1,
            ),
            (
                f"{prefix}-S2",
                f"{name}{compounds[3]}党群服务站",
                "station",
                "station",
                slug,
                f"{compounds[3]}3幢架空层",
                2,
            ),
            (
                f"{prefix}-G",
                f"{name}{data.GRID_NUMERALS[1]}驿站",
                "grid_post",
                "grid_post",
                slug,
                f"{compounds[2]}5幢车库102",
                3,
            ),
            (
                f"{prefix}-P",
                f"{name}红帆党员驿站",
                "party_member",
                "party_member",
                slug,
                f"{compounds[4]}物业楼二楼",
                4,
            ),
        ]
    for n, (title, slug, address, hours) in enumerate(data.RIDER_POSTS):
        specs.append((f"YX-RIDER-{n + 1:02d}", title, "rider", hours, slug, address, 5 + n))
    for n, (title, slug, address, hours) in enumerate(data.DRIVER_POSTS):
        specs.append((f"YX-DRIVER-{n + 1:02d}", title, "driver", hours, slug, address, 20 + n))
    return specs


def load_stations(home, communities, stdout=None):
    index = upsert_child(
        home,
        StationIndexPage,
        "stations",
        title="服务站点",
        introduction="全区党群服务中心、党群服务站、网格驿站、党员驿站，以及为快递员、外卖骑手和货车司机开放的小蜜蜂驿站、司机驿站。"
        "可按类型、设施和“现在开放”筛选，也可查看离您最近的站点。",
    )
    today = datetime.date.today()
    photo = {}
    for n, (code, title, kind, hours_key, slug, address, offset) in enumerate(station_specs(communities)):
        community = communities[slug]
        rnd = random.Random(code)
        lat = community.latitude + (rnd.random() - 0.5) * 0.008 if offset else community.latitude
        lng = community.longitude + (rnd.random() - 0.5) * 0.009 if offset else community.longitude
        facility_kind = "rider" if kind == "rider" else kind
        exceptions = []
        if n % 7 == 3:
            repair = today + datetime.timedelta(days=3 + n % 5)
            exceptions.append(OpeningException(date=repair, closed=True, note="设备检修，暂停开放一天"))
        if kind == "centre" and n % 2 == 0:
            exceptions.append(
                OpeningException(
                    date=today + datetime.timedelta(days=(5 - today.weekday()) % 7 + 7),
                    closed=False,
                    opens=datetime.time(9),
                    closes=datetime.time(16),
                    note="周六延时服务日",
                )
            )
        if kind == "centre" and kind not in photo:
            photo[kind] = get_or_create_demo_image("党群服务中心外景（演示）", seed=4100)
        children = {
            "activities": activities_for(kind, code, today),
            "services": [
                StationService(name=s, description=d, sort_order=i)
                for i, (s, d) in enumerate(data.STATION_SERVICES[facility_kind])
            ],
            "opening_exceptions": exceptions,
            "photos": [
                StationPhoto(image=photo["centre"], alt_text=f"{title}的大门和服务大厅入口", caption="服务中心外景")
            ]
            if kind == "centre"
            else [],
        }
        phone = (
            community.phone if kind in ("centre", "station", "grid_post", "party_member") else f"0571-8691 {2000 + n}"
        )
        fields = {
            "title": title,
            "kind": kind,
            "community": community,
            "address": address,
            "latitude": round(lat, 6),
            "longitude": round(lng, 6),
            "phone": phone,
            "operator": f"{community.name}党委"
            if kind not in ("rider", "driver")
            else f"{community.street.name}综合党委",
            "facilities": data.FACILITIES[facility_kind],
            "holiday_policy": "regular" if kind in ("rider", "driver", "grid_post") else "closed",
            "introduction": intro_for(kind, title),
            "hours_note": "24小时开放，夜间请按门铃" if hours_key == "rider_24h" else "",
        }
        upsert_station(code, fields, parse_weekly_text(data.HOURS[hours_key]), children, index=index)
    if stdout:
        stdout.write(f"    站点：{len(station_specs(communities))} 个")


def intro_for(kind, title):
    return {
        StationKind.CENTRE: "社区党员、群众办事议事和参加活动的主阵地，提供政策咨询、证明代办、养老助餐对接等一站式服务。",
        StationKind.STATION: "开在小区里的党群服务站，居民下楼就能找到网格员、借阅图书、参加邻里活动。",
        StationKind.GRID_POST: "网格员的工作驿站，每天有人值守，收集居民诉求，就近解决问题。",
        StationKind.PARTY_MEMBER: "在职党员和退休党员报到服务的阵地，认领微心愿、开展结对帮扶。",
        StationKind.RIDER: "为外卖骑手和快递小哥提供歇脚、喝水、充电和热饭的“小蜜蜂驿站”。",
        StationKind.DRIVER: "为网约车和货车司机提供休息、热水和卫生间的司机驿站。",
    }[kind]


def load_holidays():
    """The real calendar from the chinesecalendar package, as a server gets it, for the demo's years
    (its tickets' figures are tuned to them); nothing guessed."""
    seed_holidays(since=data.CALENDAR_FROM)


def load_boundaries_and_roads(communities):
    """Outlines of every community and grid, and the main roads, for the offline base map."""
    centres = {slug: (c.latitude, c.longitude) for slug, c in communities.items()}
    cells = boundaries.community_cells(centres)
    for slug, community in communities.items():
        community.boundary = boundaries.community_boundary(cells[slug])
        community.save(update_fields=["boundary"])
        quarters = boundaries.grid_boundaries(cells[slug], centres[slug])
        for grid, quarter in zip(community.grids.order_by("sort_order"), quarters, strict=False):
            grid.boundary = quarter
            grid.save(update_fields=["boundary"])
    for order, (name, kind, points) in enumerate(boundaries.ROADS):
        Road.objects.update_or_create(
            name=name, defaults={"kind": kind, "path": boundaries.road_geometry(points), "sort_order": order}
        )


def load(home, stdout=None):
    """Load the places demo (safe to run again)."""
    load_holidays()
    communities = load_areas()
    load_boundaries_and_roads(communities)
    demo_roster.load(communities)
    if stdout:
        stdout.write(
            f"    街道 {Street.objects.count()} 个，社区 {Community.objects.count()} 个，网格 {Grid.objects.count()} 个"
        )
    load_stations(home, communities, stdout)
