#!/usr/bin/env bash
# The dry-run benchmark: `bluevirt dry-run --output-dir` of a blueprint with 1,000 domains
# (and a network per ten of them), in release mode, parse to written files included.
#
# Generates the blueprint with bench/generate-blueprint.py (the validate benchmark's
# generator), checks that dry-run writes one document per object, then times it with
# hyperfine. Prints the commands and a Markdown table; docs/performance.md ("dry-run") shows a run.
# Environment: BENCH_DOMAINS (default 1000), BENCH_RUNS (default 10), BENCH_SCRATCH (the
# SwiftPM scratch path, default .build-release), BENCH_BLUEVIRT (a release binary to measure
# instead of building one).
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

bluevirt=${BENCH_BLUEVIRT:-}
if [[ -z $bluevirt ]]; then
    echo "building release (swift build -c release --scratch-path $scratch)" >&2
    swift build --quiet -c release --scratch-path "$scratch" --product bluevirt
    bluevirt="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/bluevirt"
fi

blueprint="$work/dryrun-$domains.yaml"
python3 bench/generate-blueprint.py --domains "$domains" --flavour bluevirt -o "$blueprint"

out="$work/out"
rm -rf "$out"
"$bluevirt" dry-run "$blueprint" --output-dir "$out" >/dev/null
written_domains=$(find "$out" -name 'domain-*.xml' | wc -l)
written=$(find "$out" -name '*.xml' | wc -l)
if [[ $written_domains != "$domains" ]]; then
    echo "error: expected $domains domain documents in $out, found $written_domains" >&2
    exit 1
fi

# Three cases: into a new directory (every file created), over the files of the run before
# (every file rewritten), and printing the XML instead (no files at all); and, as the file
# system's floor, `cp -r` creating the same files in a new directory. Each run starts after a
# `sync`. New directories get a fresh name per run and are removed only at the end: ext4
# avoids reusing inodes deleted moments ago and scans for others, so creating files right
# after an `rm -rf` of as many costs several times more system time than the program's own.
fresh="$work/fresh"
rm -rf "$fresh"
mkdir -p "$fresh"
hyperfine --warmup 2 --runs "$runs" --export-markdown "$work/dryrun.md" \
    --prepare "sync" --command-name "into a new directory ($written files)" \
    "$bluevirt dry-run $blueprint --output-dir $fresh/run-\$(date +%s%N)" \
    --prepare "sync" --command-name "over the files of the last run" \
    "$bluevirt dry-run $blueprint --output-dir $out" \
    --prepare "sync" --command-name "XML to standard output" \
    "$bluevirt dry-run $blueprint" \
    --prepare "sync" --command-name "floor: cp -r of the same files" \
    "cp -r $out $fresh/copy-\$(date +%s%N)" \
    --output null >&2
rm -rf "$fresh"

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>&1 | head -1)"
networks=$(grep -c "type: cloudify.libvirt.network$" "$blueprint")
echo "Blueprint: $blueprint ($((domains + networks)) node templates: $domains domains, $networks networks)"
echo "Command: bluevirt dry-run $blueprint --output-dir $out"
echo
cat "$work/dryrun.md"
