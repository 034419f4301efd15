#!/usr/bin/env python3
"""Scale fixtures for scripts/bench: a Deis Workflow cluster of N nodes, written in the
Kubernetes API test server's state format ({"objects": {PATH: [items]}}), which the demo
sandbox (KubeSandbox(scenarioJSON:)) reads too.

Objects have the shape and size of real ones: a node is ~5.6 KB of compact JSON (labels,
annotations, taints, ten conditions with timestamps and messages, addresses, capacity and
allocatable, nodeInfo, an images list), a pod ~3 KB. Every node runs 30 pods: the three
Workflow daemon sets (fluentd, telegraf, registry-proxy) and the routers in `deis`, the
rest app pods in one namespace per app, as Workflow lays them out. About 1 node in 200 is
NotReady and a few are control-plane nodes, so the rules and panes have work to do.

Scopes:
  server  everything above (what the API test server serves to the real kubectl);
  probe   only what shipshape's probe reads come back with: nodes, the deis deployments
          and secrets, the router pods (its pod read asks for app=deis-router only) and
          cluster roles. Each of those reads returns the same items as in `server`, so it
          is the in-process fixture: the sandbox does not have to hold 1.5 million app
          pods at 50,000 nodes to answer reads that never return them.

Deterministic: the same N and scope give the same bytes. Items are written one at a
time, so memory stays small whatever N is.

Usage: bench-fixtures.py --nodes N [--scope server|probe] [--pods-per-node 30] --out FILE
"""
import argparse
import hashlib
import json
import os
import random
import sys
import tempfile

NAMESPACE = "deis"
WORKFLOW_VERSION = "v2.18.0"
KUBE_VERSION = "v1.29.4"
# Fixed "now" for timestamps, so fixtures are byte-for-byte reproducible.
EPOCH = 1_717_200_000  # 2024-06-01T00:00:00Z
DAEMON_SETS = ["deis-logger-fluentd", "deis-monitor-telegraf", "deis-registry-proxy"]
SINGLETONS = ["deis-builder", "deis-controller", "deis-database", "deis-logger", "deis-logger-redis",
              "deis-monitor-grafana", "deis-monitor-influxdb", "deis-nsqd", "deis-registry",
              "deis-workflow-manager", "deis-minio"]
PODS_PER_APP = 10
ZONES = ["us-east1-b", "us-east1-c", "us-east1-d"]
# Public demo certificate (the one the bundled Workflow scenario carries), valid to 2046.
PLATFORM_CERT = (
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURHVENDQWdHZ0F3SUJBZ0lVWmhNNC9HK1plZmoyazRpekxUK3JJa1hyY0Vzd0RRWUpLb1pJaHZjTkFRRUwKQlFBd0hERWFNQmdHQTFVRUF3d1JaR1ZwY3k1a1pXMXZMbVY0WVcxd2JHVXdIaGNOTWpZeE1USTFNVEV5TWpJeApXaGNOTkRZeE1USXdNVEV5TWpJeFdqQWNNUm93R0FZRFZRUUREQkZrWldsekxtUmxiVzh1WlhoaGJYQnNaVENDCkFTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTDZJbVY4T0Y1Mkx4QkpENDVvU3Z3U2sKMlBXTzk1SGtQMEJHTlJaNlVNbzlYY3k0Y3EwbTFzamhCRzJyM1p5S1Z4czZ0L2tvSkN1eHJiY1JBUCtxcStTOQpWeWdJTDNzKzV3ZXZHdU1PUDV6QkludWlocEhDVlFLdGNram9sMlZobm83K2Rab0lySCtKSUhMZm9RZFlRZlVPCkJRZFdxNlZCTDViNkZpUGMvcGx4MVhsQkF6VG9oUlVsTWhZNkxGek1iTkkrTjRGanFnUUQxNUY3d1dTYitpYTEKK1FabGFqWCtuSnp1R1h0RFlSM1ZMRGh0YXRtUnh6REE3NS85RUxyOWk5Z1pWMU1BQnNNbWdjQTFaQngzWVZadgphblhVWWsrWWczRDR6UVM3ekhkMzdnOW1TR0NPTGNYNnVLOUlvRDZxZHBwaGlXTnJkM2Z5VnFla1RMZWgzdU1DCkF3RUFBYU5UTUZFd0hRWURWUjBPQkJZRUZKaGhtZVh2WGpKYjQ0MGIydjV2OFJmck1WK0hNQjhHQTFVZEl3UVkKTUJhQUZKaGhtZVh2WGpKYjQ0MGIydjV2OFJmck1WK0hNQThHQTFVZEV3RUIvd1FGTUFNQkFmOHdEUVlKS29aSQpodmNOQVFFTEJRQURnZ0VCQURCazNwb0dGQzNVS3dsMlNlbkR6R1BmK1JWenpJVzhtaDBKR1ZGRkRQTFlCVUFVCjJvV2FQejAwa1hzaWFsUFpaSlpDWTEwOEV4NUNBd2EvbkJTTFBGMzF0WG9INHRQN3Jwc0xIZHNUYm9DV3EvQUIKR1ZwQiswRTdOTXZpUkd6V0ZxclU2ODVJRjh1bS9rNFZuY295VkFLR1NDd1ZmbWRzTmJpdVcwQnV4MUVvYWxETApZNm9weVpoOGtNTVM2cStBL0t6bWtzMTBSVFVkdWgxb2FNeWxWY1RNd2VoRUIyWHhKUTRFMnNkRGYxQ2RCZmJTCkVaMnFqam5KU0trVzU4R1FQSlFrY1VUNWcrWnVaWDQxbmdxNzlqSlN4UTh4MGNHQjdEVTN2bFJVUXhWSWJLZlgKZW1aMjhPTFJiSGtDMVpvRU5ZSm9ZYWo3ekhZdUt4NHpZWU5tUlNzPQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg=="
)


def ts(seconds_before_epoch: int) -> str:
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(EPOCH - seconds_before_epoch))


def uid(rng: random.Random) -> str:
    h = "%032x" % rng.getrandbits(128)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def digest(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# Nodes
# ---------------------------------------------------------------------------------------------

IMAGES = [
    ("registry.k8s.io/kube-proxy", KUBE_VERSION, 28_621_052),
    ("docker.io/calico/node", "v3.27.3", 116_520_148),
    ("docker.io/calico/cni", "v3.27.3", 94_378_213),
    ("quay.io/deis/fluentd", WORKFLOW_VERSION, 61_201_877),
    ("quay.io/deis/telegraf", WORKFLOW_VERSION, 48_830_560),
    ("quay.io/deis/registry-proxy", WORKFLOW_VERSION, 17_413_052),
    ("quay.io/deis/router", WORKFLOW_VERSION, 72_660_107),
    ("registry.k8s.io/pause", "3.9", 321_520),
    ("registry.k8s.io/coredns/coredns", "v1.11.1", 18_182_961),
    ("registry.k8s.io/node-problem-detector/node-problem-detector", "v0.8.19", 44_110_378),
    ("quay.io/deis/slugrunner", WORKFLOW_VERSION, 211_730_590),
]

CONDITIONS = [  # type, healthy status, reason, message
    ("KernelDeadlock", "False", "KernelHasNoDeadlock", "kernel has no deadlock"),
    ("ReadonlyFilesystem", "False", "FilesystemIsNotReadOnly", "Filesystem is not read-only"),
    ("FrequentKubeletRestart", "False", "NoFrequentKubeletRestart", "kubelet is functioning properly"),
    ("NetworkUnavailable", "False", "CalicoIsUp", "Calico is running on this node"),
    ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    ("Ready", "True", "KubeletReady", "kubelet is posting ready status. AppArmor enabled"),
]


def node_name(i: int) -> str:
    return f"wf-prod-pool-{i // 1000:02d}-node-{i:05d}"


def node(i: int, n: int, rng: random.Random) -> dict:
    name = node_name(i)
    zone = ZONES[i % len(ZONES)]
    control_plane = i < max(3, n // 1000)
    not_ready = not control_plane and i % 200 == 7
    tainted = not control_plane and i % 50 == 11     # cordoned for maintenance
    role = "control-plane" if control_plane else "worker"
    machine = "n2-standard-8" if not control_plane else "n2-standard-4"
    ip = f"10.{128 + i // 65536}.{(i // 256) % 256}.{i % 256}"
    labels = {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/instance-type": machine,
        "beta.kubernetes.io/os": "linux",
        "failure-domain.beta.kubernetes.io/region": "us-east1",
        "failure-domain.beta.kubernetes.io/zone": zone,
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "node.kubernetes.io/instance-type": machine,
        "topology.kubernetes.io/region": "us-east1",
        "topology.kubernetes.io/zone": zone,
        f"node-role.kubernetes.io/{role}": "",
        "deis.io/pool": "control" if control_plane else f"apps-{i // 1000:02d}",
    }
    taints = []
    if control_plane:
        taints.append({"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"})
    if tainted:
        taints.append({"effect": "NoSchedule", "key": "node.kubernetes.io/unschedulable",
                       "timeAdded": ts(3600 + i)})
    if not_ready:
        taints.append({"effect": "NoSchedule", "key": "node.kubernetes.io/unreachable", "timeAdded": ts(600)})
        taints.append({"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "timeAdded": ts(600)})
    conditions = []
    for ctype, healthy, reason, message in CONDITIONS:
        c = {"lastHeartbeatTime": ts(rng.randrange(5, 40)), "lastTransitionTime": ts(86400 * 30 + i),
             "message": message, "reason": reason, "status": healthy, "type": ctype}
        if not_ready and ctype in ("Ready", "MemoryPressure", "DiskPressure", "PIDPressure"):
            c.update(status="Unknown", reason="NodeStatusUnknown", message="Kubelet stopped posting node status.",
                     lastTransitionTime=ts(600), lastHeartbeatTime=ts(700))
        conditions.append(c)
    images = [{"names": [f"{repo}@sha256:{digest(repo + tag)}", f"{repo}:{tag}"], "sizeBytes": size}
              for repo, tag, size in IMAGES]
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "annotations": {
                "csi.volume.kubernetes.io/nodeid": json.dumps({"pd.csi.storage.gke.io": f"projects/wf-prod/zones/{zone}/instances/{name}"}, separators=(",", ":")),
                "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
                "node.alpha.kubernetes.io/ttl": "0",
                "projectcalico.org/IPv4Address": f"{ip}/20",
                "projectcalico.org/IPv4IPIPTunnelAddr": f"192.168.{i % 256}.{i // 256 % 256}",
                "volumes.kubernetes.io/controller-managed-attach-detach": "true",
            },
            "creationTimestamp": ts(86400 * 90 + i * 7),
            "labels": labels,
            "name": name,
            "resourceVersion": str(900_000_000 + i * 13),
            "uid": uid(rng),
        },
        "spec": {
            "podCIDR": f"10.{64 + i // 65536}.{(i // 256) % 256}.0/24",
            "podCIDRs": [f"10.{64 + i // 65536}.{(i // 256) % 256}.0/24"],
            "providerID": f"gce://wf-prod/{zone}/{name}",
            **({"taints": taints} if taints else {}),
            **({"unschedulable": True} if tainted else {}),
        },
        "status": {
            "addresses": [{"address": ip, "type": "InternalIP"},
                          {"address": f"34.{74 + i // 65536}.{(i // 256) % 256}.{i % 256}", "type": "ExternalIP"},
                          {"address": name, "type": "Hostname"}],
            "allocatable": {"cpu": "7910m" if not control_plane else "3920m", "ephemeral-storage": "47060071478",
                            "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                            "memory": "29905444Ki" if not control_plane else "13201320Ki", "pods": "110"},
            "capacity": {"cpu": "8" if not control_plane else "4", "ephemeral-storage": "98831908Ki",
                         "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                         "memory": "32882724Ki" if not control_plane else "16386156Ki", "pods": "110"},
            "conditions": conditions,
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "images": images,
            "nodeInfo": {
                "architecture": "amd64", "bootID": uid(rng),
                "containerRuntimeVersion": "containerd://1.7.13", "kernelVersion": "6.1.0-18-cloud-amd64",
                "kubeProxyVersion": KUBE_VERSION, "kubeletVersion": KUBE_VERSION,
                "machineID": "%032x" % rng.getrandbits(128), "operatingSystem": "linux",
                "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": uid(rng),
            },
        },
    }


def ready_nodes(n: int) -> list[int]:
    return [i for i in range(n) if not (i >= max(3, n // 1000) and i % 200 == 7)]


# ---------------------------------------------------------------------------------------------
# Pods
# ---------------------------------------------------------------------------------------------

def pod(name: str, namespace: str, app: str, image: str, node_index: int, owner: tuple[str, str],
        extra_labels: dict, rng: random.Random, ready: bool = True) -> dict:
    ip = f"10.{64 + node_index // 65536}.{(node_index // 256) % 256}.{rng.randrange(2, 250)}"
    host_ip = f"10.{128 + node_index // 65536}.{(node_index // 256) % 256}.{node_index % 256}"
    started = ts(rng.randrange(3600, 86400 * 20))
    container_id = "containerd://" + "%064x" % rng.getrandbits(256)
    conds = [{"lastProbeTime": None, "lastTransitionTime": started, "status": "True", "type": t}
             for t in ("PodReadyToStartContainers", "Initialized")]
    conds += [{"lastProbeTime": None, "lastTransitionTime": started, "status": "True" if ready else "False", "type": t}
              for t in ("Ready", "ContainersReady")]
    conds.append({"lastProbeTime": None, "lastTransitionTime": started, "status": "True", "type": "PodScheduled"})
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "creationTimestamp": started,
            "generateName": name.rsplit("-", 1)[0] + "-",
            "labels": {"app": app, "heritage": "deis", **extra_labels},
            "name": name,
            "namespace": namespace,
            "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True,
                                 "kind": owner[0], "name": owner[1], "uid": uid(rng)}],
            "resourceVersion": str(rng.randrange(100_000_000, 999_999_999)),
            "uid": uid(rng),
        },
        "spec": {
            "containers": [{
                "env": [{"name": "POD_NAMESPACE", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}},
                        {"name": "DEIS_DEBUG", "value": "false"}],
                "image": image,
                "imagePullPolicy": "IfNotPresent",
                "name": app,
                "ports": [{"containerPort": 5000, "name": "http", "protocol": "TCP"}],
                "resources": {"limits": {"memory": "512Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                  "name": f"kube-api-access-{rng.randrange(10000, 99999)}", "readOnly": True}],
            }],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": True,
            "nodeName": node_name(node_index),
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "serviceAccount": app,
            "serviceAccountName": app,
            "terminationGracePeriodSeconds": 30,
            "tolerations": [{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
                            {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}],
        },
        "status": {
            "conditions": conds,
            "containerStatuses": [{
                "containerID": container_id,
                "image": image,
                "imageID": f"{image.rsplit(':', 1)[0]}@sha256:{digest(image)}",
                "lastState": {},
                "name": app,
                "ready": ready,
                "restartCount": rng.randrange(0, 3),
                "started": True,
                "state": {"running": {"startedAt": started}},
            }],
            "hostIP": host_ip,
            "hostIPs": [{"ip": host_ip}],
            "phase": "Running",
            "podIP": ip,
            "podIPs": [{"ip": ip}],
            "qosClass": "Burstable",
            "startTime": started,
        },
    }


def suffix(rng: random.Random, length: int = 5) -> str:
    alphabet = "bcdfghjklmnpqrstvwxz2456789"
    return "".join(rng.choice(alphabet) for _ in range(length))


def router_replicas(n: int) -> int:
    return max(3, n // 50)


def router_nodes(n: int) -> list[int]:
    """Routers are spread over Ready nodes, one per node."""
    ready = [i for i in ready_nodes(n) if i >= max(3, n // 1000)]
    step = max(len(ready) // router_replicas(n), 1)
    return ready[::step][:router_replicas(n)]


def deis_pods(n: int, rng: random.Random, routers_only: bool):
    """Pods of the deis namespace: routers (always), daemon-set pods on every node and the
    Workflow singletons (server scope only)."""
    for k, node_index in enumerate(router_nodes(n)):
        yield pod(f"deis-router-6c9f7d8b5-{suffix(rng)}", NAMESPACE, "deis-router",
                  f"quay.io/deis/router:{WORKFLOW_VERSION}", node_index, ("ReplicaSet", "deis-router-6c9f7d8b5"),
                  {"pod-template-hash": "6c9f7d8b5"}, rng)
    if routers_only:
        return
    ready = set(ready_nodes(n))
    for node_index in range(n):
        for ds in DAEMON_SETS:
            yield pod(f"{ds}-{suffix(rng)}", NAMESPACE, ds, f"quay.io/deis/{ds[5:]}:{WORKFLOW_VERSION}", node_index,
                      ("DaemonSet", ds), {"controller-revision-hash": "7b9c5d4f8d", "pod-template-generation": "1"}, rng,
                      ready=node_index in ready)
    for k, name in enumerate(SINGLETONS):
        node_index = max(3, n // 1000) + k
        yield pod(f"{name}-5f8d9c7b6-{suffix(rng)}", NAMESPACE, name, f"quay.io/deis/{name[5:]}:{WORKFLOW_VERSION}",
                  node_index, ("ReplicaSet", f"{name}-5f8d9c7b6"), {"pod-template-hash": "5f8d9c7b6"}, rng)


def app_pods(n: int, pods_per_node: int, rng: random.Random):
    """(namespace, pods) per app: the rest of each node's pods, PODS_PER_APP to an app."""
    routers = set(router_nodes(n))
    slots = []
    for node_index in range(max(3, n // 1000), n):
        taken = len(DAEMON_SETS) + (1 if node_index in routers else 0)
        slots.extend([node_index] * max(pods_per_node - taken, 0))
    for app_index in range(0, len(slots), PODS_PER_APP):
        app = f"app-{app_index // PODS_PER_APP:06d}"
        template = "%09x" % rng.getrandbits(36)
        pods = [pod(f"{app}-web-{template}-{suffix(rng)}", app, app,
                    f"registry.deis.example:5555/{app}:git-{'%07x' % rng.getrandbits(28)}", node_index,
                    ("ReplicaSet", f"{app}-web-{template}"), {"type": "web", "pod-template-hash": template}, rng)
                for node_index in slots[app_index:app_index + PODS_PER_APP]]
        yield app, pods


# ---------------------------------------------------------------------------------------------
# Deployments, secrets, cluster roles
# ---------------------------------------------------------------------------------------------

def deployment(name: str, replicas: int, env: list[dict]) -> dict:
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"annotations": {"deployment.kubernetes.io/revision": "3",
                                     "meta.helm.sh/release-name": "deis-workflow", "meta.helm.sh/release-namespace": NAMESPACE},
                     "creationTimestamp": ts(86400 * 80), "generation": 3,
                     "labels": {"app": name, "heritage": "deis", "app.kubernetes.io/managed-by": "Helm"},
                     "name": name, "namespace": NAMESPACE, "resourceVersion": "812345678", "uid": uid(random.Random(name))},
        "spec": {
            "progressDeadlineSeconds": 600, "replicas": replicas, "revisionHistoryLimit": 10,
            "selector": {"matchLabels": {"app": name}},
            "strategy": {"rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}, "type": "RollingUpdate"},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"env": env, "image": f"quay.io/deis/{name[5:]}:{WORKFLOW_VERSION}",
                                         "imagePullPolicy": "IfNotPresent", "name": name,
                                         "resources": {"limits": {"memory": "1Gi"}, "requests": {"cpu": "100m"}}}],
                         "serviceAccountName": name},
            },
        },
        "status": {"availableReplicas": replicas, "observedGeneration": 3, "readyReplicas": replicas,
                   "replicas": replicas, "updatedReplicas": replicas,
                   "conditions": [{"lastTransitionTime": ts(86400), "lastUpdateTime": ts(86400),
                                   "message": "Deployment has minimum availability.", "reason": "MinimumReplicasAvailable",
                                   "status": "True", "type": "Available"}]},
    }


def deployments(n: int) -> list[dict]:
    ref = lambda name, key: {"name": name, "valueFrom": {"secretKeyRef": {"key": key, "name": "database-creds"}}}
    envs = {
        "deis-controller": [{"name": "REGISTRATION_MODE", "value": "admin_only"}, {"name": "APP_STORAGE", "value": "s3"},
                            ref("DEIS_DATABASE_PASSWORD", "password"), ref("DEIS_DATABASE_USER", "user")],
        "deis-monitor-grafana": [{"name": "ALLOW_SIGN_UP", "value": "false"}, {"name": "INFLUXDB_URLS", "value": "http://deis-monitor-influxapi:8086"}],
        "deis-router": [{"name": "POD_NAMESPACE", "value": NAMESPACE}],
    }
    names = sorted(set(SINGLETONS) - {"deis-minio"} | {"deis-router"})
    return [deployment(name, router_replicas(n) if name == "deis-router" else 1,
                       envs.get(name, [{"name": "DEIS_DEBUG", "value": "false"}])) for name in names]


def secrets() -> list[dict]:
    def secret(name, data, type_="Opaque", annotations=None):
        meta = {"creationTimestamp": ts(86400 * 80), "name": name, "namespace": NAMESPACE,
                "resourceVersion": "700000001", "uid": uid(random.Random(name))}
        if annotations:
            meta["annotations"] = annotations
        return {"apiVersion": "v1", "kind": "Secret", "data": data, "metadata": meta, "type": type_}
    opaque = lambda *keys: {k: "c2NhbGUtZml4dHVyZS1ub3QtYS1zZWNyZXQ=" for k in keys}
    return [
        secret("builder-key-auth", opaque("builder-key")),
        secret("builder-ssh-private-keys", opaque("ssh-host-rsa-key", "ssh-host-ecdsa-key")),
        secret("database-creds", opaque("user", "password")),
        secret("deis-router-dhparam", opaque("dhparam")),
        secret("deis-router-platform-cert", {"tls.crt": PLATFORM_CERT, "tls.key": "bm90LWEtcmVhbC1rZXk="}, "kubernetes.io/tls"),
        secret("django-secret-key", opaque("secret-key")),
        secret("logger-redis-creds", opaque("password")),
        secret("objectstorage-keyfile", opaque("accesskey", "secretkey", "region", "builder-bucket", "registry-bucket", "database-bucket"),
               annotations={"deis.io/objectstorage": "s3"}),
        secret("registry-secret", opaque("hostname", "username", "password")),
    ]


def cluster_roles() -> list[dict]:
    names = ["admin", "cluster-admin", "edit", "view", "system:node", "system:kube-scheduler",
             "system:kube-controller-manager", "system:basic-user", "system:discovery",
             "deis:deis-builder", "deis:deis-controller", "deis:deis-router", "deis:deis-logger-fluentd"]
    return [{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
             "metadata": {"name": name, "creationTimestamp": ts(86400 * 90), "uid": uid(random.Random(name))},
             "rules": [{"apiGroups": [""], "resources": ["pods", "services"], "verbs": ["get", "list", "watch"]}]}
            for name in names]


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

def dump(item) -> str:
    return json.dumps(item, separators=(",", ":"), sort_keys=True)


def write_state(out, n: int, scope: str, pods_per_node: int):
    rng = random.Random(20240601 + n)

    def collection(path: str, items, first: bool = False):
        out.write(("" if first else ",") + json.dumps(path) + ":[")
        for k, item in enumerate(items):
            if k:
                out.write(",")
            out.write(dump(item))
        out.write("]")

    out.write('{"objects":{')
    collection("/api/v1/nodes", (node(i, n, rng) for i in range(n)), first=True)
    collection(f"/apis/apps/v1/namespaces/{NAMESPACE}/deployments", deployments(n))
    collection(f"/api/v1/namespaces/{NAMESPACE}/secrets", secrets())
    collection("/apis/rbac.authorization.k8s.io/v1/clusterroles", cluster_roles())
    collection(f"/api/v1/namespaces/{NAMESPACE}/pods", deis_pods(n, rng, routers_only=scope == "probe"))
    if scope == "server":
        for namespace, pods in app_pods(n, pods_per_node, rng):
            collection(f"/api/v1/namespaces/{namespace}/pods", pods)
    out.write("}}\n")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nodes", type=int, required=True)
    p.add_argument("--scope", choices=["server", "probe"], default="server")
    p.add_argument("--pods-per-node", type=int, default=30)
    p.add_argument("--out", required=True, help="state file to write (atomically)")
    args = p.parse_args(argv)
    if args.nodes < 1:
        p.error("--nodes must be at least 1")
    directory = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-fixture-", dir=directory)
    try:
        with os.fdopen(fd, "w", buffering=1 << 20) as out:
            write_state(out, args.nodes, args.scope, args.pods_per_node)
        os.chmod(tmp, 0o644)
        os.replace(tmp, args.out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
