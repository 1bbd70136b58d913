#!/usr/bin/env bash
# Builds the tiny test guest: Debian's cloud kernel plus a busybox initramfs that loads the
# virtio (and cdrom/iso9660) modules, takes its hostname from the kernel command line
# (bluevirt.hostname=NAME) or from a NoCloud seed disk labelled `cidata` (meta-data
# local-hostname), asks libvirt's DHCP for a lease carrying that hostname, and prints markers on
# the serial console:
#   BLUEVIRT-GUEST-BOOT kernel=…            /init started
#   BLUEVIRT-GUEST-SEED device=… files=…    a cidata seed disk was found and read
#   BLUEVIRT-GUEST-HOSTNAME name=… source=cmdline|cidata|default
#   BLUEVIRT-GUEST-DISK device=/dev/vda first-line=…   the first line of its first virtio disk
#   BLUEVIRT-GUEST-SSHD pid=… authorized=N   dropbear listens on port 22 (keys from the seed)
#   BLUEVIRT-GUEST-READY iface=eth0 ip=… hostname=…   a DHCP lease was bound
#   BLUEVIRT-GUEST-POWEROFF                 ACPI power button (virsh shutdown) honoured
#
# It also builds a root folder for LXC containers from the same busybox: init is /sbin/init,
# whose first argument (else $BLUEVIRT_HOSTNAME) is the hostname sent with the DHCP request.
#
# Usage: scripts/guest/build-tiny-guest.sh OUT_DIR
# Prints three lines, `vmlinuz=PATH`, `initrd=PATH` and `container_root=PATH` (absolute paths
# inside OUT_DIR).
# Downloads only from the Debian archive (apt-get download); everything downloaded or unpacked
# stays in the cache folder (default .cache/guest/ of the repository, git-ignored; override with
# BLUEVIRT_GUEST_CACHE). Reuses the cache: a second run downloads and rebuilds nothing.
# Needs root only to install missing tools (cpio) and to create /dev/console in the image.
# BLUEVIRT_GUEST_KERNEL_PACKAGE overrides the kernel package (default: what
# linux-image-cloud-amd64 depends on).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)

if (($# != 1)); then
    echo "usage: $0 OUT_DIR" >&2
    exit 2
fi
mkdir -p "$1"
out_dir=$(cd "$1" && pwd)
cache=${BLUEVIRT_GUEST_CACHE:-$repo_root/.cache/guest}
mkdir -p "$cache/debs"

log() { echo "build-tiny-guest: $*" >&2; }

# apt-cache answers from the package lists; fetch them once if this machine has none yet.
apt_lists_present() { compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; }
if ! apt_lists_present; then
    log "no apt package lists: running apt-get update once"
    apt-get update -qq
fi

if ! command -v cpio >/dev/null; then
    if [[ $(id -u) != 0 ]]; then
        echo "error: cpio is missing; install the Debian package cpio (or run this as root)" >&2
        exit 1
    fi
    log "installing cpio"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends cpio >/dev/null
fi

kernel_package=${BLUEVIRT_GUEST_KERNEL_PACKAGE:-$(apt-cache depends linux-image-cloud-amd64 \
    | sed -n 's/^ *Depends: \(linux-image-[0-9].*-cloud-amd64\)$/\1/p' | head -n1)}
if [[ -z $kernel_package ]]; then
    echo "error: cannot find the cloud kernel: \`apt-cache depends linux-image-cloud-amd64\` names" \
        "no linux-image-*-cloud-amd64 package; run apt-get update, or set BLUEVIRT_GUEST_KERNEL_PACKAGE" >&2
    exit 1
fi
kernel_version=${kernel_package#linux-image-}

# Downloads PACKAGE's .deb into the cache unless a .deb of it is there already.
fetch_deb() {
    local package=$1
    if ! compgen -G "$cache/debs/${package}_*.deb" >/dev/null; then
        log "downloading $package from the Debian archive"
        (cd "$cache/debs" && apt-get download -q "$package" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2) || true
        compgen -G "$cache/debs/${package}_*.deb" >/dev/null \
            || { echo "error: apt-get download $package failed" >&2; exit 1; }
    fi
    compgen -G "$cache/debs/${package}_*.deb" | head -n1
}
kernel_deb=$(fetch_deb "$kernel_package")
busybox_deb=$(fetch_deb busybox-static)
# The ssh server (Debian's dropbear) with the shared libraries it needs, and OpenSSH's
# sftp-server, which dropbear runs for the sftp subsystem (scp and sftp clients use it).
ssh_packages=(dropbear-bin libc6 libcrypt1 libtomcrypt1 libtommath1 libgmp10 zlib1g openssh-sftp-server)
ssh_debs=()
for package in "${ssh_packages[@]}"; do
    ssh_debs+=("$(fetch_deb "$package")")
done

# Unpacks a .deb once into a folder named after the file.
unpack_deb() {
    local deb=$1 dir
    dir="$cache/unpacked/$(basename "$deb" .deb)"
    if [[ ! -f $dir/.unpacked ]]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        dpkg -x "$deb" "$dir"
        touch "$dir/.unpacked"
    fi
    echo "$dir"
}
kernel_root=$(unpack_deb "$kernel_deb")
busybox_root=$(unpack_deb "$busybox_deb")
busybox="$busybox_root/bin/busybox"
ssh_roots=()
for deb in "${ssh_debs[@]}"; do
    ssh_roots+=("$(unpack_deb "$deb")")
done
modules_root="$kernel_root/lib/modules/$kernel_version"
[[ -f $kernel_root/boot/vmlinuz-$kernel_version ]] \
    || { echo "error: $kernel_deb holds no boot/vmlinuz-$kernel_version" >&2; exit 1; }

# The image depends on the packages and on this script (which holds /init); rebuild only
# when one of them changed.
stamp_value="$(basename "$kernel_deb") $(basename "$busybox_deb") ${ssh_debs[*]##*/} $(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)"
vmlinuz="$out_dir/vmlinuz"
initrd="$out_dir/initrd.gz"
container_root="$out_dir/container-root"
stamp="$out_dir/.tiny-guest-stamp"
print_paths() {
    echo "vmlinuz=$vmlinuz"
    echo "initrd=$initrd"
    echo "container_root=$container_root"
}
if [[ -f $vmlinuz && -f $initrd && -d $container_root && -f $stamp && $(cat "$stamp") == "$stamp_value" ]]; then
    log "up to date (kernel $kernel_version)"
    print_paths
    exit 0
fi

# modules.dep for the unpacked kernel (the package leaves it to depmod at install time);
# busybox's depmod needs no kmod package.
if [[ ! -f $modules_root/modules.dep ]]; then
    (cd "$kernel_root" && "$busybox" depmod -b . "$kernel_version")
fi

# The modules the guest needs, each after its dependencies. Missing ones are skipped (a kernel
# that has them built in needs no module).
wanted_modules=(
    virtio_pci virtio_net          # network: virtio_ring virtio virtio_pci_* failover net_failover
    virtio_blk virtio_scsi         # disks (a seed disk may be a virtio disk or on virtio-scsi)
    ata_piix sr_mod isofs          # cdrom on the IDE bus of the pc machine, ISO 9660 seed disks
    button evdev                   # ACPI power button, so `virsh shutdown` powers the guest off
)
declare -A module_path=() module_deps=() module_listed=()
while IFS= read -r line; do
    path=${line%%:*}
    name=$(basename "$path" .ko)
    name=${name//-/_}
    module_path[$name]=$path
    module_deps[$name]=${line#*:}
done <"$modules_root/modules.dep"
load_order=()
add_module() {
    local name=$1 dep dep_name
    [[ -n ${module_listed[$name]:-} ]] && return 0
    for dep in ${module_deps[$name]}; do
        dep_name=$(basename "$dep" .ko)
        add_module "${dep_name//-/_}"
    done
    module_listed[$name]=1
    load_order+=("$name")
}
for name in "${wanted_modules[@]}"; do
    if [[ -n ${module_path[$name]:-} ]]; then
        add_module "$name"
    elif grep -q "/$name.ko\$" "$modules_root/modules.builtin" 2>/dev/null; then
        log "$name is built into the kernel"
    else
        echo "error: kernel $kernel_version has no module $name" >&2
        exit 1
    fi
done

staging=$(mktemp -d "$cache/initramfs.XXXXXX")
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging"/{bin,sbin,dev,proc,sys,run,tmp,mnt/seed,etc/bluevirt,etc/acpi/PWRF,etc/dropbear,lib/modules,usr/bin,usr/sbin}
mkdir -p "$staging"/{lib/x86_64-linux-gnu,lib64,usr/lib/openssh,root,home}
cp "$busybox" "$staging/bin/busybox"
# dropbear, dropbearkey and sftp-server with their libraries (the .so files of the packages
# above: glibc's loader and libc, libcrypt, libtomcrypt, libtommath, libgmp, zlib).
for root in "${ssh_roots[@]}"; do
    [[ -x $root/usr/sbin/dropbear ]] && cp "$root/usr/sbin/dropbear" "$staging/usr/sbin/dropbear"
    [[ -x $root/usr/bin/dropbearkey ]] && cp "$root/usr/bin/dropbearkey" "$staging/usr/bin/dropbearkey"
    [[ -x $root/usr/lib/openssh/sftp-server ]] && cp "$root/usr/lib/openssh/sftp-server" "$staging/usr/lib/openssh/sftp-server"
    for dir in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
        [[ -d $root/$dir ]] || continue
        find "$root/$dir" -maxdepth 1 \( -name '*.so.*' -o -name 'ld-linux-x86-64.so.2' \) \
            \( -type f -o -type l \) -exec cp -a {} "$staging/lib/x86_64-linux-gnu/" \;
    done
done
[[ -x $staging/usr/sbin/dropbear && -x $staging/usr/lib/openssh/sftp-server ]] \
    || { echo "error: the ssh packages hold no dropbear or sftp-server" >&2; exit 1; }
ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$staging/lib64/ld-linux-x86-64.so.2"
echo 'root:x:0:0:root:/root:/bin/sh' >"$staging/etc/passwd"
echo 'root:x:0:' >"$staging/etc/group"
echo /bin/sh >"$staging/etc/shells"
mknod -m 600 "$staging/dev/console" c 5 1
for name in "${load_order[@]}"; do
    cp "$modules_root/${module_path[$name]}" "$staging/lib/modules/$name.ko"
    echo "$name" >>"$staging/etc/bluevirt/modules"
done

cat >"$staging/init" <<'EOF'
#!/bin/busybox sh
# The tiny guest's first process: sets up the system, then hands PID 1 to busybox init.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec /bin/init
EOF
cat >"$staging/etc/inittab" <<'EOF'
::sysinit:/etc/bluevirt/rc
::shutdown:/bin/echo BLUEVIRT-GUEST-POWEROFF
EOF
cat >"$staging/etc/bluevirt/rc" <<'EOF'
#!/bin/sh
# Loads the modules, finds the hostname, starts DHCP on every interface.
marker() { echo "$*" >/dev/console; }
marker "BLUEVIRT-GUEST-BOOT kernel=$(uname -r) uptime=$(cut -d' ' -f1 /proc/uptime)"
while read -r module; do
    args=
    # Synchronous SCSI scanning: a cdrom is there as soon as its driver's insmod returns.
    [ "$module" = scsi_mod ] && args=scan=sync
    insmod "/lib/modules/$module.ko" $args || marker "BLUEVIRT-GUEST-WARNING insmod $module failed"
done </etc/bluevirt/modules
ip link set lo up

name= source=default
for word in $(cat /proc/cmdline); do
    case "$word" in bluevirt.hostname=*) name=${word#bluevirt.hostname=} source=cmdline ;; esac
done
# A NoCloud seed disk (ISO 9660, label cidata) overrides the command line.
seed=$(findfs LABEL=cidata 2>/dev/null)
if [ -n "$seed" ] && mount -t iso9660 -o ro "$seed" /mnt/seed; then
    marker "BLUEVIRT-GUEST-SEED device=$seed files=$(ls /mnt/seed | tr '\n' ',' | sed 's/,$//')"
    seed_name=$(sed -n 's/^[[:space:]]*"\{0,1\}local-hostname"\{0,1\}[[:space:]]*:[[:space:]]*//p' /mnt/seed/meta-data 2>/dev/null \
        | head -n1 | tr -d "\"',\r" | sed 's/[[:space:]]*$//')
    [ -n "$seed_name" ] && name=$seed_name source=cidata
fi
[ -n "$name" ] || name=tiny-guest
hostname "$name"
marker "BLUEVIRT-GUEST-HOSTNAME name=$name source=$source"
# The first line of the first virtio disk, so a test sees what the guest reads from its disk.
if [ -b /dev/vda ]; then
    marker "BLUEVIRT-GUEST-DISK device=/dev/vda first-line=$(head -n1 /dev/vda | head -c 80 | tr -cd 'A-Za-z0-9._-')"
fi

# The ssh server: every ssh public key in the seed's user-data is authorised for root and for
# each user the user-data names (all with root's rights: this is a test guest); host keys are
# made at the first connection (-R). Password logins are off (-s).
if [ -f /mnt/seed/user-data ]; then
    keys=$(grep -oE '(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+' /mnt/seed/user-data)
    users=$(sed -n 's/^[[:space:]]*-\{0,1\}[[:space:]]*name:[[:space:]]*"\{0,1\}\([a-z_][a-z0-9_-]*\)"\{0,1\}[[:space:]]*$/\1/p' /mnt/seed/user-data)
    for user in root $users; do
        home=/home/$user
        [ "$user" = root ] && home=/root
        grep -q "^$user:" /etc/passwd || echo "$user:x:0:0:$user:$home:/bin/sh" >>/etc/passwd
        mkdir -p "$home/.ssh"
        echo "$keys" >"$home/.ssh/authorized_keys"
        chmod 700 "$home/.ssh"
        chmod 600 "$home/.ssh/authorized_keys"
    done
fi
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
/usr/sbin/dropbear -R -s -p 22 -P /run/dropbear.pid
marker "BLUEVIRT-GUEST-SSHD pid=$(cat /run/dropbear.pid 2>/dev/null) authorized=$(grep -c . /root/.ssh/authorized_keys 2>/dev/null || echo 0)"

acpid -c /etc/acpi -l /tmp/acpid.log
marker "BLUEVIRT-GUEST-ACPID pid=$(pidof acpid) inputs=$(ls /dev/input 2>/dev/null | tr '\n' ',')"
for iface in $(ls /sys/class/net); do
    [ "$iface" = lo ] && continue
    ip link set "$iface" up
    # A DISCOVER sent before the link is up is lost and costs a retry: wait for carrier (<= 3 s).
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
        [ "$(cat "/sys/class/net/$iface/carrier" 2>/dev/null)" = 1 ] && break
        sleep 0.2
    done
    udhcpc -i "$iface" -x "hostname:$name" -s /etc/bluevirt/udhcpc -b -S -B -T 2 -t 10 -A 2
done
EOF
cat >"$staging/etc/bluevirt/udhcpc" <<'EOF'
#!/bin/sh
# udhcpc's hook: configures the interface and prints the READY marker on each new lease.
case "$1" in
deconfig)
    ip -4 addr flush dev "$interface"
    ;;
bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
    [ "$1" = bound ] && echo "BLUEVIRT-GUEST-READY iface=$interface ip=$ip hostname=$(hostname) uptime=$(cut -d' ' -f1 /proc/uptime)" >/dev/console
    ;;
esac
exit 0
EOF
# busybox acpid runs /etc/acpi/PWRF/00000080 when the power button is pressed.
cat >"$staging/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
echo BLUEVIRT-GUEST-POWER-BUTTON >/dev/console
poweroff
EOF
chmod 755 "$staging/init" "$staging/etc/bluevirt/rc" "$staging/etc/bluevirt/udhcpc" "$staging/etc/acpi/PWRF/00000080"

(cd "$staging" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) | gzip -9 >"$initrd.tmp"
mv "$initrd.tmp" "$initrd"
cp "$kernel_root/boot/vmlinuz-$kernel_version" "$vmlinuz"

# The container root: busybox with its applets as symlinks made here (containers may share the
# folder, so their init writes nothing into it), the same DHCP hook, and an init for containers.
rm -rf "$container_root"
mkdir -p "$container_root"/{bin,sbin,dev,proc,sys,run,tmp,etc/bluevirt}
cp "$busybox" "$container_root/bin/busybox"
for applet in $("$busybox" --list); do
    [[ $applet == busybox ]] || ln -s busybox "$container_root/bin/$applet"
done
cp "$staging/etc/bluevirt/udhcpc" "$container_root/etc/bluevirt/udhcpc"
cat >"$container_root/sbin/init" <<'EOF'
#!/bin/busybox sh
# The tiny container's init: hostname from $1 (else $BLUEVIRT_HOSTNAME), DHCP on every
# interface (markers go to the container's console), then waits; SIGTERM ends it.
export PATH=/bin
name=${1:-${BLUEVIRT_HOSTNAME:-tiny-container}}
hostname "$name"
echo "BLUEVIRT-GUEST-HOSTNAME name=$name source=init"
ip link set lo up
for iface in $(ls /sys/class/net); do
    [ "$iface" = lo ] && continue
    ip link set "$iface" up
    udhcpc -i "$iface" -x "hostname:$name" -s /etc/bluevirt/udhcpc -b -S -B -T 1 -t 10 -A 2
done
trap 'exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
EOF
chmod 755 "$container_root/sbin/init" "$container_root"

echo "$stamp_value" >"$stamp"
log "built for kernel $kernel_version; modules: ${load_order[*]}"
print_paths
