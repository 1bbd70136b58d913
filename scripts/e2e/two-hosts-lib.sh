# Two libvirt "hosts" on this machine, for scripts/e2e/many-hosts-test.sh and
# bench/run-many-hosts-bench.sh (source it; needs root). Each host is a network namespace
# (bvh-a, bvh-b) with its own libvirtd, virtlogd and sshd, in a mount namespace of their own with
# empty /run, /etc/libvirt (only the *.conf files), /var/lib/libvirt, /var/log/libvirt and a copy
# of /var/cache/libvirt, so they share nothing with the machine's libvirt or with each other. A
# controller namespace (bvh-ctl), where bluevirt runs, holds a bridge joining them: host A
# 10.203.0.1, host B 10.203.0.2, controller 10.203.0.3. Nothing leaves the namespaces: no address,
# route or link in the machine's own namespace. Host A is reached over qemu+ssh with a key made
# here (sshd with its own config and host key, the test's own known_hosts), host B over qemu+tcp
# (libvirtd --listen, auth_tcp none, on 10.203.0.2 only).
#
# The caller sets `work` (a folder of mode 0755), then calls two_hosts_start; two_hosts_stop in
# its exit trap ends every daemon it started (by recorded pid) and deletes the namespaces.

ctl=bvh-ctl
hosts=(a b)
declare -A address=([a]=10.203.0.1 [b]=10.203.0.2)

two_hosts_fail() { echo "error: $*" >&2; return 1; }

in_ctl() { ip netns exec "$ctl" "$@"; }
uri_of() { # the URI bluevirt uses for host H
    case $1 in
    a) echo "qemu+ssh://root@${address[a]}/system?keyfile=$work/ctl/id_ed25519&command=$work/ctl/ssh&no_tty=1" ;;
    b) echo "qemu+tcp://${address[b]}/system" ;;
    esac
}
virsh_on() { local h=$1; shift; in_ctl timeout 20 virsh -q -c "$(uri_of "$h")" "$@"; }
pid_of() { cat "$work/$1/$2.pid" 2>/dev/null; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# freeze_b_and_watch LOG STARTED_PATTERN APPLY_PID TRIES: while the apply APPLY_PID writes its
# --json progress to LOG, freeze host B's libvirtd (SIGSTOP: its TCP connection stays up, so only
# keepalive can notice) once a line matches STARTED_PATTERN, then wait for the failure naming
# host B. Sets `frozen` (the time of the freeze, empty if none) and `noticed` (seconds from the
# freeze to that failure, empty if none); gives up after TRIES tenths of a second or when the
# apply ends.
freeze_b_and_watch() {
    local log=$1 pattern=$2 pid=$3 tries=$4
    frozen=
    noticed=
    for _ in $(seq "$tries"); do
        if [[ -z $frozen ]] && grep -qs "$pattern" "$log"; then
            kill -STOP "$(pid_of b libvirtd)"
            frozen=$(now)
        fi
        if [[ -n $frozen ]] && grep -qs '"event":"failed","host":"10.203.0.2"' "$log"; then
            noticed=$(elapsed "$frozen" "$(now)")
            break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
}

# start_daemons H: virtlogd, libvirtd (host B also on TCP) and sshd in H's namespaces.
start_daemons() {
    local h=$1 dir=$work/$1
    local listen=
    [[ $h == b ]] && listen=--listen
    # `ip netns exec` gives the command a mount namespace of its own whose mounts do not reach
    # the machine: the daemons started here keep it, with the folders below in place of the
    # machine's.
    ip netns exec "bvh-$h" sh -c "
        mount -t tmpfs -o mode=755 bvh-run /run && mkdir -p /run/libvirt /run/sshd &&
        mount --bind '$dir/etc' /etc/libvirt && mount --bind '$dir/lib' /var/lib/libvirt &&
        mount --bind '$dir/log' /var/log/libvirt && mount --bind '$dir/cache' /var/cache/libvirt &&
        LIBVIRT_LOG_OUTPUTS='3:file:$dir/virtlogd.log' virtlogd -d -p '$dir/virtlogd.pid' &&
        LIBVIRT_LOG_OUTPUTS='3:file:$dir/libvirtd.log' libvirtd -d $listen -f '$dir/etc/libvirtd.conf' -p '$dir/libvirtd.pid' &&
        /usr/sbin/sshd -f '$dir/sshd_config' -E '$dir/sshd.log'
    " || return 1
    local deadline=$((SECONDS + 60))
    until virsh_on "$h" version >/dev/null 2>&1; do
        ((SECONDS < deadline)) || { echo "libvirtd of host $h did not answer; see $dir/libvirtd.log" >&2; return 1; }
        sleep 0.3
    done
}

# restart_libvirtd H: a new libvirtd in H's mount namespace (that of its sshd).
restart_libvirtd() {
    local h=$1 dir=$work/$1 listen=
    [[ $h == b ]] && listen=--listen
    nsenter -t "$(pid_of "$h" sshd)" -m -n sh -c \
        "LIBVIRT_LOG_OUTPUTS='3:file:$dir/libvirtd.log' libvirtd -d $listen -f '$dir/etc/libvirtd.conf' -p '$dir/libvirtd.pid'"
    local deadline=$((SECONDS + 60))
    until virsh_on "$h" version >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.3
    done
}

# virsh_clean H PREFIX: removes every domain and network named PREFIX-… from host H.
virsh_clean() {
    local h=$1 deployment=$2 name
    for name in $(virsh_on "$h" list --all --name 2>/dev/null | grep "^$deployment-" || true); do
        virsh_on "$h" destroy "$name" >/dev/null 2>&1; virsh_on "$h" undefine "$name" >/dev/null 2>&1
    done
    for name in $(virsh_on "$h" net-list --all --name 2>/dev/null | grep "^$deployment-" || true); do
        virsh_on "$h" net-destroy "$name" >/dev/null 2>&1; virsh_on "$h" net-undefine "$name" >/dev/null 2>&1
    done
}

end_pid() {
    local pid=$1 i
    [[ -n $pid ]] || return 0
    kill -CONT "$pid" 2>/dev/null
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 50; i++)); do [[ -d /proc/$pid ]] || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

# Starts both hosts; fails if an earlier run left its namespaces.
two_hosts_start() {
    local ns h dir
    for ns in "$ctl" bvh-a bvh-b; do
        [[ -e /run/netns/$ns ]] && { two_hosts_fail "network namespace $ns exists: an earlier run did not finish; delete it (ip netns del $ns)"; return 1; }
    done
    ip netns add "$ctl"
    in_ctl ip link set lo up
    in_ctl ip link add bvhbr0 type bridge
    in_ctl ip addr add 10.203.0.3/24 dev bvhbr0
    in_ctl ip link set bvhbr0 up
    mkdir -p "$work/ctl"
    ssh-keygen -q -t ed25519 -N '' -C bluevirt-many-hosts -f "$work/ctl/id_ed25519"
    : >"$work/ctl/known_hosts"
    # libvirt runs this as its ssh: the test's own known_hosts, nothing from root's ~/.ssh.
    printf '#!/bin/sh\nexec ssh -F none -o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes -o BatchMode=yes "$@"\n' \
        "$work/ctl/known_hosts" >"$work/ctl/ssh"
    chmod 755 "$work/ctl/ssh"
    for h in "${hosts[@]}"; do
        dir=$work/$h
        mkdir -p "$dir/etc/qemu" "$dir/lib" "$dir/log" "$dir/cache"
        chmod 755 "$dir" "$dir/lib"
        cp /etc/libvirt/*.conf "$dir/etc/"
        [[ -d /var/cache/libvirt/qemu ]] && cp -a /var/cache/libvirt/qemu "$dir/cache/"
        if [[ $h == b ]]; then
            printf 'listen_tls = 0\nlisten_tcp = 1\nauth_tcp = "none"\nlisten_addr = "%s"\n' "${address[b]}" >>"$dir/etc/libvirtd.conf"
        fi
        ssh-keygen -q -t ed25519 -N '' -f "$dir/ssh_host_ed25519_key"
        echo "${address[$h]} $(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" >>"$work/ctl/known_hosts"
        cat >"$dir/sshd_config" <<SSHD
ListenAddress ${address[$h]}
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $work/ctl/id_ed25519.pub
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
SSHD
        ip netns add "bvh-$h"
        ip netns exec "bvh-$h" ip link set lo up
        in_ctl ip link add "bvh-$h" type veth peer name eth0 netns "bvh-$h"
        in_ctl ip link set "bvh-$h" master bvhbr0 up
        ip netns exec "bvh-$h" ip addr add "${address[$h]}/24" dev eth0
        ip netns exec "bvh-$h" ip link set eth0 up
        start_daemons "$h" || { two_hosts_fail "could not start the daemons of host $h"; return 1; }
    done
}

# Ends every daemon of both hosts (thawing a frozen one first) and deletes the namespaces.
two_hosts_stop() {
    local h pid ns
    for h in "${hosts[@]}"; do
        for pid in $(pid_of "$h" sshd) $(pid_of "$h" libvirtd) $(pid_of "$h" virtlogd); do end_pid "$pid"; done
    done
    for ns in "$ctl" bvh-a bvh-b; do
        [[ -e /run/netns/$ns ]] || continue
        for pid in $(ip netns pids "$ns"); do end_pid "$pid"; done
        ip netns del "$ns"
    done
}
