"""Pinyin sort keys and masking of personal data typed by residents."""

from services.catalog.text import lines, mask_personal_data, mask_phone, pinyin_initial, pinyin_key


def test_pinyin_key_sorts_chinese_titles_alphabetically():
    titles = ["最低生活保障申请", "残疾人证申领", "高龄津贴申领", "居住证申领", "北京"]
    assert sorted(titles, key=pinyin_key) == ["北京", "残疾人证申领", "高龄津贴申领", "居住证申领", "最低生活保障申请"]


def test_pinyin_initial_groups_by_first_letter_and_symbols_under_hash():
    assert pinyin_initial("残疾人证申领") == "C"
    assert pinyin_initial("12345热线") == "#"
    assert pinyin_initial("——") == "#"


def test_leading_quotes_and_brackets_do_not_move_a_title_to_hash():
    assert pinyin_initial("“四点半课堂”报名") == "S"
    assert pinyin_initial("《老年证》办理") == "L"
    assert pinyin_initial(' "Wi-Fi"登记') == "W"
    titles = ["残疾人证申领", "“四点半课堂”报名", "社区食堂就餐", "最低生活保障申请"]
    assert sorted(titles, key=pinyin_key) == ["残疾人证申领", "社区食堂就餐", "“四点半课堂”报名", "最低生活保障申请"]


def test_mask_personal_data_hides_ids_and_phones():
    text = "我的电话13912345678，身份证330106199001011234，座机0571-86901234"
    masked = mask_personal_data(text)
    assert "13912345678" not in masked and "139****5678" in masked
    assert "330106199001011234" not in masked and "3301**********1234" in masked
    assert "86901234" not in masked


def test_mask_phone_and_lines():
    assert mask_phone("13912345678") == "139****5678"
    assert lines(" a \n\n b\n") == ["a", "b"]
