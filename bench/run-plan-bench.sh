#!/usr/bin/env bash
# The plan benchmark (issue 12): `bluevirt plan` of an applied 1,000-domain deployment on
# --simulate, unchanged, and with 100 more domains asked for (an update's plan), then the
# `apply` of that update. The blueprint is one network and one domain node whose count is an
# input. Times with hyperfine; prints the commands and a Markdown table (docs/performance.md,
# "plan and update", shows a run).
# Environment: BENCH_DOMAINS (default 1000), BENCH_ADDED (default 100), BENCH_RUNS (default 10),
# BENCH_SCRATCH (default .build-release), BENCH_BLUEVIRT (a binary to measure instead of
# building a release one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/common.sh
use_swift_toolchain
install_debian_packages hyperfine

domains=${BENCH_DOMAINS:-1000}
added=${BENCH_ADDED:-100}
runs=${BENCH_RUNS:-10}
scratch=${BENCH_SCRATCH:-.build-release}
work=$PWD/.cache/bench-plan
rm -rf "$work"
mkdir -p "$work"

bluevirt=${BENCH_BLUEVIRT:-}
if [[ -z $bluevirt ]]; then
    echo "building release (swift build -c release --scratch-path $scratch)" >&2
    swift build --quiet -c release --scratch-path "$scratch" --product bluevirt
    bluevirt="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/bluevirt"
fi

blueprint=$work/many.yaml
cat >"$blueprint" <<'YAML'
tosca_definitions_version: cloudify_dsl_1_3
imports:
  - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
  - plugin:cloudify-libvirt-plugin
inputs:
  count: { type: integer }
node_templates:
  lan:
    type: cloudify.libvirt.network
    properties:
      params:
        forwards: []
        ips: [ { address: 10.90.0.1, netmask: 255.255.0.0 } ]
  vm:
    type: cloudify.libvirt.domain
    instances: { deploy: { get_input: count } }
    properties:
      agent_config: { install_method: none }
      params:
        domain_type: qemu
        vcpu: 1
        memory_size: 131072
        wait_for_ip: false
        networks: [ { network: { get_attribute: [ lan, resource_id ] } } ]
    relationships:
      - { type: cloudify.libvirt.relationships.connected_to, target: lan }
YAML

state=$work/state
run() { "$bluevirt" "$@" --state-dir "$state"; }
t0=$(date +%s.%N)
run apply "$blueprint" -d many --simulate --input "count=$domains" >"$work/apply.log" 2>&1
echo "initial apply of $domains domains: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s" >&2
run plan "$blueprint" -d many --simulate --input "count=$domains" --json \
    | python3 -c "import json,sys; s=json.load(sys.stdin)['summary']; assert s['create'] == 0 and s['unchanged'] == $domains + 1, s"
run plan "$blueprint" -d many --simulate --input "count=$((domains + added))" --json \
    | python3 -c "import json,sys; s=json.load(sys.stdin)['summary']; assert s['create'] == $added, s"

hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/plan.md" \
    --command-name "plan, unchanged ($domains domains)" \
    "$bluevirt plan $blueprint -d many --simulate --input count=$domains --state-dir $state" \
    --command-name "plan, $added domains added" \
    "$bluevirt plan $blueprint -d many --simulate --input count=$((domains + added)) --state-dir $state"
# The update itself, once (it changes the state): apply of the 100 added domains.
t0=$(date +%s.%N)
run apply "$blueprint" -d many --simulate --input "count=$((domains + added))" >"$work/update.log" 2>&1
echo "apply of the update (+$added domains): $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s" >&2
cat "$work/plan.md"
