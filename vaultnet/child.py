"""Work handed to a forked child process, its result sent back through a pipe.

Only on Linux (where the index's parsing workers fork too), and only from a
process that runs no other thread: a lock another thread holds at the fork
would stay held in the child. Ctrl-C at a terminal reaches every process of
the command; a child ends at once and silently, and the command (which gets
the same interrupt) prints Click's ``Aborted!``.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import contextmanager

_CAN_HOLD = hasattr(signal, "pthread_sigmask")  # not on Windows
# What stops a command: Ctrl-C, kill or a service manager, a closed terminal.
_HANGUP = getattr(signal, "SIGHUP", None)  # not on Windows
_HELD = {signal.SIGINT, signal.SIGTERM} | ({_HANGUP} if _HANGUP else set())


@contextmanager
def interrupts_held():
    """SIGINT, SIGTERM and SIGHUP blocked while children are started, so that each
    begins with them blocked until it has set how it takes them; one that arrives
    meanwhile reaches this process as soon as they are started."""
    if _CAN_HOLD:
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        if _CAN_HOLD:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def take_interrupts(sigint=signal.SIG_DFL) -> None:
    """In a child started under :func:`interrupts_held`: SIGTERM and SIGHUP end it
    at once, SIGINT as ``sigint`` says (by default at once too), and all are let in."""
    signal.signal(signal.SIGINT, sigint)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _HANGUP and signal.getsignal(_HANGUP) != signal.SIG_IGN:  # nohup's stays
        signal.signal(_HANGUP, signal.SIG_DFL)
    if _CAN_HOLD:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def can_fork() -> bool:
    """Whether :class:`Child` forks here (else it does nothing)."""
    return sys.platform == "linux" and threading.active_count() == 1


class Child:
    """``work()`` called in a forked child process; :meth:`result` waits for what
    it returned (anything :mod:`marshal` takes), or None when there is no child
    (see :func:`can_fork`) or it failed. Close it (or use ``with``) when the result
    may not be asked for, so that the child is not left behind."""

    def __init__(self, work: Callable[[], object]) -> None:
        self.pid, self._pipe = 0, -1
        if not can_fork():
            return
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return
        with interrupts_held():
            try:
                pid = os.fork()
            except OSError:
                os.close(read_end)
                os.close(write_end)
                return
            if pid == 0:  # the child: work, send the result, and leave at once
                status = 1
                try:
                    take_interrupts()
                    os.close(read_end)
                    quiet = os.open(os.devnull, os.O_WRONLY)  # nothing of it on the terminal
                    os.dup2(quiet, 1)
                    os.dup2(quiet, 2)
                    with open(write_end, "wb") as out:
                        out.write(marshal.dumps(work()))
                    status = 0
                finally:
                    os._exit(status)  # none of the parent's clean-up, buffers or handlers
            # Before an interrupt held meanwhile is let in: it finds the child known.
            self.pid, self._pipe = pid, read_end
            os.close(write_end)

    def result(self) -> object | None:
        """What ``work()`` returned in the child; None without a child or when it failed."""
        if not self.pid:
            return None
        pipe, self._pipe = self._pipe, -1
        with open(pipe, "rb") as reader:
            data = reader.read()
        if self._reap() in (0, None):  # None: reaped elsewhere (SIGCHLD ignored)
            with contextlib.suppress(EOFError, ValueError, TypeError):  # cut short
                return marshal.loads(data)
        return None

    def close(self) -> None:
        """Stop the child, if it still runs, and reap it."""
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> int | None:
        """Wait for the child: its exit status, or None when it was reaped elsewhere."""
        pid, self.pid = self.pid, 0
        try:
            return os.waitpid(pid, 0)[1]
        except ChildProcessError:
            return None

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
