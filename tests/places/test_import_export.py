"""manage.py import_stations / export_stations with real files in UTF-8, UTF-8 with BOM and GBK."""

import io

import pytest
from django.core.management import CommandError, call_command

from portal.ground import geo
from services.places.models import StationPage
from tests.places.factories import CommunityFactory, make_station

HEADER = (
    "code,name,kind,community,address,latitude,longitude,datum,phone,facilities,hours,holidays,operator,introduction"
)
GOOD_ROWS = [
    "YX-R-001,小蜜蜂驿站（菜场店）,小蜜蜂驿站,liuyin,云溪区柳荫路128号,30.2712,120.1513,WGS84,0571-8691 2001,饮水|充电|微波炉,24小时,regular,柳荫街道综合党委,骑手歇脚点",
    'YX-C-001,柳荫社区党群服务中心,centre,柳荫社区,云溪区柳荫路10号,30.285,120.135,,0571-8690 5000,"饮水、卫生间、无障碍通道","周一至周五 08:30-12:00,13:30-17:30；周六 09:00-12:00",closed,柳荫社区党委,',
]
BAD_ROWS = [
    "YX-X-001,没有坐标的驿站,rider,liuyin,某路1号,,120.15,WGS84,,饮水,24小时,regular,,",
    "YX-X-002,类型错误,hotel,liuyin,某路2号,30.27,120.15,WGS84,,饮水,24小时,regular,,",
    "YX-X-003,时间错误,rider,liuyin,某路3号,30.27,120.15,WGS84,,饮水,周一 9点到10点,regular,,",
    "YX-X-004,社区错误,rider,nowhere,某路4号,30.27,120.15,WGS84,,饮水,24小时,regular,,",
    "YX-X-005,设施错误,rider,liuyin,某路5号,30.27,120.15,WGS84,,游泳池,24小时,regular,,",
    "YX-X-006,纬度越界,rider,liuyin,某路6号,95,120.15,WGS84,,饮水,24小时,regular,,",
    "YX-X-007,坐标系错误,rider,liuyin,某路7号,30.27,120.15,BD09,,饮水,24小时,regular,,",
    "YX-R-001,重复编码,rider,liuyin,某路8号,30.27,120.15,WGS84,,饮水,24小时,regular,,",
]
ENCODINGS = ["utf-8", "utf-8-sig", "gbk"]


@pytest.fixture
def community(station_index):
    return CommunityFactory(name="柳荫社区", slug="liuyin")


def write(tmp_path, rows, encoding, name="stations.csv"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode(encoding))
    return str(path)


def run(path, *args):
    out = io.StringIO()
    try:
        call_command("import_stations", path, "--no-progress", *args, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_good_file_is_imported_in_every_encoding(tmp_path, community, encoding):
    output, error = run(write(tmp_path, GOOD_ROWS, encoding))
    assert error is None, output
    assert f"文件编码：{'gb18030' if encoding == 'gbk' else encoding}" in output
    assert "已新建 2 个站点" in output
    rider = StationPage.objects.get(code="YX-R-001")
    assert rider.live
    assert rider.title == "小蜜蜂驿站（菜场店）"
    assert rider.kind == "rider"
    assert rider.community == community
    assert rider.facilities == ["water", "charging", "microwave"]
    assert rider.schedule["weekly"][0] == [["00:00", "00:00"]]
    assert rider.holiday_policy == "regular"
    centre = StationPage.objects.get(code="YX-C-001")
    assert centre.kind == "centre"
    assert centre.facilities == ["water", "toilet", "accessible"]
    assert centre.schedule["weekly"][0] == [["08:30", "12:00"], ["13:30", "17:30"]]
    assert centre.schedule["weekly"][6] == []


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_bad_file_reports_every_row_with_its_line_and_writes_nothing(tmp_path, community, encoding):
    output, error = run(write(tmp_path, BAD_ROWS[:-1], encoding))
    assert error is not None and error.returncode == 2
    for line, reason in [
        (2, "latitude 为空"),
        (3, "hotel"),
        (4, "9点到10点"),
        (5, "nowhere"),
        (6, "游泳池"),
        (7, "latitude 95 超出范围"),
        (8, "BD09"),
    ]:
        assert f"第 {line} 行：" in output and reason in output, (line, reason, output)
    assert StationPage.objects.count() == 0


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_mixed_file_imports_good_rows_and_reports_bad_ones(tmp_path, community, encoding):
    rows = [GOOD_ROWS[0], BAD_ROWS[1], GOOD_ROWS[1], BAD_ROWS[-1]]
    output, error = run(write(tmp_path, rows, encoding))
    assert error is not None
    assert "已新建 2 个站点" in output
    assert "第 3 行：" in output and "第 5 行：编码 YX-R-001 与第 2 行重复" in output
    assert set(StationPage.objects.values_list("code", flat=True)) == {"YX-R-001", "YX-C-001"}
    assert StationPage.objects.get(code="YX-R-001").address == "云溪区柳荫路128号"


def test_gcj02_coordinates_are_stored_as_wgs84(tmp_path, community):
    wgs = (30.2712, 120.1513)
    gcj = geo.wgs84_to_gcj02(*wgs)
    row = f"YX-G-001,高德坐标驿站,rider,liuyin,某路,{gcj[0]:.7f},{gcj[1]:.7f},GCJ-02,,饮水,24小时,regular,,"
    _output, error = run(write(tmp_path, [row], "utf-8"))
    assert error is None
    station = StationPage.objects.get(code="YX-G-001")
    assert geo.haversine_m(station.latitude, station.longitude, *wgs) < 0.1


def test_dry_run_checks_but_writes_nothing(tmp_path, community):
    output, error = run(write(tmp_path, GOOD_ROWS, "utf-8"), "--dry-run")
    assert error is None
    assert "将新建 2 个站点" in output and "没有写入任何数据" in output
    assert StationPage.objects.count() == 0


def test_reimport_updates_by_code_and_keeps_the_page(tmp_path, community):
    run(write(tmp_path, GOOD_ROWS, "utf-8"))
    first = StationPage.objects.get(code="YX-R-001")
    changed = GOOD_ROWS[0].replace("云溪区柳荫路128号", "云溪区柳荫路130号")
    output, error = run(write(tmp_path, [changed], "gbk", "second.csv"))
    assert error is None
    assert "已更新 1 个站点" in output
    again = StationPage.objects.get(code="YX-R-001")
    assert again.pk == first.pk and again.address == "云溪区柳荫路130号"
    assert StationPage.objects.count() == 2


def test_chinese_headers_are_accepted(tmp_path, community):
    path = tmp_path / "chinese.csv"
    path.write_bytes(
        "编码,名称,类型,社区,地址,纬度,经度,开放时间\nYX-H-001,中文表头驿站,司机驿站,柳荫社区,某路,30.27,120.15,每天 06:00-22:00\n".encode(
            "gbk"
        )
    )
    _output, error = run(str(path))
    assert error is None
    assert StationPage.objects.get(code="YX-H-001").kind == "driver"


def test_missing_columns_and_unreadable_files_are_clear_errors(tmp_path, community):
    path = tmp_path / "short.csv"
    path.write_text("code,name\nA,B\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Missing columns|缺少"):
        call_command("import_stations", str(path), "--no-progress", stdout=io.StringIO())
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("import_stations", str(tmp_path / "absent.csv"), stdout=io.StringIO())
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81\x30" * 20)
    with pytest.raises(CommandError):
        call_command("import_stations", str(binary), stdout=io.StringIO())


def test_export_writes_the_import_format_and_round_trips(tmp_path, station_index, community):
    make_station(
        station_index,
        "柳荫社区党群服务中心",
        "周一至周五 08:30-12:00,13:30-17:30；周六 09:00-12:00",
        code="YX-C-009",
        kind="centre",
        community=community,
        facilities=["water", "toilet"],
        holiday_policy="closed",
    )
    uncoded = make_station(station_index, "没有编码的驿站", "每天 07:00-次日01:00")
    StationPage.objects.filter(pk=uncoded.pk).update(code=None)
    target = tmp_path / "export.csv"
    call_command("export_stations", "--output", str(target), "--encoding", "gbk", stderr=io.StringIO())
    text = target.read_bytes().decode("gbk")
    assert text.splitlines()[0] == HEADER
    assert "YX-C-009,柳荫社区党群服务中心,centre,liuyin" in text
    assert '"周一至周五 08:30-12:00,13:30-17:30；周六 09:00-12:00",closed' in text
    assert f"PAGE-{uncoded.pk},没有编码的驿站" in text and "每天 07:00-次日01:00" in text
    output, error = run(str(target))
    assert error is None, output
    assert "已新建 0 个站点，已更新 2 个站点" in output
    assert StationPage.objects.get(pk=uncoded.pk).code == f"PAGE-{uncoded.pk}"
    assert StationPage.objects.count() == 2


def test_export_defaults_to_utf8_with_bom_for_excel(tmp_path, station_index, community):
    make_station(station_index, "驿站", "24小时", code="YX-Z-1")
    target = tmp_path / "excel.csv"
    call_command("export_stations", "-o", str(target), stderr=io.StringIO())
    assert target.read_bytes().startswith("\ufeffcode,name".encode())
    out = io.StringIO()
    call_command("export_stations", stdout=out)
    assert (
        out.getvalue().splitlines()[1]
        == "YX-Z-1,驿站,rider,,云溪区测试路1号,30.27,120.15,WGS84,,water,24小时,regular,,"
    )


def test_a_row_failing_while_saving_leaves_nothing_half_written(tmp_path, community, monkeypatch):
    from wagtail.models import Page

    original = StationPage.save_revision

    def failing_save_revision(self, *args, **kwargs):
        if self.code == "YX-C-001":
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(StationPage, "save_revision", failing_save_revision)
    pages_before = Page.objects.count()
    output, error = run(write(tmp_path, GOOD_ROWS, "utf-8"))
    assert error is not None
    assert "第 3 行：保存失败：disk full" in output
    assert list(StationPage.objects.values_list("code", flat=True)) == ["YX-R-001"]
    assert Page.objects.count() == pages_before + 1  # the failed station's page was rolled back too
