"""One masking rule for names, phone numbers and free text (the strictest of the former copies)."""

import pytest

from portal.ground.privacy import mask_name, mask_personal_data, mask_phone


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张建华", "张**"), ("李明", "李*"), ("王", "王*"), (" 欧阳娜娜 ", "欧***"), ("", ""), (None, "")],
)
def test_mask_name_keeps_only_the_surname(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),  # separators never reveal the number's shape
        ("0571-86901234", "057*****1234"),
        ("86901234", "****1234"),  # a short number never shows more than its last four digits
        ("1234567", "*******"),
        ("12345", "*****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone_hides_at_least_four_digits(phone, masked):
    assert mask_phone(phone) == masked


def test_mask_personal_data_hides_ids_and_phones():
    text = "我的电话13912345678，身份证330106199001011234，座机0571-86901234"
    masked = mask_personal_data(text)
    assert "13912345678" not in masked and "139****5678" in masked
    assert "330106199001011234" not in masked and "3301**********1234" in masked
    assert "86901234" not in masked
