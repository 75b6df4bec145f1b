"""manage.py seed_holidays: the public holidays and make-up working days (调休) of every year the
``chinesecalendar`` package knows, into the holiday calendar; days editors changed are kept."""

from django.core.management.base import BaseCommand

from services.places.holiday_seed import package_years, seed_holidays
from services.places.models.holidays import missing_calendar_years


class Command(BaseCommand):
    help = "Seed the holiday calendar from the chinesecalendar package (editors' changes are kept)."

    def handle(self, *args, **options):
        counts = seed_holidays()
        years = package_years()
        self.stdout.write(
            f"节假日安排：{years[0]}–{years[-1]} 年，新增 {counts['created']} 天，更新 {counts['updated']} 天，"
            f"保留编辑修改 {counts['kept']} 天"
        )
        for year in missing_calendar_years():
            self.stderr.write(f"警告：{year} 年的节假日安排尚未录入，截止日期暂按周一至周五计算。请在后台录入。")
