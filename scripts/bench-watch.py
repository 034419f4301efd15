#!/usr/bin/env python3
"""Watching an idle 5,000-node cluster: polling against change streams, measured from outside
(issue 16). The real `shipshape watch --no-tui --jsonl` against the Kubernetes API test server
through the real kubectl, in two modes side by side:

  poll     `--poll --interval 5`: every cluster read whole every 5 s (how watch worked before);
  stream   LIST then WATCH: one list, then kubectl watch streams (`--interval 60`).

For each mode, over an idle window (after the first read has been printed):
  - bytes the API server sent (its own counter, /_control/bytes), per minute;
  - CPU of shipshape and every tool process under it (utime+stime from /proc, children that
    exited included through cutime/cstime), per minute;
and, with streams only:
  - change-to-event latency for a node going NotReady (flipped on the server; the event line on
    shipshape's stdout), p50 and p95 over several flips;
  - resident memory of shipshape over a soak with a steady trickle of node changes (first third
    against last third of the run).

Each figure is one JSON line {name, value, unit, target, met, detail}, as shipshape-bench prints.
Usage: bench-watch.py --binary B --kubeconfig K --context C --port P [--window 60] [--flips 20]
                      [--soak 600] [--trickle 2]
"""
import argparse, json, os, statistics, subprocess, sys, threading, time, urllib.request

HZ = os.sysconf("SC_CLK_TCK")


def figure(name, value, unit, limit=None, detail=None):
    met = None if limit is None else value < limit
    target = None if limit is None else f"< {limit:g}"
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit, "target": target, "met": met, "detail": detail},
                     ensure_ascii=False), flush=True)


def control(port, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method="POST" if data is not None else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"{}")


def descendants(pid):
    """pid and every process under it, from /proc/*/stat parent links."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


def cpu_seconds(pid):
    """CPU of the tree: each live process's utime+stime, and what its reaped children used."""
    total = 0
    for p in descendants(pid):
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        utime, stime, cutime, cstime = (int(fields[i]) for i in (11, 12, 13, 14))
        total += utime + stime + cutime + cstime
    return total / HZ


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Watch:
    """The binary, its JSON lines read as they come (with the time each arrived)."""

    def __init__(self, argv, env):
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.lines = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            with self.lock:
                self.lines.append((time.monotonic(), event))

    def wait_for(self, predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for at, event in self.lines:
                    if predicate(event):
                        return at
            time.sleep(0.01)
        return None

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def measure_idle(args, mode, env):
    argv = [args.binary, "watch", "--no-tui", "--jsonl", "--kubeconfig", args.kubeconfig, "--context", args.context]
    argv += ["--poll", "--interval", "5"] if mode == "poll" else ["--interval", "60"]
    watch = Watch(argv, env)
    try:
        if mode == "stream":
            ready = watch.wait_for(lambda e: e.get("kind") == "watch-status" and e.get("subject") == "nodes"
                                   and e.get("text", "").startswith("streaming"), 300)
        else:
            ready = time.monotonic()
            time.sleep(15)   # the first read of 5,000 nodes is done well within this
        if ready is None:
            with watch.lock:
                seen = [e for _, e in watch.lines][:5]
            streams = [line for line in os.popen("pgrep -af 'watch=1'").read().splitlines()]
            raise SystemExit(f"{mode}: the watch never started streaming; it printed {seen}; streams: {streams}")
        time.sleep(3)
        control(args.port, "/_control/reset-bytes", {})
        cpu0, t0 = cpu_seconds(watch.proc.pid), time.monotonic()
        time.sleep(args.window)
        cpu1, t1 = cpu_seconds(watch.proc.pid), time.monotonic()
        sent = control(args.port, "/_control/bytes")
        minutes = (t1 - t0) / 60
        return watch, (sent.get("wire", sent.get("body", 0)) / 1e6) / minutes, (cpu1 - cpu0) / minutes
    except BaseException:
        watch.stop()
        raise


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--kubeconfig", required=True)
    p.add_argument("--context", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--window", type=float, default=60)
    p.add_argument("--flips", type=int, default=20)
    p.add_argument("--soak", type=float, default=600, help="seconds of trickle for the memory figure")
    p.add_argument("--trickle", type=float, default=2, help="seconds between node changes during the soak")
    p.add_argument("--skip-poll", action="store_true", help="measure the streams only")
    args = p.parse_args()
    env = dict(os.environ)
    env["XDG_STATE_HOME"] = env.get("XDG_STATE_HOME", "/tmp/shipshape-bench-watch")
    # The fixture's own naming (scripts/bench-fixtures.py node_name); asking the server for its
    # state would make it serialise hundreds of megabytes while being measured.
    nodes = [f"wf-prod-pool-{i // 1000:02d}-node-{i:05d}" for i in range(7, 7 + args.flips * 97, 97)]

    if not args.skip_poll:
        poll, poll_bytes, poll_cpu = measure_idle(args, "poll", env)
        poll.stop()
        figure("watch idle, polling every 5 s: API bytes", poll_bytes, "MB/min", detail=f"{args.window:g} s window")
        figure("watch idle, polling every 5 s: CPU", poll_cpu, "s/min", detail="shipshape and its kubectl processes")
        time.sleep(10)   # the server finishes what the polling watch had asked for

    stream, stream_bytes, stream_cpu = measure_idle(args, "stream", env)
    try:
        figure("watch idle, streams: API bytes", stream_bytes, "MB/min", limit=1.0,
               detail=f"{args.window:g} s window; bookmarks only; a full resync (default every 10 min) adds one list")
        figure("watch idle, streams: CPU", stream_cpu, "s/min", limit=0.6, detail="shipshape and its kubectl watch processes")
        # Every node flipped starts Ready (an earlier run may have left it otherwise).
        for name in nodes:
            control(args.port, "/_control/node-ready", {"name": name, "status": "True"})
        time.sleep(3)
        latencies = []
        for name in nodes:
            before = time.monotonic()
            control(args.port, "/_control/node-ready", {"name": name, "status": "False"})
            at = stream.wait_for(lambda e, n=name: e.get("kind") == "node-not-ready" and e.get("subject") == n, 30)
            if at is None:
                raise SystemExit(f"no node-not-ready event for {name}")
            latencies.append(at - before)
            control(args.port, "/_control/node-ready", {"name": name, "status": "True"})
            stream.wait_for(lambda e, n=name: e.get("kind") == "node-ready" and e.get("subject") == n, 30)
        latencies.sort()
        p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
        figure("change to event, node NotReady: p50", statistics.median(latencies) * 1000, "ms",
               detail=f"{len(latencies)} flips at 5,000 nodes")
        figure("change to event, node NotReady: p95", p95 * 1000, "ms", limit=1000, detail=f"{len(latencies)} flips")
        samples, start, flip = [], time.monotonic(), 0
        while time.monotonic() - start < args.soak:
            name = nodes[flip % len(nodes)]
            control(args.port, "/_control/node-ready", {"name": name, "status": "False" if (flip // len(nodes)) % 2 == 0 else "True"})
            flip += 1
            samples.append(rss_mb(stream.proc.pid))
            time.sleep(args.trickle)
        third = max(len(samples) // 3, 1)
        growth = statistics.median(samples[-third:]) - statistics.median(samples[:third])
        figure("RSS drift over the soak, streams", growth, "MB", limit=1.0,
               detail=f"{args.soak / 60:g} min, a node change every {args.trickle:g} s ({flip} changes); median of the last third minus the first")
    finally:
        stream.stop()


if __name__ == "__main__":
    main()
