"""Demo case studies of the fictional 云溪区 (own writing; every figure is invented).

Each case: sections as (kind, [paragraphs], [figures]) with figures as (label, before, after, unit, year).
Every figure is stated once in FIGURES and reused by the cases and brands that show it; a count of things
the portal lists (stations, party-member households…) is a ``Live`` value, counted when the page is shown.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Live:
    """An "after" value counted from the portal's data (a key of services.showcase.counts.LIVE_COUNTS)."""

    key: str


FIGURES = {
    # 红色物业: of the district's 72 compounds, 42 had property management before, 69 after; the 19 "三无"
    # compounds (no management, no owners' committee, no responsible body) became 3.
    "sanwu": ("“三无”小区", 19, 3, "个", 2024),
    "property_coverage": ("物业服务覆盖率", 58.3, 95.8, "%", 2024),
    "property_complaints": ("物业类投诉", 612, 187, "件", 2024),
    "bee_stations": ("小蜜蜂驿站", 0, Live("rider_stations"), "个", 2024),
    "rider_reports": ("骑手上报隐患", 0, 2150, "条", 2024),
    "rider_volunteering": ("骑手参与志愿服务", 0, 1260, "人次", 2024),
    "grid_solved": ("网格内事件解决率", 62.4, 91.8, "%", 2023),
    "grid_days": ("上报事件平均办结时间", 5.6, 1.8, "天", 2023),
    "certificates": ("社区出具证明事项", 46, 20, "项", 2025),
    "ledgers": ("社区工作台账", 38, 9, "本", 2025),
    "visiting_time": ("社区干部入户走访时间占比", 18, 45, "%", 2025),
    "whistle_closed": ("吹哨事项办结率", 78, 96.3, "%", 2024),
    "whistle_response": ("平均响应时长", 48, 6, "小时", 2024),
    "counselling": ("心理服务人次", 320, 2860, "人次", 2024),
    "family_disputes": ("成功调解家庭纠纷", 14, 87, "起", 2024),
    "lifts": ("加装电梯", 3, 58, "台", 2025),
    "topics_settled": ("协商议题办结", 18, 97, "项", 2025),
    "resources": ("资源清单", 12, 146, "项", 2023),
    "joint_projects": ("共建项目", 5, 63, "个", 2023),
    "sorting": ("垃圾分类准确率", 58, 93, "%", 2025),
    "volunteers": ("注册志愿者", 860, 4120, "人", 2025),
    "youth_stays": ("青年驿站入住", 0, 1840, "人次", 2025),
    "youth_councils": ("青年参与社区议事", 0, 310, "人次", 2025),
    "elderly_pairing": ("独居老人结对率", 35, 100, "%", 2024),
    "emergency_response": ("紧急呼叫平均响应", 25, 8, "分钟", 2024),
    "party_households": ("党员中心户", 0, Live("party_member_households"), "户", 2023),
    "party_groups": ("楼栋党小组", 41, Live("party_groups"), "个", 2023),
    "shared_parking": ("共享车位", 0, 420, "个", 2026),
    "parking_complaints": ("乱停车投诉", 265, 71, "件", 2026),
}


def figures(*keys):
    """The figures of FIGURES with these keys, in order."""
    return [FIGURES[key] for key in keys]


CASES = [
    {
        "slug": "hongse-wuye-sanwu-xiaoqu",
        "title": "“红色物业”破解老旧小区“三无”难题",
        "date": "2024-06-18",
        "source": "中共云溪区委组织部",
        "street": "柳荫街道",
        "communities": ["柳荫社区", "荷塘社区"],
        "brands": ["hongse-wuye", "liuyin-hongguanjia"],
        "themes": ["红色物业", "物业治理"],
        "summary": f"三年时间，全区“三无”小区从{FIGURES['sanwu'][1]}个减少到{FIGURES['sanwu'][2]}个，"
        f"物业服务覆盖率从{FIGURES['property_coverage'][1]}%提高到{FIGURES['property_coverage'][2]}%。",
        "sections": [
            (
                "background",
                [
                    f"云溪区建成于2000年以前的住宅小区有31个，其中{FIGURES['sanwu'][1]}个没有物业、没有业委会、"
                    "没有主管部门，是典型的“三无”小区。楼道堆物、停车无序、设施老化，居民投诉居高不下，"
                    "社区干部疲于应付。"
                ],
                [],
            ),
            (
                "practice",
                [
                    "一是支部建在小区上。在有条件的小区成立党支部，推动符合条件的党员业主进入业委会，"
                    "业委会成员中党员比例达到六成以上。",
                    "二是国企兜底托管。对暂时无法引入市场化物业的小区，由街道引入国有物业企业，"
                    "提供保洁、秩序维护、小修等基础服务，一年后由业主投票决定是否续聘。",
                    "三是三方联席议事。社区党组织每月召集业委会和物业企业开联席会，"
                    "居民集中反映的问题列入清单，明确责任人和完成时限，办理结果在小区公示栏公开。",
                ],
                [],
            ),
            (
                "results",
                ["通过三年集中攻坚，老旧小区“有人管”的问题基本解决，居民满意度明显提升。"],
                figures("sanwu", "property_coverage", "property_complaints"),
            ),
            (
                "lessons",
                [
                    "物业管理是居民家门口的“关键小事”。把党组织的政治优势、组织优势转化为物业服务的治理效能，"
                    "关键在于让业主、业委会和物业企业在党组织的协调下坐到一张桌子上。"
                ],
                [],
            ),
        ],
    },
    {
        "slug": "xiaomifeng-qishou-zijiren",
        "title": "小蜜蜂驿站：让骑手从“过路人”变成“自己人”",
        "date": "2024-09-05",
        "source": "中共云溪区委两新工委",
        "street": "望湖街道",
        "communities": ["望湖社区"],
        "brands": ["xiaomifeng-yizhan"],
        "themes": ["新就业群体", "阵地建设"],
        "summary": "驿站从无到有，骑手从被服务者变成社区治理的参与者。",
        "sections": [
            (
                "background",
                [
                    "全区日均活跃的快递员、外卖骑手超过六千人。他们风里来雨里去，"
                    "却常常找不到一个喝口热水、给手机充电的地方，与所在社区也几乎没有交集。"
                ],
                [],
            ),
            (
                "practice",
                [
                    "按照骑手订单热力图选址，利用党群服务站、银行网点、商铺空余空间建设驿站，统一标识和服务标准。",
                    "在驿站推行“骑手观察员”制度，骑手发现安全隐患随手拍、随手报，查实后获得积分，可兑换餐食和保险。",
                    "组建骑手党支部和志愿服务队，参与独居老人送药、暴雨天巡查等志愿服务。",
                ],
                [],
            ),
            (
                "results",
                ["驿站从无到有，骑手对社区的认同感明显增强。"],
                figures("bee_stations", "rider_reports", "rider_volunteering"),
            ),
            (
                "lessons",
                [
                    "服务新就业群体，既要解决“歇脚难”等具体问题，也要给他们搭建参与社区治理的平台，"
                    "让流动的人群在城市里有归属感。"
                ],
                [],
            ),
        ],
    },
    {
        "slug": "yi-zhang-san-yuan-wangge",
        "title": "“一长三员”让小事不出网格",
        "date": "2023-11-20",
        "source": "中共柳荫街道工作委员会",
        "street": "柳荫街道",
        "communities": ["柳荫社区", "杨柳社区"],
        "brands": ["liuyin-hongguanjia"],
        "themes": ["网格化管理"],
        "summary": "网格内事件解决率由62.4%提高到91.8%，上报事件平均办结时间缩短到1.8天。",
        "sections": [
            (
                "background",
                [
                    "过去网格员“一人包打天下”，既要巡查、又要填表、还要调解，大量问题上交社区，社区又上交街道，"
                    "居民反映“小事拖成大事”。"
                ],
                [],
            ),
            (
                "practice",
                [
                    "每个网格配备网格长、专职网格员、兼职网格员和网格指导员，明确各自职责清单。",
                    "网格员每日巡格，问题分为“即办、协办、上报”三类，即办事项当天办结。",
                    "机关下沉干部担任网格指导员，每周到网格报到一次，帮助协调跨部门问题。",
                ],
                [],
            ),
            (
                "results",
                [],
                figures("grid_solved", "grid_days"),
            ),
            ("lessons", ["网格化管理的关键在“人”。把党员、楼道骨干和下沉干部编进网格，网格才能真正转起来。"], []),
        ],
    },
    {
        "slug": "shequ-jianfu-si-ge-qingdan",
        "title": "“四个清单”为社区减负增效",
        "date": "2025-03-12",
        "source": "云溪区民政局",
        "street": "桂园街道",
        "communities": ["桂园社区", "金桂社区"],
        "brands": ["chuishao-zhitongche"],
        "themes": ["减负增效"],
        "summary": "社区出具的证明事项由46项减少到20项，工作台账由38本压减到9本。",
        "sections": [
            (
                "background",
                [
                    "社区工作者反映“一半时间在填表，一半时间在迎检”。各部门把工作任务层层下派到社区，"
                    "社区开具的各类证明五花八门，居民来回跑、社区很为难。"
                ],
                [],
            ),
            (
                "practice",
                [
                    "制定社区依法履职事项清单、协助政府工作事项清单、负面清单和证明事项清单，清单之外的事项一律不得摊派。",
                    "建立准入审核机制，部门确需社区协助的事项，须经区社区工作领导小组审核同意并配套经费。",
                    "整合各类信息系统，推行“一表通”，同一数据只录入一次。",
                ],
                [],
            ),
            (
                "results",
                ["社区干部入户走访时间明显增加，居民办事少跑腿。"],
                figures("certificates", "ledgers", "visiting_time"),
            ),
            ("lessons", ["为社区减负不是一减了之，而是要用清单管住“随意派活”，把社区干部的时间还给居民。"], []),
        ],
    },
    {
        "slug": "chuishao-baodao-bihuan",
        "title": "街道吹哨、部门报到：打通治理“最后一公里”",
        "date": "2024-03-28",
        "source": "云溪区社会治理中心",
        "street": "望湖街道",
        "communities": ["望湖社区", "湖滨社区"],
        "brands": ["chuishao-zhitongche"],
        "themes": ["吹哨报到", "减负增效"],
        "summary": "区级职能部门全部纳入吹哨报到机制，吹哨事项办结率达到96.3%。",
        "sections": [
            ("background", ["违章搭建、占道经营、地下管网等问题，社区“看得见、管不了”，部门“管得了、看不见”。"], []),
            (
                "practice",
                [
                    "梳理街道可“吹哨”的事项清单，明确城管、住建、市场监管等职能部门的报到责任和时限。",
                    "依托区社会治理平台派单，超时事项自动亮灯，由区委督查室跟踪督办。",
                    "办结后由反映人评议，评议结果纳入部门年度考核。",
                ],
                [],
            ),
            ("results", [], figures("whistle_closed", "whistle_response")),
            ("lessons", ["“吹哨”要有权威、“报到”要有约束、“评议”要有分量，三者缺一不可。"], []),
        ],
    },
    {
        "slug": "xinling-yizhan-xinli-fuwu",
        "title": "心灵驿站把心理服务送到家门口",
        "date": "2024-10-10",
        "source": "中共桂园街道工作委员会",
        "street": "桂园街道",
        "communities": ["丹桂社区"],
        "brands": ["xinling-yizhan"],
        "themes": ["心理服务", "为民服务"],
        "summary": "依托社区党群服务中心开展心理服务，全年服务居民2860人次。",
        "sections": [
            ("background", ["邻里纠纷、家庭矛盾背后往往有情绪问题，独居老人和困境儿童的心理需求也长期被忽视。"], []),
            (
                "practice",
                [
                    "在社区党群服务中心设立心理咨询室，每周两个下午由持证咨询师值守。",
                    "网格员走访中发现情绪异常的居民，经本人同意后转介驿站，严格保护个人隐私。",
                    "与区精神卫生中心建立转诊通道，需要专业治疗的及时转介。",
                ],
                [],
            ),
            ("results", [], figures("counselling", "family_disputes")),
            ("lessons", ["心理服务要“看得见、走得进、信得过”，把服务放在居民熟悉的党群服务中心，更容易被接受。"], []),
        ],
    },
    {
        "slug": "huban-yishiting-jiazhuang-dianti",
        "title": "湖畔议事厅“议”出58台电梯",
        "date": "2025-06-06",
        "source": "中共望湖街道工作委员会",
        "street": "望湖街道",
        "communities": ["湖滨社区"],
        "brands": ["huban-yishiting"],
        "themes": ["协商议事", "共建共治"],
        "summary": "通过“五步议事法”化解高低楼层分歧，加装电梯从3台增加到58台。",
        "sections": [
            (
                "background",
                [
                    "湖滨社区多为六层无电梯住宅，老人上下楼难。但加装电梯涉及费用分摊、采光和噪音，"
                    "低楼层居民顾虑多，多年推不动。"
                ],
                [],
            ),
            (
                "practice",
                [
                    "社区党委牵头，每个单元推选一名议事代表，在湖畔议事厅开展协商。",
                    "邀请设计单位现场讲解方案，对一、二楼住户的采光和噪音影响给出补偿标准。",
                    "协商结果由全体业主签字确认，施工过程由居民监督小组全程跟踪。",
                ],
                [],
            ),
            ("results", [], figures("lifts", "topics_settled")),
            ("lessons", ["协商不是“少数服从多数”那么简单，而是要让每一方的顾虑都被听见、被回应。"], []),
        ],
    },
    {
        "slug": "hongdong-lianmeng-san-dan-zhi",
        "title": "红动联盟以“三张清单”撬动驻区单位资源",
        "date": "2023-08-22",
        "source": "中共望湖街道工作委员会",
        "street": "望湖街道",
        "communities": ["望湖社区", "听涛社区"],
        "brands": ["hongdong-lianmeng"],
        "themes": ["共建共治", "三单制"],
        "summary": "资源清单从12项扩充到146项，共建项目从5个增加到63个。",
        "sections": [
            ("background", ["辖区驻区单位多，但过去共建停留在“逢年过节送慰问”，资源和居民需求对不上。"], []),
            (
                "practice",
                [
                    "社区每季度梳理需求清单，驻区单位梳理资源清单，街道汇总形成项目清单。",
                    "居民“点单”、社区“派单”、单位“接单”，项目完成后由居民评议。",
                    "联盟实行轮值主席制，每季度召开联席会。",
                ],
                [],
            ),
            ("results", [], figures("resources", "joint_projects")),
            ("lessons", ["把共建从“送温暖”变成“办实事”，关键是让需求和资源在清单上对接。"], []),
        ],
    },
    {
        "slug": "guixiang-linli-jifen-laji-fenlei",
        "title": "积分换服务，桂香邻里带动垃圾分类",
        "date": "2025-09-16",
        "source": "中共桂园街道工作委员会",
        "street": "桂园街道",
        "communities": ["桂园社区", "金桂社区"],
        "brands": ["guixiang-linli"],
        "themes": ["邻里互助", "垃圾分类"],
        "summary": "志愿者积分制度实施后，垃圾分类准确率由58%提高到93%。",
        "sections": [
            ("background", ["垃圾分类推行之初，定时定点投放执行难，督导全靠社区干部，难以持续。"], []),
            (
                "practice",
                [
                    "招募居民志愿者参加桶边督导，每次服务记入积分。",
                    "积分可在“邻里小铺”兑换生活用品，也可兑换周边商户提供的理发、修鞋等服务。",
                    "每月评选“分类示范楼道”，在楼道公示栏表扬。",
                ],
                [],
            ),
            ("results", [], figures("sorting", "volunteers")),
            ("lessons", ["积分是“引子”，真正留住居民的是邻里之间的认同和荣誉感。"], []),
        ],
    },
    {
        "slug": "qingnian-yizhan-rencai",
        "title": "青年驿站让来云溪的年轻人“住得下、融得进”",
        "date": "2025-07-01",
        "source": "共青团云溪区委",
        "street": "望湖街道",
        "communities": ["听涛社区"],
        "brands": ["qingnian-yizhan"],
        "themes": ["青年人才", "阵地建设"],
        "summary": "青年驿站运营两年，累计接待求职青年1840人次。",
        "sections": [
            ("background", ["来云溪求职的高校毕业生面临住宿贵、对城市不熟悉等困难，社区对青年群体的吸引力不足。"], []),
            (
                "practice",
                [
                    "改造社区闲置用房建设青年驿站，提供最长七天免费住宿。",
                    "每月组织就业沙龙和城市漫步，联合辖区企业提供岗位信息。",
                    "邀请入住青年参加“青春议事会”，为社区微更新出点子。",
                ],
                [],
            ),
            ("results", [], figures("youth_stays", "youth_councils")),
            ("lessons", ["让青年“进得来”只是第一步，给他们参与社区事务的机会，才能让他们“留得住”。"], []),
        ],
    },
    {
        "slug": "yinling-shouhu-dujv-laoren",
        "title": "“银龄守护”织密独居老人关爱网",
        "date": "2024-12-03",
        "source": "云溪区民政局",
        "street": "柳荫街道",
        "communities": ["柳荫社区"],
        "brands": ["yinling-shouhu"],
        "themes": ["为老服务", "为民服务"],
        "summary": "独居老人结对率达到100%，紧急呼叫平均响应时间缩短到8分钟。",
        "sections": [
            ("background", ["辖区60周岁以上独居老人有一千余名，突发疾病无人知晓的情况时有发生。"], []),
            (
                "practice",
                [
                    "按照身体和居住状况将老人分为红、黄、绿三色，确定不同的探访频次。",
                    "党员中心户、网格员、志愿者与老人结对，为高风险老人安装智能呼叫设备。",
                    "社区老年食堂提供助餐服务，签约家庭医生定期上门随访。",
                ],
                [],
            ),
            ("results", [], figures("elderly_pairing", "emergency_response")),
            ("lessons", ["为老服务要把“人防”和“技防”结合起来，让每一位独居老人都有人惦记。"], []),
        ],
    },
    {
        "slug": "dangyuan-zhongxinhu-si-ji-tixi",
        "title": "党员中心户把组织体系延伸到楼栋单元",
        "date": "2023-05-15",
        "source": "中共云溪区委组织部",
        "street": "桂园街道",
        "communities": ["丹桂社区", "桂园社区"],
        "brands": ["guixiang-linli", "yinling-shouhu"],
        "themes": ["网格化管理", "组织建设"],
        "summary": "构建社区党委、网格党支部、楼栋党小组、党员中心户四级组织体系，党员中心户在全区从无到有。",
        "sections": [
            ("background", ["社区党组织覆盖到了网格，但楼栋和单元里“看不到党员、找不到组织”的情况依然存在。"], []),
            (
                "practice",
                [
                    "在网格党支部下按楼栋建立党小组，在单元中选树党员中心户，每户联系约十户居民。",
                    "党员中心户门口挂牌、亮身份，负责政策宣传、意见收集和邻里调解。",
                    "社区每季度召开党员中心户例会，收集的问题纳入社区议事清单。",
                ],
                [],
            ),
            ("results", [], figures("party_households", "party_groups")),
            ("lessons", ["组织体系向下延伸，才能把党的声音传到每一个单元，把居民的诉求带回来。"], []),
        ],
    },
    {
        "slug": "gongxiang-chewei-tingche-nan",
        "title": "错时共享车位缓解老小区停车难",
        "date": "2026-04-09",
        "source": "中共柳荫街道工作委员会",
        "street": "柳荫街道",
        "communities": ["杨柳社区", "柳荫社区"],
        "brands": ["hongdong-lianmeng", "hongse-wuye"],
        "themes": ["共建共治", "物业治理"],
        "summary": "协调驻区单位夜间开放停车场，新增共享车位420个，乱停车投诉下降七成以上。",
        "sections": [
            ("background", ["杨柳社区车位缺口近五百个，夜间车辆占用消防通道，居民矛盾突出。"], []),
            (
                "practice",
                [
                    "社区党委与周边机关、学校、商场协商，夜间和周末错时开放停车场。",
                    "物业公司负责车辆登记和秩序维护，收费标准经居民议事会协商确定。",
                ],
                [],
            ),
            ("results", [], figures("shared_parking", "parking_complaints")),
            ("lessons", ["老小区的空间难题，往往要在小区之外找答案，党组织的协调作用在这里最能体现。"], []),
        ],
    },
]
