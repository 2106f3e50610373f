#!/usr/bin/env bash
# Runs every benchmark BENCHMARKS.md reports, on a release build, printing each command and its figures.
# Usage: Tools/Scripts/run-benchmarks.sh [log|controllers|replay|all]   (default: all)
# The two 1M-event logs are built once under /tmp and reused.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --scratch-path .build-release >/dev/null
B=.build-release/release/logbook-bench
L=.build-release/release/logbook
what=${1:-all}

run() { echo "\$ $*"; /usr/bin/time -f "  -> %e s wall, %U s user, %S s sys, %M KB peak" "$@"; }
quiet() { echo "\$ $* > /dev/null"; /usr/bin/time -f "  -> %e s wall, %U s user, %S s sys, %M KB peak" "$@" > /dev/null; }

[ -f /tmp/bench-1m.db ] || $B rebuild --events 1000000 --db /tmp/bench-1m.db
[ -f /tmp/bench-1m-1k.db ] || $B rebuild --events 1000000 --pods 1000 --db /tmp/bench-1m-1k.db

if [ "$what" = log ] || [ "$what" = all ]; then
  run $B writes
  for _ in 1 2 3; do run $B batch; done
  for _ in 1 2; do quiet $L verify --db /tmp/bench-1m.db; done
  for _ in 1 2 3; do quiet $L get pods --db /tmp/bench-1m-1k.db; done
  for _ in 1 2 3; do quiet $L get pods pod-42 --db /tmp/bench-1m.db; done
  for _ in 1 2 3; do quiet $L get pods --db /tmp/bench-1m.db; done
  quiet $L get pods -o wide --db /tmp/bench-1m.db
  quiet $L get pods -A --db /tmp/bench-1m.db
fi
if [ "$what" = replay ] || [ "$what" = all ]; then
  for _ in 1 2 3; do quiet $L get pods --at 500000 --db /tmp/bench-1m-1k.db; done
  for _ in 1 2 3; do quiet $L get pods --at 505123 --db /tmp/bench-1m.db; done
  for _ in 1 2 3; do quiet $L sql "select phase, count(*) from pods group by phase" --db /tmp/bench-1m.db; done
  quiet $L replay --verify --db /tmp/bench-1m.db
  echo "\$ $L export --db /tmp/bench-1m.db > /tmp/bench-1m.jsonl"
  /usr/bin/time -f "  -> %e s wall, %U s user, %S s sys, %M KB peak" $L export --db /tmp/bench-1m.db > /tmp/bench-1m.jsonl
  for _ in 1 2; do rm -f /tmp/bench-imported.db*; run $L import /tmp/bench-1m.jsonl --into /tmp/bench-imported.db; done
  # The bench log is requests alone (no controller ran): --until the last seq compares every event and
  # stops before the controllers would run on the re-run (a plain re-run reports that as a divergence).
  for _ in 1 2 3; do run $L replay --rerun /tmp/bench-1m.db --until 1000000; done
fi
if [ "$what" = controllers ] || [ "$what" = all ]; then
  run $B scale --nodes 34 --deployments 10 --replicas 100
  run $B scale --nodes 340 --deployments 100 --replicas 100
  run $B scale --nodes 1700 --deployments 500 --replicas 100
  run $B scale --nodes 5000 --deployments 1500 --replicas 100
  run $B rollout --replicas 1000
  for _ in 1 2; do run $B rollout --replicas 10000; done
fi
