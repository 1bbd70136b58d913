#!/usr/bin/env bash
# The dry-run benchmark: `bluevirt dry-run --output-dir` of a blueprint with 1,000 domains
# (and a network per ten of them), in release mode, parse to written files included.
#
# Generates the blueprint with bench/generate-blueprint.py (the validate benchmark's
# generator), checks that dry-run writes one document per object, then times it with
# hyperfine. Prints the commands and a Markdown table; docs/performance.md ("dry-run") shows a run.
# Environment: BENCH_DOMAINS (default 1000), BENCH_RUNS (default 10), BENCH_SCRATCH (the
# SwiftPM scratch path, default .build-release).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/common.sh
use_swift_toolchain
install_debian_packages hyperfine

domains=${BENCH_DOMAINS:-1000}
runs=${BENCH_RUNS:-10}
scratch=${BENCH_SCRATCH:-.build-release}
work=.cache/bench-dryrun
mkdir -p "$work"

echo "building release (swift build -c release --scratch-path $scratch)" >&2
swift build --quiet -c release --scratch-path "$scratch" --product bluevirt
bluevirt="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/bluevirt"

# The generator makes about one network per ten node templates; find the node count that
# gives exactly $domains machines.
nodes=$(python3 -c "
d = $domains
n = d
while n - max(1, round(n / 10)) < d: n += 1
print(n)")
blueprint="$work/dryrun-$domains.yaml"
python3 bench/generate-blueprint.py --nodes "$nodes" --flavour bluevirt -o "$blueprint"

out="$work/out"
rm -rf "$out"
"$bluevirt" dry-run "$blueprint" --output-dir "$out" >/dev/null
written_domains=$(find "$out" -name 'domain-*.xml' | wc -l)
written=$(find "$out" -name '*.xml' | wc -l)
if [[ $written_domains != "$domains" ]]; then
    echo "error: expected $domains domain documents in $out, found $written_domains" >&2
    exit 1
fi

# Three cases: into an empty directory (every file created), over the files of the run
# before (every file rewritten), and printing the XML instead (no files at all).
hyperfine --warmup 2 --runs "$runs" --export-markdown "$work/dryrun.md" \
    --prepare "rm -rf $out" --command-name "into a new directory ($written files)" \
    "$bluevirt dry-run $blueprint --output-dir $out" \
    --prepare "true" --command-name "over the files of the last run" \
    "$bluevirt dry-run $blueprint --output-dir $out" \
    --prepare "true" --command-name "XML to standard output" \
    "$bluevirt dry-run $blueprint" \
    --output null >&2

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>&1 | head -1)"
echo "Blueprint: $blueprint ($nodes node templates: $domains domains, $((nodes - domains)) networks)"
echo "Command: bluevirt dry-run $blueprint --output-dir $out"
echo
cat "$work/dryrun.md"
