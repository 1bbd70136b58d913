#!/usr/bin/env bash
# Apply of 1, 2, 4 and 8 real guests (issue 4 §9): wall time of `bluevirt apply` and
# `bluevirt destroy` against the real QEMU driver (TCG, the tiny guest of
# scripts/guest/build-tiny-guest.sh) and, for comparison, against libvirt's test driver
# (`--simulate`), for N guests on one isolated network.
#
# For each N the script writes a blueprint like Tests/Fixtures/qemu/two-tiny-guests.yaml, but
# with one guest node template deployed N times (`instances: deploy: N`; MACs left to libvirt,
# serial console on a pty) on one isolated network (no forward element, DHCP range .10–.250).
# apply returns once every guest has its DHCP address, so "apply s" is create → N leases.
# Every apply starts from a fresh state directory; the script checks that the network's lease
# table holds N leases after apply and that nothing of the deployment is left after destroy.
#
# Networking: the libvirtd runs in a network namespace of its own (scripts/libvirt-netns.sh);
# its bridge, taps and dnsmasq live there, and the daemons are stopped on exit (trap), also
# after a failure or Ctrl-C.
#
# Usage (root): bench/run-guest-scaling-bench.sh
# Environment: BENCH_COUNTS (default "1 2 4 8"), BENCH_RUNS (runs per N, default 1; the table
# shows every run), BENCH_SERIAL (default 1: also a real apply with --parallelism 1, one
# operation at a time, to set against the parallel one; 0 leaves it out), BENCH_BLUEVIRT (a release binary; default: built with
# `swift build -c release --scratch-path .build-release`), BENCH_NETNS (default
# bluevirt-scale), BLUEVIRT_GUEST_DIR. Prints a Markdown table; docs/performance.md
# ("apply of 1, 2, 4, 8 real guests") shows a run.
set -uo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
counts=${BENCH_COUNTS:-1 2 4 8}
runs=${BENCH_RUNS:-1}
serial=${BENCH_SERIAL:-1}
netns=${BENCH_NETNS:-bluevirt-scale}
guest_dir=${BLUEVIRT_GUEST_DIR:-$repo_root/.cache/guest/out}
uri=qemu:///system

die() { echo "run-guest-scaling-bench: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "bench: $*" >&2; }

[[ $(id -u) == 0 ]] || die "needs root (it starts libvirtd in a network namespace)"

bluevirt=${BENCH_BLUEVIRT:-}
if [[ -z $bluevirt ]]; then
    # shellcheck source=scripts/common.sh
    source "$repo_root/scripts/common.sh"
    use_swift_toolchain
    log "building release (swift build -c release --scratch-path .build-release)"
    (cd "$repo_root" && swift build --quiet -c release --scratch-path .build-release --product bluevirt) \
        || die "build failed"
    bluevirt="$(cd "$repo_root" && swift build -c release --scratch-path .build-release --show-bin-path)/bluevirt"
fi
[[ -x $bluevirt ]] || die "no bluevirt binary at $bluevirt"

guest_paths=$("$repo_root/scripts/guest/build-tiny-guest.sh" "$guest_dir") || die "build-tiny-guest.sh failed"
vmlinuz=$(sed -n 's/^vmlinuz=//p' <<<"$guest_paths")
initrd=$(sed -n 's/^initrd=//p' <<<"$guest_paths")

work=$(mktemp -d /tmp/bluevirt-guest-bench.XXXXXX)
current_deployment=
current_state=
apply_pid=
cleanup() {
    local status=$? name
    trap - EXIT INT TERM
    if [[ -n $apply_pid ]] && kill -0 "$apply_pid" 2>/dev/null; then
        kill -TERM "$apply_pid" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$apply_pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$apply_pid" 2>/dev/null || true
        wait "$apply_pid" 2>/dev/null || true
    fi
    if [[ -n $current_deployment ]] && virsh -c "$uri" version >/dev/null 2>&1; then
        "$bluevirt" destroy -d "$current_deployment" --state-dir "$current_state" >/dev/null 2>&1 || true
        for name in $(virsh -q -c "$uri" list --all --name 2>/dev/null | grep "^$current_deployment-" || true); do
            virsh -q -c "$uri" destroy "$name" >/dev/null 2>&1 || true
            virsh -q -c "$uri" undefine "$name" >/dev/null 2>&1 || true
        done
        for name in $(virsh -q -c "$uri" net-list --all --name 2>/dev/null | grep "^$current_deployment-" || true); do
            virsh -q -c "$uri" net-destroy "$name" >/dev/null 2>&1 || true
            virsh -q -c "$uri" net-undefine "$name" >/dev/null 2>&1 || true
        done
    fi
    "$repo_root/scripts/libvirt-netns.sh" stop "$netns" >/dev/null 2>&1 \
        || echo "warning: scripts/libvirt-netns.sh stop $netns failed; run it again" >&2
    if [[ $status == 0 ]]; then
        rm -rf "$work"
    else
        echo "run-guest-scaling-bench: work folder (blueprints, logs) kept in $work" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# write_blueprint N FILE: N tiny guests on one isolated network.
write_blueprint() {
    cat >"$2" <<EOF
tosca_definitions_version: cloudify_dsl_1_3

description: $1 tiny guests on one isolated network (bench/run-guest-scaling-bench.sh).

imports:
  - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
  - plugin:cloudify-libvirt-plugin

inputs:
  kernel: { type: string }
  initrd: { type: string }

node_templates:

  lan:
    type: cloudify.libvirt.network
    properties:
      params:
        dev: bvscale0
        # Isolated: no forward element, nothing leaves the namespace.
        forwards: []
        ips:
          - address: 10.251.30.1
            netmask: 255.255.255.0
            dhcp:
              start: 10.251.30.10
              end: 10.251.30.250

  guest:
    type: cloudify.libvirt.domain
    instances:
      deploy: $1
    properties:
      agent_config:
        install_method: none
      params:
        domain_type: qemu
        machine: pc
        vcpu: 1
        memory_size: 163840
        kernel: { get_input: kernel }
        initrd: { get_input: initrd }
        cmdline: console=ttyS0
    interfaces:
      cloudify.interfaces.lifecycle:
        create:
          inputs:
            params:
              networks:
                - network: { get_attribute: [ lan, resource_id ] }
    relationships:
      - type: cloudify.libvirt.relationships.connected_to
        target: lan
EOF
}

lease_count() {
    virsh -c "$uri" net-dhcp-leases "$1" 2>/dev/null | grep -c ' ipv4 '
}
left_behind() {
    { virsh -q -c "$uri" list --all --name; virsh -q -c "$uri" net-list --all --name; } 2>/dev/null \
        | grep -c "^$1-"
}

# real_run N RUN BLUEPRINT PARALLELISM: apply (waiting for every address) and destroy of N TCG
# guests in the namespace's libvirtd, from a fresh state directory; PARALLELISM "" is bluevirt's
# default. Sets t_apply and t_destroy; counts failures.
real_run() {
    local n=$1 run=$2 blueprint=$3 parallelism=$4 d state tag apply_status leases t0 left
    local options=()
    [[ -z $parallelism ]] || options=(--parallelism "$parallelism")
    tag=$n-$run${parallelism:+-p$parallelism}
    d=scale$n
    state=$work/real-$tag
    current_deployment=$d
    current_state=$state
    t0=$(now)
    "$bluevirt" apply "$blueprint" -d "$d" --connect "$uri" --state-dir "$state" "${options[@]}" "${inputs[@]}" \
        >"$work/real-$tag-apply.log" 2>&1 &
    apply_pid=$!
    wait "$apply_pid"
    apply_status=$?
    apply_pid=
    t_apply=$(elapsed "$t0" "$(now)")
    leases=$(lease_count "$d-lan-1")
    if [[ $apply_status != 0 || $leases -lt $n ]]; then
        log "N=$n run $run${options[*]:+ ${options[*]}}: apply exit $apply_status, $leases of $n leases"
        sed 's/^/    | /' "$work/real-$tag-apply.log" | tail -20 >&2
        failures=$((failures + 1))
        t_apply="$t_apply (failed)"
    fi
    t0=$(now)
    "$bluevirt" destroy -d "$d" --state-dir "$state" >"$work/real-$tag-destroy.log" 2>&1 \
        || { log "N=$n run $run: destroy failed"; sed 's/^/    | /' "$work/real-$tag-destroy.log" >&2; failures=$((failures + 1)); }
    t_destroy=$(elapsed "$t0" "$(now)")
    left=$(left_behind "$d")
    [[ $left == 0 ]] || { log "N=$n run $run: $left objects left after destroy"; failures=$((failures + 1)); }
    current_deployment=
    log "N=$n run $run${options[*]:+ ${options[*]}}: apply ${t_apply} s ($leases leases), destroy ${t_destroy} s"
}

inputs=(--input "kernel=$vmlinuz" --input "initrd=$initrd")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t_ns=$(now)
"$repo_root/scripts/libvirt-netns.sh" start "$netns" >"$work/netns-start.log" 2>&1 \
    || { cat "$work/netns-start.log" >&2; die "scripts/libvirt-netns.sh start $netns failed"; }
log "libvirtd in namespace $netns up in $(elapsed "$t_ns" "$(now)") s"

declare -A real_apply real_destroy sim_apply serial_apply
failures=0
for n in $counts; do
    blueprint=$work/guests-$n.yaml
    write_blueprint "$n" "$blueprint"
    for run in $(seq "$runs"); do
        # Simulated: the same blueprint against libvirt's test driver.
        state=$work/sim-$n-$run
        t0=$(now)
        "$bluevirt" apply "$blueprint" -d "sim$n" --simulate --state-dir "$state" "${inputs[@]}" \
            >"$work/sim-$n-$run-apply.log" 2>&1 || { log "simulated apply of $n failed"; failures=$((failures + 1)); }
        sim_apply[$n]+="${sim_apply[$n]:+, }$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')"
        "$bluevirt" destroy -d "sim$n" --state-dir "$state" >/dev/null 2>&1 || true

        real_run "$n" "$run" "$blueprint" ""
        real_apply[$n]+="${real_apply[$n]:+, }$t_apply"
        real_destroy[$n]+="${real_destroy[$n]:+, }$t_destroy"
        if [[ $serial == 1 ]]; then
            real_run "$n" "$run" "$blueprint" 1
            serial_apply[$n]+="${serial_apply[$n]:+, }$t_apply"
        fi
    done
done

# The ratio uses the first run of each N against the first run of N=1 (the smallest count).
first_count=${counts%% *}
base=${real_apply[$first_count]%%[ ,]*}
echo
echo "machine: $(nproc) cores; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "| N guests | apply s (real TCG) | destroy s (real) | apply s (simulated) | apply(N)/apply($first_count) | N × apply($first_count) s | apply s, --parallelism 1 (real) |"
echo "|---|---|---|---|---|---|---|"
for n in $counts; do
    first=${real_apply[$n]%%[ ,]*}
    ratio=$(awk -v a="$first" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
    times=$(awk -v n="$n" -v b="$base" -v f="$first_count" 'BEGIN { printf "%.1f", n / f * b }')
    echo "| $n | ${real_apply[$n]} | ${real_destroy[$n]} | ${sim_apply[$n]} | $ratio | $times | ${serial_apply[$n]:--} |"
done
[[ $failures == 0 ]] || die "$failures failures (see above)"
