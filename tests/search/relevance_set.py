"""A small relevance set for the contract suite: every engine must rank these queries in this order.

The titles hold the query as a phrase, its words scattered, or only in the body, in the title of a
longer or shorter document, in Traditional script; the expected order is the ranking the portal
promises (title phrase, then title words, then body), the same on SQLite, PostgreSQL and Elasticsearch.
"""

PAGES = [
    # slug, title, summary, body, date
    ("r-worker", "网格员入户走访独居老人", "网格员每周入户一次。", "走访时登记老人的需求。", "2026-03-01"),
    ("r-managed", "网格化管理让小事不出网格", "全区划分网格312个。", "网格员、楼长和志愿者共同参与。", "2026-03-02"),
    ("r-council", "湖滨社区网格议事会成立", "议事会每月开会。", "居民代表讨论停车和电梯问题。", "2026-03-03"),
    ("r-centre", "党群服务中心周末照常开放", "周六周日上午开放。", "可办理证明和咨询。", "2026-03-04"),
    (
        "r-centre-trad",
        "黨群服務中心增設自助服務機",
        "自助机可打印证明。",
        "群众可在党群服务中心自助办理。",
        "2026-03-05",
    ),
    ("r-rider", "骑手驿站新增充电柜", "外卖骑手可免费充电。", "驿站还提供饮水和微波炉。", "2026-03-06"),
    ("r-lift", "老旧小区加装电梯进展", "今年已加装电梯18台。", "网格员上门征求意见。", "2026-03-07"),
    ("r-waste", "垃圾分类积分可兑换生活用品", "积分超市每周开放。", "垃圾分类督导员在桶前值守。", "2026-03-08"),
    ("r-body", "志愿者服务队招募", "招募志愿者50名。", "主要参与垃圾分类宣传和网格巡查。", "2026-03-09"),
    ("r-scattered", "电梯维修与加装意见征集", "征集老楼居民意见。", "意见汇总后报街道。", "2026-03-10"),
    ("r-equal", "积分兑换", "居民用积分兑换服务。", "每月第一个周六开放。", "2026-03-11"),
]

# query → every title the engine must return, best first.
RANKINGS = {
    "垃圾分类": ["垃圾分类积分可兑换生活用品", "志愿者服务队招募"],  # title above body
    "志愿者": ["志愿者服务队招募", "网格化管理让小事不出网格"],
    "加装电梯": ["老旧小区加装电梯进展", "电梯维修与加装意见征集"],  # the phrase above the words scattered
    "积分兑换": ["积分兑换", "垃圾分类积分可兑换生活用品"],  # the title that is the query first
    "走访 老人": ["网格员入户走访独居老人"],
    "驿站 充电": ["骑手驿站新增充电柜"],
    "征集 意见": ["电梯维修与加装意见征集"],
    "積分兌換": ["积分兑换", "垃圾分类积分可兑换生活用品"],  # Traditional script ranks the same
}
