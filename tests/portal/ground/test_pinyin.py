"""The one pinyin module: sort keys, index letters, slugs and suggestion keys."""

from portal.ground import pinyin


def test_sort_key_sorts_chinese_titles_alphabetically():
    titles = ["最低生活保障申请", "残疾人证申领", "高龄津贴申领", "居住证申领", "北京"]
    assert sorted(titles, key=pinyin.sort_key) == [
        "北京",
        "残疾人证申领",
        "高龄津贴申领",
        "居住证申领",
        "最低生活保障申请",
    ]


def test_initial_groups_by_first_letter_and_symbols_under_hash():
    assert pinyin.initial("残疾人证申领") == "C"
    assert pinyin.initial("12345热线") == "#"
    assert pinyin.initial("——") == "#"


def test_leading_quotes_and_brackets_do_not_move_a_title_to_hash():
    assert pinyin.initial("“四点半课堂”报名") == "S"
    assert pinyin.initial("《老年证》办理") == "L"
    assert pinyin.initial(' "Wi-Fi"登记') == "W"
    titles = ["残疾人证申领", "“四点半课堂”报名", "社区食堂就餐", "最低生活保障申请"]
    assert sorted(titles, key=pinyin.sort_key) == [
        "残疾人证申领",
        "社区食堂就餐",
        "“四点半课堂”报名",
        "最低生活保障申请",
    ]


def test_slug_is_ascii_pinyin_joined_by_hyphens():
    assert pinyin.slug("柳荫社区党群服务中心") == "liu-yin-she-qu-dang-qun-fu-wu-zhong-xin"
    assert pinyin.slug("“四点半课堂”（A座）") == "si-dian-ban-ke-tang-a-zuo"
    assert pinyin.slug("柳荫社区党群服务中心", max_length=12) == "liu-yin-she"
    assert pinyin.slug("——") == ""


def test_keys_give_full_pinyin_and_initials_after_folding():
    assert pinyin.keys("网格") == ("wangge", "wg")
    assert pinyin.keys("網格") == ("wangge", "wg")
    assert pinyin.keys("Wi-Fi 网格员 12345") == ("wifiwanggeyuan12345", "wifiwgy12345")
