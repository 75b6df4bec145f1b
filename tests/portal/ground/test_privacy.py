"""One masking rule, chosen by who looks: the public and staff without the permission see masked data."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from portal.ground.privacy import mask_email, mask_for, mask_name, mask_phone


def test_masks():
    assert mask_name(" 张建华 ") == "张**"
    assert mask_phone("138-1234-5678") == "138****5678"
    assert mask_phone("12345") == "*****"
    assert mask_email("wang.jianguo@example.cn") == "w***@example.cn"
    assert mask_email("not-an-address") == "**************"
    assert mask_name("") == mask_phone(None) == mask_email("") == ""


@pytest.mark.django_db
def test_mask_for_follows_the_permission(django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x-123-pw")
    boss = django_user_model.objects.create_superuser("boss", password="x-123-pw")
    for user in (None, AnonymousUser(), staff):
        assert mask_for(user, "name", "张建华") == "张**"
        assert mask_for(user, "phone", "13812345678") == "138****5678"
        assert mask_for(user, "email", "w@example.cn") == "w***@example.cn"
    assert mask_for(boss, "phone", "13812345678") == "13812345678"
    staff.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    staff = django_user_model.objects.get(pk=staff.pk)
    assert mask_for(staff, "name", "张建华") == "张建华"
    staff.is_active = False
    assert mask_for(staff, "name", "张建华") == "张**"
    with pytest.raises(KeyError):
        mask_for(staff, "id_number", "330102199001011234")
