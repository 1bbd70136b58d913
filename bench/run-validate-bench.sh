#!/usr/bin/env bash
# The validate benchmark: bluevirt against the libyaml floor and Cloudify's own parser.
#
# Builds bluevirt and bluevirt-bench in release mode, compiles the libyaml floor, makes the
# Cloudify venv, generates blueprints of 100, 1,000 and 10,000 node templates (both flavours)
# and measures them all in one run; prints the machine and a Markdown table (docs/performance.md
# shows a run). Run as root on Debian 12 (it apt-installs hyperfine, time and valgrind if missing).
#
# Environment: BENCH_SIZES (default 100,1000,10000), BENCH_CLOUDIFY_SIZES (default 100,1000:
# Cloudify's parser grows towards N^2: more than an hour at 10,000), BENCH_CLOUDIFY_RUNS
# (default 100:5,1000:1, one fresh process per run), BENCH_SKIP_CLOUDIFY=1 to leave it out.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
source scripts/common.sh
use_swift_toolchain
install_debian_packages hyperfine time valgrind

work=.cache/bench
mkdir -p "$work"

echo "building release (swift build -c release --scratch-path .build-release)" >&2
swift build --quiet -c release --scratch-path .build-release --product bluevirt
swift build --quiet -c release --scratch-path .build-release --product bluevirt-bench
bin=$(swift build -c release --scratch-path .build-release --show-bin-path)

cc -O2 -o "$work/libyaml-floor" bench/libyaml-floor.c $(pkg-config --cflags --libs yaml-0.1)

peer=()
if [[ -z ${BENCH_SKIP_CLOUDIFY:-} ]]; then
    peer=(--cloudify-python "$(bench/setup-cloudify-peer.sh)")
fi

python3 bench/measure.py \
    --work-dir "$work" \
    --floor "$work/libyaml-floor" \
    --bench "$bin/bluevirt-bench" \
    --bluevirt "$bin/bluevirt" \
    --sizes "${BENCH_SIZES:-100,1000,10000}" \
    --cloudify-sizes "${BENCH_CLOUDIFY_SIZES:-100,1000}" \
    --cloudify-runs "${BENCH_CLOUDIFY_RUNS:-100:5,1000:1}" \
    "${peer[@]}"
