"""The domain's polyphonic words read as residents say them, wherever pinyin is used."""

import pytest

from portal.ground import pinyin


@pytest.mark.parametrize(
    "text, key, letter",
    [
        ("长护险申请", "chang hu xian shen qing", "C"),
        ("长宁社区", "chang ning she qu", "C"),
        ("朝阳街道", "chao yang jie dao", "C"),
        ("曾家巷社区", "zeng jia xiang she qu", "Z"),
        ("重名查询", "chong ming cha xun", "C"),
        ("还建房安置", "huan jian fang an zhi", "H"),
        ("长者食堂", "zhang zhe shi tang", "Z"),  # 长 is zhǎng here, as pypinyin already knew
    ],
)
def test_polyphones_sort_under_the_letter_residents_expect(text, key, letter):
    assert pinyin.sort_key(text) == key
    assert pinyin.initial(text) == letter


def test_slugs_and_suggestion_keys_use_the_same_readings():
    assert pinyin.slug("曾家巷社区党群服务站") == "zeng-jia-xiang-she-qu-dang-qun-fu-wu-zhan"
    assert pinyin.slug("还建房") == "huan-jian-fang"
    assert pinyin.keys("长护险") == ("changhuxian", "chx")
    assert pinyin.keys("朝阳") == ("chaoyang", "cy")


def test_an_editors_own_reading_wins_and_tones_are_optional():
    assert pinyin.sort_key("单家桥社区", override="Shàn Jiā Qiáo") == "shan jia qiao"
    assert pinyin.sort_key("单家桥社区", override="shan4 jia1 qiao2") == "shan jia qiao"
    assert pinyin.sort_key("单家桥社区", override="  ") == "dan jia qiao she qu"
    assert pinyin.key_initial("shan jia qiao") == "S" and pinyin.key_initial("12345") == "#"
