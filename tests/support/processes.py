"""Processes as Linux's /proc shows them: who runs, who is whose child. Standard library only, so
the UNO worker (run by Debian's own Python) can use it too."""

from __future__ import annotations

import os
import signal


def live_processes() -> list[tuple[int, int, int]]:
    """(pid, parent pid, process group) of every process that still runs; zombies do not count."""
    found = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields start after the last ")".
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) >= 3 and fields[0] != "Z":
            found.append((int(entry), int(fields[1]), int(fields[2])))
    return found


def descendants(pid: int) -> list[int]:
    """Descendant pids of ``pid``, parents before children."""
    children: dict[int, list[int]] = {}
    for child, parent, _group in live_processes():
        children.setdefault(parent, []).append(child)
    found: list[int] = []
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def kill_descendants(pid: int) -> None:
    """SIGKILL everything below ``pid``, deepest first, so each parent can still reap its child."""
    try:
        pids = descendants(pid)
    except OSError:
        return
    for child in reversed(pids):
        try:
            os.kill(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def run_bounded(args: list[str], *, timeout: float, input: bytes | None = None,
                cwd: str | None = None) -> tuple[int, bytes, bytes]:
    """Run ``args`` in a session of its own; (exit code, stdout, stderr).

    Past ``timeout`` seconds the whole process tree is killed and ``TimeoutError`` raised, so a
    hung client cannot outlive the test that started it.
    """
    import subprocess

    proc = subprocess.Popen(args, stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_descendants(proc.pid)
        proc.kill()
        proc.communicate()
        raise TimeoutError(f"{args[0]} did not finish within {timeout:g} s") from None
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever it left running in its session
        except (ProcessLookupError, PermissionError):
            pass
    return proc.returncode, stdout, stderr
