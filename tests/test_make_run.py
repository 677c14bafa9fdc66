"""`make run` stops on any stop signal, however it was started: every process it started is
gone within 10 seconds (loti_data/supervise.py). Real processes, on SQLite and kombu's
filesystem broker, in a copy of the repository."""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[1]
STOP_WITHIN = 10.0


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """The working tree's files (committed or not), sharing this tree's virtualenv; the
    database is made once and reused by each start."""
    target = tmp_path_factory.mktemp("make-run")
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file():
            (target / source.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / source.relative_to(ROOT))
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL"):
        env.pop(name, None)
    return {**env, "PORT": str(port)}


MAKE_RUN = ["make", "-o", ".venv/.installed", "run"]  # the venv is this tree's, already made


def start_in_own_session(checkout: Path, port: int, log_path: Path) -> int:
    """`setsid make run` from a program: make handles SIGINT."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            MAKE_RUN,
            cwd=checkout,
            env=environment(port),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started.append(process)
    return process.pid


def start_as_background_job(checkout: Path, port: int, log_path: Path) -> int:
    """`setsid make run &` in a shell script: make and everything it starts inherit SIGINT
    as ignored (a shell without job control does that to background jobs)."""
    shell = subprocess.run(
        ["bash", "-c", f"setsid {' '.join(MAKE_RUN)} >'{log_path}' 2>&1 </dev/null & echo $!"],
        cwd=checkout,
        env=environment(port),
        capture_output=True,
        text=True,
        check=True,
    )
    return int(shell.stdout.strip())


started: list[subprocess.Popen] = []


def stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent, session) from /proc, or None once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1]), int(fields[4])


def processes_of(make_pid: int) -> set[int]:
    """make, its session, and every descendant (the supervisor's programs run in sessions of
    their own)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (info := stat(int(entry.name))):
            table[int(entry.name)] = info
    found = {pid for pid, (_, _, session) in table.items() if session == make_pid} | {make_pid}
    while True:
        more = {pid for pid, (_, parent, _) in table.items() if parent in found} - found
        if not more:
            return found
        found |= more


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if (info := stat(pid)) and info[0] != "Z"}


def wait_until_serving(port: int, log_path: Path, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = log_path.read_text(errors="replace")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as r:
                if r.status == 200 and " ready." in log and "beat: Starting" in log:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"make run did not serve in {timeout} s:\n{log[-3000:]}")


def stop_by_signal_to_make(pid, sig):
    os.kill(pid, sig)


def stop_by_signal_to_group(pid, sig):
    os.killpg(pid, sig)


@pytest.mark.parametrize(
    "start, send, sig",
    [
        (start_in_own_session, stop_by_signal_to_make, signal.SIGINT),
        (start_in_own_session, stop_by_signal_to_group, signal.SIGTERM),
        (start_as_background_job, stop_by_signal_to_group, signal.SIGINT),
    ],
    ids=["SIGINT-to-make", "SIGTERM-to-the-group", "SIGINT-to-a-background-job's-group"],
)
def test_every_process_stops_within_10_seconds(checkout, tmp_path, start, send, sig):
    port = free_port()
    log_path = tmp_path / "run.log"
    make_pid = start(checkout, port, log_path)
    pids = set()
    try:
        wait_until_serving(port, log_path)
        pids = processes_of(make_pid)
        assert len(pids) >= 5  # make, the supervisor, the web server, the worker, beat

        send(make_pid, sig)
        deadline = time.monotonic() + STOP_WITHIN
        while alive(pids) and time.monotonic() < deadline:
            time.sleep(0.1)

        assert not alive(pids), f"still running after {STOP_WITHIN} s: {sorted(alive(pids))}"
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, "the port is still served"
    finally:
        for pid in alive(pids | {make_pid}):
            os.kill(pid, signal.SIGKILL)
        for process in started:
            process.wait(timeout=10)
        started.clear()
