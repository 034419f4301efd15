#!/bin/bash
# Removes what an interrupted Swarm integration run can leave behind: dockerd
# daemons under /tmp/ssd-*, their mounts, the roots, and the ssd-* network
# namespaces (their veth pairs go with them). The tests tear down after
# themselves; this is for a run that was killed. Safe to run when nothing is left.
set -u
for root in /tmp/ssd-*; do
  [ -d "$root" ] || continue
  for pidfile in "$root"/*/d.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  # Deepest mount points first.
  awk -v root="$root/" 'index($5, root) == 1 { print length($5), $5 }' /proc/self/mountinfo | sort -rn | cut -d' ' -f2- |
    while read -r point; do umount -l "$point"; done
  rm -rf "$root"
done
for ns in $(ip netns list 2>/dev/null | awk '/^ssd-/ { print $1 }'); do
  ip netns del "$ns"
done
