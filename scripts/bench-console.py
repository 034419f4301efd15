#!/usr/bin/env python3
"""The console measured from outside, as an operator runs it: the real shipshape binary on
a pseudo-terminal of its own (200x50, xterm-256color), nothing added to the product.

  first-paint  time from launching the binary to the header being on the terminal, against
               an API server that never answers (no probe can have answered yet);
  idle         CPU the console uses between refreshes (utime+stime from /proc/PID/stat over
               a window that starts after the first refresh has been drawn and ends well
               before the next one), plus its resident memory then.

Each figure is printed as one JSON line {name, value, unit, target, met, detail}, the format
shipshape-bench uses. Exits non-zero only when it could not measure.

Usage:
  bench-console.py first-paint --binary B --kubeconfig K --context C [--runs 7]
  bench-console.py idle --binary B --kubeconfig K --context C [--window 10] [--nodes N]
"""
import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

ROWS, COLS = 50, 200
HEADER = re.compile(re.escape("shipshape │".encode()))   # the start of the header bar
REFRESHED = re.compile(rb"\(\d+\.\d\ds\)")                # status bar: "refreshed 0s ago (0.62s)"


def figure(name, value, unit, target=None, limit=None, inclusive=False, detail=None):
    met = None
    if limit is not None:
        met = value <= limit if inclusive else value < limit
    print(json.dumps({"name": name, "value": value, "unit": unit, "target": target, "met": met, "detail": detail},
                     ensure_ascii=False), flush=True)


class Console:
    """The binary on a pty; output is drained continuously (a full pty would block it)."""

    def __init__(self, argv, env):
        self.output = bytearray()
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))

    def pump(self, seconds):
        """Reads output for up to `seconds`; returns early at EOF."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return True
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                self.output += chunk

    def wait_for(self, pattern, timeout):
        """Seconds from launch until `pattern` matches the output, or None."""
        deadline = time.monotonic() + timeout
        while not pattern.search(self.output):
            if time.monotonic() > deadline or not self.pump(0.002):
                return time.monotonic() - self.started if pattern.search(self.output) else None
        return time.monotonic() - self.started

    def cpu_ticks(self):
        with open(f"/proc/{self.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])    # utime, stime (fields 14 and 15)

    def memory_kb(self, field):
        with open(f"/proc/{self.pid}/status") as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
        return 0

    def children(self):
        """Processes whose parent is the console (kubectl during a refresh)."""
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        if int(fh.read().rsplit(")", 1)[1].split()[1]) == self.pid:
                            found.append(int(entry))
                except OSError:
                    pass
        return found

    def stop(self):
        try:
            os.write(self.fd, b"q")
            self.pump(0.5)
        except OSError:
            pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for _ in range(50):
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid == self.pid:
                    os.close(self.fd)
                    return
                time.sleep(0.02)
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def environment():
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "USER", "KUBECACHEDIR", "TMPDIR")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", SWIFT_BACKTRACE="enable=no")
    return env


def console_argv(args, refresh, audit_dir, platform=True):
    argv = [os.path.abspath(args.binary), "console", "--kubeconfig", args.kubeconfig, "--context", args.context,
            "--refresh", str(refresh), "--read-only", "--audit-log", os.path.join(audit_dir, "audit.jsonl")]
    return argv + (["--platform", "workflow"] if platform else [])


def paint_times(args, runs, platform, timeout):
    """Milliseconds from launch to the header, one per run (the first launch, which warms
    the page cache, is not counted); a run with no header within `timeout` counts as
    `timeout`, and the second value says how many did."""
    times, missed = [], 0
    with tempfile.TemporaryDirectory(prefix="shipshape-bench-") as audit_dir:
        for run in range(runs + 1):
            console = Console(console_argv(args, 0, audit_dir, platform), environment())
            try:
                seconds = console.wait_for(HEADER, timeout=timeout)
            finally:
                console.stop()
            if seconds is None:
                missed += 1
                seconds = timeout
            if run > 0:
                times.append(seconds * 1000)
    return times, missed


def first_paint(args) -> int:
    # The platform named: what the console draws before anything has been read.
    times, missed = paint_times(args, args.runs, platform=True, timeout=10)
    if missed:
        print(f"bench-console: no header within 10 s with --platform given", file=sys.stderr)
        return 2
    figure("first paint (launch → header), server not answering", statistics.median(times), "ms", "< 150", 150,
           detail=f"real binary on a pty, {ROWS}x{COLS}, --platform workflow; median of {len(times)} launches, "
                  f"min {min(times):.1f}, max {max(times):.1f} ms")
    # The platform left to detection, as `shipshape` with no --platform runs: if detection
    # reads the cluster before the first frame, a server that does not answer shows here.
    times, missed = paint_times(args, 1, platform=False, timeout=15)
    figure("first paint, platform detected (no --platform), server not answering", statistics.median(times), "ms",
           "< 150", 150, detail=("no header within 15 s: " if missed else "") + "real binary on a pty; one launch after a warm-up")
    return 0


def idle(args) -> int:
    ticks_per_second = os.sysconf("SC_CLK_TCK")
    interval = args.window * 3 + 30                # the next refresh is far beyond the window
    with tempfile.TemporaryDirectory(prefix="shipshape-bench-") as audit_dir:
        console = Console(console_argv(args, interval, audit_dir), environment())
        try:
            # The status bar says "refreshed … (0.62s)" once the first refresh is drawn.
            if console.wait_for(REFRESHED, timeout=120) is None:
                print(f"bench-console: first refresh never finished; output: {bytes(console.output[-300:])!r}",
                      file=sys.stderr)
                return 2
            console.pump(2)                            # let the last frame and the children settle
            # An idle console that read nothing would measure nothing: the nodes must be there (curses
            # sends only what changed, so the title "Nodes (5000)" arrives as its count).
            if b"probe error" in console.output or (args.nodes and f"({args.nodes})".encode() not in console.output):
                print(f"bench-console: the first refresh did not read the {args.nodes or ''} nodes; "
                      f"output: {bytes(console.output[-300:])!r}", file=sys.stderr)
                return 2
            if console.children():
                print("bench-console: kubectl still running after the refresh", file=sys.stderr)
                return 2
            start_ticks, start = console.cpu_ticks(), time.monotonic()
            console.pump(args.window)
            used, elapsed = console.cpu_ticks() - start_ticks, time.monotonic() - start
            spawned = console.children()
            rss, hwm = console.memory_kb("VmRSS:") / 1024, console.memory_kb("VmHWM:") / 1024
        finally:
            console.stop()
    if spawned:
        print("bench-console: a refresh ran inside the idle window", file=sys.stderr)
        return 2
    percent = used / ticks_per_second / elapsed * 100
    nodes = f", {args.nodes} nodes" if args.nodes else ""
    figure(f"idle console CPU between refreshes{nodes}", percent, "% of a core", "< 1", 1,
           detail=f"real binary on a pty; utime+stime over {elapsed:.1f} s after the first refresh "
                  f"({used} ticks at {ticks_per_second}/s)")
    figure(f"real console RSS between refreshes{nodes}", rss, "MB",
           detail=f"cross-check of the in-process figure; its peak so far (VmHWM) {hwm:.1f} MB")
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="shipshape console figures, measured from outside")
    p.add_argument("mode", choices=["first-paint", "idle"])
    p.add_argument("--binary", required=True)
    p.add_argument("--kubeconfig", required=True)
    p.add_argument("--context", required=True)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--window", type=float, default=20)
    p.add_argument("--nodes", type=int)
    args = p.parse_args(argv)
    return first_paint(args) if args.mode == "first-paint" else idle(args)


if __name__ == "__main__":
    sys.exit(main())
