#!/usr/bin/env bash
# Disks from images and seed disks (issue 5), against the real libvirt storage driver:
#
#   A. Ten machines' disks from one image: a pool, a base volume filled from an image served
#      over HTTP on loopback (BENCH_IMAGE_MIB MiB, random bytes, so nothing compresses), and ten
#      copy-on-write clones of it, made by `bluevirt apply` (cold image cache, then warm: a
#      second deployment) — and the same by hand the way the libvirt plugin's example scripts
#      do it: curl, `virsh vol-create-as` + `virsh vol-upload`, ten `virsh vol-create` of a clone.
#      The HTTP server's log says how many times the image was downloaded.
#   B. Twenty cloud-init seed disks: `bluevirt apply` of a pool and twenty
#      `bluevirt.nodes.CloudInitSeed` (built in-process, streamed into volumes) — and the same
#      with genisoimage and virsh per seed (write the two files, genisoimage, vol-create-as,
#      vol-upload).
#
# Every run is checked (volumes there, clone backing files, seed labels) and removed again.
# Needs root. Uses the libvirtd answering on qemu:///system if there is one, else starts one in
# network namespace BENCH_NETNS (default bluevirt-imagebench) and stops it on exit.
# Environment: BENCH_BLUEVIRT (default: a release build in .build-release), BENCH_IMAGE_MIB
# (default 512), BENCH_WORK (default a new folder under /tmp). Prints a Markdown table;
# docs/performance.md ("disks from images, seed disks") shows a run.
set -uo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
uri=qemu:///system
image_mib=${BENCH_IMAGE_MIB:-512}
netns=${BENCH_NETNS:-bluevirt-imagebench}

die() { echo "run-image-bench: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
log() { echo "bench: $*" >&2; }

[[ $(id -u) == 0 ]] || die "needs root (a libvirtd with the storage driver)"
for tool in curl genisoimage qemu-img virsh python3; do
    command -v "$tool" >/dev/null || die "needs $tool (apt-get install curl genisoimage qemu-utils libvirt-clients python3)"
done
bluevirt=${BENCH_BLUEVIRT:-}
if [[ -z $bluevirt ]]; then
    # shellcheck source=scripts/common.sh
    source "$repo_root/scripts/common.sh"
    use_swift_toolchain
    (cd "$repo_root" && swift build -c release --quiet --scratch-path .build-release --product bluevirt) || die "release build failed"
    bluevirt=$repo_root/.build-release/release/bluevirt
fi

work=${BENCH_WORK:-$(mktemp -d /tmp/bluevirt-imagebench.XXXXXX)}
mkdir -p "$work/http" && chmod 755 "$work"
started_netns=
http_pid=
# Removes the pools this script made (named ib-…) with their volumes.
cleanup_pools() {
    local pool volume
    for pool in $(virsh -q -c "$uri" pool-list --all --name 2>/dev/null | grep '^ib-' || true); do
        for volume in $(virsh -q -c "$uri" vol-list "$pool" 2>/dev/null | awk '{ print $1 }'); do
            virsh -q -c "$uri" vol-delete "$volume" --pool "$pool" >/dev/null 2>&1
        done
        virsh -q -c "$uri" pool-destroy "$pool" >/dev/null 2>&1
        virsh -q -c "$uri" pool-undefine "$pool" >/dev/null 2>&1
    done
}
cleanup() {
    [[ -n $http_pid ]] && { kill "$http_pid" 2>/dev/null; wait "$http_pid" 2>/dev/null; }
    cleanup_pools
    [[ -n $started_netns ]] && "$repo_root/scripts/libvirt-netns.sh" stop "$netns" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! virsh -c "$uri" version >/dev/null 2>&1; then
    "$repo_root/scripts/libvirt-netns.sh" start "$netns" >"$work/netns.log" 2>&1 || { cat "$work/netns.log" >&2; die "no libvirtd"; }
    started_netns=1
fi

log "making a ${image_mib} MiB image"
head -c $((image_mib * 1048576)) /dev/urandom >"$work/http/image.raw"
image_sha=$(sha256sum "$work/http/image.raw" | cut -d' ' -f1)
python3 -u -m http.server --bind 127.0.0.1 0 --directory "$work/http" >"$work/http.log" 2>&1 &
http_pid=$!
for _ in $(seq 50); do
    port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.1 port \([0-9]*\).*/\1/p' "$work/http.log")
    [[ -n $port ]] && break
    sleep 0.1
done
[[ -n $port ]] || die "the HTTP server did not start"
url=http://127.0.0.1:$port/image.raw
gets() { grep -c 'GET /image.raw' "$work/http.log"; }

# ---- A: ten disks from one image -------------------------------------------------------
cat >"$work/disks.yaml" <<EOF
tosca_definitions_version: cloudify_dsl_1_3
imports:
  - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
  - plugin:cloudify-libvirt-plugin
inputs:
  pool_dir: { type: string }
node_templates:
  images:
    type: cloudify.libvirt.pool
    properties:
      params: { path: { get_input: pool_dir } }
  base:
    type: cloudify.libvirt.volume
    properties:
      params: { pool: { get_attribute: [ images, resource_id ] }, format: raw, url: '$url', sha256: '$image_sha' }
    relationships:
      - { type: cloudify.relationships.depends_on, target: images }
  disk:
    type: cloudify.libvirt.volume
    instances: { deploy: 10 }
    properties:
      params: { pool: { get_attribute: [ images, resource_id ] }, format: qcow2, backing_volume: { get_attribute: [ base, resource_id ] } }
    relationships:
      - { type: cloudify.relationships.depends_on, target: base }
EOF
clones_ok() { # POOL_DIR PREFIX BASE_PATH: ten qcow2 clones over the base
    local i ok=0
    for i in $(seq 10); do
        qemu-img info -U "$1/$2$i.qcow2" 2>/dev/null | grep -q "backing file: $3" || ok=1
    done
    return $ok
}
bluevirt_disks() { # DEPLOYMENT: prints seconds
    local d=$1 t0 t1
    mkdir -p "$work/$d" && chmod 755 "$work/$d"
    t0=$(now)
    "$bluevirt" apply "$work/disks.yaml" -d "$d" --state-dir "$work/state" --input "pool_dir=$work/$d" >"$work/$d.log" 2>&1 \
        || { cat "$work/$d.log" >&2; die "bluevirt apply $d failed"; }
    t1=$(now)
    clones_ok "$work/$d" "$d-disk-" "$work/$d/$d-base-1.raw" || die "$d: clones are not over the base"
    "$bluevirt" destroy -d "$d" --state-dir "$work/state" >/dev/null 2>&1 || die "bluevirt destroy $d failed"
    elapsed "$t0" "$t1"
}
by_hand_disks() { # prints seconds
    local t0 t1 i pool=ib-hand dir=$work/ib-hand
    mkdir -p "$dir" && chmod 755 "$dir"
    t0=$(now)
    virsh -q -c "$uri" pool-create-as "$pool" dir --target "$dir" >/dev/null
    curl -sf -o "$work/download.raw" "$url" || die "curl failed"
    echo "$image_sha  $work/download.raw" | sha256sum -c --quiet || die "sha256 differs"
    virsh -q -c "$uri" vol-create-as "$pool" base.raw "$(stat -c %s "$work/download.raw")" --format raw >/dev/null
    virsh -q -c "$uri" vol-upload base.raw "$work/download.raw" --pool "$pool"
    for i in $(seq 10); do
        virsh -q -c "$uri" vol-create "$pool" /dev/stdin >/dev/null <<EOF
<volume><name>clone-$i.qcow2</name><target><format type='qcow2'/></target>
<backingStore><path>$dir/base.raw</path><format type='raw'/></backingStore></volume>
EOF
    done
    t1=$(now)
    clones_ok "$dir" clone- "$dir/base.raw" || die "by hand: clones are not over the base"
    rm -f "$work/download.raw"
    elapsed "$t0" "$t1"
}

log "A: bluevirt, cold cache"
gets_before=$(gets)
cold=$(bluevirt_disks ib-cold)
cold_gets=$(($(gets) - gets_before))
log "A: bluevirt, warm cache"
warm=$(bluevirt_disks ib-warm)
warm_gets=$(($(gets) - gets_before - cold_gets))
log "A: by hand (curl + virsh)"
hand=$(by_hand_disks)
cleanup_pools

# ---- B: twenty seed disks --------------------------------------------------------------
cat >"$work/seeds.yaml" <<EOF
tosca_definitions_version: cloudify_dsl_1_3
imports:
  - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
  - plugin:cloudify-libvirt-plugin
inputs:
  pool_dir: { type: string }
node_templates:
  images:
    type: cloudify.libvirt.pool
    properties:
      params: { path: { get_input: pool_dir } }
  seed:
    type: bluevirt.nodes.CloudInitSeed
    instances: { deploy: 20 }
    properties:
      params: { pool: { get_attribute: [ images, resource_id ] } }
      user_data:
        users: [ { name: debian, ssh_authorized_keys: [ 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGqM7e0GTRvlcn39WubTGh3VaNdsUOOKByZ1+4z4QZPm bench' ] } ]
    relationships:
      - { type: cloudify.relationships.depends_on, target: images }
EOF
log "B: bluevirt, 20 seeds"
mkdir -p "$work/ib-seeds" && chmod 755 "$work/ib-seeds"
t0=$(now)
"$bluevirt" apply "$work/seeds.yaml" -d ib-seeds --state-dir "$work/state" --input "pool_dir=$work/ib-seeds" >"$work/seeds.log" 2>&1 \
    || { cat "$work/seeds.log" >&2; die "bluevirt apply of the seeds failed"; }
seeds_bluevirt=$(elapsed "$t0" "$(now)")
blkid "$work/ib-seeds/ib-seeds-seed-20.iso" | grep -q 'LABEL="cidata"' || die "seed 20 has no cidata label"
"$bluevirt" destroy -d ib-seeds --state-dir "$work/state" >/dev/null 2>&1 || die "destroy of the seeds failed"

log "B: genisoimage + virsh, 20 seeds"
mkdir -p "$work/ib-gen" && chmod 755 "$work/ib-gen"
t0=$(now)
virsh -q -c "$uri" pool-create-as ib-gen dir --target "$work/ib-gen" >/dev/null
for i in $(seq 20); do
    seed=$work/seed-$i && mkdir -p "$seed"
    printf '#cloud-config\nusers:\n  - name: debian\n    ssh_authorized_keys:\n      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGqM7e0GTRvlcn39WubTGh3VaNdsUOOKByZ1+4z4QZPm bench\n' >"$seed/user-data"
    printf 'instance-id: seed-%s\nlocal-hostname: seed-%s\n' "$i" "$i" >"$seed/meta-data"
    genisoimage -quiet -output "$seed.iso" -volid cidata -joliet -rock "$seed/user-data" "$seed/meta-data"
    virsh -q -c "$uri" vol-create-as ib-gen "seed-$i.iso" "$(stat -c %s "$seed.iso")" --format raw >/dev/null
    virsh -q -c "$uri" vol-upload "seed-$i.iso" "$seed.iso" --pool ib-gen
done
seeds_hand=$(elapsed "$t0" "$(now)")
cleanup_pools

echo
echo "| work | bluevirt | by hand (the plugin's scripts' way) |"
echo "|---|---|---|"
echo "| A. pool + ${image_mib} MiB image over loopback HTTP (sha256 checked) + 10 qcow2 clones | ${cold} s cold cache (${cold_gets} download), ${warm} s warm cache (${warm_gets} downloads) | ${hand} s (curl, sha256sum, vol-create-as, vol-upload, 10 × vol-create) |"
echo "| B. pool + 20 cloud-init seed disks | ${seeds_bluevirt} s (in-process ISO, streamed) | ${seeds_hand} s (genisoimage, vol-create-as, vol-upload per seed) |"
echo
echo "bluevirt: $bluevirt; libvirt $(virsh -c "$uri" version 2>/dev/null | sed -n 's/^Running hypervisor: //p;s/^Using library: //p' | tr '\n' ' ')"
