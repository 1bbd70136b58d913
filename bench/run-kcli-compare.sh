#!/usr/bin/env bash
# Compares bluevirt with kcli (PyPI `kcli`, `kcli create plan` / `kcli delete plan`) on the same
# shape against libvirt's test driver: the domains and networks of
# `bench/generate-blueprint.py --nodes NODES` (about 10% networks), no images, no disks.
#
# bluevirt: `apply --simulate` then `destroy`, each its own process, the world kept in the state
# directory. kcli cannot keep a test-driver world between processes (every process that opens
# test:///default gets a fresh one), so its create and delete run through kcli's own CLI entry
# point (kvirt.cli.cli, the code behind the `kcli` command) twice inside one Python process that
# holds a connection open; the world then survives from create to delete. kcli's own start-up
# (imports, config) is measured apart: `kcli create plan` as its own process.
#
# Needs: release bluevirt (swift build -c release --scratch-path .build-release --product bluevirt)
# and kcli in .cache/kcli-venv (python3 -m venv .cache/kcli-venv &&
# .cache/kcli-venv/bin/pip install kcli libvirt-python). kcli's config lives under .cache/kcli-home
# so the real home is never touched. No network traffic.
#
# Usage: bench/run-kcli-compare.sh [RUNS] [NODES...]   (defaults: 3 runs; 110 and 1100 node
# templates, i.e. 99 domains on 11 networks and 990 domains on 110 networks)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; shift || true
if (($# > 0)); then sizes=("$@"); else sizes=(110 1100); fi
bluevirt=.build-release/release/bluevirt
kpy=.cache/kcli-venv/bin/python
kcli=.cache/kcli-venv/bin/kcli
[[ -x $bluevirt ]] || { echo "missing $bluevirt: swift build -c release --scratch-path .build-release --product bluevirt" >&2; exit 1; }
[[ -x $kcli ]] || { echo "missing $kcli: python3 -m venv .cache/kcli-venv && .cache/kcli-venv/bin/pip install kcli libvirt-python" >&2; exit 1; }

work=.cache/kcli-compare; rm -rf "$work"; mkdir -p "$work"
export HOME=$PWD/.cache/kcli-home
mkdir -p "$HOME/.kcli"
cat > "$HOME/.kcli/config.yml" <<'YAML'
default:
  client: sim
sim:
  type: kvm
  url: test:///default
  pool: default-pool
YAML

# One process: kcli create plan, count, kcli delete plan, count; its last stdout line is
# "create_s delete_s" (kcli's own progress goes to stdout before it).
cat > "$work/kcli-in-one-process.py" <<'PY'
import sys, time, libvirt
from kvirt import cli
def kcli(*args):
    sys.argv = ['kcli', '-C', 'sim', *args]
    start = time.monotonic()
    try:
        cli.cli()
    except SystemExit:
        pass
    return time.monotonic() - start
plan_file, domains, networks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
world = libvirt.open('test:///default')  # holds the process-wide test world between the two commands
base_domains, base_networks = len(world.listAllDomains()), len(world.listAllNetworks())
created = kcli('create', 'plan', '-f', plan_file, 'bench')
have = (len(world.listAllDomains()) - base_domains, len(world.listAllNetworks()) - base_networks)
if have != (domains, networks):
    sys.exit(f"kcli create plan left {have[0]} domains and {have[1]} networks, expected {domains} and {networks}")
deleted = kcli('delete', 'plan', '-y', 'bench')
left = (len(world.listAllDomains()) - base_domains, len(world.listAllNetworks()) - base_networks)
if left != (0, 0):
    sys.exit(f"kcli delete plan left {left[0]} domains and {left[1]} networks")
print(f"{created:.2f} {deleted:.2f}")
PY

kcli_plan() {  # DOMAINS NETWORKS: networks net0..; vmI on net(I mod NETWORKS); 1 vCPU, 128 MiB, no disk, no image
  local d=$1 m=$2 i
  for ((i = 0; i < m; i++)); do printf 'net%d:\n  type: network\n  cidr: 10.%d.%d.0/24\n' $i $((i / 256 + 1)) $((i % 256)); done
  for ((i = 0; i < d; i++)); do printf 'vm%d:\n  nets: [net%d]\n  memory: 128\n  numcpus: 1\n  disks: []\n' $i $((i % m)); done
}

timed() {  # TIMEFILE COMMAND...: runs COMMAND (output to $work/log), prints its wall seconds; fails loudly
  local file=$1; shift
  if ! /usr/bin/time -f %e -o "$file" "$@" >"$work/log" 2>&1; then
    echo "failed: $* (last lines of its output follow)" >&2; tail -5 "$work/log" >&2; exit 1
  fi
  cat "$file"
}

printf '| domains + networks | bluevirt apply s | bluevirt destroy s | kcli create plan s | kcli delete plan s | kcli create plan, own process s |\n'
printf '|---|---|---|---|---|---|\n'
for nodes in "${sizes[@]}"; do
  python3 bench/generate-blueprint.py --nodes "$nodes" --flavour bluevirt -o "$work/bluevirt-$nodes.yaml"
  d=$(grep -c 'type: cloudify.libvirt.domain$' "$work/bluevirt-$nodes.yaml")
  m=$(grep -c 'type: cloudify.libvirt.network$' "$work/bluevirt-$nodes.yaml")
  kcli_plan "$d" "$m" > "$work/kcli-$nodes.yml"
  ba=(); bd=(); ka=(); kd=(); kp=()
  for ((r = 0; r < runs; r++)); do
    state="$work/state-$nodes-$r"
    ba+=("$(timed "$work/t" "$bluevirt" apply "$work/bluevirt-$nodes.yaml" -d sim --simulate --state-dir "$state")")
    bd+=("$(timed "$work/t" "$bluevirt" destroy -d sim --state-dir "$state")")
    if ! out=$("$kpy" "$work/kcli-in-one-process.py" "$work/kcli-$nodes.yml" "$d" "$m" 2>"$work/log"); then
      echo "failed: kcli create plan / delete plan in one process:" >&2; tail -5 "$work/log" >&2; exit 1
    fi
    read -r c x <<<"${out##*$'\n'}"; ka+=("$c"); kd+=("$x")
    kp+=("$(timed "$work/t" "$kcli" -C sim create plan -f "$work/kcli-$nodes.yml" bench)")
    deployed=$(grep -c ' deployed on sim' "$work/log" || true)
    [[ $deployed == "$d" ]] || { echo "kcli create plan (own process) deployed $deployed of $d domains" >&2; exit 1; }
  done
  join() { local IFS=,; local joined="$*"; echo "${joined//,/, }"; }
  printf '| %s + %s | %s | %s | %s | %s | %s |\n' "$d" "$m" "$(join "${ba[@]}")" "$(join "${bd[@]}")" "$(join "${ka[@]}")" "$(join "${kd[@]}")" "$(join "${kp[@]}")"
done
