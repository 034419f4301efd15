#!/usr/bin/env python3
"""A real Deis v1 control plane on one host, for shipshape's tests: a real etcd 3.4 cluster
(v2 API on), optional etcd v2 proxies, and N real fleetd 1.0.0 "machines", each in its own
mount namespace with its own /etc/machine-id, metadata and public_ip, running the lab's
in-memory unit manager (fleet-patch/). deisctl and fleetctl then run against it for real.

  lab.py start --dir D --machines N [--etcd-members 3] [--proxy] [--proxy-machines 4,5]
               [--metadata I=k=v,k=v]... [--public-ip I=ADDR]... [--agent-ttl 5s]
               [--engine-reconcile-interval 1] [--fail-units GLOB] [--tools DIR]
  lab.py stop --dir D                      everything, children included; idempotent
  lab.py kill-machine --dir D --machine M [--signal KILL|TERM]    M: index, name (m2) or id
  lab.py start-machine --dir D --machine M
  lab.py stop-member --dir D --member infra2 / start-member --dir D --member infra2   (label, name or id)
  lab.py status --dir D                    which processes are alive (JSON)
  lab.py env --dir D                       the client environment, as shell assignments

Everything it starts is described in D/lab.json (schema in README.md). Python 3 standard
library only; every process is started from an argv list (never a shell). It is Python rather
than bash because it must find free ports, poll HTTP endpoints against deadlines, pass a
listening socket to fleetd and keep a JSON description in step: all awkward in bash.
"""

import argparse
import fcntl
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DEFAULT_TOOLS = os.path.join(REPO, ".build", "deis1-tools", "bin")
DEFAULT_UNITS = os.path.join(REPO, ".build", "deis1-tools", "gopath", "src", "github.com", "deis", "deis", "deisctl", "units")
FLEET_PREFIX = "/_coreos.com/fleet/"
# Deis' default cloud-config puts every plane on every node (cli-formats.md §2.5).
DEFAULT_METADATA = "controlPlane=true,dataPlane=true,routerMesh=true"
# Every lab process carries this variable, so `stop` finds stragglers in /proc by it.
OWNER = "DEIS1_LAB_OWNER"
# The release the ssh stand-in's /run/deis/bin/preseed pulls (deisctl 1.13.4's).
PRESEED_RELEASE = "v1.13.4"


def preseed_images(units):
    """What /run/deis/bin/preseed pulls: every image the unit templates fetch with
    `/run/deis/bin/get_image /deis/COMPONENT` (deis-store-volume runs none), at the release tag."""
    components = set()
    for name in sorted(os.listdir(units)):
        if name.endswith(".service"):
            with open(os.path.join(units, name)) as handle:
                components.update(re.findall(r"get_image /deis/([a-z0-9-]+)", handle.read()))
    return ["deis/%s:%s" % (c, PRESEED_RELEASE) for c in sorted(components)]


class LabError(Exception):
    pass


def fail(message):
    sys.stderr.write("lab.py: %s\n" % message)
    sys.exit(1)


# ---------------------------------------------------------------- processes

def starttime(pid):
    """Field 22 of /proc/PID/stat: tells a lab process from a later one that reused its pid."""
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def alive(proc):
    """True while the recorded process runs (a zombie counts as gone: it holds nothing)."""
    pid = proc.get("pid")
    if not pid or starttime(pid) != proc.get("starttime"):
        return False
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


_children = {}  # Popen objects of this invocation, reaped so they do not linger as zombies


def spawn(argv, log, env):
    """Starts argv in its own session (so a kill of its process group takes its children),
    output appended to log. Returns the record kept in lab.json."""
    with open(log, "ab") as out:
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env, start_new_session=True)
    _children[child.pid] = child
    return {"pid": child.pid, "starttime": starttime(child.pid), "log": log}


def reap():
    for child in list(_children.values()):
        if child.poll() is not None:
            _children.pop(child.pid, None)


def terminate(procs, sig=signal.SIGTERM, grace=10.0):
    """Signals each live process group, waits (polling) until all are gone, SIGKILLs the rest."""
    procs = [p for p in procs if alive(p)]
    for proc in procs:
        try:
            os.killpg(proc["pid"], sig)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        reap()
        if not any(alive(p) for p in procs):
            return
        time.sleep(0.05)
    for proc in procs:
        if alive(proc):
            try:
                os.killpg(proc["pid"], signal.SIGKILL)
            except ProcessLookupError:
                pass
    until("processes %s to exit after SIGKILL" % [p["pid"] for p in procs], 5, lambda: not any(alive(p) for p in procs))


def stragglers(directory):
    """Pids of processes (besides this one) whose environment names this lab."""
    marker = ("%s=%s" % (OWNER, directory)).encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open("/proc/%s/environ" % name, "rb") as handle:
                if marker in handle.read().split(b"\0"):
                    found.append(int(name))
        except OSError:
            continue
    return found


def until(what, timeout, condition, every=0.1, watch=()):
    """Polls condition() until it is true; raises LabError naming what after timeout seconds,
    or at once when a process in watch (records with a log) has exited."""
    deadline = time.monotonic() + timeout
    while True:
        reap()
        for proc in watch:
            if not alive(proc):
                raise LabError("pid %d exited while waiting for %s; its log %s ends: %s"
                               % (proc["pid"], what, proc["log"], log_tail(proc["log"])))
        try:
            if condition():
                return
        except (OSError, ValueError, urllib.error.URLError):
            pass
        if time.monotonic() >= deadline:
            raise LabError("timed out after %gs waiting for %s" % (timeout, what))
        time.sleep(every)


def log_tail(path, lines=3):
    try:
        with open(path, errors="replace") as handle:
            return " | ".join(line.strip() for line in handle.readlines()[-lines:])
    except OSError:
        return "(no log)"


def http_json(url, timeout=1.0):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode())


def free_ports(count):
    """Distinct free loopback ports; every socket stays bound until all are chosen."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def which(name, directory=None):
    if directory:
        path = os.path.join(directory, name)
        return path if os.access(path, os.X_OK) else None
    for entry in os.environ.get("PATH", "/usr/bin:/bin").split(":"):
        path = os.path.join(entry, name)
        if os.access(path, os.X_OK):
            return path
    return None


# ---------------------------------------------------------------- lab.json

class Lab:
    def __init__(self, directory):
        self.dir = os.path.abspath(directory)
        self.path = os.path.join(self.dir, "lab.json")
        self.data = None

    def lock(self, create=False):
        """One lab.py command at a time per lab (flock, released at exit)."""
        if create:
            os.makedirs(self.dir, exist_ok=True)
        elif not os.path.isdir(self.dir):
            raise LabError("no lab in %s (no such directory)" % self.dir)
        self._lock = open(os.path.join(self.dir, ".lab.lock"), "w")
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        return self

    def load(self):
        try:
            with open(self.path) as handle:
                self.data = json.load(handle)
        except FileNotFoundError:
            raise LabError("no lab in %s (lab.json missing)" % self.dir)
        return self.data

    def save(self):
        temporary = self.path + ".tmp"
        with open(temporary, "w") as out:
            json.dump(self.data, out, indent=1, sort_keys=True)
            out.write("\n")
        os.replace(temporary, self.path)

    def daemon_env(self, extra=None):
        # An explicit environment: fleetd reads FLEET_* variables as config (globalconf), so an
        # inherited FLEET_ETCD_SERVERS would silently repoint a machine.
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", OWNER: self.dir}
        env.update(extra or {})
        return env

    def machine(self, ref):
        for m in self.data["machines"]:
            if ref in (str(m["index"]), m["name"], m["id"]) or (len(ref) >= 6 and m["id"].startswith(ref)):
                return m
        raise LabError("no machine %r in this lab (use its index, name or id)" % ref)

    def member(self, name):
        for m in self.data["etcd"]["members"]:
            if name in (m["name"], m["id"], m.get("label")):
                return m
        raise LabError("no etcd member %r in this lab" % name)

    def procs(self):
        data = self.data or {}
        etcd = data.get("etcd", {})
        return {"fleetd": [m["process"] for m in data.get("machines", []) if m.get("process")],
                "proxy": [p["process"] for p in etcd.get("proxies", []) if p.get("process")],
                "etcd": [m["process"] for m in etcd.get("members", []) if m.get("process")]}


# ---------------------------------------------------------------- etcd

def etcd_healthy(url):
    # /health answers for the v3 server; /v2/keys proves the v2 API is served.
    return http_json(url + "/health").get("health") == "true" and "node" in http_json(url + "/v2/keys/")


def start_member(lab, member):
    member["process"] = spawn(member["argv"], member["log"], lab.daemon_env())
    lab.save()


def start_proxy(lab, proxy):
    proxy["process"] = spawn(proxy["argv"], proxy["log"], lab.daemon_env())
    lab.save()


# ---------------------------------------------------------------- fleetd

def fleet_machines(lab):
    """Machine ids with a presence key in fleet's registry, read from the v2 keyspace."""
    for member in lab.data["etcd"]["members"]:
        if not alive(member.get("process") or {}):
            continue
        try:
            tree = http_json(member["client_url"] + "/v2/keys" + FLEET_PREFIX + "machines?recursive=true")
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return set()
            raise
        except OSError:
            continue
        return {node["key"].rsplit("/", 1)[1] for node in tree["node"].get("nodes", [])
                if any(child["key"].endswith("/object") for child in node.get("nodes", []))}
    return set()


def start_fleetd(lab, machine):
    env = lab.daemon_env({"FLEETD_UNIT_MANAGER": "memory", "FLEETD_MEMORY_STATE_FILE": machine["state_file"]})
    if lab.data["fleet"].get("fail_units"):
        env["FLEETD_MEMORY_FAIL"] = lab.data["fleet"]["fail_units"]
    machine["process"] = spawn(machine["argv"], machine["log"], env)
    lab.save()


def exec_fleetd(args):
    """Runs inside `unshare --mount`: puts this machine's id over /etc/machine-id (a private
    mount, gone with the namespace), opens fleet's API socket the way systemd's fleet.socket
    would (fd 3, LISTEN_PID/LISTEN_FDS) and becomes fleetd. The pid never changes: unshare
    and this helper exec, so lab.json's pid is fleetd's."""
    subprocess.run(["mount", "--bind", args.machine_id_file, "/etc/machine-id"], check=True)
    if os.path.exists(args.socket):
        os.unlink(args.socket)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(args.socket)
    listener.listen(64)
    fd = listener.detach()  # the socket may already be fd 3: move it there only if it is not
    if fd != 3:
        os.dup2(fd, 3)
        os.close(fd)
    os.set_inheritable(3, True)
    env = dict(os.environ, LISTEN_PID=str(os.getpid()), LISTEN_FDS="1")
    os.execve(args.argv[0], args.argv, env)


# ---------------------------------------------------------------- commands

def parse_indexed(values, count, what):
    out = {}
    for value in values or []:
        index, _, rest = value.partition("=")
        if not index.isdigit() or not 1 <= int(index) <= count or not rest:
            raise LabError("--%s %r: expected I=VALUE with I in 1..%d" % (what, value, count))
        if any(c in rest for c in "\"#;\n"):
            raise LabError("--%s %r: no quotes, # or ; (fleet.conf is INI)" % (what, value))
        out[int(index)] = rest
    return out


def metadata_map(text):
    return dict(pair.split("=", 1) for pair in text.split(",") if "=" in pair)


def cmd_start(args):
    if os.geteuid() != 0:
        raise LabError("must run as root (fleetd machines need mount namespaces and bind mounts)")
    tools = os.path.abspath(args.tools)
    needed = {"etcd": which("etcd"), "etcdctl": which("etcdctl"), "unshare": which("unshare"), "mount": which("mount"),
              "fleetd": which("fleetd", tools), "fleetctl": which("fleetctl", tools), "deisctl": which("deisctl", tools)}
    packages = {"etcd": "etcd-server", "etcdctl": "etcd-client", "unshare": "util-linux", "mount": "mount"}
    for name, path in needed.items():
        if not path and name in packages:
            raise LabError("%s not found on PATH; install Debian %s (scripts/require-packages test does)" % (name, packages[name]))
        if not path:
            raise LabError("%s not found in %s; run scripts/build-deis1-tools" % (name, tools))
    if not os.path.isdir(args.units):
        raise LabError("deisctl unit templates not found at %s; run scripts/build-deis1-tools" % args.units)
    if not os.path.isfile("/etc/machine-id"):
        raise LabError("/etc/machine-id missing: each machine bind-mounts its own id over it")
    if not 1 <= args.etcd_members <= 5:
        raise LabError("--etcd-members must be 1..5")
    if args.machines < 1:
        raise LabError("--machines must be at least 1")
    proxy_machines = sorted({int(i) for i in args.proxy_machines.split(",") if i}) if args.proxy_machines else []
    if any(not args.etcd_members < i <= args.machines for i in proxy_machines):
        raise LabError("--proxy-machines: indexes in %d..%d (machines without a member)" % (args.etcd_members + 1, args.machines))
    metadata = parse_indexed(args.metadata, args.machines, "metadata")
    ips = parse_indexed(args.public_ip, args.machines, "public-ip")

    lab = Lab(args.dir).lock(create=True)
    if os.path.exists(lab.path):
        lab.load()
        if any(alive(p) for group in lab.procs().values() for p in group):
            raise LabError("a lab already runs in %s; stop it first" % lab.dir)
    for sub in ("logs", "etcd", "machines"):
        os.makedirs(os.path.join(lab.dir, sub), exist_ok=True)

    count = args.etcd_members
    proxies_wanted = [None] * (1 if args.proxy else 0) + proxy_machines
    ports = free_ports(2 * count + len(proxies_wanted))
    # Machine ids first: CoreOS names each etcd2 member after its machine (etcd2.service sets
    # ETCD_NAME=%m), so a member on machine I is named by I's id, as on a real Deis v1 cluster.
    # `infraN` stays as each member's label (and what --member accepts besides the name).
    machine_ids = [uuid.uuid4().hex for _ in range(args.machines)]
    labels = ["infra%d" % i for i in range(1, count + 1)]
    names = [machine_ids[i] if i < args.machines else labels[i] for i in range(count)]
    clients = ["http://127.0.0.1:%d" % ports[2 * i] for i in range(count)]
    peers = ["http://127.0.0.1:%d" % ports[2 * i + 1] for i in range(count)]
    initial = ",".join("%s=%s" % pair for pair in zip(names, peers))
    token = "deis1-lab-" + uuid.uuid4().hex[:8]
    members = []
    for label, name, client, peer in zip(labels, names, clients, peers):
        argv = [needed["etcd"], "--name", name, "--data-dir", os.path.join(lab.dir, "etcd", label),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster-token", token, "--initial-cluster", initial, "--initial-cluster-state", "new",
                "--enable-v2=true", "--logger=zap", "--log-outputs=stderr"]
        members.append({"name": name, "label": label, "client_url": client, "peer_url": peer, "id": None, "argv": argv,
                        "data_dir": os.path.join(lab.dir, "etcd", label), "log": os.path.join(lab.dir, "logs", "etcd-%s.log" % label)})
    proxies = []
    for offset, machine_index in enumerate(proxies_wanted):
        name = "proxy%d" % (offset + 1)
        client = "http://127.0.0.1:%d" % ports[2 * count + offset]
        data_dir = os.path.join(lab.dir, "etcd", name)
        proxies.append({"name": name, "client_url": client, "machine": machine_index, "data_dir": data_dir,
                        "log": os.path.join(lab.dir, "logs", "etcd-%s.log" % name),
                        "argv": [needed["etcd"], "--proxy", "on", "--name", name, "--data-dir", data_dir,
                                 "--listen-client-urls", client, "--initial-cluster", initial,
                                 "--logger=zap", "--log-outputs=stderr"]})

    wrapper = os.path.join(HERE, "fleetctl")
    endpoint = clients[0]
    # A fleetctl of this lab's own, so the ssh stand-in works from any environment (shipshape
    # passes its children an explicit environment without DEIS1_LAB_*): it execs the wrapper
    # with this lab's dir and real fleetctl named.
    bin_dir = os.path.join(lab.dir, "bin")
    os.makedirs(bin_dir, exist_ok=True)
    shim = os.path.join(bin_dir, "fleetctl")
    with open(shim + ".tmp", "w") as out:
        out.write("#!%s\n# fleetctl for the Deis v1 lab in %s: the wrapper %s with this lab's settings.\n"
                  "import os, sys\nos.environ['DEIS1_LAB_DIR'] = %r\nos.environ['DEIS1_LAB_FLEETCTL'] = %r\n"
                  "os.execv(sys.executable, [sys.executable, %r] + sys.argv[1:])\n"
                  % (sys.executable, lab.dir, wrapper, lab.dir, needed["fleetctl"], wrapper))
    os.chmod(shim + ".tmp", 0o755)
    os.replace(shim + ".tmp", shim)
    lab.data = {
        "version": 1,
        "dir": lab.dir,
        "tools": {"bin": tools, "fleetd": needed["fleetd"], "fleetctl": needed["fleetctl"], "deisctl": needed["deisctl"],
                  "etcd": needed["etcd"], "etcdctl": needed["etcdctl"], "fleetctl_wrapper": wrapper, "fleetctl_shim": shim,
                  "units": args.units},
        "etcd": {"cluster_token": token, "initial_cluster": initial, "client_urls": clients, "endpoints": ",".join(clients),
                 "members": members, "proxies": proxies},
        "fleet": {"etcd_key_prefix": FLEET_PREFIX, "agent_ttl": args.agent_ttl,
                  "engine_reconcile_interval": args.engine_reconcile_interval, "fail_units": args.fail_units or None},
        "machines": [],
        "ssh_state": os.path.join(lab.dir, "ssh-state.json"),
        # What a client needs: the real fleetctl through the etcd driver, deisctl's unit
        # templates, the wrapper's two variables. deisctl has no endpoint variable: pass
        # --endpoint=URL (argv). The etcdctl variables are apart: with ETCDCTL_ENDPOINTS set,
        # a v3 etcdctl given --endpoints exits 1 ("conflicting environment variable").
        "env": {"FLEETCTL_DRIVER": "etcd", "FLEETCTL_ENDPOINT": ",".join(clients), "DEISCTL_UNITS": args.units,
                "DEIS1_LAB_FLEETCTL": needed["fleetctl"], "DEIS1_LAB_DIR": lab.dir},
        "etcdctl_v2_env": {"ETCDCTL_API": "2", "ETCDCTL_ENDPOINTS": ",".join(clients)},
        # Put in front of PATH: `fleetctl` is then this lab's shim of the wrapper (real fleetctl
        # but for ssh), deisctl the real one.
        "path_prepend": [bin_dir, tools],
        "argv": {"fleetctl": [needed["fleetctl"], "--driver=etcd", "--endpoint=" + ",".join(clients)],
                 "deisctl": [needed["deisctl"], "--endpoint=" + endpoint],
                 "etcdctl_v2": [needed["etcdctl"], "--endpoints=" + ",".join(clients)]},
    }
    lab.save()
    try:
        for member in members:
            start_member(lab, member)
        for member in members:
            until("etcd member %s at %s" % (member["name"], member["client_url"]), 60,
                  lambda: etcd_healthy(member["client_url"]), watch=[member["process"]])
        listed = http_json(clients[0] + "/v2/members")["members"]
        for member in members:
            member["id"] = next(m["id"] for m in listed if m["name"] == member["name"])
        for proxy in proxies:
            start_proxy(lab, proxy)
            until("etcd proxy at %s" % proxy["client_url"], 30, lambda: "node" in http_json(proxy["client_url"] + "/v2/keys/"),
                  watch=[proxy["process"]])

        for index in range(1, args.machines + 1):
            name = "m%d" % index
            home = os.path.join(lab.dir, "machines", name)
            os.makedirs(home, exist_ok=True)
            machine_id = machine_ids[index - 1]
            with open(os.path.join(home, "machine-id"), "w") as out:
                out.write(machine_id + "\n")
            proxy = next((p for p in proxies if p["machine"] == index), None)
            # Which etcd this machine "hosts" (bookkeeping: everything listens on 127.0.0.1):
            # members on machines 1..M, a proxy where asked, nothing elsewhere.
            if proxy:
                role = {"role": "proxy", "name": proxy["name"], "client_url": proxy["client_url"]}
                servers = [proxy["client_url"]]
            elif index <= count:
                role = {"role": "member", "name": names[index - 1], "label": labels[index - 1], "client_url": clients[index - 1]}
                # Its own member first, as CoreOS points fleet at the local etcd; the others
                # after it, so that stopping one member does not cut the machine off.
                servers = [clients[index - 1]] + [c for c in clients if c != clients[index - 1]]
            else:
                role = {"role": None, "name": None, "client_url": None}
                servers = list(clients)
            meta = metadata.get(index, DEFAULT_METADATA)
            # Loopback by default: a label to fleet, but anything that dials it (the real
            # `fleetctl ssh` dials PublicIP:22) stays on this host. A 10.x address left the
            # host here and reached whatever the network put there.
            ip = ips.get(index, "127.0.1.%d" % (10 + index))
            config = os.path.join(home, "fleet.conf")
            with open(config, "w") as out:
                out.write('etcd_servers="%s"\nmetadata="%s"\npublic_ip="%s"\nagent_ttl="%s"\n'
                          'engine_reconcile_interval=%s\netcd_key_prefix="%s"\nverbosity=%d\n'
                          % (",".join(servers), meta, ip, args.agent_ttl, args.engine_reconcile_interval, FLEET_PREFIX,
                             args.verbosity))
            socket_path = os.path.join(home, "fleet.sock")
            argv = [needed["unshare"], "--mount", "--propagation", "private", "--",
                    sys.executable, os.path.abspath(__file__), "_exec-fleetd", "--machine-id-file", os.path.join(home, "machine-id"),
                    "--socket", socket_path, "--", needed["fleetd"], "--config", config]
            machine = {"index": index, "name": name, "id": machine_id, "public_ip": ip, "metadata": metadata_map(meta),
                       "metadata_string": meta, "etcd": role, "etcd_servers": servers, "config": config,
                       "api_endpoint": "unix://" + socket_path, "state_file": os.path.join(home, "units.json"),
                       "log": os.path.join(lab.dir, "logs", "fleetd-%s.log" % name), "argv": argv}
            lab.data["machines"].append(machine)
            start_fleetd(lab, machine)
        wanted = {m["id"] for m in lab.data["machines"]}
        until("%d fleet machines to register" % len(wanted), 60, lambda: wanted <= fleet_machines(lab),
              watch=[m["process"] for m in lab.data["machines"]])
        with open(lab.data["ssh_state"], "w") as out:
            json.dump({"preseedImages": preseed_images(args.units), "machines": {m["id"]: {"images": []} for m in lab.data["machines"]}},
                      out, indent=1)
        lab.save()
    except BaseException:
        stop(lab)
        raise
    print(lab.path)


def stop(lab):
    """fleetd first (its SIGTERM handler unregisters the machine through etcd), then the
    proxies, then the members; then anything else carrying this lab's marker."""
    groups = lab.procs()
    terminate(groups["fleetd"])
    terminate(groups["proxy"])
    # Members one at a time: SIGTERM to all at once costs ~7 s, each leader trying to hand its
    # leadership to a member that is stopping too; one by one it is ~0.1 s each.
    for member in groups["etcd"]:
        terminate([member])
    leftover = stragglers(lab.dir)
    for pid in leftover:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    until("stray lab processes %s to exit" % leftover, 5, lambda: not stragglers(lab.dir))
    with open("/proc/self/mountinfo") as handle:
        mounted = [line for line in handle if lab.dir in line]
    if mounted:
        raise LabError("mounts of the lab remain in this namespace: %s" % mounted)


def cmd_stop(args):
    lab = Lab(args.dir)
    if os.path.isdir(lab.dir):  # a missing dir is a stopped lab; do not create it to lock it
        lab.lock()
        if os.path.exists(lab.path):
            lab.load()
    stop(lab)
    print("stopped")


def cmd_kill_machine(args):
    lab = Lab(args.dir).lock()
    lab.load()
    machine = lab.machine(args.machine)
    # KILL is a crash: the machine stays listed until its agent_ttl runs out. TERM is an
    # orderly `systemctl stop fleet`: fleetd unloads its units and removes its presence key.
    terminate([machine.get("process") or {}], sig=getattr(signal, "SIG" + args.signal))
    print(machine["id"])


def cmd_start_machine(args):
    lab = Lab(args.dir).lock()
    lab.load()
    machine = lab.machine(args.machine)
    if alive(machine.get("process") or {}):
        raise LabError("machine %s already runs" % machine["name"])
    start_fleetd(lab, machine)
    # After a crash the old presence key blocks registration until its TTL runs out.
    until("machine %s to register" % machine["name"], 60, lambda: machine["id"] in fleet_machines(lab),
          watch=[machine["process"]])
    print(machine["id"])


def cmd_stop_member(args):
    lab = Lab(args.dir).lock()
    lab.load()
    member = lab.member(args.member)
    terminate([member.get("process") or {}])
    print(member["id"])


def cmd_start_member(args):
    lab = Lab(args.dir).lock()
    lab.load()
    member = lab.member(args.member)
    if alive(member.get("process") or {}):
        raise LabError("member %s already runs" % member["name"])
    start_member(lab, member)  # same argv: on its existing data dir etcd rejoins, flags aside
    until("etcd member %s" % member["name"], 60, lambda: etcd_healthy(member["client_url"]), watch=[member["process"]])
    print(member["id"])


def cmd_status(args):
    lab = Lab(args.dir)
    lab.load()
    print(json.dumps({"machines": {m["name"]: alive(m.get("process") or {}) for m in lab.data["machines"]},
                      "members": {m.get("label", m["name"]): alive(m.get("process") or {}) for m in lab.data["etcd"]["members"]},
                      "proxies": {p["name"]: alive(p.get("process") or {}) for p in lab.data["etcd"]["proxies"]},
                      "marked_pids": sorted(stragglers(lab.dir))}, sort_keys=True))


def cmd_env(args):
    lab = Lab(args.dir)
    lab.load()
    # For a shell: the client environment plus the v2 etcdctl variables.
    for key, value in sorted(dict(lab.data["env"], **lab.data["etcdctl_v2_env"]).items()):
        print("%s=%s" % (key, shlex.quote(value)))
    print("PATH=%s" % shlex.quote(":".join(lab.data["path_prepend"] + [os.environ.get("PATH", "/usr/bin:/bin")])))


def main(argv):
    parser = argparse.ArgumentParser(prog="lab.py", description="A real Deis v1 lab: etcd 3.4 (v2 API) + fleetd machines.")
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start")
    start.add_argument("--dir", required=True)
    start.add_argument("--machines", type=int, required=True)
    start.add_argument("--etcd-members", type=int, default=3)
    start.add_argument("--proxy", action="store_true", help="one etcd v2 proxy attached to no machine")
    start.add_argument("--proxy-machines", default="", help="comma-separated machine indexes that run an etcd proxy "
                                                           "and point their fleetd at it (machines without a member)")
    start.add_argument("--metadata", action="append", help="I=k=v,k=v (default for every machine: %s)" % DEFAULT_METADATA)
    start.add_argument("--public-ip", action="append", help="I=ADDR (default 127.0.1.(10+I))")
    start.add_argument("--agent-ttl", default="5s", help="fleet agent_ttl: a killed machine drops out after it")
    start.add_argument("--engine-reconcile-interval", default="1", help="seconds")
    start.add_argument("--fail-units", help="glob: matching units go failed/failed on start")
    start.add_argument("--verbosity", type=int, default=0)
    start.add_argument("--tools", default=os.environ.get("DEIS1_LAB_TOOLS", DEFAULT_TOOLS))
    start.add_argument("--units", default=os.environ.get("DEISCTL_UNITS", DEFAULT_UNITS))
    start.set_defaults(func=cmd_start)
    for name, func in (("stop", cmd_stop), ("status", cmd_status), ("env", cmd_env)):
        command = sub.add_parser(name)
        command.add_argument("--dir", required=True)
        command.set_defaults(func=func)
    for name, func in (("kill-machine", cmd_kill_machine), ("start-machine", cmd_start_machine)):
        command = sub.add_parser(name)
        command.add_argument("--dir", required=True)
        command.add_argument("--machine", required=True)
        if name == "kill-machine":
            command.add_argument("--signal", choices=["KILL", "TERM"], default="KILL")
        command.set_defaults(func=func)
    for name, func in (("stop-member", cmd_stop_member), ("start-member", cmd_start_member)):
        command = sub.add_parser(name)
        command.add_argument("--dir", required=True)
        command.add_argument("--member", required=True)
        command.set_defaults(func=func)
    helper = sub.add_parser("_exec-fleetd")  # internal: the step inside unshare
    helper.add_argument("--machine-id-file", required=True)
    helper.add_argument("--socket", required=True)
    helper.add_argument("argv", nargs="+")
    helper.set_defaults(func=exec_fleetd)
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except LabError as error:
        fail(str(error))
    except subprocess.CalledProcessError as error:
        fail("%s failed with exit %d" % (error.cmd[0], error.returncode))


if __name__ == "__main__":
    main(sys.argv[1:])
