#!/usr/bin/env python3
"""Crash safety (a script that prints figures, never a test).

Against the release build with the demo data, on SQLite and, when NABIJ_TEST_POSTGRES_URL is set,
on a fresh PostgreSQL database: ACCOUNTS people (100) sign up and confirm; then a burst of join
requests (each person asks to join 10 networks in Gent, 1,000 in all), lessons marked read
(1,000) and password-reset mails (one a person) is sent by 32 clients at once, and the server
is killed with SIGKILL when 40 % of them have been answered. It is started again, and the
script prints and checks:
  - every request that was answered with success is in the database (its membership request,
    its lesson in the person's progress);
  - nothing is half written: every request of a network with a coordinator has its notice,
    and no notice exists without its request; SQLite's integrity check passes;
  - the outbox, once drained after the restart, sent each password-reset mail that was asked
    for with success, and each once (counted at the local SMTP sink, `nabij mail-sink`).
Exits non-zero when a check fails. Needs the release build (`make build-release`).
"""

import concurrent.futures
import os
import pathlib
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "nabij"
ACCOUNTS = int(os.environ.get("ACCOUNTS", "100"))
JOINS_EACH = 10
PASSWORD = "a long enough password"
GENT = 44021


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """Reads the database behind the server, with the engine's own command-line client."""

    def __init__(self, url, path=None):
        self.url, self.path = url, path

    def rows(self, query):
        if self.path:
            out = subprocess.run(["sqlite3", "-separator", "\t", self.path, query], check=True, capture_output=True, text=True)
        else:
            out = subprocess.run(["psql", "-At", "-F", "\t", self.url, "-c", query], check=True, capture_output=True, text=True)
        return [line.split("\t") for line in out.stdout.splitlines() if line]

    def value(self, query):
        rows = self.rows(query)
        return rows[0][0] if rows else None


class Server:
    def __init__(self, scratch, url, smtp_port):
        self.scratch, self.url, self.smtp_port = scratch, url, smtp_port
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, demo):
        env = dict(os.environ, DATABASE_URL=self.url, NABIJ_VAR_DIR=str(self.scratch / "var"),
                   NABIJ_BIND=f"127.0.0.1:{self.port}", RUST_LOG="warn", NABIJ_SMTP__HOST="127.0.0.1",
                   NABIJ_SMTP__PORT=str(self.smtp_port), NABIJ_SMTP__FROM="Nabij <noreply@nabij.invalid>")
        log = open(self.scratch / "server.log", "a")
        self.process = subprocess.Popen([str(BINARY), "serve"] + (["--demo"] if demo else []), env=env, stdout=log, stderr=log)
        for _ in range(600):
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise SystemExit("the server did not become ready; see " + str(self.scratch / "server.log"))

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def call(base, path, form, cookie="", client="127.0.0.1"):
    """A server-function call; returns (status, body, set-cookie), status 0 when no answer came."""
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(base + path, data=data, headers={
        "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie, "X-Forwarded-For": client})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode(), r.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace"), []
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, "", []


def session_cookie(set_cookies):
    for header in set_cookies:
        name, _, rest = header.partition("=")
        if "session" in name:
            return f"{name}={rest.split(';')[0]}"
    return ""


def sink_messages(folder):
    return [p.read_text(errors="replace") for p in sorted(folder.glob("*.eml"))]


def confirm_token(folder, email):
    for text in reversed(sink_messages(folder)):
        if email in text:
            match = re.search(r"/confirm\?token=([0-9a-f]{64})", text.replace("=\r\n", "").replace("=\n", ""))
            if match:
                return match.group(1)
    return None


def lessons():
    track = tomllib.loads((ROOT / "content" / "track.toml").read_text())
    out = []
    for course in track["courses"]:
        meta = tomllib.loads((ROOT / "content" / course / "course.toml").read_text())
        out += [(course, lesson) for lesson in meta["lessons"]]
    return out


def run(engine, url, sqlite_path):
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="nabij-crash-"))
    (scratch / "var").mkdir()
    sink_dir = scratch / "sink"
    smtp_port = free_port()
    sink = subprocess.Popen([str(BINARY), "mail-sink", "--port", str(smtp_port), "--dir", str(sink_dir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Server(scratch, url, smtp_port)
    db = Database(url, sqlite_path)
    failures = []
    try:
        server.start(demo=True)
        print(f"== {engine}")
        # People, each signed up and confirmed (which signs them in).
        people = []
        for i in range(ACCOUNTS):
            email = f"crash-{i}@example.invalid"
            status, body, _ = call(server.base, "/api/auth/sign_up", {
                "display_name": f"Crash Test {i}", "email": email, "password": PASSWORD,
                "password_repeat": PASSWORD, "lang": "nl"}, client=f"10.1.{i // 250}.{i % 250 + 1}")
            if status >= 400:
                raise SystemExit(f"sign-up {i}: {status} {body}")
            people.append(email)
        cookies = {}
        deadline = time.time() + 120
        while len(cookies) < len(people) and time.time() < deadline:
            for i, email in enumerate(people):
                if email in cookies:
                    continue
                token = confirm_token(sink_dir, email)
                if token:
                    status, body, set_cookies = call(server.base, "/api/auth/confirm_email", {"token": token, "password": PASSWORD},
                                                     client=f"10.2.{i // 250}.{i % 250 + 1}")
                    if status >= 400 or not session_cookie(set_cookies):
                        raise SystemExit(f"confirming {email}: {status} {body}")
                    cookies[email] = session_cookie(set_cookies)
            time.sleep(0.5)
        if len(cookies) < len(people):
            raise SystemExit(f"only {len(cookies)} of {len(people)} confirmation mails arrived")
        user_ids = {email: int(uid) for email, uid in db.rows("SELECT email, id FROM users WHERE email LIKE 'crash-%'")}

        # Networks in Gent open to members, with an address each covers.
        rows = db.rows(f"SELECT b.id, s.street_nl, s.first_no, s.last_no, s.parity FROM bins b JOIN bin_segments s ON s.bin_id = b.id "
                       f"WHERE b.state = 'active' AND b.nis = {GENT} ORDER BY b.id, s.id")
        addresses = {}
        for bin_id, street, first, last, parity in rows:
            number = int(first)
            if parity == "even" and number % 2:
                number += 1
            if parity == "odd" and number % 2 == 0:
                number += 1
            if number <= int(last):
                addresses.setdefault(int(bin_id), (street, number))
        bins = sorted(addresses)[:40]
        if len(bins) < JOINS_EACH:
            raise SystemExit(f"only {len(bins)} open networks in Gent")
        all_lessons = lessons()
        work = []
        for i, email in enumerate(people):
            for bin_id in random.sample(bins, JOINS_EACH):
                street, number = addresses[bin_id]
                work.append(("join", email, bin_id, {"bin_id": bin_id, "street": street, "house_number": str(number), "postcode": "9000",
                                                     "phone": "", "lang": "nl", "accept_rules": "yes", "accept_privacy": "yes"}))
            for course, lesson in random.sample(all_lessons, min(JOINS_EACH, len(all_lessons))):
                work.append(("lesson", email, f"{course}/{lesson}", {"course": course, "lesson": lesson}))
            work.append(("reset", email, i, {"email": email}))
        random.shuffle(work)

        answered = []
        lock = threading.Lock()
        killed = threading.Event()
        kill_at = int(len(work) * 0.4)

        def send(item):
            kind, email, what, form = item
            if kind == "reset":
                status, body, _ = call(server.base, "/api/auth/request_reset", form, client=f"10.3.{what // 250}.{what % 250 + 1}")
            else:
                path = "/api/membership/join" if kind == "join" else "/api/learning/lesson_done"
                status, body, _ = call(server.base, path, form, cookie=cookies[email])
            with lock:
                answered.append((kind, email, what, status, body))
                if len(answered) == kill_at and not killed.is_set():
                    killed.set()
                    server.kill()

        started = time.time()
        with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(send, work))
        ok = [a for a in answered if 200 <= a[3] < 400]
        print(f"  sent {len(work)} requests ({sum(1 for w in work if w[0] == 'join')} join requests, "
              f"{sum(1 for w in work if w[0] == 'lesson')} lessons read, {sum(1 for w in work if w[0] == 'reset')} password-reset "
              f"mails asked for) in {time.time() - started:.1f} s; "
              f"killed with SIGKILL after {kill_at} answers")
        by_status = {}
        for a in answered:
            by_status[a[3]] = by_status.get(a[3], 0) + 1
        print("  answers: " + ", ".join(f"{n} x {'no answer' if s == 0 else s}" for s, n in sorted(by_status.items())))
        requested = [a for a in ok if a[0] == "join" and "Requested" in a[4]]
        print(f"  successes: {sum(1 for a in ok if a[0] == 'join')} join requests ({len(requested)} filed), "
              f"{sum(1 for a in ok if a[0] == 'lesson')} lessons read, {sum(1 for a in ok if a[0] == 'reset')} reset mails")

        server.start(demo=False)
        # Every success is in the database.
        pending = {(int(u), int(b)) for u, b in db.rows("SELECT user_id, bin_id FROM memberships WHERE state = 'pending'")}
        lost_joins = [a for a in requested if (user_ids[a[1]], a[2]) not in pending]
        progress = {int(u): d for u, d in db.rows("SELECT user_id, data FROM learning_progress")}
        lost_lessons = [a for a in ok if a[0] == "lesson" and f'"{a[2]}"' not in progress.get(user_ids[a[1]], "")]
        print(f"  after the restart: {len(requested) - len(lost_joins)} of {len(requested)} filed join requests and "
              f"{sum(1 for a in ok if a[0] == 'lesson') - len(lost_lessons)} of {sum(1 for a in ok if a[0] == 'lesson')} "
              f"lessons read are in the database")
        if lost_joins or lost_lessons:
            failures.append(f"{engine}: lost {len(lost_joins)} join requests and {len(lost_lessons)} lessons that were answered with success")
        # Nothing half written: a request and its notices to the network's coordinators are one
        # transaction, so a person has at least as many notices about them as requests to
        # networks with a coordinator, and none without a request.
        crash_ids = ",".join(str(i) for i in user_ids.values())
        managed = {int(b) for (b,) in db.rows("SELECT DISTINCT bin_id FROM role_grants WHERE role IN ('coordinator', 'deputy') AND bin_id IS NOT NULL")}
        about = {int(u): int(n) for u, n in db.rows(f"SELECT about_user, COUNT(*) FROM inbox WHERE about_user IN ({crash_ids}) GROUP BY about_user")}
        requests_of, managed_requests_of = {}, {}
        for u, b in pending:
            if u in user_ids.values():
                requests_of[u] = requests_of.get(u, 0) + 1
                if b in managed:
                    managed_requests_of[u] = managed_requests_of.get(u, 0) + 1
        orphans = [u for u in about if u not in requests_of]
        without = [u for u, n in managed_requests_of.items() if about.get(u, 0) < n]
        print(f"  {sum(requests_of.values())} requests in the database, from {len(requests_of)} people; "
              f"{sum(about.values())} notices about them; people with notices but no request: {len(orphans)}; "
              f"with requests but no notice: {len(without)}")
        if orphans or without:
            failures.append(f"{engine}: half-written join requests ({len(orphans)} notices without a request, {len(without)} requests without notice)")
        if sqlite_path:
            integrity = db.value("PRAGMA integrity_check")
            print(f"  SQLite integrity check: {integrity}")
            if integrity != "ok":
                failures.append(f"{engine}: integrity check says {integrity}")
        # The outbox drains, each mail once.
        deadline = time.time() + 180
        while time.time() < deadline and int(db.value("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts < 8") or 0):
            time.sleep(1)
        waiting = int(db.value("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts < 8") or 0)
        resets = {}
        for text in sink_messages(sink_dir):
            if "/reset?token=" in text.replace("=\r\n", "").replace("=\n", ""):
                to = re.search(r"(?m)^X-Recipients: (\S+)", text)
                if to:
                    resets[to.group(1)] = resets.get(to.group(1), 0) + 1
        asked = {a[1] for a in ok if a[0] == "reset"}
        missing = [e for e in asked if resets.get(e, 0) == 0]
        twice = [e for e, n in resets.items() if n > 1]
        print(f"  mail: {sum(resets.values())} reset mails at the sink for {len(asked)} answered requests; "
              f"missing: {len(missing)}, sent twice: {len(twice)}, still waiting in the outbox: {waiting}")
        if missing or twice or waiting:
            failures.append(f"{engine}: {len(missing)} reset mails missing, {len(twice)} sent twice, {waiting} never sent")
    finally:
        server.stop()
        sink.terminate()
        shutil.rmtree(scratch, ignore_errors=True)
    return failures


def main():
    if not BINARY.exists():
        raise SystemExit("no release build: make build-release")
    failures = []
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="nabij-crash-db-"))
    try:
        path = scratch / "nabij.db"
        failures += run("SQLite", f"sqlite://{path}", str(path))
        pg = os.environ.get("NABIJ_TEST_POSTGRES_URL")
        if pg:
            name = f"nabij_crash_{os.getpid()}"
            subprocess.run(["psql", "-q", pg, "-c", f"CREATE DATABASE {name}"], check=True)
            try:
                failures += run("PostgreSQL", re.sub(r"^(postgres://[^/?]*)/[^?]*", rf"\1/{name}", pg), None)
            finally:
                subprocess.run(["psql", "-q", pg, "-c", f"DROP DATABASE IF EXISTS {name}"], check=False)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for failure in failures:
        print("FAILED: " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
