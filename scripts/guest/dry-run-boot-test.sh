#!/usr/bin/env bash
# Boots what bluevirt renders: `bluevirt dry-run --output-dir` of
# Tests/Fixtures/qemu/two-tiny-guests.yaml (an isolated network, two tiny guests with direct
# kernel boot), then creates those documents with virsh in the namespace's libvirtd and checks
# that both guests get a DHCP lease carrying their hostname, that `virsh domifaddr --source
# lease` reports the same addresses, and that `virsh shutdown` powers a guest off. Until
# `bluevirt apply` exists this proves that the templates' XML boots; afterwards it is the
# reference the apply test is compared with.
#
# Usage (root): scripts/guest/dry-run-boot-test.sh [BLUEVIRT_BINARY]
# Without an argument, $BLUEVIRT_BIN, else builds bluevirt in .build-reallibvirt.
# Environment: BLUEVIRT_DRYRUN_NETNS (default bluevirt-dryrun), BLUEVIRT_GUEST_DIR.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
blueprint=$repo_root/Tests/Fixtures/qemu/two-tiny-guests.yaml
netns=${BLUEVIRT_DRYRUN_NETNS:-bluevirt-dryrun}
guest_dir=${BLUEVIRT_GUEST_DIR:-$repo_root/.cache/guest/out}
uri=qemu:///system
deployment=two-tiny-guests
network=$deployment-lan-1
guests=(web db)
hostnames=(tiny-web tiny-db)
macs=(52:54:00:b7:20:01 52:54:00:b7:20:02)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "dry-run-boot: $*"; }
fail() { echo "error: $*" >&2; exit 1; }

[[ $(id -u) == 0 ]] || fail "this test needs root"
bluevirt=${1:-${BLUEVIRT_BIN:-}}
if [[ -z $bluevirt ]]; then
    # shellcheck source=../common.sh
    source "$repo_root/scripts/common.sh"
    use_swift_toolchain
    (cd "$repo_root" && swift build --quiet --scratch-path .build-reallibvirt --product bluevirt)
    bluevirt="$(cd "$repo_root" && swift build --scratch-path .build-reallibvirt --show-bin-path)/bluevirt"
fi
[[ -x $bluevirt ]] || fail "no bluevirt binary at $bluevirt"

guest_paths=$("$script_dir/build-tiny-guest.sh" "$guest_dir")
vmlinuz=$(sed -n 's/^vmlinuz=//p' <<<"$guest_paths")
initrd=$(sed -n 's/^initrd=//p' <<<"$guest_paths")

work=$(mktemp -d /tmp/bluevirt-dryrun-boot.XXXXXX)
chmod 755 "$work" # QEMU (libvirt-qemu) writes the serial logs here
ok=
cleanup() {
    local guest
    if virsh -c "$uri" version >/dev/null 2>&1; then
        for guest in "${guests[@]}"; do
            virsh -q -c "$uri" destroy "$deployment-$guest-1" >/dev/null 2>&1 || true
        done
        virsh -q -c "$uri" net-destroy "$network" >/dev/null 2>&1 || true
    fi
    "$repo_root/scripts/libvirt-netns.sh" stop "$netns" || true
    if [[ -n $ok ]]; then rm -rf "$work"; else echo "dry-run-boot: FAILED; documents and serial logs kept in $work" >&2; fi
}
trap cleanup EXIT

"$bluevirt" dry-run "$blueprint" --input "kernel=$vmlinuz" --input "initrd=$initrd" \
    --input "serial_dir=$work" --output-dir "$work/xml" >/dev/null
grep -q '<forward' "$work/xml/network-$network.xml" && fail "the rendered network is not isolated"

"$repo_root/scripts/libvirt-netns.sh" start "$netns"
virsh -q -c "$uri" net-create "$work/xml/network-$network.xml" >/dev/null
t_created=$(now)
for guest in "${guests[@]}"; do
    virsh -q -c "$uri" create "$work/xml/domain-$deployment-$guest-1.xml" >/dev/null
done

declare -a lease_ip
deadline=$((SECONDS + 120))
while :; do
    leases=$(virsh -c "$uri" net-dhcp-leases "$network" 2>/dev/null || true)
    count=0
    for i in "${!guests[@]}"; do
        line=$(awk -v mac="${macs[i]}" '$3 == mac' <<<"$leases")
        [[ -n $line ]] || continue
        lease_ip[i]=$(awk '{ sub(/\/.*/, "", $5); print $5 }' <<<"$line")
        [[ $(awk '{ print $6 }' <<<"$line") == "${hostnames[i]}" ]] \
            || fail "the lease of ${guests[i]} does not carry hostname ${hostnames[i]}: $line"
        count=$((count + 1))
    done
    ((count == ${#guests[@]})) && break
    ((SECONDS < deadline)) || fail "not every guest has a lease after 120 s: $leases"
    sleep 0.2
done
t_leased=$(now)
echo "$leases" | sed 's/^/    /'
for i in "${!guests[@]}"; do
    address=$(virsh -c "$uri" domifaddr "$deployment-${guests[i]}-1" --source lease | awk '$3 == "ipv4" { sub(/\/.*/, "", $4); print $4 }')
    [[ $address == "${lease_ip[i]}" ]] || fail "domifaddr of ${guests[i]} says '$address', the lease table ${lease_ip[i]}"
done
log "both guests leased $(elapsed "$t_created" "$t_leased") s after create; domifaddr agrees"

virsh -q -c "$uri" shutdown "$deployment-web-1" >/dev/null
for _ in $(seq 300); do
    virsh -c "$uri" domstate "$deployment-web-1" >/dev/null 2>&1 || break
    sleep 0.1
done
virsh -c "$uri" domstate "$deployment-web-1" >/dev/null 2>&1 && fail "web did not power off within 30 s of virsh shutdown"
log "web powered off after virsh shutdown"
ok=1
log "PASS"
