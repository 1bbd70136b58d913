#!/usr/bin/env bash
# Issue 14's validate target as one command: whole `bluevirt validate` processes against the floor
# process (bench/libyaml-floor.c parsing the same file once), at 1,000 and 10,000 node templates.
#
#   bench/run-validate-ratio.sh PATH/TO/bluevirt [PATH/TO/other-bluevirt]
#
# Give it builds made as scripts/build-release.sh makes them. A second binary (a build of the
# last landing, say) is measured in the same runs, for a before/after pair. The commands run in
# turn, BENCH_RUNS times each at 1,000 (default 30; a quarter of that at 10,000) after one
# warm-up. For each: wall and CPU time (median and fastest), minor page faults (from wait4), and
# its wall time against the floor's two ways: the median of the ratios of runs made one after the
# other (a shared machine slows neighbouring runs alike) and the ratio of the fastest runs. With
# valgrind installed, instructions too (callgrind, SWIFT_DETERMINISTIC_HASHING=1 so that runs
# count alike), which other work on the machine does not change. BENCH_SIZES (default
# 1000,10000).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
binaries=()
for binary in "$@"; do binaries+=("$(absolute "$binary")"); done
if [[ ${#binaries[@]} -lt 1 ]]; then
    echo "usage: bench/run-validate-ratio.sh PATH/TO/bluevirt [PATH/TO/other-bluevirt]" >&2
    exit 2
fi
work=$(mktemp -d /tmp/bluevirt-validate-ratio.XXXXXX)
trap 'rm -rf "$work"' EXIT

cc -O2 -o "$work/libyaml-floor" "$here/libyaml-floor.c" $(pkg-config --cflags --libs yaml-0.1)
IFS=, read -r -a sizes <<<"${BENCH_SIZES:-1000,10000}"
for size in "${sizes[@]}"; do
    python3 "$here/generate-blueprint.py" --nodes "$size" --flavour bluevirt -o "$work/nodes-$size.yaml"
done

echo "Machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for binary in "${binaries[@]}"; do echo "bluevirt: $binary ($("$binary" --version))"; done
PYTHONPATH="$here" python3 - "${BENCH_RUNS:-30}" "$work" "${sizes[*]}" "${binaries[@]}" <<'EOF'
import os, sys, statistics
from process_runs import once, instructions

runs, work, sizes, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3].split(), sys.argv[4:]

deterministic = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")

def summary(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f})"

print("\n| node templates | command | wall ms, median (fastest) | CPU ms, median (fastest) | page faults | instructions | x floor, wall: paired runs (fastest) | x floor, instructions |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
for size in sizes:
    blueprint = f"{work}/nodes-{size}.yaml"
    commands = [("floor", [f"{work}/libyaml-floor", blueprint, "1"])]
    commands += [(f"bluevirt {index + 1}" if len(binaries) > 1 else "bluevirt", [binary, "validate", blueprint])
                 for index, binary in enumerate(binaries)]
    count = runs if int(size) <= 1000 else max(5, runs // 4)
    for _, argv in commands:
        once(argv)  # warm-up: page cache, dynamic loader's caches
    results = [[] for _ in commands]
    for _ in range(count):
        for index, (_, argv) in enumerate(commands):
            results[index].append(once(argv))
    floor_walls = [run[0] for run in results[0]]
    floor_instructions = instructions(commands[0][1], deterministic)
    for (name, argv), measured in zip(commands, results):
        walls = [run[0] for run in measured]
        cpus = [run[1] for run in measured]
        faults = statistics.median(run[2] for run in measured)
        counted = floor_instructions if name == "floor" else instructions(argv, deterministic)
        counted_text = f"{counted / 1e6:,.1f} M" if counted else "-"
        ratio = f"{counted / floor_instructions:.2f}x" if counted and floor_instructions else "-"
        print(f"| {int(size):,} | {name} | {summary(walls)} | {summary(cpus)} | {faults:,.0f} | {counted_text} "
              f"| {statistics.median(w / f for w, f in zip(walls, floor_walls)):.2f}x ({min(walls) / min(floor_walls):.2f}x) | {ratio} |")
print(f"\n{runs} runs each at 1,000 node templates and fewer, {max(5, runs // 4)} above; commands in turn.")
EOF
