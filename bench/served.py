"""The served half of the benchmark: gunicorn (ops/gunicorn.conf.py, production settings) on the bench database.

Measures, against one server: requests per second of the dashboard beside `/healthz` (read-only, then with a
writer saving a commune-year every 0.5 s in another process), how soon a second process sees a write (the
dashboard API after a save), and the peak resident memory of the workers after 200 dashboard requests.
Used by bench/run.py; needs the data set seeded and a signed-in session key.
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 6  # concurrent keep-alive connections of the load generator
DURATION = 5.0  # seconds per rate measurement


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(*, database_url: str, secret_key: str, province: str):
    """Start gunicorn with ops/gunicorn.conf.py (3 workers) and production settings; yield (port, master pid)."""
    port = _free_port()
    static_root = tempfile.mkdtemp(prefix="ntm-bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ntm.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret_key,
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "CACHE_KEY_PREFIX": f"bench{port}",
        "NTM_DEFAULT_PROVINCE": province,
        "STATIC_ROOT": static_root,
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "-c",
            "ops/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer /healthz within 60 s")
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(port: int, path: str, cookie: str = "", connection=None) -> tuple[int, bytes]:
    """GET `path`; returns (status, body). Reuses `connection` (keep-alive) when given."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    if own:
        connection.close()
    return response.status, body


def rate(port: int, path: str, cookie: str = "", duration: float = DURATION) -> float:
    """Completed 200 responses per second over `duration` seconds, CLIENTS connections at once."""
    done = [0] * CLIENTS
    failures = []
    stop = time.monotonic() + duration

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < stop:
            try:
                status, _body = get(port, path, cookie, connection)
            except (OSError, http.client.HTTPException) as error:
                failures.append(repr(error))
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            if status == 200:
                done[index] += 1
            else:
                failures.append(status)
        connection.close()

    start = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        print(f"  {path}: {len(failures)} failed requests, e.g. {failures[:3]}")
    return sum(done) / (time.monotonic() - start)


def server_time_ms(port: int, path: str, cookie: str, requests: int = 200) -> float:
    """Median of the server's own time (`Server-Timing: app;dur=`, ops.middleware) over `requests` sequential
    requests on one keep-alive connection, in ms: the time Django spends, without the client's or the network's."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for _turn in range(requests):
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        timing = response.getheader("Server-Timing", "")
        assert response.status == 200 and timing.startswith("app;dur="), (path, response.status, timing)
        times.append(float(timing.removeprefix("app;dur=")))
    connection.close()
    return statistics.median(times)


def worker_peak_rss_mb(master_pid: int) -> float:
    """The largest peak resident set (VmHWM) of the master's worker processes, in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks)
