#!/usr/bin/env bash
# Smoke test of the Deis v1 lab, at shell level: builds the tools, starts a 3-machine lab,
# installs, starts and scales the Deis platform with the real deisctl, checks the routers with
# the real fleetctl, kills one fleetd and waits (polling, with a deadline) for list-machines to
# drop it, stops the lab and checks that no lab process remains. Exits non-zero on any failure.
# Usage: Tests/Support/deis1-lab/selftest.sh   (as root)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
lab=$here/lab.py

now_ms() { date +%s%3N; }
started=$(now_ms)
step_started=$started
say() { echo "selftest: $*"; }
fail() { echo "selftest: FAIL: $*" >&2; exit 1; }
step() {
    local t
    t=$(now_ms)
    say "$(printf '%-32s %6.1f s' "$1" "$(((t - step_started)))e-3")"
    step_started=$t
}
# poll WHAT SECONDS CMD...: runs CMD until it succeeds, every 0.2 s, failing after SECONDS.
poll() {
    local what=$1 timeout=$2 deadline
    shift 2
    deadline=$(($(now_ms) + timeout * 1000))
    until "$@"; do
        (($(now_ms) < deadline)) || fail "timed out after ${timeout}s waiting for $what"
        sleep 0.2
    done
}

bin=$("$repo/scripts/build-deis1-tools")
step "build (or cache hit)"

dir=$(mktemp -d /tmp/deis1-selftest.XXXXXX)
cleanup() {
    local status=$?
    python3 "$lab" stop --dir "$dir" >/dev/null 2>&1 || true
    if ((status)); then echo "selftest: lab logs kept in $dir/logs" >&2; else rm -rf "$dir"; fi
}
trap cleanup EXIT

python3 "$lab" start --dir "$dir" --machines 3 --tools "$bin" >/dev/null
step "lab start (3 etcd, 3 fleetd)"
eval "$(python3 "$lab" env --dir "$dir")"
export FLEETCTL_DRIVER FLEETCTL_ENDPOINT DEISCTL_UNITS DEIS1_LAB_FLEETCTL DEIS1_LAB_DIR
endpoint=${FLEETCTL_ENDPOINT%%,*}
deisctl() { "$bin/deisctl" --endpoint="$endpoint" "$@"; }
fleetctl() { "$bin/fleetctl" "$@"; }

deisctl config platform set domain=lab.example.com >/dev/null   # install refuses without it
deisctl install platform >/dev/null
step "deisctl install platform"
deisctl start platform >/dev/null
step "deisctl start platform"
deisctl scale router=2 >/dev/null
step "deisctl scale router=2"

units=$(fleetctl list-units --no-legend --full --fields=unit,machine,active,sub)
router_machine() { awk -F'\t+' -v u="deis-router@$1.service" '$1 == u && $3 == "active" && $4 == "running" { split($2, m, "/"); print m[1] }' <<<"$units"; }
first=$(router_machine 1)
second=$(router_machine 2)
[[ -n $first && -n $second ]] || fail "deis-router@1 and @2 are not both active/running:"$'\n'"$units"
[[ $first != "$second" ]] || fail "deis-router@1 and @2 share machine $first"
! grep -q 'deis-router@3' <<<"$units" || fail "deis-router@3 still listed after scale router=2"
say "deis-router@1 on ${first:0:8}..., deis-router@2 on ${second:0:8}..."

victim=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["machines"][2]["id"])' "$dir/lab.json")
# 0 listed, 1 not listed, 2 fleetctl failed (a failed read is no evidence the machine is gone).
listed() { local out; out=$(fleetctl list-machines --no-legend --full --fields=machine) || return 2; grep -qx "$victim" <<<"$out"; }
listed || fail "machine $victim not listed before the kill"
python3 "$lab" kill-machine --dir "$dir" --machine "$victim" >/dev/null
gone() { local status=0; listed || status=$?; ((status == 1)); }
poll "list-machines to drop the killed machine" 30 gone
step "killed fleetd dropped out"
two_left() { local out; out=$(fleetctl list-machines --no-legend) || return 1; [[ $(wc -l <<<"$out") -eq 2 ]]; }
poll "list-machines to show the 2 machines left" 10 two_left

pids=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(str(p["process"]["pid"]) for p in d["machines"] + d["etcd"]["members"]))' "$dir/lab.json")
python3 "$lab" stop --dir "$dir" >/dev/null
step "lab stop"
# A pid may linger a moment as a zombie until init reaps it: that holds no resources.
for pid in $pids; do
    if [[ -r /proc/$pid/stat ]] && [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]; then
        fail "lab process $pid still runs after stop: $(tr '\0' ' ' <"/proc/$pid/cmdline")"
    fi
done
if grep -lsFxz "DEIS1_LAB_OWNER=$dir" /proc/[0-9]*/environ >/dev/null; then
    fail "a process carrying this lab's marker remains"
fi
grep -q "$dir" /proc/self/mountinfo && fail "a mount of the lab remains"
rm -rf "$dir" || fail "lab dir cannot be removed"
trap - EXIT
say "$(printf 'PASS in %.1f s' "$(($(now_ms) - started))e-3")"
