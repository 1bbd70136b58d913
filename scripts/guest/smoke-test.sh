#!/usr/bin/env bash
# Smoke test of the real-libvirt test infrastructure, with virsh only (no bluevirt):
#   1. builds the tiny guest (build-tiny-guest.sh) and starts libvirtd in a network namespace
#      of its own (libvirt-netns.sh);
#   2. creates an isolated network (no forward element, own bridge, DHCP in a private /24) and,
#      on it, two transient QEMU guests (type qemu, direct kernel boot, serial console to a
#      file): guest 1 (machine pc) takes its hostname from the kernel command line, guest 2
#      (machine q35) from a NoCloud seed ISO (label cidata, meta-data local-hostname) on a
#      virtio-scsi cdrom; and one LXC container (lxc:///system, same network);
#   3. waits for every DHCP lease (`virsh net-dhcp-leases`) and checks that each carries its
#      guest's hostname, and that each QEMU guest printed the same address on its console;
#   4. shuts guest 1 down through ACPI (`virsh shutdown`), destroys everything, stops libvirtd.
# Prints the time to lease per guest and the total. Exits non-zero on any failure; the work
# folder (serial logs, XML) is kept then and its path printed.
#
# Needs root. Everything it creates is transient: nothing is written under /etc/libvirt.
# Environment: BLUEVIRT_SMOKE_NETNS (default bluevirt-smoke), BLUEVIRT_SMOKE_PREFIX (first three
# octets of the private /24, default 10.251.7), BLUEVIRT_GUEST_DIR (default .cache/guest/out),
# BLUEVIRT_SMOKE_LEASE_TIMEOUT seconds (default 120), BLUEVIRT_SMOKE_LXC=0 leaves out the
# container, BLUEVIRT_SMOKE_KEEP=1 keeps the work folder.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
fixtures=$repo_root/Tests/Fixtures/qemu
netns=${BLUEVIRT_SMOKE_NETNS:-bluevirt-smoke}
prefix=${BLUEVIRT_SMOKE_PREFIX:-10.251.7}
guest_dir=${BLUEVIRT_GUEST_DIR:-$repo_root/.cache/guest/out}
lease_timeout=${BLUEVIRT_SMOKE_LEASE_TIMEOUT:-120}
network=bvsmoke-net
bridge=bvsmoke0
# Per guest: domain name, expected lease hostname, MAC, connection, machine type.
names=(bvsmoke-1 bvsmoke-2)
hostnames=(smoke-cmdline-1 smoke-seed-2)
macs=(52:54:00:b7:00:01 52:54:00:b7:00:02)
uris=(qemu:///system qemu:///system)
machines=(pc q35)
if [[ ${BLUEVIRT_SMOKE_LXC:-1} != 0 ]]; then
    names+=(bvsmoke-lxc-3)
    hostnames+=(smoke-lxc-3)
    macs+=(52:54:00:b7:00:03)
    uris+=(lxc:///system)
fi
uri=qemu:///system

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "smoke: $*"; }
fail() { echo "error: $*" >&2; exit 1; }

[[ $(id -u) == 0 ]] || fail "the smoke test needs root"
command -v genisoimage >/dev/null || {
    log "installing genisoimage (builds the cidata seed ISO)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends genisoimage >/dev/null
}

t_begin=$(now)
work=$(mktemp -d /tmp/bluevirt-smoke.XXXXXX)
chmod 755 "$work" # QEMU runs as libvirt-qemu and opens the serial log and the seed ISO here
ok=

cleanup() {
    local i
    if virsh -c "$uri" version >/dev/null 2>&1; then
        for i in "${!names[@]}"; do
            virsh -q -c "${uris[i]}" destroy "${names[i]}" >/dev/null 2>&1 || true
        done
        virsh -q -c "$uri" net-destroy "$network" >/dev/null 2>&1 || true
    fi
    "$repo_root/scripts/libvirt-netns.sh" stop "$netns" || true
    if [[ -z $ok ]]; then
        echo "smoke: FAILED; serial logs and XML kept in $work" >&2
    elif [[ -n ${BLUEVIRT_SMOKE_KEEP:-} ]]; then
        echo "smoke: serial logs and XML kept in $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

guest_paths=$("$script_dir/build-tiny-guest.sh" "$guest_dir")
guest_vmlinuz=$(sed -n 's/^vmlinuz=//p' <<<"$guest_paths")
guest_initrd=$(sed -n 's/^initrd=//p' <<<"$guest_paths")
guest_container_root=$(sed -n 's/^container_root=//p' <<<"$guest_paths")
t_guest=$(now)
"$repo_root/scripts/libvirt-netns.sh" start "$netns"
t_daemon=$(now)

# Fills the placeholders of fixture FILE from NAME=VALUE arguments; writes OUT; validates it
# against libvirt's RelaxNG schema KIND.
render() {
    local file=$1 out=$2 kind=$3 pair xml
    shift 3
    xml=$(<"$file")
    for pair in "$@"; do
        xml=${xml//@${pair%%=*}@/${pair#*=}}
    done
    [[ $xml != *@[A-Z_]*@* ]] || fail "unfilled placeholder in $out: $(grep -o '@[A-Z_]*@' <<<"$xml" | head -n1)"
    echo "$xml" >"$out"
    virt-xml-validate "$out" "$kind" >/dev/null 2>&1 || virt-xml-validate "$out" "$kind"
}

render "$fixtures/isolated-network.xml" "$work/network.xml" network \
    NETWORK="$network" BRIDGE="$bridge" PREFIX="$prefix"
grep -q '<forward' "$work/network.xml" && fail "the test network must be isolated (no forward element)"
virsh -q -c "$uri" net-create "$work/network.xml" >/dev/null

# The seed ISO of guest 2: what cloud-init's NoCloud datasource reads.
mkdir -p "$work/seed"
printf 'instance-id: %s\nlocal-hostname: %s\n' "${names[1]}" "${hostnames[1]}" >"$work/seed/meta-data"
printf '#cloud-config\n{}\n' >"$work/seed/user-data"
genisoimage -quiet -output "$work/seed.iso" -volid cidata -joliet -rock "$work/seed/meta-data" "$work/seed/user-data"
seed_device=$(<"$fixtures/seed-cdrom-device.xml")
seed_device=${seed_device//@SEED@/$work/seed.iso}

for i in 0 1; do
    cmdline="" extra=""
    if ((i == 0)); then cmdline="bluevirt.hostname=${hostnames[0]}"; else extra=$seed_device; fi
    render "$fixtures/tiny-guest-domain.xml" "$work/${names[i]}.xml" domain \
        NAME="${names[i]}" KERNEL="$guest_vmlinuz" INITRD="$guest_initrd" NETWORK="$network" \
        MAC="${macs[i]}" MACHINE="${machines[i]}" SERIAL="$work/${names[i]}.serial.log" \
        CMDLINE="$cmdline" EXTRA_DEVICES="$extra"
done
if ((${#names[@]} > 2)); then
    render "$fixtures/tiny-container-domain.xml" "$work/${names[2]}.xml" domain \
        NAME="${names[2]}" HOSTNAME="${hostnames[2]}" ROOT="$guest_container_root" \
        NETWORK="$network" MAC="${macs[2]}"
fi
declare -a t_created
for i in "${!names[@]}"; do
    t_created[i]=$(now)
    virsh -q -c "${uris[i]}" create "$work/${names[i]}.xml" >/dev/null
done
log "network $network ($prefix.0/24, bridge $bridge in namespace $netns) and guests ${names[*]} started"

# Waits for every lease; each must carry its guest's hostname.
declare -a lease_ip t_leased
deadline=$(($(date +%s) + lease_timeout))
while :; do
    leases=$(virsh -c "$uri" net-dhcp-leases "$network" 2>/dev/null || true)
    done_count=0
    for i in "${!names[@]}"; do
        if [[ -z ${lease_ip[i]:-} ]]; then
            line=$(awk -v mac="${macs[i]}" '$3 == mac' <<<"$leases")
            if [[ -n $line ]]; then
                lease_ip[i]=$(awk '{ sub(/\/.*/, "", $5); print $5 }' <<<"$line")
                lease_host=$(awk '{ print $6 }' <<<"$line")
                t_leased[i]=$(now)
                [[ $lease_host == "${hostnames[i]}" ]] \
                    || fail "lease of ${names[i]} (${macs[i]}) carries hostname '$lease_host', expected '${hostnames[i]}'"
            fi
        fi
        [[ -n ${lease_ip[i]:-} ]] && done_count=$((done_count + 1))
    done
    ((done_count == ${#names[@]})) && break
    if (($(date +%s) > deadline)); then
        echo "error: not every guest has a lease after ${lease_timeout}s; lease table:" >&2
        echo "$leases" >&2
        for i in 0 1; do echo "--- ${names[i]} serial (last lines):" >&2; tail -n 15 "$work/${names[i]}.serial.log" >&2 || true; done
        exit 1
    fi
    sleep 0.2
done
echo "$leases" | sed 's/^/    /'

# Each QEMU guest's own view: the READY marker on its serial console names the same address.
for i in 0 1; do
    serial=$work/${names[i]}.serial.log
    for _ in $(seq 50); do grep -q BLUEVIRT-GUEST-READY "$serial" 2>/dev/null && break; sleep 0.1; done
    grep -q "BLUEVIRT-GUEST-READY iface=eth0 ip=${lease_ip[i]} hostname=${hostnames[i]}" "$serial" || {
        grep BLUEVIRT- "$serial" >&2 || true
        fail "${names[i]}'s console does not report ip=${lease_ip[i]} hostname=${hostnames[i]}"
    }
done
grep -q "BLUEVIRT-GUEST-HOSTNAME name=${hostnames[0]} source=cmdline" "$work/${names[0]}.serial.log" \
    || fail "${names[0]} did not take its hostname from the kernel command line"
grep -q "BLUEVIRT-GUEST-HOSTNAME name=${hostnames[1]} source=cidata" "$work/${names[1]}.serial.log" \
    || fail "${names[1]} did not take its hostname from the cidata seed"
for i in "${!names[@]}"; do
    log "${names[i]} (${uris[i]}): lease ${lease_ip[i]} hostname ${hostnames[i]} after $(elapsed "${t_created[i]}" "${t_leased[i]}") s"
done
t_leases=$(now)

# Graceful stop: ACPI power button -> busybox acpid -> poweroff.
virsh -q -c "$uri" shutdown "${names[0]}" >/dev/null
shutdown_ok=
for _ in $(seq 300); do
    virsh -c "$uri" domstate "${names[0]}" >/dev/null 2>&1 || { shutdown_ok=1; break; }
    sleep 0.1
done
[[ -n $shutdown_ok ]] || fail "${names[0]} did not power off within 30 s of virsh shutdown"
t_shutdown=$(now)
log "${names[0]} powered off $(elapsed "$t_leases" "$t_shutdown") s after virsh shutdown"

for i in "${!names[@]}"; do
    ((i == 0)) && continue
    virsh -q -c "${uris[i]}" destroy "${names[i]}" >/dev/null
done
virsh -q -c "$uri" net-destroy "$network" >/dev/null
left=$( { for u in $(printf '%s\n' "${uris[@]}" | sort -u); do virsh -c "$u" list --all --name; done
          virsh -c "$uri" net-list --all --name; } | grep -E '^bvsmoke' || true)
[[ -z $left ]] || fail "left behind: $left"
ok=1
trap - EXIT
cleanup
t_end=$(now)
summary="guest build $(elapsed "$t_begin" "$t_guest") s, libvirtd start $(elapsed "$t_guest" "$t_daemon") s"
for i in "${!names[@]}"; do
    summary+=", lease ${names[i]} $(elapsed "${t_created[i]}" "${t_leased[i]}") s"
done
log "PASS: $summary, all leased $(elapsed "$t_daemon" "$t_leases") s after libvirtd answered, total $(elapsed "$t_begin" "$t_end") s"
