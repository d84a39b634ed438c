"""Forked worker processes for an import: results in order, stopped at once on Ctrl-C, gone with their parent.

Not concurrent.futures: shutting a ProcessPoolExecutor down while results arrive races in its manager thread
(InvalidStateError), and a worker killed halfway through sending a result leaves that thread waiting for the rest,
so the interpreter hangs at exit. Here the calling thread does all the sending and reading itself; once it has
stopped the workers it never reads from them again.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")

QUEUED_PER_WORKER = 2  # a worker holds its next job while it works: it never waits for the parent between files
AHEAD_PER_WORKER = 4  # results gathered before the caller takes them, at most: bounds what a slow writer holds
FINISH_SECONDS = 5.0  # an idle worker told to stop exits at once; this only bounds a stuck one
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class WorkerFailed(RuntimeError):
    """A job raised in a worker: a bug, not a bad file (those come back as results). Carries the traceback."""


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """Ctrl-C waits (pending, not lost) until the block ends; a process forked inside starts with it blocked."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def interrupt_deferred() -> Iterator[None]:
    """Ctrl-C inside the block is raised when it ends, so the block's work is never half done.

    A Python-level handler, not a blocked signal: with other threads running (Rich's progress bar) the kernel
    hands SIGINT to one of them and Python raises it in the main thread all the same.
    """
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        yield  # only the main thread sees KeyboardInterrupt; SIG_IGN or SIG_DFL: nothing to defer
        return
    caught: list[FrameType | None] = []
    signal.signal(signal.SIGINT, lambda signum, frame: caught.append(frame))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            previous(signal.SIGINT, caught[-1])


def die_with_parent(parent: int) -> None:
    """Have Linux kill this process when its parent dies, kill -9 included; elsewhere the closed pipe tells it."""
    if sys.platform.startswith("linux"):
        try:
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
            prctl.restype = ctypes.c_int
            prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent was gone before the request took hold
        os._exit(1)


def _serve(fn: Callable[[J], R], conn: Connection, parents_ends: list[Connection], parent: int) -> None:
    """A worker's life: take (index, job), send back (index, ok, result or traceback), until told to stop."""
    for end in parents_ends:
        end.close()  # only the parent may hold them, so each side sees the other's death as end of file
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's Ctrl-C reaches us too; the parent decides
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            return
        index, job = message
        try:
            reply = (index, True, fn(job))
        except Exception:
            reply = (index, False, traceback.format_exc())
        if not _reply(conn, index, reply):
            return


def _reply(conn: Connection, index: int, reply: tuple[int, bool, object]) -> bool:
    """Send one answer; False when the parent is gone."""
    try:
        conn.send(reply)
    except OSError:
        return False
    except Exception:  # the result would not pickle: report that, as a failure of the job
        try:
            conn.send((index, False, traceback.format_exc()))
        except OSError:
            return False
    return True


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    jobs: deque[int] = field(default_factory=deque)  # sent, not answered; the first is the one it is working on


class Pool(Generic[J, R]):
    """`n` forked workers applying `fn`; `lost(exitcode)` stands for the result of a job whose worker died.

    Use it as a context manager: leaving normally lets the workers exit, leaving by an exception (Ctrl-C, the
    caller closing the generator) kills them at once; their jobs are only computations, nothing is half-written.
    """

    def __init__(self, fn: Callable[[J], R], n: int, lost: Callable[[int | None], R]) -> None:
        self._fn = fn
        self._lost = lost
        self._ctx = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []
        self._done: dict[int, R] = {}
        self._retry: deque[int] = deque()  # jobs a dead worker held but had not started
        self._restarts_left = 2 * n  # map() adds one per job: a death costs at most the job it was running
        try:
            for _ in range(n):
                self._workers.append(self._start())
        except BaseException:
            self._stop()
            raise

    def __enter__(self) -> Pool[J, R]:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        with sigint_blocked():  # a second Ctrl-C must not leave workers half stopped
            if exc_type is None:
                self._finish()
            else:
                self._stop()

    def map(self, jobs: Sequence[J]) -> Iterator[R]:
        """The results of `jobs` in their order, the workers running a bounded number of jobs ahead."""
        sent = 0
        self._restarts_left += len(jobs)
        for index in range(len(jobs)):
            limit = min(len(jobs), index + AHEAD_PER_WORKER * len(self._workers))
            self._gather(timeout=0)  # what finished while the caller was busy
            sent = self._hand_out(jobs, sent, limit)
            while index not in self._done:
                self._gather(timeout=None)
                sent = self._hand_out(jobs, sent, limit)
            yield self._done.pop(index)

    def _start(self) -> _Worker:
        ours, theirs = self._ctx.Pipe()
        parents_ends = [w.conn for w in self._workers] + [ours]
        process = self._ctx.Process(target=_serve, args=(self._fn, theirs, parents_ends, os.getpid()),
                                    name="ipreader-worker", daemon=True)
        with sigint_blocked():  # until the worker has chosen to ignore Ctrl-C
            process.start()
        theirs.close()
        return _Worker(process, ours)

    def _hand_out(self, jobs: Sequence[J], sent: int, limit: int) -> int:
        """Top every worker's queue up from the retries, then from jobs[sent:limit]; returns the new `sent`."""
        for i in range(len(self._workers)):
            while len(self._workers[i].jobs) < QUEUED_PER_WORKER:
                if self._retry:
                    index = self._retry.popleft()
                elif sent < limit:
                    index, sent = sent, sent + 1
                else:
                    return sent
                self._send(i, index, jobs[index])
        return sent

    def _send(self, i: int, index: int, job: J) -> None:
        worker = self._workers[i]
        try:
            worker.conn.send((index, job))
        except OSError:  # it died since we last looked: the job goes to its successor
            self._retry.appendleft(index)
            self._replace(worker)
            return
        worker.jobs.append(index)

    def _gather(self, timeout: float | None) -> None:
        """Take in every answer that is ready, waiting up to `timeout` for one; replace a worker that died."""
        busy = [w for w in self._workers if w.jobs]
        if not busy:
            return
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
        for worker in busy:
            if worker.conn in ready:
                self._receive(worker)
            elif worker.process.sentinel in ready:
                self._replace(worker)

    def _receive(self, worker: _Worker) -> None:
        try:
            index, ok, value = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            return
        worker.jobs.popleft()
        if not ok:
            raise WorkerFailed(f"job {index} failed in a worker process:\n{value}")
        self._done[index] = value

    def _replace(self, worker: _Worker) -> None:
        """A worker died: its running job gets lost(exitcode), the ones it held go to the others, a new one starts."""
        i = self._workers.index(worker)
        del self._workers[i]  # out of the list first, so a failing start leaves nothing dead in it
        worker.process.join(FINISH_SECONDS)
        if worker.process.exitcode is None:  # its pipe closed while it still runs: it is broken
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        if worker.jobs:
            self._done[worker.jobs.popleft()] = self._lost(worker.process.exitcode)
        self._retry.extendleft(reversed(worker.jobs))
        worker.process.close()
        self._restarts_left -= 1
        if self._restarts_left < 0:
            raise RuntimeError("worker processes keep dying as they start")
        self._workers.insert(i, self._start())

    def _finish(self) -> None:
        """All jobs answered: tell each worker to exit and reap it."""
        for worker in self._workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self._workers:
            worker.process.join(FINISH_SECONDS)
        self._stop()  # kills only what did not exit

    def _stop(self) -> None:
        """Kill every worker and reap it: whatever it was computing is lost, and nothing else is."""
        for worker in self._workers:
            worker.process.kill()
        for worker in self._workers:
            worker.process.join()
            worker.process.close()
            worker.conn.close()
        self._workers = []
