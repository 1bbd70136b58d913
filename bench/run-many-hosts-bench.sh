#!/usr/bin/env bash
# Many hosts (issue 13): the same tiny guests on one libvirt host and split over two, and the
# time bluevirt takes to notice a host that stops answering. The two hosts are network
# namespaces on this machine (scripts/e2e/two-hosts-lib.sh): host A over qemu+ssh, host B over
# qemu+tcp; both share this machine's cores, so splitting shows the cost of the remote protocol
# and of per-host work, not more hardware.
#
# For N guests (BENCH_GUESTS, default 4, even): a blueprint with a network on each host and N/2
# guests (`instances: deploy`) per network. "one host": both networks and all N guests on host
# A (host_b_uri = host A's URI); "two hosts": N/2 on each. Each row is apply (until every guest
# has its DHCP address) and destroy from a fresh state. Then "dead host": during an apply over
# both, host B's libvirtd is frozen (SIGSTOP) once a guest's start on it began, and the time
# from the freeze to the failure naming host B is measured, with keepalive 5 s × 3 (the
# default) and 2 s × 2.
#
# Usage (root): bench/run-many-hosts-bench.sh BLUEVIRT_BINARY
# Environment: BENCH_GUESTS, BENCH_RUNS (default 1), BLUEVIRT_GUEST_DIR. Prints a Markdown table.
set -uo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
guests=${BENCH_GUESTS:-4}
runs=${BENCH_RUNS:-1}
guest_dir=${BLUEVIRT_GUEST_DIR:-$repo_root/.cache/guest/out}
die() { echo "run-many-hosts-bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

[[ $(id -u) == 0 ]] || die "needs root (network and mount namespaces, libvirtd, sshd)"
bluevirt=${1:-}
[[ -x $bluevirt ]] || die "give the bluevirt binary as the first argument"
((guests >= 2 && guests % 2 == 0)) || die "BENCH_GUESTS must be even and at least 2"
guest_paths=$("$repo_root/scripts/guest/build-tiny-guest.sh" "$guest_dir") || die "build-tiny-guest.sh failed"
vmlinuz=$(sed -n 's/^vmlinuz=//p' <<<"$guest_paths")
initrd=$(sed -n 's/^initrd=//p' <<<"$guest_paths")

work=$(mktemp -d /tmp/bluevirt-hosts-bench.XXXXXX)
chmod 755 "$work"
apply_pid=
# shellcheck source=scripts/e2e/two-hosts-lib.sh
source "$repo_root/scripts/e2e/two-hosts-lib.sh"
cleanup() {
    trap - EXIT INT TERM
    [[ -n $apply_pid ]] && { kill -KILL "$apply_pid" 2>/dev/null; wait "$apply_pid" 2>/dev/null; }
    local h
    for h in "${hosts[@]}"; do
        if [[ -n $(pid_of "$h" libvirtd) ]] && kill -CONT "$(pid_of "$h" libvirtd)" 2>/dev/null; then virsh_clean "$h" bench; fi
    done
    two_hosts_stop
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
two_hosts_start || die "could not start the two hosts"

per_host=$((guests / 2))
blueprint=$work/bench.yaml
{
    printf 'tosca_definitions_version: cloudify_dsl_1_3\nimports:\n'
    printf '  - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml\n  - plugin:cloudify-libvirt-plugin\n'
    printf 'inputs:\n  host_a_uri: { type: string }\n  host_b_uri: { type: string }\n'
    printf 'node_templates:\n'
    for side in a b; do
        octet=$([[ $side == a ]] && echo 61 || echo 62)
        cat <<NODES
  lan_$side:
    type: cloudify.libvirt.network
    properties:
      libvirt_auth: { get_input: host_${side}_uri }
      params:
        dev: bvbench$side
        forwards: []
        ips: [ { address: 10.251.$octet.1, netmask: 255.255.255.0, dhcp: { start: 10.251.$octet.10, end: 10.251.$octet.250 } } ]
  vm_$side:
    type: cloudify.libvirt.domain
    instances: { deploy: $per_host }
    properties:
      libvirt_auth: { get_input: host_${side}_uri }
      agent_config: { install_method: none }
      params: { domain_type: qemu, vcpu: 1, memory_size: 163840, kernel: $vmlinuz, initrd: $initrd, cmdline: console=ttyS0 no_timer_check }
    interfaces:
      cloudify.interfaces.lifecycle:
        create:
          inputs:
            params:
              networks: [ { network: { get_attribute: [ lan_$side, resource_id ] } } ]
    relationships:
      - { type: cloudify.libvirt.relationships.connected_to, target: lan_$side }
NODES
    done
} >"$blueprint"

bench_apply() { # LAYOUT HOST_B_URI STATE: apply + destroy, prints "apply s | destroy s"
    local state=$work/state-$1-$RANDOM t0 applied destroyed
    t0=$(now)
    in_ctl "$bluevirt" apply "$blueprint" -d bench --input "host_a_uri=$(uri_of a)" --input "host_b_uri=$2" \
        --state-dir "$state" >"$work/apply-$1.log" 2>&1 || { tail -3 "$work/apply-$1.log" >&2; die "apply ($1) failed"; }
    applied=$(elapsed "$t0" "$(now)")
    t0=$(now)
    in_ctl "$bluevirt" destroy -d bench --state-dir "$state" >"$work/destroy-$1.log" 2>&1 || die "destroy ($1) failed"
    destroyed=$(elapsed "$t0" "$(now)")
    echo "$applied | $destroyed"
}

notice_dead_host() { # INTERVAL COUNT: seconds from freezing host B's libvirtd to the failure naming it
    local state=$work/state-dead-$RANDOM frozen noticed
    ip netns exec "$ctl" "$bluevirt" apply "$blueprint" -d bench --input "host_a_uri=$(uri_of a)" --input "host_b_uri=$(uri_of b)" \
        --keepalive-interval "$1" --keepalive-count "$2" --json --state-dir "$state" >"$work/apply-dead.log" 2>&1 &
    apply_pid=$!
    freeze_b_and_watch "$work/apply-dead.log" '"event":"started","host":"10.203.0.2".*"step":"vm_b[^"]*/start"' "$apply_pid" 1800
    wait "$apply_pid"
    apply_pid=
    kill -KILL "$(pid_of b libvirtd)" 2>/dev/null
    sleep 0.5
    restart_libvirtd b || die "libvirtd of host B did not restart"
    virsh_clean a bench
    virsh_clean b bench
    echo "${noticed:--}"
}

echo "| layout | guests | run | apply s | destroy s |"
echo "|---|---|---|---|---|"
for run in $(seq "$runs"); do
    echo "| one host (A, qemu+ssh) | $guests | $run | $(bench_apply one "$(uri_of a)") |"
    echo "| two hosts (A qemu+ssh, B qemu+tcp) | $guests | $run | $(bench_apply two "$(uri_of b)") |"
done
echo
echo "| keepalive | host B frozen mid-apply: failure naming it after s |"
echo "|---|---|"
echo "| 5 s × 3 (default) | $(notice_dead_host 5 3) |"
echo "| 2 s × 2 | $(notice_dead_host 2 2) |"
