"""Load test: 50 users for 60 s against gunicorn (production settings) on 127.0.0.1 and PostgreSQL.

    .venv/bin/python bench/load_test.py [--users 50] [--duration 60] [--workers 3]

It (re)creates the database `ntm_loadtest` (LOADTEST_DATABASE_URL, default postgres://localhost/ntm_loadtest),
migrates it, loads the criteria, Hà Tĩnh's divisions and the demo data, adds one office user per simulated
user, collects the static files into a temporary folder and starts gunicorn on a free port of 127.0.0.1.
Each user logs in through the form (with its CSRF token) and, until the time is up, with a think time of
0.5-1.5 s, either reads the dashboard page (45 %), reads GET /api/dashboard/ (25 %), or opens the data-entry
form of its own commune for 2015 (the first of its communes that the workflow has not locked; no two users
share one) and saves it with a new value of one money indicator (30 %). Only this address is ever contacted;
every request has a timeout and the run stops by itself.

Afterwards every acknowledged write (a 302 after the POST) is checked: the last one of each commune is the
value in the database, and each one has a history row when `communes_historicalassessment` exists.
Exit status 0 when there were no server errors and every acknowledged write was found.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import dj_database_url
import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
YEAR = 2015
PASSWORD = "ntm-load-test-2015"
HOST = "127.0.0.1"
MIX = (("dashboard", 0.45), ("api", 0.25), ("write", 0.30))

PLAN = """
import json
from accounts.services import user_create
from communes.selectors import programme_communes
from criteria import rules
from criteria.selectors import criteria_set_for_year, indicators_of
from provinces.selectors import default_province
users, count = [], {users}
province = default_province()
communes = list(programme_communes(province).exclude(district=None).order_by("code")[: 4 * count])
criteria_set = criteria_set_for_year({year}, province)
money = [i for i in indicators_of(criteria_set) if i.kind in (rules.MONEY, rules.NUMBER)]
for number in range(count):
    users.append(user_create(username=f"load_office_{{number:02d}}", password="{password}", role="office").username)
print(json.dumps({{"users": users, "communes": [c.pk for c in communes], "indicator": money[0].pk}}))
"""


@dataclass
class Result:
    kind: str
    status: int
    seconds: float


@dataclass
class UserLog:
    results: list[Result] = field(default_factory=list)
    acknowledged: list[tuple[int, int]] = field(default_factory=list)  # (commune, value) in order
    refused_writes: int = 0
    failures: list[str] = field(default_factory=list)


class FormFields(HTMLParser):
    """The entry form's fields and their current values (inputs and selected options)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            self.fields.setdefault(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


class Browser:
    """One user's cookies and requests; each request on its own connection, with a timeout."""

    def __init__(self, port: int, log: UserLog):
        self.port, self.log, self.cookies = port, log, {}

    def request(self, kind: str, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        body = urlencode(form) if form is not None else None
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            status = response.status
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            location = response.headers.get("Location", "")
        except OSError as error:  # refused, reset, timed out: counted as a server error
            status, text, location = 599, str(error), ""
        finally:
            connection.close()
        self.log.results.append(Result(kind, status, time.perf_counter() - started))
        return status, {"Location": location}, text

    def form_fields(self, path: str, kind: str) -> tuple[int, dict[str, str]]:
        status, _headers, page = self.request(kind, "GET", path)
        parser = FormFields()
        parser.feed(page)
        return status, parser.fields

    def log_in(self, username: str) -> bool:
        status, fields = self.form_fields("/login/", "login_form")
        if status != 200:
            return False
        form = {"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"], "username": username, "password": PASSWORD}
        status, headers, _ = self.request("login", "POST", "/login/", form)
        return status == 302 and "login" not in headers["Location"]


def editable_commune(browser: Browser, candidates: list[int], indicator: int) -> int | None:
    """The first of the user's communes whose 2015 values may be changed (the workflow locks submitted years)."""
    for commune in candidates:
        status, fields = browser.form_fields(f"/communes/{commune}/{YEAR}/edit/", "entry_form")
        if status == 200 and f"ind_{indicator}" in fields:
            return commune
    return None


def simulate(port: int, username: str, candidates: list[int], indicator: int, deadline: float, log: UserLog, seed: int):
    rng = random.Random(seed)
    browser = Browser(port, log)
    if not browser.log_in(username):
        log.failures.append(f"{username}: could not log in")
        return
    commune = editable_commune(browser, candidates, indicator)
    if commune is None:
        log.failures.append(f"{username}: none of communes {candidates} can be edited in {YEAR}")
        return
    entry = f"/communes/{commune}/{YEAR}/edit/"
    value = seed * 1000
    kinds, weights = zip(*MIX, strict=True)
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        if kind == "dashboard":
            browser.request(kind, "GET", f"/?year={YEAR}")
        elif kind == "api":
            browser.request(kind, "GET", f"/api/dashboard/?year={YEAR}")
        else:
            status, fields = browser.form_fields(entry, "entry_form")
            if status == 200 and f"ind_{indicator}" in fields:
                value += 1
                fields[f"ind_{indicator}"] = str(value)
                status, headers, _ = browser.request("entry_save", "POST", entry, fields)
                if status == 302 and "/edit/" not in headers["Location"]:
                    log.acknowledged.append((commune, value))
                elif status < 500:
                    log.refused_writes += 1
            elif status == 200:
                log.refused_writes += 1  # the form came back without the field: the year was locked meanwhile
        time.sleep(rng.uniform(0.5, 1.5))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def admin_connection(db: dict, name: str = "postgres"):
    connection = psycopg2.connect(
        dbname=name,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )
    connection.autocommit = True
    return connection


def recreate_database(db: dict) -> None:
    connection = admin_connection(db)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    connection.close()


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args[:2])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def wait_for_health(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn stopped before it answered")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": f"{HOST}:{port}"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer /healthz in time")


def verify(db: dict, logs: list[UserLog], indicator: int) -> dict:
    """Each user writes only its own commune, so its last acknowledged value must be the one in the table;
    every acknowledged value must have a history row (when the history table exists)."""
    connection = admin_connection(db, db["NAME"])
    report = {"acknowledged": 0, "communes": 0, "last_in_table": 0, "in_history": 0, "history": False}
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('communes_historicalassessment') IS NOT NULL")
        report["history"] = cursor.fetchone()[0]
        for log in logs:
            if not log.acknowledged:
                continue
            commune, last = log.acknowledged[-1]
            cursor.execute(
                "SELECT amount FROM communes_assessment WHERE commune_id = %s AND indicator_id = %s AND year = %s",
                [commune, indicator, YEAR],
            )
            row = cursor.fetchone()
            report["communes"] += 1
            report["last_in_table"] += int(row is not None and row[0] == last)
            for commune, value in log.acknowledged:
                report["acknowledged"] += 1
                if report["history"]:
                    cursor.execute(
                        "SELECT count(*) FROM communes_historicalassessment "
                        "WHERE commune_id = %s AND indicator_id = %s AND year = %s AND amount = %s",
                        [commune, indicator, YEAR, value],
                    )
                    report["in_history"] += int(cursor.fetchone()[0] > 0)
    connection.close()
    return report


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    options = parser.parse_args()
    url = os.environ.get("LOADTEST_DATABASE_URL", "postgres://localhost/ntm_loadtest")
    db = dj_database_url.parse(url)
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The load test runs on PostgreSQL (LOADTEST_DATABASE_URL).")

    static_root = tempfile.mkdtemp(prefix="ntm-load-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ntm.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DEBUG", None)
    env.pop("REDIS_URL", None)
    print(f"Preparing {db['NAME']}: migrate, criteria, divisions, demo data, {options.users} users ...", flush=True)
    recreate_database(db)
    for command in (["migrate"], ["load_criteria"], ["import_divisions"], ["seed_demo"]):
        manage(env, *command, "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    plan_code = PLAN.format(users=options.users, year=YEAR, password=PASSWORD)
    plan = json.loads(manage(env, "shell", "-v", "0", "-c", plan_code))
    if len(plan["communes"]) < options.users:
        sys.exit(f"only {len(plan['communes'])} communes for {options.users} users")
    communes = plan["communes"]  # user n owns candidates n, n + users, ...: no two users write the same commune

    port = free_port()
    server_log = Path(static_root) / "gunicorn.log"
    with server_log.open("w") as log_file:
        server = subprocess.Popen(
            [GUNICORN, "-c", "ops/gunicorn.conf.py", "--bind", f"{HOST}:{port}", "--workers", str(options.workers)]
            + ["--access-logfile", "/dev/null"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_health(port, server)
        print(
            f"gunicorn ({options.workers} workers) on {HOST}:{port}; {options.users} users for "
            f"{options.duration:.0f} s ...",
            flush=True,
        )
        logs = [UserLog() for _ in range(options.users)]
        started = time.monotonic()
        deadline = started + options.duration
        threads = [
            threading.Thread(
                target=simulate,
                args=(
                    port,
                    plan["users"][n],
                    communes[n :: options.users],
                    plan["indicator"],
                    deadline,
                    logs[n],
                    n + 1,
                ),
                daemon=True,
            )
            for n in range(options.users)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=options.duration + 120)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    results = [r for log in logs for r in log.results]
    errors = [r for r in results if r.status >= 500]
    checked = verify(db, logs, plan["indicator"])
    lines = [
        f"users {options.users}, gunicorn workers {options.workers}, {elapsed:.0f} s, 2 cores, PostgreSQL 15",
        f"requests       {len(results)} ({len(results) / elapsed:.1f}/s)",
        f"server errors  {len(errors)} (5xx or no answer)",
        f"latency        p50 {percentile([r.seconds for r in results], 0.5) * 1000:.0f} ms, "
        f"p95 {percentile([r.seconds for r in results], 0.95) * 1000:.0f} ms, "
        f"max {max((r.seconds for r in results), default=0) * 1000:.0f} ms",
    ]
    for kind in ("dashboard", "api", "entry_form", "entry_save"):
        times = [r.seconds for r in results if r.kind == kind]
        if times:
            lines.append(
                f"  {kind:12} {len(times):5} requests, p50 {statistics.median(times) * 1000:5.0f} ms, "
                f"p95 {percentile(times, 0.95) * 1000:5.0f} ms"
            )
    refused = sum(log.refused_writes for log in logs)
    lines.append(f"writes         {checked['acknowledged']} acknowledged (302 after the POST), {refused} refused")
    lines.append(f"  in the table   last value of {checked['last_in_table']} of {checked['communes']} communes")
    if checked["history"]:
        lines.append(f"  in the history {checked['in_history']} of {checked['acknowledged']} acknowledged writes")
    else:
        lines.append("  in the history not checked: no communes_historicalassessment table in this version")
    failures = [failure for log in logs for failure in log.failures]
    lines += [f"failure        {failure}" for failure in failures]
    print("\n".join(lines))
    if errors:
        print(f"(server log: {server_log})")
    ok = (
        not errors
        and not failures
        and checked["acknowledged"] > 0
        and checked["last_in_table"] == checked["communes"]
        and (not checked["history"] or checked["in_history"] == checked["acknowledged"])
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
