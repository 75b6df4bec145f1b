#!/usr/bin/env bash
# Serve the portal with gunicorn (production settings, DEBUG off), plus the task worker
# (e-mails and their retries, Wagtail's background jobs) and the periodic jobs (scheduled
# publishing every minute, notification retries every five minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
BIN=.venv/bin
# Logs go with the rest of this installation's state (VAR_DIR, relative to the checkout).
VAR_DIR="${VAR_DIR:-var}"
mkdir -p -m 700 "$VAR_DIR"
export DJANGO_SETTINGS_MODULE=portal.settings.production
WORKERS="${WEB_CONCURRENCY:-$(( $(nproc) * 2 ))}"

"$BIN/python" manage.py db_worker --interval 2 >>"$VAR_DIR/worker.log" 2>&1 &
WORKER_PID=$!
"$BIN/python" manage.py run_periodic >>"$VAR_DIR/scheduler.log" 2>&1 &
SCHEDULER_PID=$!
trap 'kill $WORKER_PID $SCHEDULER_PID 2>/dev/null || true' EXIT INT TERM

echo "门户已启动： http://127.0.0.1:${PORT}/   管理后台： http://127.0.0.1:${PORT}/admin/"
"$BIN/gunicorn" portal.wsgi:application --config python:portal.gunicorn_conf \
  --bind "127.0.0.1:${PORT}" \
  --workers "$WORKERS" \
  --worker-class gthread --threads 2 \
  --preload --max-requests 5000 --max-requests-jitter 500 \
  --access-logfile - --log-level warning \
  --logger-class portal.ground.logs.ScrubbingGunicornLogger
