"""What the HTTP benchmarks share (bench/http, bench/stack): wrk runs, the CPU they cost, baseline worktrees.

A figure is measured two ways: requests per second as wrk sees them, and the CPU time per request, both
of the whole machine (``/proc/stat``: wrk, the proxy and the databases included) and of the app server's
processes alone (``/proc/<pid>/stat`` of gunicorn's master and workers). On a machine shared with other
work, req/s moves with the load from one minute to the next; CPU time per request moves far less.
"""

import os
import pathlib
import re
import socket
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parse_wrk(output):
    """req/s, p50 and p99 in milliseconds, requests made and non-2xx count from wrk --latency output."""

    def to_ms(value):
        number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1))
    p99 = to_ms(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rps, p50, p99, requests, int(errors.group(1)) if errors else 0


def machine_busy_seconds():
    """Seconds of CPU time the whole machine spent busy (not idle or waiting for I/O) since boot."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def process_tree_seconds(root_pid):
    """CPU seconds (user + system) of a process and all its descendants (gunicorn's master and workers)."""
    children = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        children.setdefault(int(fields[1]), []).append((int(entry.name), int(fields[11]) + int(fields[12])))
    total, todo = 0, [root_pid]
    own = {pid: ticks for kids in children.values() for pid, ticks in kids}
    while todo:
        pid = todo.pop()
        total += own.get(pid, 0)
        todo.extend(child for child, _ in children.get(pid, []))
    return total / CLOCK_TICKS


def measure(url, duration, connections, server_pid=None):
    """One wrk run: {rps, p50, p99, errors, busy, cpu}; busy and cpu in ms per request (cpu: of ``server_pid``'s tree)."""
    busy = machine_busy_seconds()
    workers = process_tree_seconds(server_pid) if server_pid else 0.0
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    busy = machine_busy_seconds() - busy
    workers = process_tree_seconds(server_pid) - workers if server_pid else 0.0
    rps, p50, p99, requests, errors = parse_wrk(output)
    per_request = 1000 / max(requests, 1)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "errors": errors,
        "busy": busy * per_request,
        "cpu": workers * per_request,
    }


def warm(url, seconds=2):
    """A short wrk run that fills caches and warms every worker before anything is measured."""
    subprocess.run(["wrk", "-t1", "-c4", f"-d{seconds}s", url], capture_output=True, check=True)


def baseline_tree(rev):
    """A temporary worktree of ``rev`` using this checkout's virtualenv (give it to ``remove_tree`` afterwards)."""
    path = pathlib.Path(tempfile.mkdtemp(prefix="portal-baseline-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(path), rev], cwd=ROOT, check=True, capture_output=True)
    if not (path / ".venv").exists():
        (path / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run([sys.executable, "scripts/compile_messages.py"], cwd=path, check=True, stdout=subprocess.DEVNULL)
    return path


def remove_tree(path):
    subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, capture_output=True)
