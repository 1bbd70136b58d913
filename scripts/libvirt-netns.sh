#!/usr/bin/env bash
# Runs a real libvirtd (QEMU driver) inside a network namespace of its own, for end-to-end tests.
#
# Usage: scripts/libvirt-netns.sh start|stop|status NAME
#   start   creates network namespace NAME (loopback up, nothing else), starts virtlogd and
#           libvirtd inside it and waits until `virsh -c qemu:///system version` answers.
#           Bridges, dnsmasq and guest taps of every network libvirt starts then live in NAME.
#           Clients anywhere on the host connect with qemu:///system (the socket is a file).
#   stop    destroys the running domains and active networks of that libvirtd (so no qemu or
#           dnsmasq outlives it), ends the daemons by the pids start recorded, ends whatever
#           else still runs inside NAME, and deletes NAME.
#   status  says whether NAME exists, which recorded daemons are alive, and what libvirt runs.
#
# Rules this script keeps: it never adds an address, route, veth or NAT to the namespace and
# never connects it to the host; the autostart folders of /etc/libvirt are hidden from this
# libvirtd (it sees empty ones of its own), so no host-defined NAT network or guest comes up.
# Only one system libvirtd can run per machine (they share /run/libvirt): start refuses if
# one is running already, inside or outside a namespace.
#
# Needs root. Installs missing Debian packages (libvirt daemon with the QEMU and LXC drivers,
# QEMU, dnsmasq-base, iproute2);
# the packages' maintainer scripts are kept from starting libvirtd on the host.
# BLUEVIRT_NETNS_RUN_DIR (default /run/bluevirt-netns) holds per-NAME pid files and daemon logs.
set -euo pipefail

script_name=$(basename "$0")
usage() {
    echo "usage: $script_name start|stop|status NAME" >&2
    exit 2
}
(($# == 2)) || usage
command=$1 name=$2
[[ $name =~ ^[A-Za-z0-9_.-]{1,40}$ ]] || { echo "error: namespace name '$name' must be 1-40 of [A-Za-z0-9_.-]" >&2; exit 2; }
run_dir=${BLUEVIRT_NETNS_RUN_DIR:-/run/bluevirt-netns}/$name
libvirtd_pidfile=$run_dir/libvirtd.pid
virtlogd_pidfile=$run_dir/virtlogd.pid
uri=qemu:///system
autostart_dirs=(/etc/libvirt/qemu/networks/autostart /etc/libvirt/qemu/autostart /etc/libvirt/storage/autostart)

log() { echo "$script_name: $*" >&2; }
fail() { echo "error: $*" >&2; exit 1; }

require_root() {
    [[ $(id -u) == 0 ]] || fail "$script_name needs root (network namespaces, a system libvirtd)"
}

# Installs the packages that are missing. Without systemd as PID 1 the sysv flavour of
# libvirt-daemon-system is chosen (the other one pulls in systemd). A policy-rc.d that denies
# every service start is put in place for the install unless one exists, so the maintainer
# scripts cannot start libvirtd or virtlogd on the host.
install_missing_packages() {
    local packages=(libvirt-daemon-system libvirt-clients libvirt-daemon-driver-lxc qemu-system-x86 qemu-utils iproute2 dnsmasq-base)
    [[ $(cat /proc/1/comm 2>/dev/null) == systemd ]] || packages+=(libvirt-daemon-system-sysv)
    local missing=() package
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    ((${#missing[@]} == 0)) && return 0
    log "installing ${missing[*]}"
    local own_policy=
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\n# bluevirt libvirt-netns.sh: no service starts during its package install\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        own_policy=1
    fi
    local status=0
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then apt-get update -qq || status=$?; fi
    if ((status == 0)); then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
            --no-install-recommends "${missing[@]}" >/dev/null || status=$?
    fi
    [[ -n $own_policy ]] && rm -f /usr/sbin/policy-rc.d
    ((status == 0)) || fail "apt-get install ${missing[*]} failed (exit $status)"
}

# Prints the pid recorded in FILE if that process is alive and is COMMAND.
live_pid() {
    local file=$1 command=$2 pid
    [[ -f $file ]] || return 1
    pid=$(cat "$file")
    [[ $pid =~ ^[0-9]+$ && -d /proc/$pid && $(cat "/proc/$pid/comm" 2>/dev/null) == "$command" ]] || return 1
    echo "$pid"
}

namespace_exists() { [[ -e /run/netns/$name ]]; }

# Refuses to start beside another libvirt daemon: they would share /run/libvirt's sockets.
refuse_other_libvirt() {
    local daemon pids
    for daemon in libvirtd virtqemud virtnetworkd virtlogd; do
        pids=$(pidof "$daemon" || true)
        [[ -z $pids ]] && continue
        fail "$daemon is already running (pid $pids, network namespace: $(ip netns identify "${pids%% *}" 2>/dev/null || true)).
  Only one system libvirt can run per machine: its sockets in /run/libvirt are shared.
  If it was started by '$script_name start OTHER', run '$script_name stop OTHER';
  if it is the host's own libvirtd, run these tests on a machine (or container) without one."
    done
    if [[ -S /run/libvirt/libvirt-sock ]] && timeout 5 virsh -c "$uri" version >/dev/null 2>&1; then
        fail "a libvirt daemon already answers on /run/libvirt/libvirt-sock; refusing to start a second one"
    fi
}

# libvirt probes QEMU's capabilities with KVM when QEMU can use /dev/kvm, then checks on every
# API call whether its QEMU user may open /dev/kvm. Without udev (containers) /dev/kvm keeps the
# kernel's root:root 0600, the two disagree, libvirt finds its cached capabilities stale every
# time and re-probes QEMU: ~5 s per API call. Giving /dev/kvm the owner and mode Debian's udev
# rules give it (root:kvm 0660) makes them agree. Test guests still use domain type qemu.
# BLUEVIRT_NETNS_KVM_MODE=0 leaves /dev/kvm alone.
align_kvm_permissions() {
    [[ -c /dev/kvm && ${BLUEVIRT_NETNS_KVM_MODE:-1} != 0 ]] || return 0
    getent group kvm >/dev/null || return 0
    local qemu_user
    qemu_user=$(sed -n 's/^[[:space:]]*user[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' /etc/libvirt/qemu.conf 2>/dev/null | tail -n1)
    qemu_user=${qemu_user:-libvirt-qemu}
    id "$qemu_user" >/dev/null 2>&1 || return 0
    setpriv --reuid="$qemu_user" --regid=kvm --init-groups test -r /dev/kvm -a -w /dev/kvm 2>/dev/null && return 0
    if [[ $(stat -c '%U:%G %a' /dev/kvm) == "root:root 600" ]]; then
        log "setting /dev/kvm to root:kvm 0660 (as Debian's udev rules do) so libvirt's QEMU capability cache stays valid"
        chgrp kvm /dev/kvm
        chmod 660 /dev/kvm
    else
        log "warning: $qemu_user cannot open /dev/kvm ($(stat -c '%U:%G %a' /dev/kvm)); libvirt will re-probe QEMU on every call (slow)"
    fi
}

# Shell commands that mount the host's cgroup hierarchies again. `ip netns exec` mounts a fresh
# sysfs for the namespace, so /sys/fs/cgroup is empty in there: the QEMU driver then runs guests
# without cgroups, and the LXC driver fails with "no cgroup backend available".
cgroup_mount_commands() {
    local line mount_point fs_type super_options commands=""
    while IFS= read -r line; do
        mount_point=$(cut -d' ' -f5 <<<"$line")
        read -r fs_type _ super_options <<<"${line#* - }"
        [[ $mount_point == /sys/fs/cgroup* ]] || continue
        case $fs_type in
        tmpfs) commands+="mount -t tmpfs -o mode=755 cgroup_root '$mount_point' && " ;;
        cgroup) commands+="mkdir -p '$mount_point' && mount -t cgroup -o '$super_options' cgroup '$mount_point' && " ;;
        # The hybrid layout's extra cgroup2 at /sys/fs/cgroup/unified is left out: libvirt's LXC
        # driver cannot recreate it inside the container ("Unable to create directory
        # /sys/fs/cgroup/unified") and uses the v1 hierarchies only.
        cgroup2) [[ $mount_point == /sys/fs/cgroup ]] && commands+="mount -t cgroup2 cgroup2 '$mount_point' && " ;;
        esac
    done </proc/self/mountinfo
    if [[ -n $commands ]]; then
        echo "{ ${commands}true; } || echo '$script_name: warning: could not mount the cgroup hierarchies in the namespace' >&2; "
    fi
}

wait_for_libvirtd() {
    local deadline=$((SECONDS + 60)) grace=$((SECONDS + 2))
    # The first start on a machine probes QEMU's capabilities (~10 s here) before it answers.
    while ((SECONDS < deadline)); do
        timeout 5 virsh -c "$uri" version >/dev/null 2>&1 && return 0
        if ! live_pid "$libvirtd_pidfile" libvirtd >/dev/null && ((SECONDS > grace)); then
            fail "libvirtd in namespace $name is not running; see $run_dir/libvirtd.log"
        fi
        sleep 0.1
    done
    fail "libvirtd in namespace $name did not answer '$uri' within 60 s; see $run_dir/libvirtd.log"
}

start() {
    require_root
    if live_pid "$libvirtd_pidfile" libvirtd >/dev/null; then
        log "libvirtd already running in namespace $name (pid $(cat "$libvirtd_pidfile"))"
        return 0
    fi
    install_missing_packages
    command -v ip >/dev/null || fail "ip (iproute2) is missing"
    refuse_other_libvirt
    align_kvm_permissions
    if namespace_exists; then
        [[ -z $(ip netns pids "$name") ]] || fail "network namespace $name exists and has processes in it; it is not this script's: pick another NAME"
    else
        ip netns add "$name"
    fi
    ip netns exec "$name" ip link set lo up
    mkdir -p "$run_dir/autostart"
    # libvirt creates the cgroup partition "machine" in every hierarchy; stop removes the ones
    # that were not there before.
    compgen -G '/sys/fs/cgroup/*/machine' >"$run_dir/cgroups-before" || true
    rm -f "$libvirtd_pidfile" "$virtlogd_pidfile"

    # virtlogd first: QEMU's console and log output goes through it.
    LIBVIRT_LOG_OUTPUTS="3:file:$run_dir/virtlogd.log" \
        ip netns exec "$name" virtlogd -d -p "$virtlogd_pidfile"
    # `ip netns exec` runs the command in a mount namespace of its own whose mounts do not
    # propagate to the host: the bind mounts hide the host's autostart folders from this
    # libvirtd only.
    local binds dir index=0
    binds=$(cgroup_mount_commands)
    for dir in "${autostart_dirs[@]}"; do
        [[ -d $dir ]] || continue
        mkdir -p "$run_dir/autostart/$index"
        binds+="mount --bind '$run_dir/autostart/$index' '$dir' && "
        index=$((index + 1))
    done
    LIBVIRT_LOG_FILTERS="${BLUEVIRT_LIBVIRTD_LOG_FILTERS:-}" LIBVIRT_LOG_OUTPUTS="${BLUEVIRT_LIBVIRTD_LOG_LEVEL:-3}:file:$run_dir/libvirtd.log" \
        ip netns exec "$name" sh -c "${binds}exec libvirtd -d -p '$libvirtd_pidfile'"
    wait_for_libvirtd
    log "libvirtd pid $(cat "$libvirtd_pidfile"), virtlogd pid $(cat "$virtlogd_pidfile") in network namespace $name; connect with $uri"
}

# Sends SIGTERM to PID, waits up to SECONDS for it to go, then SIGKILL.
end_pid() {
    local pid=$1 seconds=${2:-10} i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < seconds * 10; i++)); do
        [[ -d /proc/$pid ]] || return 0
        sleep 0.1
    done
    log "pid $pid did not end on SIGTERM within ${seconds}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
}

stop() {
    require_root
    local libvirtd_pid virtlogd_pid object
    if libvirtd_pid=$(live_pid "$libvirtd_pidfile" libvirtd); then
        # Through libvirt first, so QEMU and dnsmasq end cleanly rather than by signal.
        local domain_uri
        for domain_uri in "$uri" lxc:///system; do
            for object in $(virsh -c "$domain_uri" list --name --state-running --state-paused 2>/dev/null); do
                log "destroying running domain $object ($domain_uri)"
                virsh -q -c "$domain_uri" destroy "$object" >/dev/null || true
            done
        done
        for object in $(virsh -c "$uri" net-list --name 2>/dev/null); do
            log "destroying active network $object"
            virsh -q -c "$uri" net-destroy "$object" >/dev/null || true
        done
        local leftovers
        leftovers=$( { virsh -c "$uri" list --all --name; virsh -c lxc:///system list --all --name
                       virsh -c "$uri" net-list --all --name; } 2>/dev/null | grep -v '^$' | tr '\n' ' ' || true)
        [[ -n $leftovers ]] && log "note: defined but not running (persistent, in /etc/libvirt; left alone): $leftovers"
        end_pid "$libvirtd_pid"
    fi
    if virtlogd_pid=$(live_pid "$virtlogd_pidfile" virtlogd); then
        end_pid "$virtlogd_pid"
    fi
    rm -f "$libvirtd_pidfile" "$virtlogd_pidfile"
    if namespace_exists; then
        # Anything still inside the namespace was started by the daemons above.
        local pid
        for pid in $(ip netns pids "$name"); do
            log "ending leftover pid $pid ($(cat "/proc/$pid/comm" 2>/dev/null)) in namespace $name"
            end_pid "$pid" 5
        done
        ip netns del "$name"
    fi
    if [[ -f $run_dir/cgroups-before ]]; then
        local cgroup
        for cgroup in /sys/fs/cgroup/*/machine; do
            if [[ -d $cgroup ]] && ! grep -qxF "$cgroup" "$run_dir/cgroups-before"; then
                rmdir "$cgroup" 2>/dev/null || log "note: $cgroup is not empty; left in place"
            fi
        done
        rm -f "$run_dir/cgroups-before"
    fi
    log "stopped; namespace $name removed (daemon logs stay in $run_dir)"
}

status() {
    local pid state=0
    if namespace_exists; then echo "namespace $name: present"; else echo "namespace $name: absent"; state=1; fi
    if pid=$(live_pid "$libvirtd_pidfile" libvirtd); then echo "libvirtd: pid $pid"; else echo "libvirtd: not running"; state=1; fi
    if pid=$(live_pid "$virtlogd_pidfile" virtlogd); then echo "virtlogd: pid $pid"; else echo "virtlogd: not running"; state=1; fi
    if ((state == 0)); then
        timeout 5 virsh -c "$uri" version 2>&1 | sed 's/^/  /'
        echo "domains:"; virsh -c "$uri" list --all 2>&1 | sed 's/^/  /'
        echo "networks:"; virsh -c "$uri" net-list --all 2>&1 | sed 's/^/  /'
        echo "links in $name:"; ip netns exec "$name" ip -br link 2>&1 | sed 's/^/  /'
    fi
    return $state
}

case $command in
start) start ;;
stop) stop ;;
status) status ;;
*) usage ;;
esac
