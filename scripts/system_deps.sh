#!/usr/bin/env bash
# Debian packages the test suite needs: chromium (browser tests), postgresql (PostgreSQL runs),
# wrk (benchmarks), nginx with its cache-purge module and redis-server (`make stack`, the page-cache
# and proxy tests). Installed only when missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || need+=(libnginx-mod-http-cache-purge)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
fonts=$(fc-list :lang=zh 2>/dev/null | wc -l || echo 0)
[ "$fonts" -gt 0 ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "安装系统依赖: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
