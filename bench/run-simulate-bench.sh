#!/usr/bin/env bash
# apply --simulate and destroy of generated blueprints (bench/generate-blueprint.py: a network per
# ten domains, every third domain depending on an earlier one), each whole process timed with
# /usr/bin/time, against the test driver's own share: bench/libvirt-floor.c making and removing
# the same objects (the documents `dry-run --output-dir` writes) with no bluevirt logic, and
# opening and emptying the world file apply left (what the driver does for a destroy, which
# starts in a new process and so first parses the whole world).
#
#   bench/run-simulate-bench.sh PATH/TO/bluevirt [DOMAINS ...]     (default: 1000 10000)
#
# Prints one line per size and run: wall and CPU (user + system) seconds, and per domain; then
# the floor's line, and bluevirt's own share per domain: its CPU time less the floor's time for
# the same work (apply: apply_ms; destroy: world_open_ms + world_destroy_ms).
# BENCH_RUNS (default 1) runs of each. docs/performance.md shows a run.
set -euo pipefail
bluevirt=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 10000)
runs=${BENCH_RUNS:-1}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d /tmp/bluevirt-simulate-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/libvirt-floor" "$here/libvirt-floor.c" -lvirt

# `time` output "WALL USER SYSTEM" of a command, its own output dropped.
timed() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1; cat "$work/time"; }
report() {
    local what=$1 domains=$2
    read -r wall user system <<<"$3"
    awk -v w="$what" -v d="$domains" -v wall="$wall" -v u="$user" -v s="$system" 'BEGIN {
        printf "%-8s %6d domains: wall %7.2f s (%.2f ms/domain), CPU %7.2f s (%.2f ms/domain)\n", w, d, wall, wall * 1000 / d, u + s, (u + s) * 1000 / d }'
}

for domains in "${sizes[@]}"; do
    blueprint="$work/sim-$domains.yaml"
    python3 "$here/generate-blueprint.py" --domains "$domains" --flavour bluevirt -o "$blueprint"
    report dry-run "$domains" "$(timed "$bluevirt" dry-run "$blueprint" --output-dir "$work/documents-$domains")"
    for ((run = 1; run <= runs; run++)); do
        state="$work/state-$domains-$run"
        applied=$(timed "$bluevirt" apply "$blueprint" -d sim --simulate --state-dir "$state")
        report apply "$domains" "$applied"
        cp "$state"/simulated/sim/*.xml "$work/world.xml"
        destroyed=$(timed "$bluevirt" destroy -d sim --state-dir "$state")
        report destroy "$domains" "$destroyed"
        /usr/bin/time -f "%e %U %S" -o "$work/time" "$work/libvirt-floor" "$work/documents-$domains" "$work/world.xml" >"$work/floor"
        echo "floor    $(cat "$work/floor"); whole process: $(cat "$work/time") (wall user system s)"
        awk -v d="$domains" -v a="$applied" -v r="$destroyed" '{
            for (i = 1; i < NF; i++) field[$i] = $(i + 1)
            split(a, at, " "); split(r, rt, " ")
            printf "own      %6d domains: apply %.2f ms/domain, destroy %.2f ms/domain (CPU less the floor)\n", d,
                ((at[2] + at[3]) * 1000 - field["apply_ms"]) / d,
                ((rt[2] + rt[3]) * 1000 - field["world_open_ms"] - field["world_destroy_ms"]) / d }' "$work/floor"
        rm -rf "$state"
    done
done
