#!/usr/bin/env python3
"""Measures HTTP transfers from busybox httpd in a container through three paths, one client for all:
  knot       PortForwarder (bench_forward, our knot-relay over exec), a local TCP port
  published  the engine's published port (-p), the ideal
  peer       `ENGINE-CLI exec -i CONTAINER nc 127.0.0.1 PORT`, one process per connection

Bulk: GET /big (the whole file to EOF), `rounds` times per path, rounds interleaved and the path
order rotated; reports best/median/worst MB/s and CPU seconds per transfer of the local relaying
process (bench_forward, or the CLI processes) and of the engine service.
Set-up latency: `requests` short GETs of /small per path, interleaved one by one; time from connect
(or process start) to the whole answer; p50/p99.

Usage: measure.py --engine NAME --engine-pid PID --forward CMD... --published PORT --peer CMD...
       [--rounds 5] [--requests 200] [--size BYTES]   (CMD as one shell-quoted string)"""
import argparse
import os
import resource
import shlex
import socket
import statistics
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def cpu_of(pid):
    """utime + stime of a process in seconds (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except OSError:
        return 0.0


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def request(path):
    return f"GET {path} HTTP/1.0\r\nHost: bench\r\n\r\n".encode()


class TcpPath:
    def __init__(self, name, port, relay_pid=None):
        self.name, self.port, self.relay_pid = name, port, relay_pid

    def relay_cpu(self):
        return cpu_of(self.relay_pid) if self.relay_pid else 0.0

    def fetch(self, path):
        with socket.create_connection(("127.0.0.1", self.port)) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.sendall(request(path))
            total = 0
            while True:
                data = sock.recv(1 << 20)
                if not data:
                    return total
                total += len(data)


class PeerPath:
    def __init__(self, name, command):
        self.name, self.command = name, command

    def relay_cpu(self):
        return children_cpu()

    def fetch(self, path):
        proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        proc.stdin.write(request(path))
        proc.stdin.flush()
        total = 0
        while True:
            data = proc.stdout.read(1 << 20)
            if not data:
                break
            total += len(data)
        proc.stdin.close()
        proc.wait()
        return total


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", required=True)
    parser.add_argument("--engine-pid", type=int, required=True)
    parser.add_argument("--forward", required=True)
    parser.add_argument("--published", type=int, required=True)
    parser.add_argument("--peer", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--peer-label", default="exec -i … nc")
    args = parser.parse_args()

    forward = subprocess.Popen(shlex.split(args.forward), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = forward.stdout.readline()
    if not line.startswith("port="):
        sys.exit(f"bench_forward did not start: {line!r}")
    paths = [
        TcpPath("Knot PortForwarder (knot-relay over exec)", int(line[5:]), forward.pid),
        TcpPath("published port (-p)", args.published),
        PeerPath(f"`{args.peer_label}` per connection", shlex.split(args.peer)),
    ]
    header_size = None
    for path in paths:  # warm up: relay installed, caches filled; every path must work
        got = path.fetch("/small")
        if got <= 0:
            sys.exit(f"{path.name}: no answer")
        header_size = got

    rates = {p.name: [] for p in paths}
    relay_cpu = {p.name: [] for p in paths}
    engine_cpu = {p.name: [] for p in paths}
    for round_ in range(args.rounds):
        for i in range(len(paths)):
            path = paths[(i + round_) % len(paths)]
            cpu0, engine0 = path.relay_cpu(), cpu_of(args.engine_pid)
            start = time.perf_counter()
            got = path.fetch("/big")
            elapsed = time.perf_counter() - start
            if got < args.size:
                sys.exit(f"{path.name}: got {got} bytes of {args.size}")
            rates[path.name].append(got / elapsed / 1e6)
            relay_cpu[path.name].append(path.relay_cpu() - cpu0)
            engine_cpu[path.name].append(cpu_of(args.engine_pid) - engine0)

    latency = {p.name: [] for p in paths}
    for _ in range(args.requests):
        for path in paths:
            start = time.perf_counter()
            got = path.fetch("/small")
            latency[path.name].append((time.perf_counter() - start) * 1000)
            if got != header_size:
                sys.exit(f"{path.name}: short answer ({got} bytes, expected {header_size})")

    forward.stdin.close()
    forward.wait()

    print(f"#### {args.engine}: {args.size / 2**20:.0f} MiB bulk × {args.rounds} rounds, {args.requests} short requests per path")
    print()
    print("| Path | bulk MB/s best | median | worst | relay CPU s | engine CPU s | set-up p50 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in paths:
        r = rates[path.name]
        print(f"| {path.name} | {max(r):.0f} | {statistics.median(r):.0f} | {min(r):.0f} "
              f"| {statistics.median(relay_cpu[path.name]):.2f} | {statistics.median(engine_cpu[path.name]):.2f} "
              f"| {percentile(latency[path.name], 50):.1f} | {percentile(latency[path.name], 99):.1f} |")
    knot, published, peer = (p.name for p in paths)
    best = {name: max(rates[name]) for name in rates}
    p50 = {name: percentile(latency[name], 50) for name in latency}
    print()
    print(f"Ratios ({args.engine}): throughput Knot/published {best[knot] / best[published]:.2f}, "
          f"Knot/peer {best[knot] / best[peer]:.2f}; set-up p50 Knot/published {p50[knot] / p50[published]:.1f}, "
          f"Knot/peer {p50[knot] / p50[peer]:.2f}")


if __name__ == "__main__":
    main()
