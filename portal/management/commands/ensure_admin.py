"""manage.py ensure_admin: create an admin account on first run and say where its password is."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a superuser with a generated password (stored with 0600 permissions under var/) if none exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, **options):
        password_file = Path(settings.VAR_DIR) / "admin-password.txt"
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            if password_file.exists():
                self.stdout.write(f"管理员账号已存在，初始密码见：{password_file}")
            else:
                self.stdout.write("管理员账号已存在。")
            return
        password = secrets.token_urlsafe(16)
        users.objects.create_superuser(username=options["username"], email="", password=password)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        if password_file.exists():
            password_file.unlink()
        fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(f"用户名: {options['username']}\n密码: {password}\n")
        self.stdout.write(
            self.style.SUCCESS(f"已创建管理员账号 {options['username']}，密码保存在：{password_file}（仅本机用户可读）")
        )
