#!/usr/bin/env python3
"""Kubernetes API test server for shipshape's integration tests.

The real `kubectl` talks to this server over plain HTTP on 127.0.0.1. It serves objects from a
STATE.json file (the same format the Swift demo scenarios use):

    {"objects": {"/api/v1/nodes": [ {...}, ... ],
                 "/apis/apps/v1/namespaces/deis/deployments": [ {...} ]},
     "servedGroups": ["apps", ...]}            # optional; default: every group in RESOURCES

and answers what kubectl 1.32 sends (see /work/shared/reference/kubectl-wire.md): legacy
discovery, lists and single objects (JSON, or a server-side Table for human output), label and
field selectors, merge / strategic-merge / JSON patches, the deployments/scale subresource,
`dryRun=All`. There are no controllers: a scaled deployment is "instantly rolled out".

Tests steer and inspect it through /_control/* endpoints (fault injection, request log, state).
Python 3.11, standard library only.

Usage:
    kube_api_server.py --state STATE.json [--port 0] [--port-file PATH]
                       [--kubeconfig-out PATH [--context NAME]] [--fault MODE [--fault-path P]...]
                       [--verbose]
"""

from __future__ import annotations

import argparse
import collections
import copy
import datetime
import json
import os
import random
import re
import signal
import sys
import tempfile
import threading
import traceback
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVER_VERSION = {
    "major": "1", "minor": "32", "gitVersion": "v1.32.4",
    "gitCommit": "59526cd4867447956156ae3a602fcbac10a2c335", "gitTreeState": "clean",
    "buildDate": "2025-04-22T16:02:27Z", "goVersion": "go1.23.6", "compiler": "gc",
    "platform": "linux/amd64",
}
DEFAULT_USER = "system:anonymous"
REQUEST_LOG_LIMIT = 2000
FAULT_MODES = ("none", "forbidden", "hang", "malformed", "error500")
# What the `malformed` fault sends: valid start, then cut off mid-object.
MALFORMED_BODY = b'{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{"metadata":'


# ---------------------------------------------------------------------------------------------
# Resource table (what discovery advertises). kubectl resolves `deploy`, `no`, `mc` ... from
# `shortNames` here, and finds the scale subresource's group/version from `deployments/scale`.
# ---------------------------------------------------------------------------------------------

ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
SUB_VERBS = ["get", "patch", "update"]


@dataclass(frozen=True)
class Resource:
    group: str            # "" for the core group
    version: str
    name: str             # plural, as in the URL
    singular: str
    kind: str
    namespaced: bool
    short_names: tuple = ()
    verbs: tuple = tuple(ALL_VERBS)
    categories: tuple = ()
    subresources: tuple = ()   # (name, group, version, kind)

    @property
    def group_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def prefix(self) -> str:
        return f"/apis/{self.group}/{self.version}" if self.group else f"/api/{self.version}"

    @property
    def qualified(self) -> str:
        """GroupResource.String(): `deployments.apps`, or `nodes` for the core group."""
        return f"{self.name}.{self.group}" if self.group else self.name


def _r(group, version, name, singular, kind, namespaced, short=(), verbs=ALL_VERBS, cats=(), subs=()):
    return Resource(group, version, name, singular, kind, namespaced, tuple(short), tuple(verbs),
                    tuple(cats), tuple(subs))


_STATUS = ("status", None, None, None)  # None: same group/version/kind as the parent
_DH = ("deckhouse.io", "v1alpha1")       # all Deckhouse kinds served at v1alpha1 (enough for tests)

RESOURCES = [
    _r("", "v1", "nodes", "node", "Node", False, ["no"], subs=[_STATUS]),
    _r("", "v1", "namespaces", "namespace", "Namespace", False, ["ns"],
       verbs=["create", "delete", "get", "list", "patch", "update", "watch"], subs=[_STATUS]),
    _r("", "v1", "pods", "pod", "Pod", True, ["po"], cats=["all"], subs=[_STATUS]),
    _r("", "v1", "secrets", "secret", "Secret", True),
    _r("", "v1", "configmaps", "configmap", "ConfigMap", True, ["cm"]),
    _r("", "v1", "services", "service", "Service", True, ["svc"], cats=["all"], subs=[_STATUS]),
    _r("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", True, ["sa"]),
    _r("apps", "v1", "deployments", "deployment", "Deployment", True, ["deploy"], cats=["all"],
       subs=[_STATUS, ("scale", "autoscaling", "v1", "Scale")]),
    _r("apps", "v1", "daemonsets", "daemonset", "DaemonSet", True, ["ds"], cats=["all"], subs=[_STATUS]),
    _r("apps", "v1", "statefulsets", "statefulset", "StatefulSet", True, ["sts"], cats=["all"],
       subs=[_STATUS]),
    _r("apps", "v1", "replicasets", "replicaset", "ReplicaSet", True, ["rs"], cats=["all"], subs=[_STATUS]),
    _r("autoscaling", "v1", "horizontalpodautoscalers", "horizontalpodautoscaler",
       "HorizontalPodAutoscaler", True, ["hpa"], cats=["all"], subs=[_STATUS]),
    _r("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", True),
    _r("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", True),
    _r("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", False),
    _r("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding",
       "ClusterRoleBinding", False),
    _r(*_DH, "moduleconfigs", "moduleconfig", "ModuleConfig", False, ["mc"]),
    _r(*_DH, "deckhousereleases", "deckhouserelease", "DeckhouseRelease", False),
    _r(*_DH, "nodegroups", "nodegroup", "NodeGroup", False, ["ng"], subs=[_STATUS]),
    _r(*_DH, "customalertmanagers", "customalertmanager", "CustomAlertmanager", False),
    _r(*_DH, "ingressnginxcontrollers", "ingressnginxcontroller", "IngressNginxController", False),
]

# Groups a real apiserver would call built in: strategic merge patch works only for these
# (custom resources answer 415, as a real apiserver does for CRDs).
BUILTIN_GROUPS = {"", "apps", "autoscaling", "rbac.authorization.k8s.io"}


def find_resource(group: str, version: str, name: str) -> Resource | None:
    for res in RESOURCES:
        if (res.group, res.version, res.name) == (group, version, name):
            return res
    return None


def all_groups() -> list[str]:
    """Named groups (not core) in table order, each once."""
    seen = []
    for res in RESOURCES:
        if res.group and res.group not in seen:
            seen.append(res.group)
    return seen


# ---------------------------------------------------------------------------------------------
# Status objects, formatted as kube-apiserver formats them (k8s.io/apimachinery errors.go), so
# kubectl prints `Error from server (Reason): message`.
# ---------------------------------------------------------------------------------------------

def status_obj(code: int, reason: str, message: str, details: dict | None = None) -> dict:
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "details": details if details is not None else {},
            "code": code}


def _details(name: str, group: str, kind: str) -> dict:
    # Go's StatusDetails field order (name, group, kind), empty fields omitted.
    out = {}
    if name:
        out["name"] = name
    if group:
        out["group"] = group
    if kind:
        out["kind"] = kind
    return out


def go_quote(s: str) -> str:
    """Close enough to Go's %q for the names that appear in tests."""
    return json.dumps(s, ensure_ascii=False)


def qualified(group: str, resource: str) -> str:
    return f"{resource}.{group}" if group else resource


def not_found_status(group: str, resource: str, name: str) -> dict:
    msg = f"{qualified(group, resource)} {go_quote(name)} not found"
    return status_obj(404, "NotFound", msg, _details(name, group, resource))


def no_such_path_status() -> dict:
    return status_obj(404, "NotFound", "the server could not find the requested resource")


def bad_request_status(message: str) -> dict:
    return status_obj(400, "BadRequest", message)


def method_not_supported_status(group: str, resource: str, action: str) -> dict:
    msg = f"{action} is not supported on resources of kind {go_quote(qualified(group, resource))}"
    return status_obj(405, "MethodNotAllowed", msg, _details("", group, resource))


def internal_error_status(cause: str) -> dict:
    return status_obj(500, "InternalError", f"Internal error occurred: {cause}",
                      {"causes": [{"message": cause}]})


def unsupported_media_status(accepted: list[str]) -> dict:
    msg = ("the body of the request was in an unknown format - accepted media types include: "
           + ", ".join(accepted))
    return status_obj(415, "UnsupportedMediaType", msg)


def invalid_status(message: str) -> dict:
    return status_obj(422, "Invalid", message)


# ---------------------------------------------------------------------------------------------
# Request targets: which resource, namespace, name and subresource a URL path names.
# ---------------------------------------------------------------------------------------------

@dataclass
class Target:
    group: str
    version: str
    prefix: str                 # "/api/v1" or "/apis/GROUP/VERSION"
    resource_name: str          # plural
    resource: Resource | None   # None: not in the table (served only if the state has it)
    namespace: str = ""
    name: str = ""
    subresource: str = ""

    @property
    def namespaced(self) -> bool:
        return self.resource.namespaced if self.resource else bool(self.namespace)

    @property
    def collection_path(self) -> str:
        """The STATE.json key of the collection this target lives in."""
        if self.namespace:
            return f"{self.prefix}/namespaces/{self.namespace}/{self.resource_name}"
        return f"{self.prefix}/{self.resource_name}"

    @property
    def kind(self) -> str:
        return self.resource.kind if self.resource else ""


def split_group_version(path: str) -> tuple[str, str, str, list[str]] | None:
    """`/api/v1/x/y` -> ("", "v1", "/api/v1", ["x","y"]); `/apis/g/v/x` -> ("g","v",...)."""
    segs = [s for s in path.split("/") if s]
    if len(segs) >= 2 and segs[0] == "api":
        return "", segs[1], f"/api/{segs[1]}", segs[2:]
    if len(segs) >= 3 and segs[0] == "apis":
        return segs[1], segs[2], f"/apis/{segs[1]}/{segs[2]}", segs[3:]
    return None


def parse_target(path: str, state_keys) -> Target | None:
    """Parse a resource URL. `state_keys` lets `namespaces/NS/RES` win over `namespaces/NAME/SUB`
    for resources that are only in the state file."""
    gv = split_group_version(path)
    if gv is None:
        return None
    group, version, prefix, rest = gv
    if not rest:
        return None
    namespace = ""
    if rest[0] == "namespaces" and len(rest) >= 3:
        candidate = find_resource(group, version, rest[2])
        in_state = f"{prefix}/namespaces/{rest[1]}/{rest[2]}" in state_keys
        if (candidate and candidate.namespaced) or in_state:
            namespace, rest = rest[1], rest[2:]
    if len(rest) > 3:
        return None
    t = Target(group, version, prefix, rest[0], find_resource(group, version, rest[0]), namespace)
    t.name = rest[1] if len(rest) > 1 else ""
    t.subresource = rest[2] if len(rest) > 2 else ""
    return t


# ---------------------------------------------------------------------------------------------
# Patches
# ---------------------------------------------------------------------------------------------

class PatchError(Exception):
    def __init__(self, status: dict):
        super().__init__(status["message"])
        self.status = status


def merge_patch(target, patch):
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


# Merge keys of the built-in lists that do not merge by `name` (k8s.io/api patchMergeKey tags).
SMP_MERGE_KEYS = {"volumeMounts": "mountPath", "volumeDevices": "devicePath", "conditions": "type",
                  "hostAliases": "ip", "addresses": "type"}


def strip_directives(value):
    """Drop `$...` keys (strategic-merge directives) everywhere."""
    if isinstance(value, dict):
        return {k: strip_directives(v) for k, v in value.items() if not k.startswith("$")}
    if isinstance(value, list):
        return [strip_directives(v) for v in value]
    return value


def smp_merge_key(field_name: str, items: list) -> str | None:
    """Which key a list of objects merges by; None means the list is replaced whole."""
    objs = [i for i in items if isinstance(i, dict)]
    if not objs or len(objs) != len(items):
        return None
    if field_name == "ports":
        return "containerPort" if all("containerPort" in o for o in objs) else "port"
    key = SMP_MERGE_KEYS.get(field_name, "name")
    return key if all(key in o for o in objs) else None


def strategic_merge(target, patch, field_name: str = ""):
    """Strategic merge patch, the part kubectl uses: maps merge, `null` deletes, lists of objects
    merge by their merge key (`name` for containers, env, volumes), `$patch: delete|replace` is
    honoured, every other `$` directive ($setElementOrder, $retainKeys ...) is skipped."""
    if isinstance(patch, dict):
        directive = patch.get("$patch")
        if directive == "replace":
            return strip_directives(patch)
        result = dict(target) if isinstance(target, dict) else {}
        for key, value in patch.items():
            if key.startswith("$"):
                continue
            if value is None:
                result.pop(key, None)
            elif isinstance(value, (dict, list)):
                result[key] = strategic_merge(result.get(key), value, key)
            else:
                result[key] = value
        return result
    if isinstance(patch, list):
        key = smp_merge_key(field_name, patch)
        if key is None or not isinstance(target, list):
            return [strip_directives(p) for p in patch if not _is_delete_directive(p)]
        return _merge_list_by_key(target, patch, key)
    return patch


def _is_delete_directive(item) -> bool:
    return isinstance(item, dict) and item.get("$patch") == "delete"


def _merge_list_by_key(target: list, patch: list, key: str) -> list:
    result = list(target)
    for item in patch:
        idx = next((i for i, t in enumerate(result)
                    if isinstance(t, dict) and t.get(key) == item.get(key)), None)
        if _is_delete_directive(item):
            if idx is not None:
                del result[idx]
        elif idx is None:
            result.append(strip_directives(item))
        else:
            result[idx] = strategic_merge(result[idx], item)
    return result


def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(invalid_status(f"invalid JSON pointer {go_quote(path)}"))
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _walk(doc, tokens: list[str]):
    """Return the container that holds the last token."""
    cur = doc
    for tok in tokens[:-1]:
        if isinstance(cur, dict) and tok in cur:
            cur = cur[tok]
        elif isinstance(cur, list) and tok.isdigit() and int(tok) < len(cur):
            cur = cur[int(tok)]
        else:
            raise PatchError(invalid_status(f"doc is missing path: {'/' + '/'.join(tokens)}"))
    return cur


def _json_get(doc, tokens):
    if not tokens:
        return doc
    parent, last = _walk(doc, tokens), tokens[-1]
    if isinstance(parent, dict) and last in parent:
        return parent[last]
    if isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        return parent[int(last)]
    raise PatchError(invalid_status(f"doc is missing path: {'/' + '/'.join(tokens)}"))


def _json_remove(doc, tokens):
    _json_get(doc, tokens)  # raises when absent
    parent, last = _walk(doc, tokens), tokens[-1]
    return parent.pop(int(last) if isinstance(parent, list) else last)


def _json_add(doc, tokens, value, replace=False):
    if not tokens:
        return value
    parent, last = _walk(doc, tokens), tokens[-1]
    if isinstance(parent, dict):
        if replace and last not in parent:
            raise PatchError(invalid_status(f"doc is missing key: {'/' + '/'.join(tokens)}"))
        parent[last] = value
    elif isinstance(parent, list):
        if last == "-" and not replace:
            parent.append(value)
        elif last.isdigit() and int(last) <= len(parent) - (1 if replace else 0):
            if replace:
                parent[int(last)] = value
            else:
                parent.insert(int(last), value)
        else:
            raise PatchError(invalid_status(f"index out of range: {'/' + '/'.join(tokens)}"))
    else:
        raise PatchError(invalid_status(f"doc is missing path: {'/' + '/'.join(tokens)}"))
    return doc


def json_patch(doc, ops):
    """RFC 6902: add, remove, replace, move, copy, test."""
    if not isinstance(ops, list):
        raise PatchError(bad_request_status("json patch must be a list of operations"))
    doc = copy.deepcopy(doc)
    for op in ops:
        if not isinstance(op, dict) or "op" not in op or "path" not in op:
            raise PatchError(bad_request_status(f"invalid json patch operation: {json.dumps(op)}"))
        kind, tokens = op["op"], _pointer(op["path"])
        if kind == "add":
            doc = _json_add(doc, tokens, copy.deepcopy(op.get("value")))
        elif kind == "replace":
            doc = _json_add(doc, tokens, copy.deepcopy(op.get("value")), replace=True)
        elif kind == "remove":
            _json_remove(doc, tokens)
        elif kind in ("move", "copy"):
            src = _pointer(op.get("from", ""))
            value = _json_remove(doc, src) if kind == "move" else copy.deepcopy(_json_get(doc, src))
            doc = _json_add(doc, tokens, value)
        elif kind == "test":
            if _json_get(doc, tokens) != op.get("value"):
                raise PatchError(invalid_status(f"testing value {op['path']} failed"))
        else:
            raise PatchError(bad_request_status(f"Unexpected kind: {kind}"))
    return doc


PATCH_JSON, PATCH_MERGE, PATCH_STRATEGIC = (
    "application/json-patch+json", "application/merge-patch+json",
    "application/strategic-merge-patch+json")


def accepted_patch_types(group: str) -> list[str]:
    if group in BUILTIN_GROUPS:
        return [PATCH_JSON, PATCH_MERGE, PATCH_STRATEGIC]
    return [PATCH_JSON, PATCH_MERGE]


def apply_patch(obj: dict, content_type: str, body: bytes, group: str) -> dict:
    media = content_type.split(";")[0].strip().lower()
    if media not in accepted_patch_types(group):
        raise PatchError(unsupported_media_status(accepted_patch_types(group)))
    try:
        patch = json.loads(body.decode("utf-8") or "null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise PatchError(bad_request_status(f"error decoding patch: {exc}"))
    if media == PATCH_JSON:
        return json_patch(obj, patch)
    if not isinstance(patch, dict):
        raise PatchError(bad_request_status("patch body must be a JSON object"))
    if media == PATCH_MERGE:
        return merge_patch(obj, patch)
    return strategic_merge(obj, patch)


# ---------------------------------------------------------------------------------------------
# Selectors
# ---------------------------------------------------------------------------------------------

def _split_terms(text: str) -> list[str]:
    """Split on commas outside parentheses (`a in (x,y),b=c`)."""
    terms, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            terms.append(cur)
            cur = ""
        else:
            cur += ch
    terms.append(cur)
    return [t.strip() for t in terms if t.strip()]


_SET_TERM = re.compile(r"^(\S+)\s+(in|notin)\s*\((.*)\)$")
_EQ_TERM = re.compile(r"^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$")


def parse_label_selector(text: str):
    """Return a predicate over a labels dict; raises ValueError on bad syntax."""
    checks = []
    for term in _split_terms(text):
        if m := _SET_TERM.match(term):
            key, op, values = m.group(1), m.group(2), {v.strip() for v in m.group(3).split(",")}
            if op == "in":
                checks.append(lambda l, k=key, vs=values: l.get(k) in vs)
            else:
                checks.append(lambda l, k=key, vs=values: l.get(k) not in vs)
        elif m := _EQ_TERM.match(term):
            key, op, value = m.groups()
            if op == "!=":
                checks.append(lambda l, k=key, v=value: l.get(k) != v)
            else:
                checks.append(lambda l, k=key, v=value: l.get(k) == v)
        elif term.startswith("!") and re.fullmatch(r"![\w./-]+", term):
            checks.append(lambda l, k=term[1:]: k not in l)
        elif re.fullmatch(r"[\w./-]+", term):
            checks.append(lambda l, k=term: k in l)
        else:
            raise ValueError(f"unable to parse requirement: {term!r}")
    return lambda labels: all(c(labels or {}) for c in checks)


def parse_field_selector(text: str):
    """`metadata.name=x,spec.nodeName!=y`: dotted paths compared as strings."""
    checks = []
    for term in _split_terms(text):
        m = _EQ_TERM.match(term)
        if not m:
            raise ValueError(f"invalid selector: {term!r}")
        path, op, value = m.groups()
        checks.append((path.split("."), op == "!=", value))

    def lookup(obj, parts):
        for p in parts:
            obj = obj.get(p) if isinstance(obj, dict) else None
        return "" if obj is None else str(obj)

    return lambda obj: all((lookup(obj, p) != v) if neg else (lookup(obj, p) == v)
                           for p, neg, v in checks)


# ---------------------------------------------------------------------------------------------
# Server-side Table output (what `kubectl get` without -o asks for). A few kinds get the columns
# kube-apiserver prints; the rest get Name/Age like a CRD without printer columns.
# ---------------------------------------------------------------------------------------------

def human_duration(seconds: float) -> str:
    """k8s.io/apimachinery/pkg/util/duration.HumanDuration."""
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return f"{s}s"
    m = s // 60
    if m < 10:
        return f"{m}m{s % 60}s" if s % 60 else f"{m}m"
    if m < 180:
        return f"{m}m"
    h = s // 3600
    if h < 8:
        return f"{h}h{m % 60}m" if m % 60 else f"{h}h"
    if h < 48:
        return f"{h}h"
    if h < 24 * 8:
        return f"{h // 24}d{h % 24}h" if h % 24 else f"{h // 24}d"
    if h < 24 * 365 * 2:
        return f"{h // 24}d"
    if h < 24 * 365 * 8:
        d = h // 24
        return f"{d // 365}y{d % 365}d" if d % 365 else f"{d // 365}y"
    return f"{h // 24 // 365}y"


def age(obj: dict) -> str:
    ts = (obj.get("metadata") or {}).get("creationTimestamp")
    if not ts:
        return "<unknown>"
    try:
        when = datetime.datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return "<unknown>"
    return human_duration((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds())


def _get(obj, *path, default=None):
    for p in path:
        if not isinstance(obj, dict):
            return default
        obj = obj.get(p)
    return default if obj is None else obj


def _none(value) -> str:
    return value if value else "<none>"


def node_row(n):
    conds = {c.get("type"): c.get("status") for c in _get(n, "status", "conditions", default=[])}
    status = {"True": "Ready", "False": "NotReady"}.get(conds.get("Ready"), "Unknown")
    if _get(n, "spec", "unschedulable"):
        status += ",SchedulingDisabled"
    labels = _get(n, "metadata", "labels", default={})
    roles = sorted({k.split("/", 1)[1] for k in labels
                    if k.startswith("node-role.kubernetes.io/") and k.split("/", 1)[1]}
                   | ({labels["kubernetes.io/role"]} if labels.get("kubernetes.io/role") else set()))
    addrs = {a.get("type"): a.get("address") for a in _get(n, "status", "addresses", default=[])}
    info = _get(n, "status", "nodeInfo", default={})
    return [_name(n), status, ",".join(roles) or "<none>", age(n),
            info.get("kubeletVersion", ""), _none(addrs.get("InternalIP")),
            _none(addrs.get("ExternalIP")), _none(info.get("osImage")),
            _none(info.get("kernelVersion")), _none(info.get("containerRuntimeVersion"))]


def _containers_images(spec):
    cs = _get(spec, "template", "spec", "containers", default=[])
    return ",".join(c.get("name", "") for c in cs), ",".join(c.get("image", "") for c in cs)


def _selector_text(spec):
    labels = _get(spec, "selector", "matchLabels", default={})
    return ",".join(f"{k}={v}" for k, v in labels.items()) or "<none>"


def deployment_row(d):
    spec, st = d.get("spec") or {}, d.get("status") or {}
    containers, images = _containers_images(spec)
    return [_name(d), f"{st.get('readyReplicas', 0)}/{spec.get('replicas', 1)}",
            st.get("updatedReplicas", 0), st.get("availableReplicas", 0), age(d),
            containers, images, _selector_text(spec)]


def daemonset_row(d):
    spec, st = d.get("spec") or {}, d.get("status") or {}
    containers, images = _containers_images(spec)
    node_sel = _get(spec, "template", "spec", "nodeSelector", default={})
    return [_name(d), st.get("desiredNumberScheduled", 0),
            st.get("currentNumberScheduled", 0), st.get("numberReady", 0),
            st.get("updatedNumberScheduled", 0), st.get("numberAvailable", 0),
            ",".join(f"{k}={v}" for k, v in node_sel.items()) or "<none>", age(d),
            containers, images, _selector_text(spec)]


def pod_row(p):
    spec, st = p.get("spec") or {}, p.get("status") or {}
    statuses = st.get("containerStatuses") or []
    ready = sum(1 for c in statuses if c.get("ready"))
    reason = st.get("reason") or st.get("phase") or "Unknown"
    for c in statuses:
        waiting = _get(c, "state", "waiting", "reason")
        if waiting:
            reason = waiting
    restarts = sum(int(c.get("restartCount", 0)) for c in statuses)
    gates = spec.get("readinessGates") or []
    return [_name(p), f"{ready}/{len(spec.get('containers') or [])}", reason,
            str(restarts), age(p), _none(st.get("podIP")), _none(spec.get("nodeName")),
            _none(st.get("nominatedNodeName")), f"0/{len(gates)}" if gates else "<none>"]


def secret_row(s):
    return [_name(s), s.get("type", ""), len(s.get("data") or {}), age(s)]


def namespace_row(ns):
    return [_name(ns), _get(ns, "status", "phase", default="Active"), age(ns)]


def service_row(s):
    spec = s.get("spec") or {}
    ports = ",".join(f"{p.get('port')}" + (f":{p['nodePort']}" if p.get("nodePort") else "")
                     + f"/{p.get('protocol', 'TCP')}" for p in spec.get("ports") or [])
    ingress = _get(s, "status", "loadBalancer", "ingress", default=[])
    external = ",".join(spec.get("externalIPs") or []
                        + [i.get("ip") or i.get("hostname", "") for i in ingress])
    sel = spec.get("selector") or {}
    return [_name(s), spec.get("type", "ClusterIP"), _none(spec.get("clusterIP")),
            _none(external), _none(ports), age(s),
            ",".join(f"{k}={v}" for k, v in sel.items()) or "<none>"]


def _name(o) -> str:
    return _get(o, "metadata", "name", default="")


def generic_row(o):
    return [_name(o), age(o)]


def _cols(*specs):
    """("Name", "string", 0) ... -> columnDefinitions."""
    out = []
    for name, typ, prio in specs:
        out.append({"name": name, "type": typ, "format": "name" if name == "Name" else "",
                    "description": "", "priority": prio})
    return out


_S, _I = "string", "integer"
TABLES = {
    "nodes": (_cols(("Name", _S, 0), ("Status", _S, 0), ("Roles", _S, 0), ("Age", _S, 0),
                    ("Version", _S, 0), ("Internal-IP", _S, 1), ("External-IP", _S, 1),
                    ("OS-Image", _S, 1), ("Kernel-Version", _S, 1), ("Container-Runtime", _S, 1)),
              node_row),
    "deployments": (_cols(("Name", _S, 0), ("Ready", _S, 0), ("Up-to-date", _I, 0),
                          ("Available", _I, 0), ("Age", _S, 0), ("Containers", _S, 1),
                          ("Images", _S, 1), ("Selector", _S, 1)), deployment_row),
    "daemonsets": (_cols(("Name", _S, 0), ("Desired", _I, 0), ("Current", _I, 0), ("Ready", _I, 0),
                         ("Up-to-date", _I, 0), ("Available", _I, 0), ("Node Selector", _S, 0),
                         ("Age", _S, 0), ("Containers", _S, 1), ("Images", _S, 1),
                         ("Selector", _S, 1)), daemonset_row),
    "pods": (_cols(("Name", _S, 0), ("Ready", _S, 0), ("Status", _S, 0), ("Restarts", _S, 0),
                   ("Age", _S, 0), ("IP", _S, 1), ("Node", _S, 1), ("Nominated Node", _S, 1),
                   ("Readiness Gates", _S, 1)), pod_row),
    "secrets": (_cols(("Name", _S, 0), ("Type", _S, 0), ("Data", _I, 0), ("Age", _S, 0)), secret_row),
    "namespaces": (_cols(("Name", _S, 0), ("Status", _S, 0), ("Age", _S, 0)), namespace_row),
    "services": (_cols(("Name", _S, 0), ("Type", _S, 0), ("Cluster-IP", _S, 0), ("External-IP", _S, 0),
                       ("Port(s)", _S, 0), ("Age", _S, 0), ("Selector", _S, 1)), service_row),
}
GENERIC_TABLE = (_cols(("Name", _S, 0), ("Age", _S, 0)), generic_row)


def wants_table(accept: str) -> bool:
    return "as=Table" in accept.replace(" ", "")


def make_table(resource_name: str, objects: list[dict], resource_version: str) -> dict:
    columns, row_fn = TABLES.get(resource_name, GENERIC_TABLE)
    rows = []
    for obj in objects:
        try:
            cells = row_fn(obj)
        except Exception:  # a sparse fixture object must not break `kubectl get`
            cells = generic_row(obj) + [""] * (len(columns) - 2)
        rows.append({"cells": cells, "object": {"kind": "PartialObjectMetadata",
                                                "apiVersion": "meta.k8s.io/v1",
                                                "metadata": obj.get("metadata", {})}})
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": {"resourceVersion": resource_version},
            "columnDefinitions": columns, "rows": rows}


# ---------------------------------------------------------------------------------------------
# Fault injection
# ---------------------------------------------------------------------------------------------

@dataclass
class Fault:
    mode: str = "none"
    paths: list = field(default_factory=list)     # path prefixes; empty = every non-discovery path
    methods: list = field(default_factory=list)   # e.g. ["PATCH"]; empty = every method
    user: str = DEFAULT_USER                       # who the forbidden message names

    def applies(self, method: str, path: str) -> bool:
        if self.mode == "none":
            return False
        if self.methods and method.upper() not in [m.upper() for m in self.methods]:
            return False
        return not self.paths or any(path.startswith(p) for p in self.paths)

    def to_json(self) -> dict:
        return {"mode": self.mode, "paths": self.paths, "methods": self.methods, "user": self.user}

    @staticmethod
    def from_json(body: dict) -> "Fault":
        mode = body.get("mode", "none")
        if mode not in FAULT_MODES:
            raise ValueError(f"unknown fault mode {mode!r}; known: {', '.join(FAULT_MODES)}")
        paths, methods = body.get("paths") or [], body.get("methods") or []
        user = body.get("user") or DEFAULT_USER
        for value in (paths, methods):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError("paths and methods must be lists of strings")
        if not isinstance(user, str):
            raise ValueError("user must be a string")
        return Fault(mode, list(paths), list(methods), user)


def request_verb(method: str, target: Target | None, query: dict) -> str:
    """The authorizer verb kube-apiserver derives from a request."""
    method = method.upper()
    named = bool(target and target.name)
    if method == "GET":
        if query.get("watch", [""])[0] in ("1", "true"):
            return "watch"
        return "get" if named or target is None else "list"
    return {"PATCH": "patch", "PUT": "update", "POST": "create",
            "DELETE": "delete" if named or target is None else "deletecollection"}.get(method,
                                                                                      method.lower())


def forbidden_status(user: str, verb: str, target: Target | None, path: str) -> dict:
    """responsewriters.forbiddenMessage + errors.NewForbidden."""
    if target is None:
        reason = f"User {go_quote(user)} cannot {verb} path {go_quote(path)}"
        return status_obj(403, "Forbidden", f"forbidden: {reason}", {})
    resource = target.resource_name + (f"/{target.subresource}" if target.subresource else "")
    if target.namespace:
        where = f"in the namespace {go_quote(target.namespace)}"
    else:
        where = "at the cluster scope"
    reason = (f"User {go_quote(user)} cannot {verb} resource {go_quote(resource)} "
              f"in API group {go_quote(target.group)} {where}")
    gr = qualified(target.group, target.resource_name)
    subject = f"{gr} {go_quote(target.name)}" if target.name else gr
    return status_obj(403, "Forbidden", f"{subject} is forbidden: {reason}",
                      _details(target.name, target.group, target.resource_name))


# ---------------------------------------------------------------------------------------------
# The store: objects, resource versions, request log, fault. One lock guards the data; a
# separate condition lets hung requests wait for the fault to change without holding it.
# ---------------------------------------------------------------------------------------------

def now_rfc3339() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


POD_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"   # k8s utilrand alphanums


class Store:
    def __init__(self, state: dict, fault: Fault):
        self.lock = threading.RLock()
        self.fault_cond = threading.Condition()
        self.fault = fault
        self.stopping = False
        self.requests = collections.deque(maxlen=REQUEST_LOG_LIMIT)
        self.rng = random.Random(20240601)   # deterministic pod names and uids across runs
        self.resource_version = 1
        self.list_cache = {}    # collection path -> (resource_version, serialized list)
        self.pod_templates = {}  # pods key + deployment name -> last pod seen (for 0 -> N)
        self.set_state(state)

    # --- state ------------------------------------------------------------------------------

    def set_state(self, state: dict):
        if not isinstance(state, dict) or not isinstance(state.get("objects", {}), dict):
            raise ValueError('state must be {"objects": {PATH: [items]}}')
        objects = state.get("objects", {})
        for key, items in objects.items():
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise ValueError(f"state objects[{key!r}] must be a list of objects")
        served = state.get("servedGroups")
        if served is not None and not (isinstance(served, list)
                                       and all(isinstance(g, str) for g in served)):
            raise ValueError("servedGroups must be a list of group names")
        with self.lock:
            self.objects = {k.rstrip("/"): list(v) for k, v in objects.items()}
            self.served_groups = served
            self.resource_version += 1

    def get_state(self) -> dict:
        with self.lock:
            out = {"objects": {k: list(v) for k, v in self.objects.items()}}
            if self.served_groups is not None:
                out["servedGroups"] = list(self.served_groups)
            return out

    def cached_list(self, t: Target, build) -> bytes:
        """Serialized list for `t`, rebuilt only after the state changed (every change bumps
        resource_version). At 5,000 nodes this saves ~0.2 s per read."""
        with self.lock:
            version = self.resource_version
            hit = self.list_cache.get(t.collection_path)
            if hit and hit[0] == version:
                return hit[1]
        body = Response(200, build()).body
        with self.lock:
            if self.resource_version == version:
                self.list_cache = {**{k: v for k, v in self.list_cache.items() if v[0] == version},
                                   t.collection_path: (version, body)}
        return body

    def group_served(self, group: str) -> bool:
        return group == "" or self.served_groups is None or group in self.served_groups

    def next_rv(self) -> str:
        self.resource_version += 1
        return str(self.resource_version)

    # --- request log ------------------------------------------------------------------------

    def log_request(self, entry: dict):
        with self.lock:
            self.requests.append(entry)

    def request_log(self) -> list:
        with self.lock:
            return list(self.requests)

    def reset_requests(self):
        with self.lock:
            self.requests.clear()

    # --- fault ------------------------------------------------------------------------------

    def set_fault(self, fault: Fault):
        with self.fault_cond:
            self.fault = fault
            self.fault_cond.notify_all()   # hung requests re-check

    def stop(self):
        with self.fault_cond:
            self.stopping = True
            self.fault_cond.notify_all()

    def wait_for_fault(self, method: str, path: str) -> Fault | None:
        """The fault that applies to this request, None for none. While it is `hang`, block
        (this request's thread only) until the fault changes. Once the server is stopping,
        every request is treated as hung, so it closes without an answer."""
        with self.fault_cond:
            while True:
                if self.stopping:
                    return Fault("hang")
                fault = self.fault
                if not fault.applies(method, path):
                    return None
                if fault.mode != "hang":
                    return fault
                self.fault_cond.wait()

    # --- reads ------------------------------------------------------------------------------

    def collection_keys(self, t: Target) -> list[tuple[str, str]]:
        """(state key, namespace of that key or "") for every collection holding `t`'s objects."""
        keys = []
        flat = f"{t.prefix}/{t.resource_name}"
        pattern = re.compile(re.escape(t.prefix) + r"/namespaces/([^/]+)/" + re.escape(t.resource_name) + "$")
        for key in self.objects:
            if key == flat:
                keys.append((key, ""))
            elif (m := pattern.match(key)) and (not t.namespace or m.group(1) == t.namespace):
                keys.append((key, m.group(1)))
        return keys

    def known(self, t: Target) -> bool:
        """Whether the server serves this resource at all."""
        with self.lock:
            if not self.group_served(t.group):
                return False
            if t.resource is not None:
                return True
            return bool(self.collection_keys(Target(t.group, t.version, t.prefix,
                                                    t.resource_name, None)))

    def normalize(self, t: Target, obj: dict, key_ns: str) -> dict:
        """The object as the API returns it: apiVersion/kind first, namespace filled in."""
        head = {"kind": obj.get("kind") or t.kind or "", "apiVersion": obj.get("apiVersion")
                or (f"{t.group}/{t.version}" if t.group else t.version)}
        if not head["kind"]:
            del head["kind"]
        out = {**head, **{k: v for k, v in obj.items() if k not in ("kind", "apiVersion")}}
        meta = out.get("metadata")
        if key_ns and isinstance(meta, dict) and not meta.get("namespace"):
            out["metadata"] = {**meta, "namespace": key_ns}
        return out

    def list_objects(self, t: Target) -> tuple[list[dict], str]:
        """Snapshot of every object the target's collection holds, normalized, plus the list
        resourceVersion. Objects are replaced, never mutated in place, so the snapshot is safe
        to serialize outside the lock."""
        with self.lock:
            rv = str(self.resource_version)
            if t.resource_name == "namespaces" and t.group == "" and not self.collection_keys(t):
                return self.synthesized_namespaces(), rv
            out = []
            for key, key_ns in self.collection_keys(t):
                for obj in self.objects[key]:
                    ns = _get(obj, "metadata", "namespace", default=key_ns)
                    if t.namespace and ns != t.namespace:
                        continue
                    out.append(self.normalize(t, obj, key_ns))
        # kube-apiserver lists in storage-key order: by namespace, then name.
        out.sort(key=lambda o: (_get(o, "metadata", "namespace", default=""), _name(o)))
        return out, rv

    def synthesized_namespaces(self) -> list[dict]:
        """No namespaces collection in the state: answer the namespaces the keys mention."""
        names = ["default"]
        for key in self.objects:
            m = re.search(r"/namespaces/([^/]+)/", key)
            if m and m.group(1) not in names:
                names.append(m.group(1))
        return [{"kind": "Namespace", "apiVersion": "v1", "metadata": {"name": n},
                 "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}
                for n in names]

    def locate(self, t: Target) -> tuple[str, int, str] | None:
        """(state key, index, key namespace) of the named object."""
        for key, key_ns in self.collection_keys(t):
            for idx, obj in enumerate(self.objects[key]):
                meta = obj.get("metadata") or {}
                if meta.get("name") == t.name and (not t.namespace
                                                   or meta.get("namespace", key_ns) == t.namespace):
                    return key, idx, key_ns
        return None

    def get_object(self, t: Target) -> dict | None:
        with self.lock:
            where = self.locate(t)
            if where is None:
                if t.resource_name == "namespaces" and t.group == "":
                    return next((n for n in self.synthesized_namespaces()
                                 if n["metadata"]["name"] == t.name), None)
                return None
            key, idx, key_ns = where
            return self.normalize(t, self.objects[key][idx], key_ns)

    # --- writes -----------------------------------------------------------------------------

    def patch_object(self, t: Target, mutate, dry_run: bool) -> dict:
        """Read-modify-write under the lock. `mutate(current) -> new` may raise PatchError.
        Returns the resulting object; stores it (and its side effects) unless dry_run."""
        with self.lock:
            where = self.locate(t)
            if where is None:
                raise PatchError(not_found_status(t.group, t.resource_name, t.name))
            key, idx, key_ns = where
            current = self.normalize(t, self.objects[key][idx], key_ns)
            new = mutate(copy.deepcopy(current))
            if not isinstance(new, dict):
                raise PatchError(invalid_status("patch result is not an object"))
            new = self.keep_identity(current, new)
            if new == current:
                return current
            new = self.bump_versions(current, new, t, dry_run)
            if not dry_run:
                self.objects[key] = self.objects[key][:idx] + [new] + self.objects[key][idx + 1:]
                if t.resource_name == "deployments" and t.group == "apps":
                    self.reconcile_pods(new, key_ns or t.namespace)
            return new

    @staticmethod
    def keep_identity(current: dict, new: dict) -> dict:
        """A patch may not rename, move or retype an object."""
        meta = dict(new.get("metadata") or {})
        for k in ("name", "namespace", "uid", "creationTimestamp"):
            if k in current.get("metadata", {}):
                meta[k] = current["metadata"][k]
        new = {**new, "metadata": meta}
        new["kind"], new["apiVersion"] = current.get("kind"), current.get("apiVersion")
        return {k: v for k, v in new.items() if v is not None}

    def bump_versions(self, current: dict, new: dict, t: Target, dry_run: bool) -> dict:
        """New resourceVersion on every stored change (a dry run keeps the old one); generation
        only when the spec (anything beyond metadata and status) changed, as kube-apiserver
        does. Deployments are settled at once."""
        meta = dict(new.get("metadata") or {})
        if not dry_run:
            meta["resourceVersion"] = self.next_rv()
        body_changed = ({k: v for k, v in current.items() if k not in ("metadata", "status")}
                        != {k: v for k, v in new.items() if k not in ("metadata", "status")})
        if body_changed:
            meta["generation"] = int(current.get("metadata", {}).get("generation", 1)) + 1
        new["metadata"] = meta
        if body_changed and t.resource_name == "deployments" and t.group == "apps":
            settle_deployment(current, new)
        return new

    # --- pods behind a scaled deployment ----------------------------------------------------

    def reconcile_pods(self, deploy: dict, namespace: str):
        """No controllers here: make the deployment's pods match spec.replicas right away.
        Only for deployments that have (or had, before a scale to 0) pods in the state: one of
        them serves as the template for new ones."""
        name = deploy["metadata"]["name"]
        selector = _get(deploy, "spec", "selector", "matchLabels", default=None) or {"app": name}
        key = f"/api/v1/namespaces/{namespace}/pods"
        pods = list(self.objects.get(key, []))
        mine = [p for p in pods if all(_get(p, "metadata", "labels", k) == v
                                       for k, v in selector.items())]
        template = mine[-1] if mine else self.pod_templates.get((key, name))
        if template is None:
            return
        self.pod_templates[(key, name)] = template
        want = int(_get(deploy, "spec", "replicas", default=1))
        if len(mine) > want:
            doomed = self.pods_to_remove(mine, len(mine) - want)
            pods = [p for p in pods if not any(p is d for d in doomed)]
            mine = [p for p in mine if not any(p is d for d in doomed)]
        for _ in range(want - len(mine)):
            new_pod = self.new_pod(template, name, pods, mine, namespace)
            pods.append(new_pod)
            mine.append(new_pod)
        self.objects[key] = pods

    @staticmethod
    def pods_to_remove(pods: list[dict], count: int) -> list[dict]:
        """Like the ReplicaSet controller: not-ready pods first, then the newest."""
        order = sorted(range(len(pods)), key=lambda i: (pod_ready(pods[i]), -i))
        return [pods[i] for i in order[:count]]

    def ready_nodes(self) -> list[dict]:
        return [n for n in self.objects.get("/api/v1/nodes", [])
                if any(c.get("type") == "Ready" and c.get("status") == "True"
                       for c in _get(n, "status", "conditions", default=[]))
                and not _get(n, "spec", "unschedulable")]

    def new_pod(self, template: dict, deploy_name: str, all_pods: list, mine: list, ns: str) -> dict:
        pod = copy.deepcopy(template)
        meta = pod.setdefault("metadata", {})
        meta.update(name=self.pod_name(template, deploy_name, all_pods), namespace=ns,
                    uid=str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
                    creationTimestamp=now_rfc3339(), resourceVersion=self.next_rv())
        spec = pod.setdefault("spec", {})
        node = self.pick_node(mine)
        status = {"phase": "Pending", "conditions": [
            {"type": "PodScheduled", "status": "False", "reason": "Unschedulable"}]}
        spec.pop("nodeName", None)
        if node is not None:
            spec["nodeName"] = node["metadata"]["name"]
            status = running_pod_status(template, node, self.rng)
        pod["status"] = status
        return pod

    def pod_name(self, template: dict, deploy_name: str, all_pods: list) -> str:
        """`NAME-xxxxx`, keeping the ReplicaSet hash when the template pod has one."""
        tname = _get(template, "metadata", "name", default="")
        base = tname.rsplit("-", 1)[0] if "-" in tname else ""
        if not base.startswith(deploy_name):
            base = deploy_name
        taken = {_get(p, "metadata", "name") for p in all_pods}
        while True:
            name = f"{base}-" + "".join(self.rng.choice(POD_NAME_ALPHABET) for _ in range(5))
            if name not in taken:
                return name

    def pick_node(self, mine: list) -> dict | None:
        """Spread: the Ready node carrying fewest of this deployment's pods, ties in node order."""
        nodes = self.ready_nodes()
        if not nodes:
            return None
        load = collections.Counter(_get(p, "spec", "nodeName") for p in mine)
        return min(nodes, key=lambda n: load[n["metadata"]["name"]])


def pod_ready(pod: dict) -> bool:
    return any(c.get("type") == "Ready" and c.get("status") == "True"
               for c in _get(pod, "status", "conditions", default=[]))


def running_pod_status(template: dict, node: dict, rng: random.Random) -> dict:
    now = now_rfc3339()
    host_ip = next((a.get("address") for a in _get(node, "status", "addresses", default=[])
                    if a.get("type") == "InternalIP"), "")
    status = {"phase": "Running",
              "conditions": [{"type": t, "status": "True", "lastProbeTime": None,
                              "lastTransitionTime": now}
                             for t in ("Initialized", "Ready", "ContainersReady", "PodScheduled")],
              "podIP": f"10.244.{rng.randrange(1, 255)}.{rng.randrange(2, 255)}",
              "startTime": now}
    if host_ip:
        status["hostIP"] = host_ip
    containers = _get(template, "spec", "containers", default=[])
    status["containerStatuses"] = [
        {"name": c.get("name", ""), "image": c.get("image", ""), "ready": True, "started": True,
         "restartCount": 0, "state": {"running": {"startedAt": now}}} for c in containers]
    return status


def settle_deployment(current: dict, new: dict):
    """Instant rollout: observedGeneration catches up; a replica change shows up in every
    status count (omitted when zero, as the API omits empty ints)."""
    status = dict(new.get("status") or {})
    status["observedGeneration"] = new["metadata"]["generation"]
    old_replicas = _get(current, "spec", "replicas", default=1)
    replicas = _get(new, "spec", "replicas", default=1)
    if replicas != old_replicas:
        for k in ("replicas", "readyReplicas", "availableReplicas", "updatedReplicas"):
            if replicas:
                status[k] = replicas
            else:
                status.pop(k, None)
        status.pop("unavailableReplicas", None)
    new["status"] = status


def scale_of(deploy: dict) -> dict:
    """The autoscaling/v1 Scale view of a deployment."""
    meta = deploy.get("metadata", {})
    smeta = {k: meta[k] for k in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp")
             if k in meta}
    replicas = _get(deploy, "spec", "replicas", default=1)
    labels = _get(deploy, "spec", "selector", "matchLabels", default={})
    return {"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": smeta,
            "spec": {"replicas": replicas} if replicas else {},
            "status": {"replicas": _get(deploy, "status", "replicas", default=0),
                       "selector": ",".join(f"{k}={v}" for k, v in labels.items())}}


# ---------------------------------------------------------------------------------------------
# Discovery (legacy format: kubectl asks for aggregated discovery first, gets plain
# APIVersions / APIGroupList, and falls back to one APIResourceList per group version).
# ---------------------------------------------------------------------------------------------

def discovery_response(path: str, store: Store, host: str) -> dict | None:
    """The discovery document for `path`, or None when `path` is not a discovery path."""
    path = path.rstrip("/") or "/"
    if path == "/version":
        return SERVER_VERSION
    if path == "/api":
        return {"kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": host}]}
    if path == "/apis":
        return {"kind": "APIGroupList", "apiVersion": "v1",
                "groups": [api_group(g) for g in all_groups() if store.group_served(g)]}
    segs = path.strip("/").split("/")
    if segs[0] == "api" and len(segs) == 2:
        return resource_list("", segs[1])
    if segs[0] == "apis" and len(segs) in (2, 3):
        if segs[1] not in all_groups() or not store.group_served(segs[1]):
            return no_such_path_status()
        if len(segs) == 2:
            return {"kind": "APIGroup", "apiVersion": "v1", **api_group(segs[1])}
        return resource_list(segs[1], segs[2])
    return None


def group_versions(group: str) -> list[str]:
    out = []
    for res in RESOURCES:
        if res.group == group and res.version not in out:
            out.append(res.version)
    return out


def api_group(group: str) -> dict:
    versions = [{"groupVersion": f"{group}/{v}", "version": v} for v in group_versions(group)]
    return {"name": group, "versions": versions, "preferredVersion": versions[0]}


def resource_list(group: str, version: str) -> dict:
    entries = []
    for res in RESOURCES:
        if (res.group, res.version) != (group, version):
            continue
        entry = {"name": res.name, "singularName": res.singular, "namespaced": res.namespaced,
                 "kind": res.kind, "verbs": list(res.verbs)}
        if res.short_names:
            entry["shortNames"] = list(res.short_names)
        if res.categories:
            entry["categories"] = list(res.categories)
        entries.append(entry)
        for sub, sgroup, sversion, skind in res.subresources:
            sub_entry = {"name": f"{res.name}/{sub}", "singularName": "",
                         "namespaced": res.namespaced, "kind": skind or res.kind,
                         "verbs": list(SUB_VERBS)}
            if sgroup:
                sub_entry["group"], sub_entry["version"] = sgroup, sversion
            entries.append(sub_entry)
    if not entries:
        return no_such_path_status()
    return {"kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": f"{group}/{version}" if group else version, "resources": entries}


def is_discovery_path(path: str) -> bool:
    p = path.rstrip("/") or "/"
    if p in ("/version", "/api", "/apis") or p.startswith("/openapi"):
        return True
    segs = p.strip("/").split("/")
    return (segs[0] == "api" and len(segs) == 2) or (segs[0] == "apis" and len(segs) in (2, 3))


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------

class Response:
    def __init__(self, code: int, body, content_type: str = "application/json"):
        self.code = code
        self.content_type = content_type
        if isinstance(body, (bytes, bytearray)):
            self.body = bytes(body)
        else:
            self.body = json.dumps(body, separators=(",", ":")).encode()

    @staticmethod
    def status(status: dict) -> "Response":
        return Response(status["code"], status)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"     # keep-alive: Go's client reuses connections
    server_version = "kube-api-test-server"

    @property
    def store(self) -> Store:
        return self.server.store

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    def do_GET(self):
        self.handle_any("GET")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")

    # --- plumbing ---------------------------------------------------------------------------

    def read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass   # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send(self, resp: Response):
        self.send_response(resp.code)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        self.send_header("Cache-Control", "no-cache, private")
        self.end_headers()
        self.wfile.write(resp.body)

    def handle_any(self, method: str):
        try:
            url = urllib.parse.urlsplit(self.path)
            path = urllib.parse.unquote(url.path) or "/"
            query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            body = self.read_body()
            if path.startswith("/_control/"):
                resp = control(self.store, method, path, body)
            else:
                self.store.log_request({
                    "method": method, "path": path, "query": url.query,
                    "contentType": self.headers.get("Content-Type") or "",
                    "accept": self.headers.get("Accept") or "",
                    "body": body.decode("utf-8", errors="replace")})
                resp = self.serve_api(method, path, query, body)
            if resp is None:            # hung request released by shutdown: answer nothing
                self.close_connection = True
                return
            self.send(resp)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as exc:       # never let a bad request take the server down
            if self.server.verbose:
                traceback.print_exc()
            try:
                self.send(Response.status(internal_error_status(f"test server: {exc}")))
            except OSError:
                self.close_connection = True

    def serve_api(self, method, path, query, body) -> Response | None:
        if is_discovery_path(path):
            # Discovery never faults, so kubectl always gets as far as the real request.
            doc = discovery_response(path, self.store, f"127.0.0.1:{self.server.server_port}")
            if doc is None:    # /openapi/...: kubectl copes without it
                return Response.status(no_such_path_status())
            return Response(doc.get("code", 200) if doc.get("kind") == "Status" else 200, doc)
        with self.store.lock:
            target = parse_target(path, self.store.objects.keys())
        fault = self.store.wait_for_fault(method, path)
        if fault is not None:
            return fault_response(fault, method, path, target, query)
        if path in ("/healthz", "/livez", "/readyz"):
            return Response(200, b"ok", "text/plain; charset=utf-8")
        if target is None or not self.store.known(target):
            return Response.status(no_such_path_status())
        return handle_resource(self.store, method, target, query, body,
                               self.headers.get("Content-Type") or "",
                               self.headers.get("Accept") or "")


def fault_response(fault: Fault, method, path, target, query) -> Response | None:
    if fault.mode == "hang":       # only when the server is stopping
        return None
    if fault.mode == "forbidden":
        return Response.status(forbidden_status(fault.user, request_verb(method, target, query),
                                                target, path))
    if fault.mode == "malformed":
        return Response(200, MALFORMED_BODY)
    return Response.status(internal_error_status("injected fault (error500)"))


def handle_resource(store: Store, method, t: Target, query, body, content_type, accept) -> Response:
    if t.subresource and t.subresource not in ("scale", "status"):
        return Response.status(no_such_path_status())
    if t.subresource == "scale" and not (t.resource_name == "deployments" and t.group == "apps"):
        return Response.status(no_such_path_status())
    if method == "GET":
        return handle_get(store, t, query, accept)
    if method == "PATCH":
        return handle_patch(store, t, query, body, content_type)
    action = {"POST": "create", "PUT": "update", "DELETE": "delete"}.get(method, method.lower())
    return Response.status(method_not_supported_status(t.group, t.resource_name, action))


def handle_get(store: Store, t: Target, query, accept) -> Response:
    if query.get("watch", [""])[0] in ("1", "true"):
        return Response.status(method_not_supported_status(t.group, t.resource_name, "watch"))
    if t.name:
        obj = store.get_object(t)
        if obj is None:
            return Response.status(not_found_status(t.group, t.resource_name, t.name))
        if t.subresource == "scale":
            return Response(200, scale_of(obj))
        if wants_table(accept):
            return Response(200, make_table(t.resource_name, [obj],
                                            obj.get("metadata", {}).get("resourceVersion", "")))
        return Response(200, obj)
    plain = not wants_table(accept) and not query.get("labelSelector") \
        and not query.get("fieldSelector")
    if plain:
        # The common probe (`get --raw` of a whole collection) is served from a cache.
        return Response(200, store.cached_list(t, lambda: list_body(store, t, query, accept)))
    body = list_body(store, t, query, accept)
    return Response(body.get("code", 200) if body.get("kind") == "Status" else 200, body)


def list_body(store: Store, t: Target, query, accept) -> dict:
    items, rv = store.list_objects(t)
    try:
        items = filter_items(items, query)
    except ValueError as exc:
        return bad_request_status(str(exc))
    if wants_table(accept):
        return make_table(t.resource_name, items, rv)
    kind = f"{t.kind}List" if t.kind else (f"{items[0]['kind']}List" if items and items[0].get("kind")
                                           else "List")
    api_version = f"{t.group}/{t.version}" if t.group else t.version
    return {"kind": kind, "apiVersion": api_version, "metadata": {"resourceVersion": rv},
            "items": items}


def filter_items(items: list[dict], query) -> list[dict]:
    """labelSelector and fieldSelector; `limit` is ignored (one page, no continue token)."""
    label_sel = query.get("labelSelector", [""])[0]
    field_sel = query.get("fieldSelector", [""])[0]
    if label_sel:
        match = parse_label_selector(label_sel)
        items = [i for i in items if match(_get(i, "metadata", "labels", default={}))]
    if field_sel:
        match = parse_field_selector(field_sel)
        items = [i for i in items if match(i)]
    return items


def handle_patch(store: Store, t: Target, query, body, content_type) -> Response:
    if not t.name:
        return Response.status(method_not_supported_status(t.group, t.resource_name, "patch"))
    dry_run = "All" in query.get("dryRun", [])
    if t.subresource == "scale":
        return patch_scale(store, t, body, content_type, dry_run)

    def mutate(current):
        return apply_patch(current, content_type, body, t.group)

    try:
        return Response(200, store.patch_object(t, mutate, dry_run))
    except PatchError as exc:
        return Response.status(exc.status)


def patch_scale(store: Store, t: Target, body, content_type, dry_run) -> Response:
    """Patch the Scale view, then carry spec.replicas over to the deployment."""
    def mutate(deploy):
        scale = apply_patch(scale_of(deploy), content_type, body, "autoscaling")
        replicas = _get(scale, "spec", "replicas", default=0)
        if not isinstance(replicas, int) or isinstance(replicas, bool) or replicas < 0:
            raise PatchError(invalid_status(
                f"Scale.autoscaling {go_quote(t.name)} is invalid: spec.replicas: Invalid value: "
                f"{json.dumps(replicas)}: must be greater than or equal to 0"))
        deploy.setdefault("spec", {})["replicas"] = replicas
        return deploy

    try:
        return Response(200, scale_of(store.patch_object(t, mutate, dry_run)))
    except PatchError as exc:
        return Response.status(exc.status)


# ---------------------------------------------------------------------------------------------
# /_control endpoints
# ---------------------------------------------------------------------------------------------

def control(store: Store, method: str, path: str, body: bytes) -> Response:
    try:
        payload = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (ValueError, UnicodeDecodeError) as exc:
        return Response(400, {"error": f"body is not JSON: {exc}"})
    route = (method, path.rstrip("/"))
    try:
        if route == ("GET", "/_control/requests"):
            return Response(200, store.request_log())
        if route == ("POST", "/_control/reset-requests"):
            store.reset_requests()
            return Response(200, {"ok": True})
        if route == ("GET", "/_control/state"):
            return Response(200, store.get_state())
        if route == ("POST", "/_control/state"):
            store.set_state(payload)
            return Response(200, {"ok": True})
        if route == ("GET", "/_control/fault"):
            return Response(200, store.fault.to_json())
        if route == ("POST", "/_control/fault"):
            if not isinstance(payload, dict):
                raise ValueError("fault body must be an object")
            store.set_fault(Fault.from_json(payload))
            return Response(200, store.fault.to_json())
    except ValueError as exc:
        return Response(400, {"error": str(exc)})
    return Response(404, {"error": f"no control endpoint {method} {path}"})


# ---------------------------------------------------------------------------------------------
# Start-up
# ---------------------------------------------------------------------------------------------

def write_atomically(path: str, text: str):
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def kubeconfig_text(context: str, port: int) -> str:
    """A kubeconfig with one cluster/user/context, all named `context`; no credentials."""
    name = json.dumps(context)   # JSON strings are valid YAML scalars
    return (f"apiVersion: v1\nkind: Config\n"
            f"clusters:\n- name: {name}\n  cluster:\n    server: \"http://127.0.0.1:{port}\"\n"
            f"users:\n- name: {name}\n  user: {{}}\n"
            f"contexts:\n- name: {name}\n  context:\n    cluster: {name}\n    user: {name}\n"
            f"current-context: {name}\npreferences: {{}}\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True        # hung requests must not hold up exit ...
    block_on_close = False       # ... nor idle keep-alive connections
    request_queue_size = 128     # concurrent probes connect at once


def parse_args(argv):
    p = argparse.ArgumentParser(description="Kubernetes API test server for kubectl integration tests")
    p.add_argument("--state", help="STATE.json ({\"objects\": {PATH: [items]}}); default: empty")
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    p.add_argument("--port-file", help="write the port here once listening (atomic)")
    p.add_argument("--kubeconfig-out", help="write a kubeconfig pointing at this server")
    p.add_argument("--context", default="test", help="context/cluster/user name in that kubeconfig")
    p.add_argument("--fault", default="none", choices=FAULT_MODES, help="fault mode at start")
    p.add_argument("--fault-path", action="append", default=[],
                   help="path prefix the start fault applies to (repeatable; default all)")
    p.add_argument("--verbose", action="store_true", help="log requests to stderr")
    return p.parse_args(argv)


def load_state(path: str | None) -> dict:
    if not path:
        return {"objects": {}}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    try:
        store = Store(load_state(args.state), Fault(args.fault, args.fault_path))
    except (OSError, ValueError) as exc:
        print(f"kube_api_server: cannot load state: {exc}", file=sys.stderr)
        return 2

    server = Server(("127.0.0.1", args.port), Handler)
    server.store = store
    server.verbose = args.verbose
    port = server.server_port

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                               name="serve", daemon=True)
    serving.start()

    # Kubeconfig first, port file last: a test that waits for the port file finds both ready.
    if args.kubeconfig_out:
        write_atomically(args.kubeconfig_out, kubeconfig_text(args.context, port))
    if args.port_file:
        write_atomically(args.port_file, f"{port}\n")
    if args.verbose:
        print(f"kube_api_server: listening on http://127.0.0.1:{port}", file=sys.stderr)

    # A test process that dies without stopping us must not leave a server behind.
    parent = os.getppid()
    while not stop.wait(0.2):
        if os.getppid() != parent:
            break
    store.stop()          # release hung requests (they close without an answer)
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
