#!/usr/bin/env bash
# Self-test of kube_api_server.py against the real kubectl.
#
# Starts the server on a free loopback port with a small Deis Workflow + Deckhouse state, drives it
# with kubectl (discovery, reads, scale, set env, patch, dry runs, faults) and checks both what
# kubectl prints and what the server then holds. A second server, on a cluster with workers, a
# PodDisruptionBudget and a CronJob, covers watch streams (events, bookmarks, 410, closed streams),
# every served Deckhouse version, the byte counter, cordon/drain/uncordon, jobs from CronJobs and
# the request log's write/dryRun flags. Every run uses its own temp dir and kubectl --cache-dir, so
# a discovery cache from another run can never answer for this server. Nothing sleeps blindly:
# waits poll a condition against a deadline.
#
# Usage: Tests/Support/kube_api_server_selftest.sh   (KUBECTL=/path/to/kubectl to override)
# Exit status: 0 when every check passed, 1 otherwise.

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVER="$HERE/kube_api_server.py"
KUBECTL=${KUBECTL:-kubectl}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kube-api-selftest.XXXXXX")
SERVER_PID=""
PORT=""
PASSED=0
FAILED=0

cleanup() {
    stop_server
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- reporting ------------------------------------------------------------------------------

pass() { PASSED=$((PASSED + 1)); printf 'ok    %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n      %s\n' "$1" "$2"; }

expect_eq() {        # NAME EXPECTED ACTUAL
    if [[ "$2" == "$3" ]]; then pass "$1"; else fail "$1" "expected [$2], got [$3]"; fi
}

expect_contains() {  # NAME HAYSTACK NEEDLE
    if [[ "$2" == *"$3"* ]]; then pass "$1"; else fail "$1" "[$3] not in [$2]"; fi
}

expect_not_contains() {
    if [[ "$2" != *"$3"* ]]; then pass "$1"; else fail "$1" "[$3] unexpectedly in [$2]"; fi
}

# --- helpers --------------------------------------------------------------------------------

# Run a command; leave stdout in OUT, stderr in ERR, exit status in RC.
run() {
    OUT=$("$@" 2>"$WORK/stderr")
    RC=$?
    ERR=$(cat "$WORK/stderr")
}

# kubectl pinned to this server, with a private discovery cache.
k() { "$KUBECTL" --kubeconfig "$WORK/kubeconfig" --context test --cache-dir "${CACHE:-$WORK/cache}" "$@"; }

# Evaluate a Python expression over the JSON on stdin (bound to `d`); print the result.
jpy() { python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

# The control API (not kubectl's business): METHOD PATH [BODY]
ctl() {
    curl -sS -X "$1" "http://127.0.0.1:$PORT$2" -H 'Content-Type: application/json' \
        ${3:+--data "$3"}
}

fault() { ctl POST /_control/fault "$1" >/dev/null; }

raw() { k get --raw "$1"; }

# Poll until a command succeeds, for at most SECONDS: wait_until SECONDS CMD...
wait_until() {
    local deadline=$(( $(date +%s%N) + ${1%.*} * 1000000000 )) ; shift
    while ! "$@" >/dev/null 2>&1; do
        (( $(date +%s%N) < deadline )) || return 1
        sleep 0.05
    done
}

# Evaluate a Python expression over the JSON-lines file $1 (bound to `ev`, a list of events).
events() { python3 -c 'import json, sys; ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]; print(eval(sys.argv[2]))' "$1" "$2"; }
has_event() { [[ "$(events "$1" "$2")" == True ]]; }

open_watches() { ctl GET /_control/watches | jpy 'd["open"]'; }
watches_are() { [[ "$(open_watches)" == "$1" ]]; }
list_rv() { raw "$1" | jpy 'd["metadata"]["resourceVersion"]'; }
alive() { kill -0 "$1" 2>/dev/null; }
dead() { ! kill -0 "$1" 2>/dev/null; }

# A kubectl watch in the background: watch_bg NAME RAWPATH; output in $WORK/NAME.out (.err, .rc).
watch_bg() {
    rm -f "$WORK/$1.rc"
    ( k get --raw "$2" >"$WORK/$1.out" 2>"$WORK/$1.err"; echo $? >"$WORK/$1.rc" ) &
    WATCH_PID=$!
}
finished() { [[ -s "$WORK/$1.rc" ]]; }

# Wait until watch NAME has at least N events, then end every stream cleanly: collect NAME N
collect() {
    wait_until 10 has_event "$WORK/$1.out" "len(ev) >= $2"
    ctl POST /_control/close-watches '{"mode":"end"}' >/dev/null
    wait_until 10 finished "$1"
}

start_server() {   # extra server args...
    rm -f "$WORK/port"
    python3 "$SERVER" --state "${STATE:-$WORK/state.json}" --port 0 --port-file "$WORK/port" \
        --kubeconfig-out "$WORK/kubeconfig" --context test "$@" 2>"$WORK/server.log" &
    SERVER_PID=$!
    for _ in $(seq 100); do
        [[ -s "$WORK/port" ]] && break
        sleep 0.05
    done
    if [[ ! -s "$WORK/port" ]]; then
        echo "server did not start:"; cat "$WORK/server.log"; exit 1
    fi
    PORT=$(cat "$WORK/port")
}

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null
    fi
    SERVER_PID=""
}

write_state() {
    cat >"$WORK/state.json" <<'EOF'
{"objects": {
  "/api/v1/nodes": [
    {"metadata": {"name": "n1", "labels": {"kubernetes.io/hostname": "n1",
                  "node-role.kubernetes.io/control-plane": ""},
                  "creationTimestamp": "2024-01-01T00:00:00Z"},
     "status": {"conditions": [{"type": "Ready", "status": "True"}],
                "addresses": [{"type": "InternalIP", "address": "10.0.0.1"}],
                "capacity": {"cpu": "4", "memory": "16386156Ki", "pods": "110"},
                "nodeInfo": {"kubeletVersion": "v1.32.4"}}},
    {"metadata": {"name": "n2", "labels": {"kubernetes.io/hostname": "n2"}},
     "status": {"conditions": [{"type": "Ready", "status": "False", "reason": "KubeletNotReady"}],
                "addresses": [{"type": "InternalIP", "address": "10.0.0.2"}],
                "nodeInfo": {"kubeletVersion": "v1.32.4"}}}
  ],
  "/apis/apps/v1/namespaces/deis/deployments": [
    {"metadata": {"name": "deis-router", "labels": {"app": "deis-router"}, "generation": 1},
     "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "deis-router"}},
              "template": {"metadata": {"labels": {"app": "deis-router"}},
                           "spec": {"containers": [{"name": "deis-router", "image": "deis/router:v2.14.0",
                                    "env": [{"name": "POD_NAMESPACE", "value": "deis"}]}]}}},
     "status": {"replicas": 1, "readyReplicas": 1, "availableReplicas": 1, "updatedReplicas": 1,
                "observedGeneration": 1}},
    {"metadata": {"name": "deis-controller", "labels": {"app": "deis-controller"}, "generation": 3},
     "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "deis-controller"}},
              "template": {"metadata": {"labels": {"app": "deis-controller"}},
                           "spec": {"containers": [{"name": "deis-controller",
                                    "image": "deis/controller:v2.18.0",
                                    "ports": [{"containerPort": 8000, "name": "http"}],
                                    "env": [{"name": "REGISTRATION_MODE", "value": "enabled"},
                                            {"name": "DEIS_KUBERNETES_NAMESPACE", "value": "deis"},
                                            {"name": "WORKFLOW_RELEASE", "value": "v2.18.0"}]}]}}},
     "status": {"replicas": 1, "readyReplicas": 1, "availableReplicas": 1, "updatedReplicas": 1,
                "observedGeneration": 3}},
    {"metadata": {"name": "deis-monitor-grafana", "labels": {"app": "deis-monitor-grafana"}},
     "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "deis-monitor-grafana"}},
              "template": {"metadata": {"labels": {"app": "deis-monitor-grafana"}},
                           "spec": {"containers": [
                             {"name": "deis-monitor-grafana", "image": "deis/grafana:v2.9.0",
                              "env": [{"name": "ALLOW_SIGN_UP", "value": "true"},
                                      {"name": "INFLUXDB_URLS", "value": "http://deis-monitor-influxapi:80"}]},
                             {"name": "sidecar", "image": "busybox:1.36",
                              "env": [{"name": "SIDE", "value": "1"}]}]}}},
     "status": {"replicas": 1, "readyReplicas": 1, "availableReplicas": 1, "updatedReplicas": 1}}
  ],
  "/api/v1/namespaces/deis/pods": [
    {"metadata": {"name": "deis-router-5b7c9d8f6-abcde",
                  "labels": {"app": "deis-router", "pod-template-hash": "5b7c9d8f6"}},
     "spec": {"nodeName": "n1", "containers": [{"name": "deis-router", "image": "deis/router:v2.14.0"}]},
     "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}],
                "containerStatuses": [{"name": "deis-router", "ready": true, "restartCount": 0}]}}
  ],
  "/api/v1/namespaces/deis/secrets": [
    {"metadata": {"name": "objectstorage-keyfile", "annotations": {"deis.io/objectstorage": "minio"}},
     "type": "Opaque", "data": {"accesskey": "eA=="}},
    {"metadata": {"name": "deis-router-platform-cert"}, "type": "kubernetes.io/tls",
     "data": {"tls.crt": "", "tls.key": ""}}
  ],
  "/apis/deckhouse.io/v1alpha1/moduleconfigs": [
    {"metadata": {"name": "deckhouse", "generation": 1},
     "spec": {"version": 1, "settings": {"releaseChannel": "Alpha", "update": {"mode": "Auto"}}}}
  ]
}}
EOF
}

DEPLOYS=/apis/apps/v1/namespaces/deis/deployments
ROUTER_PODS='/api/v1/namespaces/deis/pods?labelSelector=app%3Ddeis-router'

# --- checks ---------------------------------------------------------------------------------

test_startup() {
    expect_contains "kubeconfig points at the port" "$(cat "$WORK/kubeconfig")" "http://127.0.0.1:$PORT"
    expect_contains "kubeconfig current-context" "$(cat "$WORK/kubeconfig")" 'current-context: "test"'
}

test_reads() {
    run raw /api/v1/nodes
    expect_eq "get --raw nodes exits 0" 0 "$RC"
    expect_eq "get --raw nodes is a NodeList of 2" "NodeList 2" "$(jpy 'd["kind"], len(d["items"])' <<<"$OUT" | tr -d "(),'")"
    expect_eq "items carry apiVersion/kind" "v1 Node" "$(jpy 'd["items"][0]["apiVersion"] + " " + d["items"][0]["kind"]' <<<"$OUT")"

    run k get deploy -n deis
    expect_eq "get deploy -n deis exits 0" 0 "$RC"
    expect_contains "get deploy prints the server table" "$OUT" "UP-TO-DATE"
    expect_contains "get deploy lists deis-router" "$OUT" "deis-router"

    run k get no
    expect_eq "get no exits 0" 0 "$RC"
    expect_contains "get no shows the NotReady node" "$OUT" "NotReady"
    expect_contains "get no shows roles" "$OUT" "control-plane"

    run k api-versions
    expect_eq "api-versions exits 0" 0 "$RC"
    local want
    for want in apps/v1 autoscaling/v1 deckhouse.io/v1alpha1 rbac.authorization.k8s.io/v1 v1; do
        expect_contains "api-versions lists $want" "$OUT" "$want"
    done

    run k get deploy -n deis nope
    expect_eq "missing object exits 1" 1 "$RC"
    expect_eq "missing object message" 'Error from server (NotFound): deployments.apps "nope" not found' "$ERR"

    run k -n deis get deploy deis-router -o jsonpath='{.spec.replicas} {.status.readyReplicas}'
    expect_eq "jsonpath one-liner" "1 1" "$OUT"

    run raw "$ROUTER_PODS"
    expect_eq "label selector filters pods" "1" "$(jpy 'len(d["items"])' <<<"$OUT")"

    run raw /api/v1/namespaces/deis/secrets
    expect_eq "secrets keep their type" "Opaque kubernetes.io/tls" \
        "$(jpy '" ".join(sorted(s["type"] for s in d["items"]))' <<<"$OUT")"

    run k get mc deckhouse -o jsonpath='{.spec.settings.releaseChannel}'
    expect_eq "get mc via short name" "Alpha" "$OUT"
}

test_scale() {
    run k --namespace=deis scale --replicas=2 deployment/deis-router --dry-run=server
    expect_eq "scale dry-run output" "deployment.apps/deis-router scaled (server dry run)" "$OUT"
    expect_eq "scale dry-run stores nothing" "1" "$(raw "$DEPLOYS/deis-router" | jpy 'd["spec"]["replicas"]')"
    expect_eq "scale dry-run adds no pod" "1" "$(raw "$ROUTER_PODS" | jpy 'len(d["items"])')"

    ctl POST /_control/reset-requests >/dev/null
    run k --namespace=deis scale --replicas=2 deployment/deis-router
    expect_eq "scale output" "deployment.apps/deis-router scaled" "$OUT"
    local patch
    patch=$(ctl GET /_control/requests | jpy '[(r["contentType"], r["body"]) for r in d if r["method"] == "PATCH"]')
    expect_eq "scale sends a merge patch to /scale" \
        "[('application/merge-patch+json', '{\"spec\":{\"replicas\":2}}')]" "$patch"

    run raw "$DEPLOYS/deis-router"
    expect_eq "deployment scaled and rolled out" "2 2 2 2 2" \
        "$(jpy '" ".join(str(x) for x in (d["spec"]["replicas"], d["status"]["replicas"], d["status"]["readyReplicas"], d["status"]["availableReplicas"], d["status"]["updatedReplicas"]))' <<<"$OUT")"
    expect_eq "generation bumped and observed" "2 2" \
        "$(jpy 'str(d["metadata"]["generation"]) + " " + str(d["status"]["observedGeneration"])' <<<"$OUT")"

    run raw "$ROUTER_PODS"
    expect_eq "two router pods" "2" "$(jpy 'len(d["items"])' <<<"$OUT")"
    # n2 is NotReady, so both pods must sit on n1.
    expect_eq "new pods only on Ready nodes, Ready" "n1 n1 True True" \
        "$(jpy '" ".join([p["spec"]["nodeName"] for p in d["items"]] + [c["status"] for p in d["items"] for c in p["status"]["conditions"] if c["type"] == "Ready"])' <<<"$OUT")"
    expect_contains "new pod keeps the ReplicaSet hash" "$OUT" '"deis-router-5b7c9d8f6-'

    run raw "$DEPLOYS/deis-router/scale"
    expect_eq "GET scale" "Scale autoscaling/v1 2 app=deis-router" \
        "$(jpy '" ".join([d["kind"], d["apiVersion"], str(d["spec"]["replicas"]), d["status"]["selector"]])' <<<"$OUT")"

    # Mark n2 Ready through the status subresource; the next pod must go there (spread).
    run k patch node n2 --subresource=status --type=merge \
        -p '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}'
    expect_eq "patch node status" 0 "$RC"
    k -n deis scale --replicas=3 deployment/deis-router >/dev/null
    expect_eq "third pod spreads to n2" "n1 n1 n2" \
        "$(raw "$ROUTER_PODS" | jpy '" ".join(sorted(p["spec"]["nodeName"] for p in d["items"]))')"
    k -n deis scale --replicas=1 deployment/deis-router >/dev/null
    expect_eq "scale down removes pods" "1 deis-router-5b7c9d8f6-abcde" \
        "$(raw "$ROUTER_PODS" | jpy 'str(len(d["items"])) + " " + d["items"][0]["metadata"]["name"]')"
}

controller_env() { raw "$DEPLOYS/deis-controller" | jpy "$1"; }

test_set_env() {
    local before
    before=$(raw "$DEPLOYS/deis-controller")
    run k set env deployment/deis-controller REGISTRATION_MODE=admin_only -n deis --dry-run=server
    expect_eq "set env dry-run output" "deployment.apps/deis-controller env updated (server dry run)" "$OUT"
    expect_eq "set env dry-run stores nothing" "$before" "$(raw "$DEPLOYS/deis-controller")"

    run k set env deployment/deis-controller REGISTRATION_MODE=admin_only -n deis
    expect_eq "set env output" "deployment.apps/deis-controller env updated" "$OUT"
    expect_eq "set env changes only that entry" \
        "REGISTRATION_MODE=admin_only DEIS_KUBERNETES_NAMESPACE=deis WORKFLOW_RELEASE=v2.18.0" \
        "$(controller_env '" ".join(e["name"] + "=" + e["value"] for e in d["spec"]["template"]["spec"]["containers"][0]["env"])')"
    expect_eq "set env keeps the rest of the container" "deis/controller:v2.18.0 8000" \
        "$(controller_env 'd["spec"]["template"]["spec"]["containers"][0]["image"] + " " + str(d["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"])')"
    expect_eq "set env bumps generation" "4" "$(controller_env 'd["metadata"]["generation"]')"

    # kubectl set env touches every container unless told which one: name it.
    run k set env deployment/deis-monitor-grafana ALLOW_SIGN_UP=false -n deis -c deis-monitor-grafana
    expect_eq "set env -c exits 0" 0 "$RC"
    run raw "$DEPLOYS/deis-monitor-grafana"
    expect_eq "set env -c: grafana entry changed, sidecar intact" \
        "deis-monitor-grafana:ALLOW_SIGN_UP=false,INFLUXDB_URLS=http://deis-monitor-influxapi:80 sidecar:SIDE=1" \
        "$(jpy '" ".join(c["name"] + ":" + ",".join(e["name"] + "=" + e["value"] for e in c["env"]) for c in d["spec"]["template"]["spec"]["containers"])' <<<"$OUT")"
}

test_patch() {
    run k patch mc deckhouse --type=merge -p '{"spec":{"settings":{"releaseChannel":"Stable"}}}'
    expect_eq "patch mc output" "moduleconfig.deckhouse.io/deckhouse patched" "$OUT"
    expect_eq "patch mc merged" "Stable Auto 2" \
        "$(raw /apis/deckhouse.io/v1alpha1/moduleconfigs/deckhouse | jpy 'd["spec"]["settings"]["releaseChannel"] + " " + d["spec"]["settings"]["update"]["mode"] + " " + str(d["metadata"]["generation"])')"
    run k patch mc deckhouse --type=merge -p '{"spec":{"settings":{"releaseChannel":"Stable"}}}'
    expect_eq "repeat patch is a no-op" "moduleconfig.deckhouse.io/deckhouse patched (no change)" "$OUT"

    # Custom resources take no strategic merge patch (kubectl's default type), as on a real cluster.
    run k patch mc deckhouse -p '{"spec":{"settings":{"releaseChannel":"Stable"}}}'
    expect_eq "strategic patch on a CR exits 1" 1 "$RC"
    expect_contains "strategic patch on a CR: 415 message" "$ERR" "accepted media types include"

    run k -n deis patch deploy deis-router --type=json -p '[{"op":"add","path":"/metadata/labels/tier","value":"edge"},{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"deis/router:v2.15.0"}]'
    expect_eq "json patch exits 0" 0 "$RC"
    expect_eq "json patch applied" "edge deis/router:v2.15.0" \
        "$(raw "$DEPLOYS/deis-router" | jpy 'd["metadata"]["labels"]["tier"] + " " + d["spec"]["template"]["spec"]["containers"][0]["image"]')"

    run k -n deis patch deploy deis-router --type=json -p '[{"op":"remove","path":"/spec/nope"}]'
    expect_eq "bad json patch exits 1" 1 "$RC"
}

test_faults() {
    local forbidden='Error from server (Forbidden): nodes is forbidden: User "system:anonymous" cannot list resource "nodes" in API group "" at the cluster scope'

    fault '{"mode":"forbidden"}'
    run k get no
    expect_eq "forbidden: exit 1" 1 "$RC"
    expect_eq "forbidden: message" "$forbidden" "$ERR"
    run k get --raw /version
    expect_eq "forbidden: discovery still answers" 0 "$RC"

    fault '{"mode":"forbidden","methods":["PATCH"],"user":"jane"}'
    run k --namespace=deis scale --replicas=2 deployment/deis-router
    expect_eq "forbidden patch only: scale message" \
        'Error from server (Forbidden): deployments.apps "deis-router" is forbidden: User "jane" cannot patch resource "deployments/scale" in API group "apps" in the namespace "deis"' "$ERR"

    fault '{"mode":"malformed","paths":["/api/v1/nodes"]}'
    run raw /api/v1/nodes
    expect_eq "malformed: get --raw exits 0" 0 "$RC"
    expect_contains "malformed: truncated body" "$OUT" '{"kind":"NodeList"'
    if python3 -c 'import json,sys; json.loads(sys.argv[1])' "$OUT" 2>/dev/null; then
        fail "malformed: body is not valid JSON" "it parsed"
    else
        pass "malformed: body is not valid JSON"
    fi
    run raw /apis/deckhouse.io/v1alpha1/moduleconfigs
    expect_eq "malformed: other paths unaffected" 0 "$RC"

    fault '{"mode":"error500"}'
    run k get no
    expect_eq "error500: exit 1" 1 "$RC"
    expect_contains "error500: message" "$ERR" "Error from server (InternalError)"

    fault '{"mode":"hang"}'
    local start=$SECONDS
    run timeout 3 "$KUBECTL" --kubeconfig "$WORK/kubeconfig" --context test --cache-dir "$WORK/cache" \
        get --raw /api/v1/nodes
    expect_eq "hang: kubectl hits the timeout" 124 "$RC"
    run raw /version
    expect_eq "hang: /version still answers" 0 "$RC"
    # A hung request completes once the fault is lifted.
    (sleep 1; fault '{"mode":"none"}') &
    local lifter=$!
    run raw /api/v1/nodes
    wait "$lifter"   # not a bare `wait`: the server is a background job too
    expect_eq "hang: released when the mode changes" "NodeList" "$(jpy 'd["kind"]' <<<"$OUT")"
    expect_eq "hang test took < 10 s" 1 "$(( SECONDS - start < 10 ))"
    fault '{"mode":"none"}'
}

test_served_groups() {
    # Model a cluster without RBAC; a fresh cache dir so kubectl re-discovers.
    ctl GET /_control/state | jpy 'json.dumps({**d, "servedGroups": ["apps", "autoscaling", "deckhouse.io"]})' \
        >"$WORK/norbac.json"
    ctl POST /_control/state "@$WORK/norbac.json" >/dev/null
    CACHE="$WORK/cache-norbac" run k api-versions
    expect_not_contains "servedGroups hides rbac" "$OUT" "rbac.authorization.k8s.io"
    expect_contains "servedGroups keeps apps" "$OUT" "apps/v1"
    run raw /apis/rbac.authorization.k8s.io/v1/roles
    expect_eq "unserved group answers 404" 1 "$RC"
}

test_control_and_robustness() {
    local code
    code=$(curl -s -o "$WORK/body" -w '%{http_code}' "http://127.0.0.1:$PORT/no/such/path")
    expect_eq "unknown path: 404" 404 "$code"
    expect_eq "unknown path: Status JSON" "Status NotFound" "$(jpy 'd["kind"] + " " + d["reason"]' <"$WORK/body")"

    code=$(curl -s -o "$WORK/body" -w '%{http_code}' -X PATCH -H 'Content-Type: application/merge-patch+json' \
        --data '{not json' "http://127.0.0.1:$PORT$DEPLOYS/deis-router")
    expect_eq "bad patch body: 400" 400 "$code"
    code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "http://127.0.0.1:$PORT$DEPLOYS/deis-router")
    expect_eq "DELETE: 405" 405 "$code"
    printf 'GARBAGE\r\n\r\n' | timeout 2 python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1]))); s.sendall(sys.stdin.buffer.read()); s.recv(100)' "$PORT"
    expect_eq "garbage request: server still answers" 0 "$(raw /version >/dev/null; echo $?)"

    # The request log is bounded to the last 2000 entries.
    python3 -c '
import sys, urllib.request
for _ in range(2100):
    urllib.request.urlopen("http://127.0.0.1:%s/version" % sys.argv[1]).read()' "$PORT"
    expect_eq "request log bounded" 2000 "$(ctl GET /_control/requests | jpy 'len(d)')"
    ctl POST /_control/reset-requests >/dev/null
    expect_eq "reset-requests empties the log" 0 "$(ctl GET /_control/requests | jpy 'len(d)')"

    # SIGTERM ends the server even while a request hangs.
    fault '{"mode":"hang"}'
    curl -s -m 10 "http://127.0.0.1:$PORT/api/v1/nodes" >/dev/null &
    local curl_pid=$! start=$SECONDS
    sleep 0.3
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID"
    expect_eq "SIGTERM: clean exit" 0 "$?"
    expect_eq "SIGTERM: prompt" 1 "$(( SECONDS - start < 3 ))"
    wait "$curl_pid" 2>/dev/null
    SERVER_PID=""
}

# --- the second server: a cluster with workers, budgets and a CronJob ----------------------

write_cluster_state() {
    cat >"$WORK/cluster.json" <<'EOF'
{"objects": {
  "/api/v1/nodes": [
    {"metadata": {"name": "w1", "uid": "node-w1", "labels": {"kubernetes.io/hostname": "w1", "node.deckhouse.io/group": "worker"}},
     "spec": {}, "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}]}},
    {"metadata": {"name": "w2", "uid": "node-w2", "labels": {"kubernetes.io/hostname": "w2", "node.deckhouse.io/group": "worker"}},
     "spec": {}, "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}]}},
    {"metadata": {"name": "w3", "uid": "node-w3", "labels": {"kubernetes.io/hostname": "w3", "node.deckhouse.io/group": "worker"}},
     "spec": {}, "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}]}}
  ],
  "/apis/apps/v1/namespaces/web/deployments": [
    {"metadata": {"name": "shop", "uid": "deploy-shop", "generation": 1},
     "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "shop"}},
              "template": {"metadata": {"labels": {"app": "shop"}}, "spec": {"containers": [{"name": "shop", "image": "shop:1"}]}}},
     "status": {"replicas": 2, "readyReplicas": 2, "availableReplicas": 2, "updatedReplicas": 2, "observedGeneration": 1}},
    {"metadata": {"name": "solo", "uid": "deploy-solo", "generation": 1},
     "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "solo"}},
              "template": {"metadata": {"labels": {"app": "solo"}}, "spec": {"containers": [{"name": "solo", "image": "solo:1"}]}}},
     "status": {"replicas": 1, "readyReplicas": 1, "availableReplicas": 1, "updatedReplicas": 1, "observedGeneration": 1}}
  ],
  "/api/v1/namespaces/web/pods": [
    {"metadata": {"name": "shop-6f7c8d9b5-aaaaa", "uid": "pod-shop-a", "labels": {"app": "shop", "pod-template-hash": "6f7c8d9b5"},
                  "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "shop-6f7c8d9b5", "uid": "rs-shop", "controller": true, "blockOwnerDeletion": true}]},
     "spec": {"nodeName": "w1", "containers": [{"name": "shop", "image": "shop:1"}], "volumes": [{"name": "cache", "emptyDir": {}}]},
     "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}},
    {"metadata": {"name": "shop-6f7c8d9b5-bbbbb", "uid": "pod-shop-b", "labels": {"app": "shop", "pod-template-hash": "6f7c8d9b5"},
                  "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "shop-6f7c8d9b5", "uid": "rs-shop", "controller": true, "blockOwnerDeletion": true}]},
     "spec": {"nodeName": "w2", "containers": [{"name": "shop", "image": "shop:1"}]},
     "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}},
    {"metadata": {"name": "solo-5d6e7f8a9-ccccc", "uid": "pod-solo", "labels": {"app": "solo", "pod-template-hash": "5d6e7f8a9"},
                  "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "solo-5d6e7f8a9", "uid": "rs-solo", "controller": true, "blockOwnerDeletion": true}]},
     "spec": {"nodeName": "w2", "containers": [{"name": "solo", "image": "solo:1"}]},
     "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}
  ],
  "/apis/policy/v1/namespaces/web/poddisruptionbudgets": [
    {"metadata": {"name": "shop", "generation": 1}, "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "shop"}}}},
    {"metadata": {"name": "solo", "generation": 1}, "spec": {"maxUnavailable": 0, "selector": {"matchLabels": {"app": "solo"}}}}
  ],
  "/apis/apps/v1/namespaces/kube-system/daemonsets": [
    {"metadata": {"name": "node-agent", "uid": "ds-agent"},
     "spec": {"selector": {"matchLabels": {"app": "node-agent"}},
              "template": {"metadata": {"labels": {"app": "node-agent"}}, "spec": {"containers": [{"name": "agent", "image": "agent:1"}]}}},
     "status": {"desiredNumberScheduled": 1, "currentNumberScheduled": 1, "numberReady": 1}}
  ],
  "/api/v1/namespaces/kube-system/pods": [
    {"metadata": {"name": "node-agent-q7x2k", "uid": "pod-agent", "labels": {"app": "node-agent"},
                  "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "node-agent", "uid": "ds-agent", "controller": true, "blockOwnerDeletion": true}]},
     "spec": {"nodeName": "w1", "containers": [{"name": "agent", "image": "agent:1"}]},
     "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}
  ],
  "/apis/batch/v1/namespaces/kube-system/cronjobs": [
    {"metadata": {"name": "d8-etcd-backup-3f1a", "uid": "cj-etcd-backup"},
     "spec": {"schedule": "0 0 * * *",
              "jobTemplate": {"metadata": {"labels": {"app": "etcd-backup"}},
                              "spec": {"backoffLimit": 2, "template": {"metadata": {"labels": {"app": "etcd-backup"}},
                                       "spec": {"restartPolicy": "OnFailure",
                                                "containers": [{"name": "backup", "image": "registry.deckhouse.io/etcd:3.5",
                                                                "command": ["/bin/sh", "-c", "etcdctl snapshot save /var/lib/etcd/etcd-backup.snapshot"]}]}}}}}}
  ],
  "/apis/deckhouse.io/v1alpha1/nodegroups": [
    {"metadata": {"name": "worker"}, "spec": {"nodeType": "Static"}, "status": {"ready": 3, "nodes": 3}}
  ],
  "/apis/deckhouse.io/v1/ingressnginxcontrollers": [
    {"metadata": {"name": "main"}, "spec": {"inlet": "HostWithFailover", "ingressClass": "nginx"}}
  ]
}}
EOF
}

NODES=/api/v1/nodes
WEB_PODS=/api/v1/namespaces/web/pods
PDBS=/apis/policy/v1/namespaces/web/poddisruptionbudgets
JOBS=/apis/batch/v1/namespaces/kube-system/jobs
node_cond() { raw "$NODES/$1" | jpy '[c["status"] for c in d["status"]["conditions"] if c["type"] == "Ready"][0]'; }
pods_on() { raw "$WEB_PODS?fieldSelector=spec.nodeName%3D$1" | jpy '" ".join(sorted(p["metadata"]["name"] for p in d["items"]))'; }
writes() { ctl GET '/_control/requests?writes=1' | jpy "$1"; }

test_versions() {
    run k api-versions
    local v
    for v in deckhouse.io/v1 deckhouse.io/v1alpha2 deckhouse.io/v1alpha1 batch/v1 policy/v1; do
        expect_contains "api-versions lists $v" "$OUT" "$v"
    done
    expect_eq "deckhouse.io: versions by priority, v1 preferred" "v1 v1alpha2 v1alpha1 / v1" \
        "$(raw /apis/deckhouse.io | jpy '" ".join(v["version"] for v in d["versions"]) + " / " + d["preferredVersion"]["version"]')"
    expect_eq "v1alpha2 serves only nodegroups" "nodegroups nodegroups/status" \
        "$(raw /apis/deckhouse.io/v1alpha2 | jpy '" ".join(r["name"] for r in d["resources"])')"
    expect_eq "ModuleConfig, DeckhouseRelease, CustomAlertmanager at v1alpha1" \
        "customalertmanagers deckhousereleases ingressnginxcontrollers moduleconfigs nodegroups" \
        "$(raw /apis/deckhouse.io/v1alpha1 | jpy '" ".join(sorted(r["name"] for r in d["resources"] if "/" not in r["name"]))')"
    local v1 v1a1 v1a2
    v1=$(raw /apis/deckhouse.io/v1/nodegroups/worker)
    v1a1=$(raw /apis/deckhouse.io/v1alpha1/nodegroups/worker)
    v1a2=$(raw /apis/deckhouse.io/v1alpha2/nodegroups)
    expect_eq "one NodeGroup under every version, only apiVersion differs" \
        "deckhouse.io/v1 deckhouse.io/v1alpha1 deckhouse.io/v1alpha2 True" \
        "$(python3 -c 'import json,sys; a,b,c=[json.loads(x) for x in sys.argv[1:]]; c=c["items"][0]; print(a["apiVersion"], b["apiVersion"], c["apiVersion"], all({k:v for k,v in o.items() if k!="apiVersion"}=={k:v for k,v in a.items() if k!="apiVersion"} for o in (b,c)))' "$v1" "$v1a1" "$v1a2")"
    expect_eq "kubectl get ng resolves to the preferred version" "deckhouse.io/v1 Static" \
        "$(k get ng worker -o jsonpath='{.apiVersion} {.spec.nodeType}')"
    expect_eq "IngressNginxController at v1 and v1alpha1" "deckhouse.io/v1 deckhouse.io/v1alpha1" \
        "$(raw /apis/deckhouse.io/v1/ingressnginxcontrollers | jpy 'd["items"][0]["apiVersion"]') $(raw /apis/deckhouse.io/v1alpha1/ingressnginxcontrollers | jpy 'd["items"][0]["apiVersion"]')"
    expect_eq "pods/eviction in /api/v1 (policy/v1 Eviction, create)" "policy v1 Eviction ['create']" \
        "$(raw /api/v1 | jpy '[" ".join([r["group"], r["version"], r["kind"], str(r["verbs"])]) for r in d["resources"] if r["name"] == "pods/eviction"][0]')"
    run raw /apis/deckhouse.io/v1alpha1/ingressnginxcontrollers
    expect_not_contains "deprecation warning off by default" "$ERR" "deprecated"
    ctl POST /_control/warnings '{"deprecation":true}' >/dev/null
    run raw /apis/deckhouse.io/v1alpha1/ingressnginxcontrollers
    expect_eq "deprecation warning when enabled (kubectl prints it)" \
        "Warning: v1alpha1 is deprecated, please use deckhouse.io/v1 instead" "$ERR"
    ctl POST /_control/warnings '{"deprecation":false}' >/dev/null
}

test_watch() {
    ctl POST /_control/watch-config '{"bookmarkIntervalSeconds":0.3}' >/dev/null
    local rv start
    rv=$(list_rv $NODES)
    watch_bg live "$NODES?watch=1&resourceVersion=$rv&allowWatchBookmarks=true"
    local live=$WATCH_PID
    wait_until 10 watches_are 1
    expect_eq "watch stream open" 1 "$(open_watches)"
    ctl POST /_control/node-ready '{"name":"w2","status":"False"}' >/dev/null
    wait_until 10 has_event "$WORK/live.out" 'any(e["type"] == "MODIFIED" and e["object"]["metadata"]["name"] == "w2" for e in ev)'
    # Line by line through the real kubectl: the event is printed while the stream is still open.
    if alive "$live" && has_event "$WORK/live.out" 'any(e["type"] == "MODIFIED" for e in ev)'; then
        pass "kubectl prints the event while the stream is open"
    else
        fail "kubectl prints the event while the stream is open" "$(cat "$WORK/live.out" "$WORK/live.err")"
    fi
    expect_eq "MODIFIED carries the new Ready status and a newer resourceVersion" "False True" \
        "$(events "$WORK/live.out" '" ".join([[c["status"] for c in e["object"]["status"]["conditions"] if c["type"] == "Ready"][0] + " " + str(int(e["object"]["metadata"]["resourceVersion"]) > '"$rv"') for e in ev if e["type"] == "MODIFIED"][:1])')"
    wait_until 10 has_event "$WORK/live.out" 'any(e["type"] == "BOOKMARK" for e in ev)'
    expect_eq "bookmark: kind, apiVersion, only the resourceVersion" "Node v1 ['creationTimestamp', 'resourceVersion']" \
        "$(events "$WORK/live.out" '[" ".join([e["object"]["kind"], e["object"]["apiVersion"], str(sorted(e["object"]["metadata"]))]) for e in ev if e["type"] == "BOOKMARK"][0]')"
    expect_eq "bookmark resourceVersion is the current one" "$(ctl GET /_control/resource-version | jpy 'd["resourceVersion"]')" \
        "$(events "$WORK/live.out" '[e["object"]["metadata"]["resourceVersion"] for e in ev if e["type"] == "BOOKMARK"][-1]')"
    run ctl POST /_control/close-watches '{"mode":"abort"}'
    expect_eq "close-watches closed the stream" "1 0" "$(jpy 'str(d["closed"]) + " " + str(d["open"])' <<<"$OUT")"
    wait_until 10 finished live
    expect_eq "a broken stream: kubectl sees it cut off" "1 error: unexpected EOF" "$(cat "$WORK/live.rc") $(cat "$WORK/live.err")"

    # Resume from the same resourceVersion: the change is replayed from the history.
    watch_bg replay "$NODES?watch=1&resourceVersion=$rv&timeoutSeconds=1"
    wait_until 10 finished replay
    expect_eq "replay from resourceVersion, then timeoutSeconds ends it cleanly" "0 MODIFIED:w2" \
        "$(cat "$WORK/replay.rc") $(events "$WORK/replay.out" '",".join(e["type"] + ":" + e["object"]["metadata"]["name"] for e in ev)')"

    watch_bg initial "$NODES?watch=1&resourceVersion=0&timeoutSeconds=1"
    wait_until 10 finished initial
    expect_eq "resourceVersion=0: synthetic ADDED for every node" "ADDED:w1,ADDED:w2,ADDED:w3" \
        "$(events "$WORK/initial.out" '",".join(e["type"] + ":" + e["object"]["metadata"]["name"] for e in ev)')"

    rv=$(list_rv $NODES)
    watch_bg sel "$NODES?watch=1&resourceVersion=$rv&fieldSelector=metadata.name%3Dw1&labelSelector=node.deckhouse.io%2Fgroup%3Dworker"
    local sel=$WATCH_PID
    wait_until 10 watches_are 1
    ctl POST /_control/node-ready '{"name":"w2","status":"True"}' >/dev/null
    ctl POST /_control/node-ready '{"name":"w1","status":"Unknown"}' >/dev/null
    ctl POST /_control/add-node '{"name":"w4"}' >/dev/null
    ctl POST /_control/remove-node '{"name":"w4"}' >/dev/null
    # Relabel w1 out of the selector: the watcher sees it as DELETED, with the object as it was
    # before the change (cacheWatcher.convertToWatchEvent).
    k label node w1 node.deckhouse.io/group=other --overwrite >/dev/null
    wait_until 10 has_event "$WORK/sel.out" 'len(ev) >= 2'
    ctl POST /_control/close-watches '{"mode":"end"}' >/dev/null
    wait_until 10 finished sel
    expect_eq "selectors: only w1, Unknown, then DELETED (previous content) when it stops matching; clean end" "0 MODIFIED:Unknown,DELETED:worker" \
        "$(cat "$WORK/sel.rc") $(events "$WORK/sel.out" '",".join(e["type"] + ":" + ([c["status"] for c in e["object"]["status"]["conditions"] if c["type"] == "Ready"][0] if e["type"] == "MODIFIED" else e["object"]["metadata"]["labels"]["node.deckhouse.io/group"]) for e in ev)')"
    k label node w1 node.deckhouse.io/group=worker --overwrite >/dev/null
    ctl POST /_control/node-ready '{"name":"w1","status":"True"}' >/dev/null

    rv=$(list_rv $NODES)
    watch_bg nodes "$NODES?watch=1&resourceVersion=$rv"
    ctl POST /_control/add-node '{"name":"w4"}' >/dev/null
    ctl POST /_control/remove-node '{"name":"w4"}' >/dev/null
    collect nodes 2
    expect_eq "add-node / remove-node: ADDED then DELETED" "ADDED:w4,DELETED:w4" \
        "$(events "$WORK/nodes.out" '",".join(e["type"] + ":" + e["object"]["metadata"]["name"] for e in ev)')"

    rv=$(list_rv /apis/apps/v1/namespaces/web/deployments)
    watch_bg deploy "/apis/apps/v1/namespaces/web/deployments?watch=1&resourceVersion=$rv"
    ctl POST /_control/deployment-ready '{"namespace":"web","name":"shop","readyReplicas":1}' >/dev/null
    ctl POST /_control/deployment-ready '{"namespace":"web","name":"shop","readyReplicas":2}' >/dev/null
    collect deploy 2
    expect_eq "deployment-ready: MODIFIED with the ready counts" "shop:1:1,shop:2:" \
        "$(events "$WORK/deploy.out" '",".join(e["object"]["metadata"]["name"] + ":" + str(e["object"]["status"]["readyReplicas"]) + ":" + str(e["object"]["status"].get("unavailableReplicas", "")) for e in ev)')"

    # Replacing the whole state: the diff reaches watchers as events.
    rv=$(list_rv $NODES)
    watch_bg swap "$NODES?watch=1&resourceVersion=$rv"
    ctl GET /_control/state | jpy 'json.dumps({**d, "objects": {**d["objects"], "/api/v1/nodes": [n for n in d["objects"]["/api/v1/nodes"] if n["metadata"]["name"] != "w3"] + [{"metadata": {"name": "w5"}}]}})' >"$WORK/swap.json"
    ctl POST /_control/state "@$WORK/swap.json" >/dev/null
    collect swap 2
    expect_eq "replace-state: ADDED and DELETED by key, unchanged nodes silent" "ADDED:w5,DELETED:w3" \
        "$(events "$WORK/swap.out" '",".join(sorted(e["type"] + ":" + e["object"]["metadata"]["name"] for e in ev))')"
    ctl POST /_control/state "@$WORK/cluster-now.json" >/dev/null   # back as it was (w3 ADDED again)

    # Too old: after the history is expired, the old resourceVersion answers 410 in the stream.
    rv=$(list_rv $NODES)
    ctl POST /_control/node-ready '{"name":"w2","status":"True","message":"bump"}' >/dev/null
    local now
    now=$(ctl POST /_control/expire-history | jpy 'd["oldestResourceVersion"]')
    run k get --raw "$NODES?watch=1&resourceVersion=$rv"
    expect_eq "410: kubectl exits 0, the stream has one ERROR event" "0 1" "$RC $(wc -l <<<"$OUT")"
    expect_eq "410: Status Expired with the apiserver's message" \
        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: $rv ($now)\",\"reason\":\"Expired\",\"code\":410}}" "$OUT"
    run k get --raw "$NODES?watch=1&resourceVersion=$now&timeoutSeconds=1"
    expect_eq "the current resourceVersion still watches" "0 " "$RC $OUT"

    # kubectl get -w: a Table watch; the change shows up as a new row.
    ( timeout 20 "$KUBECTL" --kubeconfig "$WORK/kubeconfig" --context test --cache-dir "$WORK/cache" \
        get nodes -w >"$WORK/getw.out" 2>&1 ) &
    local getw=$!
    wait_until 10 watches_are 1
    ctl POST /_control/node-ready '{"name":"w3","status":"False"}' >/dev/null
    wait_until 10 grep -q 'w3 .*NotReady' "$WORK/getw.out"
    expect_contains "kubectl get nodes -w prints the flip" "$(cat "$WORK/getw.out")" "NotReady"
    kill "$getw" 2>/dev/null; wait "$getw" 2>/dev/null
    wait_until 10 watches_are 0
    expect_eq "a client that goes away leaves no stream open" 0 "$(open_watches)"
    ctl POST /_control/node-ready '{"name":"w3","status":"True"}' >/dev/null
}

test_bytes() {
    ctl POST /_control/reset-bytes >/dev/null
    local body
    raw $NODES >"$WORK/nodes.json"
    body=$(wc -c <"$WORK/nodes.json")
    expect_eq "bytes: a list counts its body" "$body" "$(ctl GET /_control/bytes | jpy 'd["byPath"]["/api/v1/nodes"]["body"]')"
    watch_bg bytes "$NODES?watch=1&resourceVersion=0&timeoutSeconds=1"
    wait_until 10 finished bytes
    expect_eq "bytes: streamed events count too" "$(( body + $(wc -c <"$WORK/bytes.out") ))" \
        "$(ctl GET /_control/bytes | jpy 'd["byPath"]["/api/v1/nodes"]["body"]')"
    expect_eq "bytes: per prefix, and wire >= body" "True True" \
        "$(ctl GET '/_control/bytes?prefix=/api/v1/nodes&prefix=/apis' | jpy 'str(d["byPrefix"]["/api/v1/nodes"]["body"] == d["byPath"]["/api/v1/nodes"]["body"]) + " " + str(d["wire"] >= d["body"])')"
    ctl POST /_control/reset-bytes >/dev/null
    expect_eq "bytes: reset" 0 "$(ctl GET /_control/bytes | jpy 'd["body"]')"
}

test_cordon_drain() {
    ctl POST /_control/reset-requests >/dev/null
    run k cordon w1
    expect_eq "cordon output" "node/w1 cordoned" "$OUT"
    expect_eq "cordon: one strategic merge PATCH of spec.unschedulable" \
        "[('PATCH', '/api/v1/nodes/w1', 'application/strategic-merge-patch+json', '{\"spec\":{\"unschedulable\":true}}')]" \
        "$(writes '[(r["method"], r["path"], r["contentType"], r["body"]) for r in d]')"
    expect_eq "cordoned node is unschedulable" "True" "$(raw $NODES/w1 | jpy 'd["spec"]["unschedulable"]')"
    run k uncordon w1
    expect_eq "uncordon output" "node/w1 uncordoned" "$OUT"
    expect_eq "uncordon removes spec.unschedulable" "None" "$(raw $NODES/w1 | jpy 'd["spec"].get("unschedulable")')"

    expect_eq "PDBs listed with computed status" "shop:1:2:1 solo:0:1:1" \
        "$(raw $PDBS | jpy '" ".join(p["metadata"]["name"] + ":" + ":".join(str(p["status"][k]) for k in ("disruptionsAllowed", "currentHealthy", "desiredHealthy")) for p in d["items"])')"

    # Server dry run: everything is checked, nothing changes, every write says dryRun.
    local before
    before=$(ctl GET /_control/state)
    ctl POST /_control/reset-requests >/dev/null
    run k drain w1 --ignore-daemonsets --delete-emptydir-data --dry-run=server --timeout=20s
    expect_eq "drain --dry-run=server exits 0" 0 "$RC"
    expect_contains "drain dry run: eviction" "$OUT" "evicting pod web/shop-6f7c8d9b5-aaaaa (server dry run)"
    expect_contains "drain dry run: drained" "$OUT" "node/w1 drained (server dry run)"
    expect_eq "drain dry run changes nothing" "$before" "$(ctl GET /_control/state)"
    expect_eq "drain dry run: every write is a dry run (PATCH dryRun=All, Eviction deleteOptions.dryRun)" \
        "PATCH:True POST:True" "$(writes '" ".join(r["method"] + ":" + str(r["dryRun"]) for r in d)')"

    ctl POST /_control/reset-requests >/dev/null
    run k drain w1 --ignore-daemonsets --delete-emptydir-data --timeout=20s
    expect_eq "drain exits 0" 0 "$RC"
    expect_contains "drain evicts the shop pod" "$OUT" "pod/shop-6f7c8d9b5-aaaaa evicted"
    expect_contains "drain ends drained" "$OUT" "node/w1 drained"
    expect_contains "drain skips the DaemonSet pod" "$ERR" "ignoring DaemonSet-managed Pods: kube-system/node-agent-q7x2k"
    expect_eq "drain's requests: node, pods on it, the DaemonSet, the eviction" \
        "GET /api/v1/nodes/w1|PATCH /api/v1/nodes/w1|GET /api/v1/pods fieldSelector=spec.nodeName%3Dw1&limit=500|GET /apis/apps/v1/namespaces/kube-system/daemonsets/node-agent|POST /api/v1/namespaces/web/pods/shop-6f7c8d9b5-aaaaa/eviction|GET /api/v1/namespaces/web/pods/shop-6f7c8d9b5-aaaaa" \
        "$(ctl GET /_control/requests | jpy '"|".join(r["method"] + " " + r["path"] + (" " + r["query"] if r["query"] else "") for r in d if r["path"] not in ("/version", "/api/v1", "/api", "/apis"))')"
    expect_eq "eviction body is a policy/v1 Eviction; answered 201" "Eviction policy/v1 201" \
        "$(writes '[" ".join([json.loads(r["body"])["kind"], json.loads(r["body"])["apiVersion"], str(r["code"])]) for r in d if r["method"] == "POST"][0]')"
    expect_eq "evicted pod gone, DaemonSet pod stays on w1" "node-agent-q7x2k" "$(pods_on w1)$(raw "/api/v1/namespaces/kube-system/pods?fieldSelector=spec.nodeName%3Dw1" | jpy '" ".join(p["metadata"]["name"] for p in d["items"])')"
    expect_eq "replacement pod on a Ready, schedulable node (never the cordoned one)" "2 w3" \
        "$(raw "$WEB_PODS?labelSelector=app%3Dshop" | jpy 'str(len(d["items"])) + " " + ",".join(p["spec"]["nodeName"] for p in d["items"] if p["metadata"]["name"] not in ("shop-6f7c8d9b5-bbbbb",))')"

    # A budget that allows nothing: 429, kubectl retries every 5 s until its --timeout.
    run curl -s -o "$WORK/evict.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data '{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"solo-5d6e7f8a9-ccccc","namespace":"web"}}' \
        "http://127.0.0.1:$PORT$WEB_PODS/solo-5d6e7f8a9-ccccc/eviction"
    expect_eq "PDB violated: 429 TooManyRequests with the apiserver's message and cause" \
        "429 TooManyRequests Cannot evict pod as it would violate the pod's disruption budget. DisruptionBudget:The disruption budget solo needs 1 healthy pods and has 1 currently" \
        "$OUT $(jpy 'd["reason"] + " " + d["message"] + " " + d["details"]["causes"][0]["reason"] + ":" + d["details"]["causes"][0]["message"]' <"$WORK/evict.json")"
    local start=$SECONDS
    run k drain w2 --ignore-daemonsets --delete-emptydir-data --timeout=2s
    expect_eq "drain blocked by a PDB exits 1" 1 "$RC"
    expect_contains "drain reports the budget and retries" "$ERR" "error when evicting pods/\"solo-5d6e7f8a9-ccccc\" -n \"web\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."
    expect_contains "drain gives up at its timeout" "$ERR" "global timeout reached: 2s"
    expect_eq "blocked drain took < 15 s" 1 "$(( SECONDS - start < 15 ))"
    expect_eq "the protected pod is still there" "solo-5d6e7f8a9-ccccc" "$(raw "$WEB_PODS?labelSelector=app%3Dsolo" | jpy '" ".join(p["metadata"]["name"] for p in d["items"])')"

    run curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data '{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"nope"}}' "http://127.0.0.1:$PORT$WEB_PODS/nope/eviction"
    expect_eq "eviction of a missing pod: 404" 404 "$OUT"

    run k uncordon w1
    expect_eq "uncordon after drain" "node/w1 uncordoned" "$OUT"
    run k uncordon w2
    expect_eq "uncordon w2" "node/w2 uncordoned" "$OUT"
}

job_status() { raw "$JOBS/$1" | jpy "$2"; }
job_done() { [[ "$(job_status "$1" '" ".join(c["type"] for c in d["status"].get("conditions", []) if c["status"] == "True")')" == *"$2"* ]]; }

test_create_job() {
    ctl POST /_control/reset-requests >/dev/null
    run k create job manual-1 --from=cronjob/d8-etcd-backup-3f1a -n kube-system --dry-run=server
    expect_eq "create job dry run output" "job.batch/manual-1 created (server dry run)" "$OUT"
    expect_eq "create job dry run stores nothing" 0 "$(raw $JOBS | jpy 'len(d["items"])')"
    expect_eq "kubectl sends the Job as protobuf, dryRun=All" \
        "POST application/vnd.kubernetes.protobuf True" "$(writes '" ".join([d[0]["method"], d[0]["contentType"], str(d[0]["dryRun"])])')"

    local rv
    rv=$(list_rv $JOBS)
    watch_bg jobs "$JOBS?watch=1&resourceVersion=$rv"
    ctl POST /_control/jobs '{"delaySeconds":0.3,"outcome":"complete"}' >/dev/null
    run k create job manual-1 --from=cronjob/d8-etcd-backup-3f1a -n kube-system
    expect_eq "create job output" "job.batch/manual-1 created" "$OUT"
    expect_eq "the job is owned by the CronJob and runs its template" \
        "CronJob d8-etcd-backup-3f1a cj-etcd-backup True manual registry.deckhouse.io/etcd:3.5 OnFailure" \
        "$(job_status manual-1 '" ".join(str(x) for x in [d["metadata"]["ownerReferences"][0]["kind"], d["metadata"]["ownerReferences"][0]["name"], d["metadata"]["ownerReferences"][0]["uid"], d["metadata"]["ownerReferences"][0]["controller"], d["metadata"]["annotations"]["cronjob.kubernetes.io/instantiate"], d["spec"]["template"]["spec"]["containers"][0]["image"], d["spec"]["template"]["spec"]["restartPolicy"]])')"
    wait_until 10 job_done manual-1 Complete
    expect_eq "job completes: succeeded=1, completionTime, Complete" "1 True SuccessCriteriaMet Complete" \
        "$(job_status manual-1 'str(d["status"]["succeeded"]) + " " + str(bool(d["status"].get("completionTime"))) + " " + " ".join(c["type"] for c in d["status"]["conditions"])')"
    collect jobs 3
    expect_eq "job events: ADDED, MODIFIED (active), MODIFIED (complete)" "ADDED:-,MODIFIED:1,MODIFIED:-" \
        "$(events "$WORK/jobs.out" '",".join(e["type"] + ":" + str(e["object"]["status"].get("active", "-")) for e in ev)')"

    run k create job manual-1 --from=cronjob/d8-etcd-backup-3f1a -n kube-system
    expect_eq "creating it again: AlreadyExists" "1 error: failed to create job: jobs.batch \"manual-1\" already exists" "$RC $ERR"

    ctl POST /_control/jobs '{"delaySeconds":0.2,"outcome":"fail"}' >/dev/null
    run k create job manual-2 --from=cronjob/d8-etcd-backup-3f1a -n kube-system
    wait_until 10 job_done manual-2 Failed
    expect_eq "failing job: failed = backoffLimit + 1, FailureTarget then Failed" "3 FailureTarget:BackoffLimitExceeded Failed:BackoffLimitExceeded" \
        "$(job_status manual-2 'str(d["status"]["failed"]) + " " + " ".join(c["type"] + ":" + c["reason"] for c in d["status"]["conditions"])')"
    ctl POST /_control/jobs '{"delaySeconds":0.5,"outcome":"complete"}' >/dev/null
}

test_write_log() {
    ctl POST /_control/reset-requests >/dev/null
    k get nodes >/dev/null
    raw /apis/deckhouse.io/v1/nodegroups >/dev/null
    k get --raw "$NODES?watch=1&resourceVersion=0&timeoutSeconds=1" >/dev/null
    expect_eq "reads only: no write in the log" "[]" "$(ctl GET '/_control/requests?writes=1')"
    expect_eq "watch requests are flagged" "True" "$(ctl GET /_control/requests | jpy 'any(r["watch"] for r in d)')"
    k -n web scale deploy shop --replicas=3 --dry-run=server >/dev/null
    k patch mc deckhouse --type=merge -p '{"spec":{}}' --dry-run=server >/dev/null 2>&1
    expect_eq "dry runs only: every write is dryRun" "True" "$(writes 'bool(d) and all(r["dryRun"] for r in d)')"
    k -n web scale deploy shop --replicas=2 >/dev/null
    expect_eq "a real write is logged as a stored write" "PATCH /apis/apps/v1/namespaces/web/deployments/shop/scale False 200" \
        "$(writes '" ".join([d[-1]["method"], d[-1]["path"], str(d[-1]["dryRun"]), str(d[-1]["code"])])')"
}

test_stop_with_streams() {
    watch_bg s1 "$NODES?watch=1&allowWatchBookmarks=true"
    watch_bg s2 "/apis/batch/v1/jobs?watch=1"
    wait_until 10 watches_are 2
    local start=$SECONDS
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID"
    expect_eq "SIGTERM with open watch streams: clean exit" 0 "$?"
    SERVER_PID=""
    wait_until 10 finished s1
    wait_until 10 finished s2
    expect_eq "SIGTERM: streams end and the server exits promptly" "1 0 0" \
        "$(( SECONDS - start < 3 )) $(cat "$WORK/s1.rc") $(cat "$WORK/s2.rc")"
}

main() {
    command -v "$KUBECTL" >/dev/null || { echo "kubectl not found"; exit 1; }
    local began=$SECONDS
    echo "kubectl: $("$KUBECTL" version --client 2>/dev/null | head -1)"
    write_state
    start_server
    test_startup
    test_reads
    test_scale
    test_set_env
    test_patch
    test_faults
    test_served_groups
    test_control_and_robustness

    write_cluster_state
    STATE="$WORK/cluster.json" start_server
    CACHE="$WORK/cache-cluster"
    ctl GET /_control/state >"$WORK/cluster-now.json"
    test_versions
    test_watch
    test_bytes
    test_cordon_drain
    test_create_job
    test_write_log
    test_stop_with_streams
    echo
    echo "passed: $PASSED, failed: $FAILED ($(( SECONDS - began )) s)"
    if (( FAILED > 0 )); then
        echo "--- server log"; cat "$WORK/server.log"
        exit 1
    fi
}

main "$@"
