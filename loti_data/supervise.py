"""`make run`'s supervisor: starts the web server, the Celery worker and Celery beat, and stops
them all within 10 seconds of any stop signal, however `make run` was started.

    python -P loti_data/supervise.py "web=COMMAND" "worker=COMMAND" "beat=COMMAND"

Why not a shell `trap` and `kill 0`: a shell started in the background of a script ignores
SIGINT and cannot trap it (so the web server kept running), and `kill 0` sent a second SIGTERM
to every process of the group, Celery's pool included, which broke the worker's shutdown.

So each program runs in its own session, out of reach of signals sent to make's process group,
and this supervisor alone decides:

- SIGINT, SIGTERM or SIGHUP to this process (Ctrl-C, a signal to the group, make forwarding
  SIGTERM) stops everything. So does make handling SIGINT or SIGHUP itself (make waits for its
  children without telling them: its signal mask in /proc shows it) and make going away.
- Stopping sends one SIGTERM to each program's main process (Celery's warm shutdown stops its own
  pool and beat), waits up to ``GRACE`` seconds, then SIGKILLs each program's whole session.
- One program ending on its own stops the others (its exit status is ours).

Only the standard library: it runs before, and apart from, Django.
"""

import contextlib
import ctypes
import os
import shlex
import signal
import subprocess
import sys
import time

GRACE = 5.0  # seconds from the polite stop to SIGKILL: everything is gone well within 10 s
POLL = 0.2
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def caught_signals(pid: int) -> int | None:
    """The bit mask of signals ``pid`` handles, from Linux's /proc; None elsewhere."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("SigCgt:"):
                    return int(line.split()[1], 16)
    except OSError:
        return None
    return None


def _bit(sig: signal.Signals) -> int:
    return 1 << (sig - 1)


class ParentWatch:
    """Tells when the process that started us (make) is stopping: it is gone, or it stopped
    handling a stop signal it handled when we started (make resets a signal to its default
    before waiting for its children, which it does not signal)."""

    def __init__(self) -> None:
        self.parent = os.getppid()
        self.handled = caught_signals(self.parent)

    def stopping(self) -> bool:
        if os.getppid() != self.parent:
            return True
        if self.handled is None:
            return False
        now = caught_signals(self.parent)
        if now is None:
            return True
        return any(self.handled & _bit(sig) and not now & _bit(sig) for sig in STOP_SIGNALS)


try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux
    _prctl = None


def _die_with_us() -> None:
    """In the child before exec: on Linux, a SIGTERM if the supervisor itself is killed."""
    if _prctl is not None:
        _prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start(specs: list[tuple[str, str]]) -> dict[str, subprocess.Popen]:
    children = {}
    for name, command in specs:
        print(f"supervise: starting {name}: {command}", flush=True)
        children[name] = subprocess.Popen(
            shlex.split(command), start_new_session=True, preexec_fn=_die_with_us
        )
    return children


def stop(children: dict[str, subprocess.Popen]) -> None:
    for name, child in children.items():
        if child.poll() is None:
            print(f"supervise: stopping {name}", flush=True)
            _signal(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + GRACE
    while time.monotonic() < deadline and any(c.poll() is None for c in children.values()):
        time.sleep(0.1)
    for name, child in children.items():
        if child.poll() is None:
            print(f"supervise: {name} did not stop in {GRACE:.0f} s; killing it", flush=True)
        # The whole session: a program's own children (Celery's pool) go with it.
        _signal(-child.pid, signal.SIGKILL)
        child.wait()


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def main(argv: list[str]) -> int:
    specs = []
    for arg in argv:
        name, _, command = arg.partition("=")
        if not name or not command:
            print(f"supervise: expected NAME=COMMAND, got {arg!r}", file=sys.stderr)
            return 2
        specs.append((name, command))

    asked: list[int] = []

    def ask_to_stop(signum, frame) -> None:
        asked.append(signum)  # acted on once, by the loop below

    # Set explicitly: a background job may have inherited SIGINT as ignored.
    for sig in STOP_SIGNALS:
        signal.signal(sig, ask_to_stop)
    watch = ParentWatch()
    children = start(specs)
    status = 0
    try:
        while not asked:
            ended = [(name, c.returncode) for name, c in children.items() if c.poll() is not None]
            if ended:
                name, code = ended[0]
                print(f"supervise: {name} ended (status {code}); stopping the others", flush=True)
                status = code or 1
                break
            if watch.stopping():
                print("supervise: make is stopping", flush=True)
                break
            time.sleep(POLL)
        else:
            print(f"supervise: {signal.Signals(asked[0]).name}: stopping", flush=True)
    finally:
        # Further signals change nothing: the stop is under way.
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        stop(children)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
