#!/usr/bin/env python3
"""Keystroke-to-echo latency of an engine CLI's `exec -it`, driven through a pseudo-terminal.

Usage: peer_latency.py COUNT CLI-ARGS...   (e.g. 200 docker -H unix:///… exec -it ID sh)
Prints: median=… p95=… (milliseconds) count=…
Each keystroke is one byte written to the pty; its time ends when the byte comes back echoed.
The byte is then erased (DEL, untimed) so the line never wraps: the same procedure as bench_exec.
"""
import os
import pty
import select
import statistics
import sys
import time


def read_until(fd, predicate, timeout=30.0):
    data = b""
    deadline = time.monotonic() + timeout
    while not predicate(data):
        left = deadline - time.monotonic()
        if left <= 0:
            raise SystemExit(f"timed out; got {data!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            data += os.read(fd, 65536)
    return data


def main():
    count = int(sys.argv[1])
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[2], sys.argv[2:])
    os.write(fd, b"echo RE''ADY\r")
    read_until(fd, lambda d: b"READY" in d)
    time.sleep(0.5)
    while select.select([fd], [], [], 0.2)[0]:
        os.read(fd, 65536)
    samples = []
    for _ in range(count):
        start = time.perf_counter_ns()
        os.write(fd, b"a")
        read_until(fd, lambda d: b"a" in d)
        samples.append((time.perf_counter_ns() - start) / 1e6)
        os.write(fd, b"\x7f")
        read_until(fd, lambda d: b"\x08" in d)
    os.write(fd, b"exit\r")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"median={statistics.median(samples):.2f} p95={p95:.2f} count={len(samples)}")


main()
