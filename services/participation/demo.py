"""Demo content of taking part (ORDER 40): earning rules, an exchange catalogue at several stations, and a few
volunteers with their points history, matching the news (10 points an hour of service, 新河社区's 积分超市).

Idempotent: rules and items are upserted by name (and station); the demo volunteers' ledgers are written once.
"""

from services.places.models import StationPage

from . import points
from .models import EarningRule, ExchangeItem, Resident, RuleKind

ORDER = 40

RULES = [
    ("志愿服务每满1小时", RuleKind.SERVICE, 10, "由活动组织者或站点工作人员在后台确认服务时长。"),
    ("参加站点活动并现场签到", RuleKind.ACTIVITY, 10, "活动结束后由站点工作人员确认签到。"),
    ("认领并完成一个微心愿", RuleKind.WISH, 20, "社区确认心愿已经实现后记分。"),
    ("反映的问题经核实有效", RuleKind.REPORT, 5, "受理中心核实问题属实并办结后记分。"),
]
# (station title contains, item name, points, stock, description)
ITEMS = [
    ("新河社区", "米面油礼包", 200, 20, "大米5公斤、面粉2.5公斤、食用油1.8升。"),
    ("新河社区", "洗衣液一瓶", 80, 40, "2公斤装。"),
    ("新河社区", "理发一次", 50, 30, "每月积分兑换日由志愿理发师提供，需提前预约。"),
    ("新河社区", "小家电维修一次", 60, 15, "电饭煲、电风扇、台灯等小家电，配件费另计。"),
    ("柳荫社区", "法律咨询半小时", 40, 10, "社区法律顾问每周二下午坐班。"),
    ("柳荫社区", "环保购物袋", 20, 100, "可折叠，印有社区垃圾分类指南。"),
    ("望湖", "骑手保温水杯", 60, 25, "小蜜蜂驿站为快递员、外卖骑手准备。"),
]
# (phone, name, on honour roll, [(rule index, times, note)], [item name redeemed])
VOLUNTEERS = [
    ("13900001001", "孙建国", True, [(0, 24, "楼道清理、陪伴独居老人"), (2, 2, "")], ["米面油礼包", "理发一次"]),
    ("13900001002", "王丽", True, [(0, 15, "垃圾分类值守"), (1, 4, "读书会、消防演练")], ["洗衣液一瓶"]),
    ("13900001003", "陈思", False, [(1, 3, "社区议事会"), (3, 2, "")], []),
]


def station_for(fragment):
    return StationPage.objects.live().filter(title__contains=fragment).order_by("pk").first()


def load(home, stdout=None):
    rules = []
    for name, kind, value, description in RULES:
        rule, _created = EarningRule.objects.update_or_create(
            name=name, defaults={"kind": kind, "points": value, "description": description, "active": True}
        )
        rules.append(rule)
    items = {}
    for fragment, name, value, stock, description in ITEMS:
        station = station_for(fragment)
        if station is None:
            continue
        # The stock is set once: later runs keep what residents have redeemed since.
        item, _created = ExchangeItem.objects.update_or_create(
            name=name,
            station=station,
            defaults={"points": value, "description": description, "active": True},
            create_defaults={"points": value, "description": description, "active": True, "stock": stock},
        )
        items[name] = item
    for phone, name, listed, earned, redeemed in VOLUNTEERS:
        resident, created = Resident.objects.get_or_create(
            phone=phone, defaults={"display_name": name, "on_honour_roll": listed}
        )
        if not created:
            continue
        for rule_index, times, note in earned:
            rule = rules[rule_index]
            for _n in range(times):
                points.award(resident, rule.points, rule.name + (f"：{note}" if note else ""), rule=rule)
        for item_name in redeemed:
            if item_name in items:
                points.redeem(resident, items[item_name].pk)
    if stdout:
        stdout.write(f"积分：{len(rules)} 条规则，{len(items)} 件兑换物品，{len(VOLUNTEERS)} 位志愿者")
