#!/usr/bin/env bash
# Self-test of kube_api_server.py against the real kubectl.
#
# Starts the server on a free loopback port with a small Deis Workflow + Deckhouse state, drives it
# with kubectl (discovery, reads, scale, set env, patch, dry runs, faults) and checks both what
# kubectl prints and what the server then holds. Every run uses its own temp dir and kubectl
# --cache-dir, so a discovery cache from another run can never answer for this server.
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

start_server() {   # extra server args...
    rm -f "$WORK/port"
    python3 "$SERVER" --state "$WORK/state.json" --port 0 --port-file "$WORK/port" \
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

main() {
    command -v "$KUBECTL" >/dev/null || { echo "kubectl not found"; exit 1; }
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
    echo
    echo "passed: $PASSED, failed: $FAILED"
    if (( FAILED > 0 )); then
        echo "--- server log"; cat "$WORK/server.log"
        exit 1
    fi
}

main "$@"
