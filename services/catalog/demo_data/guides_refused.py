"""Demo items: certificates a community must not issue (不得出具的证明), each with what to do instead."""

BASIS = ["《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕11号）"]

REFUSED = [
    (
        "refused-kinship",
        "亲属关系证明",
        "hukou",
        "可用户口簿、出生医学证明、结婚证等证件证明；证件无法证明的，可向公证机构申请亲属关系公证。",
    ),
    (
        "refused-criminal-record",
        "无犯罪记录证明",
        "hukou",
        "向户籍所在地或居住地公安派出所申请，也可在“浙里办”线上申请《无犯罪记录证明》。",
    ),
    (
        "refused-marital-status",
        "婚姻状况证明",
        "jiating",
        "由本人书面承诺婚姻状况；需要核实的，办理单位可向民政部门婚姻登记信息系统查询。",
    ),
    ("refused-birth", "出生证明", "jiating", "由出生时的医疗机构签发《出生医学证明》；遗失的向原签发机构申请补发。"),
    (
        "refused-death",
        "死亡证明",
        "hukou",
        "在医院死亡的由医疗机构出具；在家中正常死亡的由社区卫生服务中心出具；非正常死亡的由公安机关出具。",
    ),
    (
        "refused-income",
        "个人收入证明",
        "jiuye",
        "由工作单位出具；无工作单位的可以书面承诺，或提供银行流水、纳税记录（个人所得税App可查）。",
    ),
    ("refused-property", "房屋产权证明", "zhufang", "到不动产登记中心或通过“浙里办”查询打印不动产登记信息。"),
    (
        "refused-alive",
        "健在证明（生存证明）",
        "shebao",
        "领取养老金的老人通过社保App刷脸完成资格认证；行动不便的可预约社保工作人员上门认证。",
    ),
    ("refused-education", "学历证明", "jiuye", "通过学信网查询打印学历认证报告，或向毕业学校申请。"),
    ("refused-vaccination", "疫苗接种证明", "yiliao", "向接种单位（社区卫生服务中心）申请查询打印预防接种记录。"),
    ("refused-id-loss", "身份证遗失证明", "hukou", "直接到派出所补领身份证，或在线挂失；办理期间可申领临时身份证明。"),
    (
        "refused-traffic-accident",
        "交通事故证明",
        "zizhi",
        "由公安交通管理部门出具《道路交通事故认定书》；保险理赔按保险公司要求办理。",
    ),
    ("refused-deposit", "个人存款证明", "shebao", "由开户银行出具存款证明或账户流水。"),
    ("refused-abnormal-death", "非正常死亡证明", "hukou", "由公安机关调查后出具。"),
]


def refused_guides():
    """The refused certificates in the same shape as the other demo guides."""
    guides = []
    for slug, title, category, alternative in REFUSED:
        guides.append(
            {
                "slug": slug,
                "title": title,
                "category": category,
                "summary": f"社区不出具{title}。请按下面的办法办理。",
                "department": "",
                "eligibility": [],
                "materials": [],
                "steps": [],
                "fee": "不收费",
                "days": 0,
                "note": "",
                "basis": BASIS,
                "faqs": [
                    (
                        "单位坚持要社区开证明怎么办？",
                        "您可以出示本页说明拒绝；仍被要求的，请拨打12345或在本网站“我要反映”告诉我们。",
                    )
                ],
                "alternative": alternative,
            }
        )
    return guides
