#!/usr/bin/env bash
# End-to-end test of `bluevirt apply/outputs/status/destroy` against the real QEMU driver
# (issue 4 §8): a libvirtd in a network namespace of its own (scripts/libvirt-netns.sh), the
# tiny guest (scripts/guest/build-tiny-guest.sh) and Tests/Fixtures/qemu/two-tiny-guests.yaml:
# one isolated network (no forward element), two guests with domain_type qemu and direct kernel
# boot. Nothing leaves the namespace: the guests' only traffic is DHCP with libvirt's dnsmasq.
#
# Scenario A: apply; the addresses in `outputs` are exactly those of the network's DHCP lease
#   table, with the MAC/hostname pairs of the blueprint; destroy; nothing of it is left.
# Scenario B: apply with db's kernel pointing at a file that does not exist (bluevirt refuses to
#   start that domain), exit status 1, `status` shows db failed, the network created and web as
#   libvirt has it (started and running, or configured and shut off when db failed before web's
#   start began); re-apply with the right kernel converges (outputs = leases); destroy to nothing.
# Scenario D (issue 5): Tests/Fixtures/qemu/seeded-guests.yaml: a dir pool, a base image
#   downloaded from an HTTP server on loopback that the test starts (sha256 checked), per
#   machine a copy-on-write clone of it and a cloud-init seed disk (built in-process), a
#   generated ssh key in the seeds, a scaling group of two machines, and a script step that
#   records runtime properties through ctx. `bluevirt ssh` logs in to each guest (dropbear in
#   the tiny guest authorises the seed's key) and runs a command. Each guest proves it read its seed (its lease
#   carries the seed's local-hostname, its console shows the seed's files) and its clone (the
#   console shows the base image's first line). Destroy leaves nothing. Then again with the
#   pool and the base made beforehand by virsh and marked external: destroy keeps exactly them.
# Scenario E (issue 9): Tests/Fixtures/qemu/plugin-shaped/guest.yaml, in the shape of the libvirt
#   plugin's vm_centos example: an RSAKey and a CloudConfig (utilities plugin), the cloud-config
#   written into a seed volume by an ISO9660 node, a script that records the seed's path and a
#   relationship script that adds it to the domain's runtime params, a Jinja2 domain template,
#   and fabric run_commands into the guest over ssh (its dropbear authorises the RSA key from
#   the seed). bluevirt runs inside the namespace; the marker the command writes is read back
#   with `bluevirt ssh`. Destroy leaves nothing.
# Scenario F (issue 12): Tests/Fixtures/qemu/scalable-guests.yaml: a running deployment updated
#   by apply with a changed count, 1 → 3 → 1 guests (the outputs give an address per guest, each
#   leased by the network and answering ping inside the namespace; the removed guests are gone),
#   then with a changed memory size: plan says the guest restarts, and afterwards
#   `virsh dominfo` shows the new memory. Destroy leaves nothing.
# Scenario G (issue 12): seeded-guests.yaml again, for `bluevirt run`: backup (a libvirt
#   snapshot of each guest), a marker written over the first line of vm-1's disk through ssh,
#   restore, and ssh reads the old first line again; vm-2 destroyed and undefined behind
#   bluevirt's back (virsh), `bluevirt run heal` makes it again and it boots; a non-incremental
#   backup writes the network's XML into a folder, the network is removed with virsh, restore
#   makes it again from that file. Destroy leaves nothing.
# Scenario C: Tests/Fixtures/qemu/tiny-container.yaml on lxc:///system: an isolated network and
#   one container (domain_type lxc, the tiny container root); its output is exactly its lease
#   (MAC and hostname); destroy leaves no domain on lxc:///system and no network.
#
# Usage (root): scripts/e2e/qemu-apply-test.sh [BLUEVIRT_BINARY]
# Without an argument, $BLUEVIRT_BIN, else builds bluevirt in .build-e2e.
# Environment: BLUEVIRT_E2E_NETNS (default bluevirt-e2e), BLUEVIRT_GUEST_DIR,
# BLUEVIRT_E2E_SCENARIOS (default "A B C D E F G"), BLUEVIRT_E2E_KEEP=1 keeps the work folder,
# BLUEVIRT_E2E_COMMAND_SECONDS (default 300): a bluevirt command running longer is reported with
# its stacks and stopped (scripts/e2e/watchdog.sh).
# Prints one line per check, then `N passed, M failed`; exit status 1 on any failure.
set -uo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
blueprint=$repo_root/Tests/Fixtures/qemu/two-tiny-guests.yaml
seeded_blueprint=$repo_root/Tests/Fixtures/qemu/seeded-guests.yaml
container_blueprint=$repo_root/Tests/Fixtures/qemu/tiny-container.yaml
plugin_blueprint=$repo_root/Tests/Fixtures/qemu/plugin-shaped/guest.yaml
scalable_blueprint=$repo_root/Tests/Fixtures/qemu/scalable-guests.yaml
lxc_uri=lxc:///system
netns=${BLUEVIRT_E2E_NETNS:-bluevirt-e2e}
guest_dir=${BLUEVIRT_GUEST_DIR:-$repo_root/.cache/guest/out}
scenarios=${BLUEVIRT_E2E_SCENARIOS:-A B C D E F G}
uri=qemu:///system
guests=(web db)
hostnames=(tiny-web tiny-db)
macs=(52:54:00:b7:20:01 52:54:00:b7:20:02)
outputs_of=(web_ip db_ip)

passed=0
failed=0
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "e2e: $*"; }
check() { # check NAME COMMAND...: runs the command, prints PASS/FAIL NAME
    local name=$1
    shift
    if "$@"; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        failed=$((failed + 1))
    fi
}
die() { echo "error: $*" >&2; exit 1; }
# A libvirtd that stops answering fails the check that asked it, not the whole CI run.
virsh() { timeout 60 "$(type -P virsh)" "$@"; }

[[ $(id -u) == 0 ]] || die "this test needs root (it starts libvirtd in a network namespace)"
bluevirt=${1:-${BLUEVIRT_BIN:-}}
if [[ -z $bluevirt ]]; then
    # shellcheck source=scripts/common.sh
    source "$repo_root/scripts/common.sh"
    use_swift_toolchain
    (cd "$repo_root" && swift build --quiet --scratch-path .build-e2e --product bluevirt) || die "build failed"
    bluevirt="$(cd "$repo_root" && swift build --scratch-path .build-e2e --show-bin-path)/bluevirt"
fi
[[ -x $bluevirt ]] || die "no bluevirt binary at $bluevirt"

t_begin=$(now)
guest_paths=$("$repo_root/scripts/guest/build-tiny-guest.sh" "$guest_dir") || die "build-tiny-guest.sh failed"
vmlinuz=$(sed -n 's/^vmlinuz=//p' <<<"$guest_paths")
initrd=$(sed -n 's/^initrd=//p' <<<"$guest_paths")
container_root=$(sed -n 's/^container_root=//p' <<<"$guest_paths")

work=$(mktemp -d /tmp/bluevirt-e2e.XXXXXX)
chmod 755 "$work" # QEMU (libvirt-qemu) writes the serial logs here
state_dir=$work/state

# Every bluevirt command here runs under scripts/e2e/watchdog.sh: one still running after
# BLUEVIRT_E2E_COMMAND_SECONDS (default 300; the slowest takes 15 s) is stopped and fails its
# check, and the stacks of its threads and of libvirtd go to $work/hangs.txt, printed at the end.
export WATCHDOG_SECONDS=${BLUEVIRT_E2E_COMMAND_SECONDS:-300} WATCHDOG_REPORTS=$work/hangs.txt
printf '#!/usr/bin/env bash\nexec %q %q "$@"\n' "$script_dir/watchdog.sh" "$bluevirt" >"$work/bluevirt"
chmod 755 "$work/bluevirt"
bluevirt=$work/bluevirt

# Deployments this run created, for the cleanup after a failure.
deployments=()
apply_pid=
http_pid=
cleanup() {
    local status=$? d name
    trap - EXIT INT TERM
    if [[ -n $http_pid ]]; then kill "$http_pid" 2>/dev/null; wait "$http_pid" 2>/dev/null || true; fi
    if [[ -n $apply_pid ]] && kill -0 "$apply_pid" 2>/dev/null; then
        # Interrupted during an apply: SIGTERM (bluevirt stops as on Ctrl-C; a background job
        # ignores SIGINT), then SIGKILL after 20 s.
        kill -TERM "$apply_pid" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$apply_pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$apply_pid" 2>/dev/null || true
        wait "$apply_pid" 2>/dev/null || true
    fi
    if virsh -c "$uri" version >/dev/null 2>&1; then
        for d in "${deployments[@]}"; do
            # A failed run may have left objects: try bluevirt first, then virsh by name.
            "$bluevirt" destroy -d "$d" --state-dir "$state_dir" >/dev/null 2>&1 || true
            for u in qemu:///system "$lxc_uri"; do
                for name in $(virsh -q -c "$u" list --all --name 2>/dev/null | grep "^$d-" || true); do
                    virsh -q -c "$u" destroy "$name" >/dev/null 2>&1 || true
                    virsh -q -c "$u" undefine "$name" >/dev/null 2>&1 || true
                done
            done
            for name in $(virsh -q -c "$uri" net-list --all --name 2>/dev/null | grep "^$d-" || true); do
                virsh -q -c "$uri" net-destroy "$name" >/dev/null 2>&1 || true
                virsh -q -c "$uri" net-undefine "$name" >/dev/null 2>&1 || true
            done
            for name in $(virsh -q -c "$uri" pool-list --all --name 2>/dev/null | grep "^$d-" || true); do
                virsh -q -c "$uri" pool-destroy "$name" >/dev/null 2>&1 || true
                virsh -q -c "$uri" pool-undefine "$name" >/dev/null 2>&1 || true
            done
        done
    fi
    "$repo_root/scripts/libvirt-netns.sh" stop "$netns" >/dev/null 2>&1 \
        || echo "warning: scripts/libvirt-netns.sh stop $netns failed; run it again" >&2
    if [[ -s $work/hangs.txt ]]; then
        echo "e2e: commands that hung (scripts/e2e/watchdog.sh):" >&2
        cat "$work/hangs.txt" >&2
        ((status == 0)) && status=1
    fi
    if [[ $failed == 0 && $status == 0 && ${BLUEVIRT_E2E_KEEP:-0} != 1 ]]; then
        rm -rf "$work"
    else
        echo "e2e: work folder (state, serial logs, command output) kept in $work" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t_ns=$(now)
"$repo_root/scripts/libvirt-netns.sh" start "$netns" >"$work/netns-start.log" 2>&1 \
    || { cat "$work/netns-start.log" >&2; die "scripts/libvirt-netns.sh start $netns failed"; }
log "libvirtd in namespace $netns up in $(elapsed "$t_ns" "$(now)") s"

# The lease table of NETWORK as lines "MAC IP HOSTNAME".
leases_of() {
    virsh -c "$uri" net-dhcp-leases "$1" 2>/dev/null \
        | awk '$3 ~ /^[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]$/ { sub(/\/.*/, "", $5); print $3, $5, $6 }' | sort
}

# apply_and_watch DEPLOYMENT BLUEPRINT LOG INPUT...: runs apply in the background and polls the
# lease table meanwhile; sets apply_status, apply_seconds and lease_seconds ("-" if never).
apply_and_watch() {
    local deployment=$1 file=$2 out=$3 network=$1-lan-1 t0
    shift 3
    t0=$(now)
    "$bluevirt" apply "$file" -d "$deployment" --connect "$uri" --state-dir "$state_dir" "$@" >"$out" 2>&1 &
    apply_pid=$!
    lease_seconds=-
    while kill -0 "$apply_pid" 2>/dev/null; do
        if [[ $lease_seconds == - && $(leases_of "$network" | wc -l) -ge ${#guests[@]} ]]; then
            lease_seconds=$(elapsed "$t0" "$(now)")
        fi
        sleep 0.2
    done
    wait "$apply_pid"
    apply_status=$?
    apply_pid=
    apply_seconds=$(elapsed "$t0" "$(now)")
    if [[ $lease_seconds == - && $(leases_of "$network" | wc -l) -ge ${#guests[@]} ]]; then
        lease_seconds=$apply_seconds
    fi
}

# outputs_match_leases DEPLOYMENT: `outputs --json` names exactly the lease table's addresses,
# each guest's output is the address leased to its MAC, and each lease carries its hostname.
outputs_match_leases() {
    local deployment=$1 network=$1-lan-1 json leases i ip line ok=0
    json=$("$bluevirt" outputs -d "$deployment" --json --state-dir "$state_dir" 2>&1) \
        || { echo "    outputs failed: $json"; return 1; }
    leases=$(leases_of "$network")
    echo "    outputs: $json"
    while read -r line; do echo "    lease: $line"; done <<<"$leases"
    if [[ $(awk '{ print $2 }' <<<"$leases" | sort) != $(python3 -c 'import json,sys; [print(v) for v in json.load(sys.stdin).values()]' <<<"$json" | sort) ]]; then
        echo "    the outputs' addresses are not exactly the lease table's"
        ok=1
    fi
    for i in "${!guests[@]}"; do
        ip=$(python3 -c "import json,sys; print(json.load(sys.stdin).get('${outputs_of[i]}', ''))" <<<"$json")
        line=$(awk -v mac="${macs[i]}" '$1 == mac' <<<"$leases")
        if [[ $line != "${macs[i]} $ip ${hostnames[i]}" ]]; then
            echo "    ${guests[i]}: output ${outputs_of[i]}=$ip, lease of ${macs[i]}: '${line}' (want hostname ${hostnames[i]})"
            ok=1
        fi
    done
    return $ok
}

# nothing_left DEPLOYMENT: no domain, network, pool or volume whose name starts with it.
nothing_left() {
    local prefix=$1- left pool
    left=$( {
        virsh -q -c "$uri" list --all --name
        virsh -q -c "$uri" net-list --all --name
        virsh -q -c "$uri" pool-list --all --name
        for pool in $(virsh -q -c "$uri" pool-list --name); do
            virsh -q -c "$uri" vol-list "$pool" | awk '{ print $1 }'
        done
    } 2>&1 | grep "^$prefix" )
    [[ -z $left ]] || { echo "    left behind: $left"; return 1; }
}

# domain_running DEPLOYMENT GUEST
domain_running() { [[ $(virsh -c "$uri" domstate "$1-$2-1" 2>/dev/null | head -1) == running ]]; }
domain_shut_off() { [[ $(virsh -c "$uri" domstate "$1-$2-1" 2>/dev/null | head -1) == "shut off" ]]; }
both_running() { domain_running "$1" web && domain_running "$1" db; }
# network_isolated DEPLOYMENT: its network is active and has no forward element.
network_isolated() {
    local xml
    xml=$(virsh -c "$uri" net-dumpxml "$1-lan-1") && [[ $(virsh -c "$uri" net-info "$1-lan-1") == *Active:*yes* ]] \
        && ! grep -q "<forward" <<<"$xml"
}
status_line() { # status_line DEPLOYMENT INSTANCE: the state column of `status`
    awk -v i="$2" '$2 == i { print $3 }' <<<"$("$bluevirt" status -d "$1" --state-dir "$state_dir" 2>/dev/null)"
}
destroy() { "$bluevirt" destroy -d "$1" --state-dir "$state_dir" >"$work/$1-destroy.log" 2>&1; }
show_on_failure() { [[ $? == 0 ]] || sed 's/^/    | /' "$1"; }

inputs=(--input "kernel=$vmlinuz" --input "initrd=$initrd" --input "serial_dir=$work")

if [[ " $scenarios " == *" A "* ]]; then
    d=e2e-a
    deployments+=("$d")
    apply_and_watch "$d" "$blueprint" "$work/$d-apply.log" "${inputs[@]}"
    check "A: apply exits 0 (${apply_seconds} s, both leases at ${lease_seconds} s)" test "$apply_status" = 0
    [[ $apply_status == 0 ]] || sed 's/^/    | /' "$work/$d-apply.log"
    grep '^deployment' "$work/$d-apply.log" | sed 's/^/    | /'
    check "A: both domains running" both_running "$d"
    check "A: the network is active and isolated (no <forward>)" network_isolated "$d"
    check "A: outputs are exactly the lease table's addresses, MAC and hostname pairs" outputs_match_leases "$d"
    t0=$(now)
    destroy "$d"
    destroy_status=$?
    check "A: destroy exits 0 ($(elapsed "$t0" "$(now)") s)" test "$destroy_status" = 0
    [[ $destroy_status == 0 ]] || sed 's/^/    | /' "$work/$d-destroy.log"
    check "A: no domain, network or volume of the deployment is left" nothing_left "$d"
fi

if [[ " $scenarios " == *" B "* ]]; then
    d=e2e-b
    deployments+=("$d")
    # db gets a kernel input of its own, so that only db can be given a missing kernel.
    broken=$work/two-tiny-guests-db-kernel.yaml
    awk '
        /^inputs:/ { print; print ""; print "  db_kernel:"; print "    type: string"; next }
        /^  db:/ { in_db = 1 }
        /^outputs:/ { in_db = 0 }
        in_db && /kernel: \{ get_input: kernel \}/ { sub(/get_input: kernel/, "get_input: db_kernel") }
        { print }' "$blueprint" >"$broken"
    check "B: derived blueprint gives db its own kernel input" grep -q 'get_input: db_kernel' "$broken"
    apply_and_watch "$d" "$broken" "$work/$d-apply-1.log" "${inputs[@]}" --input "db_kernel=$work/no-such-kernel"
    check "B: apply with a missing kernel for db exits 1 (${apply_seconds} s)" test "$apply_status" = 1
    check "B: the error names db-1 and the missing kernel" grep -q "^error: db-1/start.*no-such-kernel" "$work/$d-apply-1.log"
    grep '^error:\|^deployment' "$work/$d-apply-1.log" | sed 's/^/    | /'
    "$bluevirt" status -d "$d" --state-dir "$state_dir" 2>&1 | sed 's/^/    status: /'
    db_state=$(status_line "$d" db-1)
    web_state=$(status_line "$d" web-1)
    lan_state=$(status_line "$d" lan-1)
    check "B: status shows db-1 failed (state: $db_state)" test "$db_state" = failed
    check "B: status shows lan-1 created (state: $lan_state)" test "$lan_state" = created
    # A failure stops new steps from starting (as in Cloudify): web-1's start ran only if it began
    # before db-1's failed, which is a race. Either way the state must say what libvirt has.
    case $web_state in
    started) check "B: web-1 is started (its start began before db-1 failed) and runs in libvirt" domain_running "$d" web ;;
    configured) check "B: web-1 is configured (db-1 failed before its start began) and is defined, not running" domain_shut_off "$d" web ;;
    *) check "B: status shows web-1 started or configured (state: $web_state)" false ;;
    esac
    apply_and_watch "$d" "$broken" "$work/$d-apply-2.log" "${inputs[@]}" --input "db_kernel=$vmlinuz"
    check "B: re-apply with the right kernel exits 0 (${apply_seconds} s, both leases at ${lease_seconds} s)" test "$apply_status" = 0
    [[ $apply_status == 0 ]] || sed 's/^/    | /' "$work/$d-apply-2.log"
    grep '^deployment' "$work/$d-apply-2.log" | sed 's/^/    | /'
    check "B: both domains running after the re-apply" both_running "$d"
    check "B: outputs are exactly the lease table's addresses, MAC and hostname pairs" outputs_match_leases "$d"
    apply_and_watch "$d" "$broken" "$work/$d-apply-3.log" "${inputs[@]}" --input "db_kernel=$vmlinuz"
    check "B: a third apply exits 0" test "$apply_status" = 0
    check "B: a third apply changes nothing (installed and unchanged)" grep -q "installed and unchanged" "$work/$d-apply-3.log"
    grep 'unchanged' "$work/$d-apply-3.log" | sed 's/^/    | /'
    t0=$(now)
    destroy "$d"
    destroy_status=$?
    check "B: destroy exits 0 ($(elapsed "$t0" "$(now)") s)" test "$destroy_status" = 0
    [[ $destroy_status == 0 ]] || sed 's/^/    | /' "$work/$d-destroy.log"
    check "B: no domain, network or volume of the deployment is left" nothing_left "$d"
fi

if [[ " $scenarios " == *" C "* ]]; then
    d=e2e-c
    deployments+=("$d")
    # The helpers below read these: one container on the LXC driver.
    uri=$lxc_uri
    guests=(box)
    hostnames=(tiny-box)
    macs=(52:54:00:b7:21:01)
    outputs_of=(box_ip)
    apply_and_watch "$d" "$container_blueprint" "$work/$d-apply.log" --input "root=$container_root"
    check "C: apply exits 0 (${apply_seconds} s, lease at ${lease_seconds} s)" test "$apply_status" = 0
    [[ $apply_status == 0 ]] || sed 's/^/    | /' "$work/$d-apply.log"
    grep '^deployment' "$work/$d-apply.log" | sed 's/^/    | /'
    check "C: the container is running on $lxc_uri" domain_running "$d" box
    check "C: it is an LXC domain on the container root" \
        grep -q "<source dir='$container_root'/>" <(virsh -c "$lxc_uri" dumpxml "$d-box-1" 2>/dev/null)
    check "C: the network is active and isolated (no <forward>)" network_isolated "$d"
    check "C: outputs are exactly the lease table's address, MAC and hostname" outputs_match_leases "$d"
    t0=$(now)
    destroy "$d"
    destroy_status=$?
    check "C: destroy exits 0 ($(elapsed "$t0" "$(now)") s)" test "$destroy_status" = 0
    [[ $destroy_status == 0 ]] || sed 's/^/    | /' "$work/$d-destroy.log"
    check "C: no domain (virsh -c $lxc_uri list --all) or network of the deployment is left" nothing_left "$d"
fi

# serve_base_image: a qcow2 base image whose first line is a marker (base_marker), served by an
# HTTP server on loopback only, started here and stopped (by pid) by this test; sets base_sha,
# port and d_inputs (the inputs of seeded-guests.yaml).
serve_base_image() {
    # The base image: its first line is a marker the guests print from their clones.
    base_marker=BLUEVIRT-BASE-$RANDOM$RANDOM
    mkdir -p "$work/http"
    { echo "$base_marker"; head -c 1048576 /dev/zero; } >"$work/base.raw"
    qemu-img convert -f raw -O qcow2 "$work/base.raw" "$work/http/base.qcow2"
    base_sha=$(sha256sum "$work/http/base.qcow2" | cut -d' ' -f1)
    # An HTTP server on loopback only, started and stopped (by pid) by this test. Its log is
    # emptied here, before it starts: emptied by the server's own redirection, the loop below
    # could read an earlier scenario's port first and point the next apply at a stopped server.
    : >"$work/http.log"
    python3 -u -m http.server --bind 127.0.0.1 0 --directory "$work/http" >>"$work/http.log" 2>&1 &
    http_pid=$!
    port=
    for _ in $(seq 50); do
        port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.1 port \([0-9]*\).*/\1/p' "$work/http.log")
        [[ -n $port ]] && break
        sleep 0.1
    done
    check "$1: the image server listens on 127.0.0.1:${port:-?}" test -n "$port"
    d_inputs=("${inputs[@]}" --input "image_url=http://127.0.0.1:$port/base.qcow2" --input "image_sha256=$base_sha")
}

if [[ " $scenarios " == *" D "* ]]; then
    uri=qemu:///system
    serve_base_image D
    mkdir -p "$work/pool-d" "$work/pool-d2"
    chmod 755 "$work/pool-d" "$work/pool-d2"

    # seeded_guests_ok DEPLOYMENT: two leases whose hostnames are the machines' names (the
    # seeds' default local-hostname), and each console shows the seed read and the base's line.
    seeded_guests_ok() {
        local deployment=$1 network=$1-lan-1 leases i name log ok=0
        leases=$(leases_of "$network")
        while read -r line; do echo "    lease: $line"; done <<<"$leases"
        for i in 1 2; do
            name=$deployment-vm-$i
            log=$work/$name.serial.log
            grep -q " $name\$" <<<"$leases" || { echo "    no lease with hostname $name"; ok=1; }
            grep -q "BLUEVIRT-GUEST-SEED .*files=.*meta-data.*user-data" "$log" 2>/dev/null \
                || { echo "    $name: no seed marker with meta-data and user-data in $log"; ok=1; }
            grep -q "BLUEVIRT-GUEST-HOSTNAME name=$name source=cidata" "$log" 2>/dev/null \
                || { echo "    $name: hostname not from the seed"; ok=1; }
            grep -q "BLUEVIRT-GUEST-DISK device=/dev/vda first-line=$base_marker" "$log" 2>/dev/null \
                || { echo "    $name: its disk does not start with the base's line $base_marker"; ok=1; }
        done
        return $ok
    }
    # clones_over DEPLOYMENT BASE_PATH: each machine's disk is a qcow2 over the base.
    clones_over() {
        local i info ok=0
        for i in 1 2; do
            info=$(qemu-img info -U "$2/$1-disk-$i.qcow2" 2>&1)
            grep -q "backing file: $3" <<<"$info" || { echo "    $1-disk-$i.qcow2: $info"; ok=1; }
        done
        return $ok
    }
    # outputs_name_leases DEPLOYMENT: the script recorded both leased addresses and the key's fingerprint.
    outputs_name_leases() {
        local json leases
        json=$("$bluevirt" outputs -d "$1" --json --state-dir "$state_dir" 2>&1) || { echo "    outputs failed: $json"; return 1; }
        echo "    outputs: $json"
        leases=$(leases_of "$1-lan-1" | awk '{ print $2 }' | sort | tr '\n' ' ')
        python3 -c '
import json, sys
outputs = json.loads(sys.argv[2])
want = sys.argv[1].split()
got = sorted(outputs.get("addresses") or [])
fingerprint = outputs.get("key_fingerprint") or ""
if got != want or not fingerprint.startswith("SHA256:"):
    print(f"    addresses {got} (want {want}), fingerprint {fingerprint!r}")
    sys.exit(1)
' "$leases" "$json"
    }
    volumes_of() { virsh -q -c "$uri" vol-list "$1" 2>/dev/null | awk '{ print $1 }' | sort | tr '\n' ' '; }

    d=e2e-d
    deployments+=("$d")
    guests=(vm vm)
    apply_and_watch "$d" "$seeded_blueprint" "$work/$d-apply.log" "${d_inputs[@]}" --input "pool_dir=$work/pool-d"
    check "D: apply exits 0 (${apply_seconds} s, both leases at ${lease_seconds} s)" test "$apply_status" = 0
    [[ $apply_status == 0 ]] || sed 's/^/    | /' "$work/$d-apply.log"
    check "D: the image was downloaded once (one GET in the server's log)" test "$(grep -c 'GET /base.qcow2' "$work/http.log")" = 1
    check "D: each machine's disk is a qcow2 clone over the base volume" clones_over "$d" "$work/pool-d" "$work/pool-d/$d-base-1.qcow2"
    check "D: each guest read its own seed (lease hostname, console) and its clone of the base" seeded_guests_ok "$d"
    check "D: the script recorded both addresses and the key's fingerprint (outputs)" outputs_name_leases "$d"
    # guest_ssh_ok DEPLOYMENT: `bluevirt ssh` (run inside the namespace, where the guests are)
    # logs in to each machine with the deployment's key and runs a command there; the guest's
    # dropbear authorised the key from its seed. Host keys are recorded per deployment
    # (<state dir>/known-hosts/NAME).
    guest_ssh_ok() {
        local i name answer ok=0
        for i in 1 2; do
            name=$1-vm-$i
            answer=$(timeout 60 ip netns exec "$netns" "$bluevirt" ssh "vm-$i" -d "$1" --state-dir "$state_dir" \
                -- 'echo "$(hostname) $USER"' 2>"$work/$name.ssh.err")
            [[ $answer == "$name tiny" ]] || { echo "    $name: ssh answered '$answer'"; sed 's/^/    | /' "$work/$name.ssh.err"; ok=1; }
        done
        grep -q . "$state_dir/known-hosts/$1" || { echo "    no host key recorded in $state_dir/known-hosts/$1"; ok=1; }
        return $ok
    }
    check "D: bluevirt ssh runs a command in each guest as the seed's user (its ssh server, the generated key)" guest_ssh_ok "$d"
    check "D: the private key is in no output and no status" \
        bash -c '! "$1" status -d "$2" --json --state-dir "$3" | grep -q "PRIVATE KEY"' _ "$bluevirt" "$d" "$state_dir"
    t0=$(now)
    destroy "$d"
    destroy_status=$?
    check "D: destroy exits 0 ($(elapsed "$t0" "$(now)") s)" test "$destroy_status" = 0
    [[ $destroy_status == 0 ]] || sed 's/^/    | /' "$work/$d-destroy.log"
    check "D: no domain, network, pool or volume of the deployment is left" nothing_left "$d"

    # Again with the pool and the base made beforehand and marked external.
    d=e2e-d2
    deployments+=("$d")
    virsh -q -c "$uri" pool-create-as shelf-e2e dir --target "$work/pool-d2" >/dev/null
    virsh -q -c "$uri" vol-create-as shelf-e2e golden.qcow2 0 --format qcow2 >/dev/null
    virsh -q -c "$uri" vol-upload golden.qcow2 "$work/http/base.qcow2" --pool shelf-e2e
    virsh -q -c "$uri" pool-refresh shelf-e2e >/dev/null
    before=$(volumes_of shelf-e2e)
    apply_and_watch "$d" "$seeded_blueprint" "$work/$d-apply.log" "${d_inputs[@]}" --input "pool_dir=$work/pool-d2" \
        --input external_base=true --input pool_name=shelf-e2e --input base_name=golden.qcow2
    check "D2: apply over an external pool and base exits 0 (${apply_seconds} s)" test "$apply_status" = 0
    [[ $apply_status == 0 ]] || sed 's/^/    | /' "$work/$d-apply.log"
    check "D2: each machine's disk is a clone of the external base" clones_over "$d" "$work/pool-d2" "$work/pool-d2/golden.qcow2"
    check "D2: each guest read its own seed and its clone of the base" seeded_guests_ok "$d"
    destroy "$d"
    destroy_status=$?
    check "D2: destroy exits 0" test "$destroy_status" = 0
    [[ $destroy_status == 0 ]] || sed 's/^/    | /' "$work/$d-destroy.log"
    check "D2: destroy kept exactly the external pool's volumes ($before)" test "$(volumes_of shelf-e2e)" = "$before"
    check "D2: nothing else of the deployment is left" nothing_left "$d"
    virsh -q -c "$uri" vol-delete golden.qcow2 --pool shelf-e2e >/dev/null 2>&1
    virsh -q -c "$uri" pool-destroy shelf-e2e >/dev/null 2>&1
    kill "$http_pid" 2>/dev/null; wait "$http_pid" 2>/dev/null; http_pid=
fi

if [[ " $scenarios " == *" E "* ]]; then
    uri=qemu:///system
    e=e2e-e
    deployments+=("$e")
    mkdir -p "$work/pool-e"
    chmod 755 "$work/pool-e"
    e_marker=bluevirt-fabric-$RANDOM$RANDOM
    e_inputs=(--input "kernel=$vmlinuz" --input "initrd=$initrd" --input "pool_dir=$work/pool-e"
              --input "serial_dir=$work" --input "marker=$e_marker")
    # Inside the namespace: the fabric step logs in to the guest over ssh, and the guest's
    # network exists only there.
    t0=$(now)
    timeout 900 ip netns exec "$netns" "$bluevirt" apply "$plugin_blueprint" -d "$e" --state-dir "$state_dir" \
        "${e_inputs[@]}" >"$work/$e-apply.log" 2>&1
    e_status=$?
    check "E: apply of the plugin-shaped blueprint exits 0 ($(elapsed "$t0" "$(now)") s)" test "$e_status" = 0
    [[ $e_status == 0 ]] || sed 's/^/    | /' "$work/$e-apply.log"
    e_domain=$(virsh -q -c "$uri" list --all --name | grep "^$e-" | head -n1)
    # seed_cdrom_in_domain: configure defined the domain from the params the relationship
    # script edited: the seed volume is a cdrom of the domain.
    seed_cdrom_in_domain() {
        virsh -c "$uri" dumpxml "$e_domain" 2>/dev/null | tr -d '\n' | grep -q "<disk type=.file. device=.cdrom.>.*pool-e/" \
            || { echo "    domain '$e_domain' has no cdrom in $work/pool-e"; return 1; }
    }
    check "E: the relationship script's seed disk is in the domain's XML" seed_cdrom_in_domain
    check "E: the guest read the seed the ISO 9660 node wrote (its hostname from the meta-data)" \
        grep -q "BLUEVIRT-GUEST-HOSTNAME name=tiny-plugin-shaped source=cidata" "$work/tiny-plugin-shaped.serial.log"
    # marker_written: fabric's command ran in the guest as the cloud-config's user, with the
    # RSAKey node's key: `bluevirt ssh` with that key reads back what it wrote.
    marker_written() {
        local answer
        answer=$(timeout 60 ip netns exec "$netns" "$bluevirt" ssh qemu_vm -d "$e" --key agent_key --user tiny \
            --state-dir "$state_dir" -- cat /tmp/bluevirt-marker 2>"$work/$e-ssh.err")
        [[ $answer == "$e_marker tiny-plugin-shaped" ]] \
            || { echo "    read '$answer', want '$e_marker tiny-plugin-shaped'"; sed 's/^/    | /' "$work/$e-ssh.err"; return 1; }
    }
    check "E: fabric run_commands wrote its marker into the guest (read back with bluevirt ssh)" marker_written
    check "E: the guest's host key is recorded in the deployment's known hosts" grep -q . "$state_dir/known-hosts/$e"
    t0=$(now)
    destroy "$e"
    destroy_status=$?
    check "E: destroy exits 0 ($(elapsed "$t0" "$(now)") s)" test "$destroy_status" = 0
    [[ $destroy_status == 0 ]] || sed 's/^/    | /' "$work/$e-destroy.log"
    check "E: no domain, network, pool or volume of the deployment is left" nothing_left "$e"
fi

if [[ " $scenarios " == *" F "* ]]; then
    f=e2e-f
    uri=qemu:///system
    # shellcheck source=scripts/common.sh
    source "$repo_root/scripts/common.sh"
    install_debian_packages iputils-ping
    deployments+=("$f")
    f_inputs=(--input "kernel=$vmlinuz" --input "initrd=$initrd" --input "serial_dir=$work")
    # apply_f LOG INPUT...: apply of the scalable guests (TCG guests are slow: a generous timeout).
    apply_f() {
        local out=$1
        shift
        timeout 1200 "$bluevirt" apply "$scalable_blueprint" -d "$f" --connect "$uri" --state-dir "$state_dir" \
            "${f_inputs[@]}" "$@" >"$out" 2>&1
    }
    # guest_addresses: the guests' addresses as the outputs give them, one a line.
    guest_addresses() {
        "$bluevirt" outputs -d "$f" --json --state-dir "$state_dir" 2>/dev/null \
            | python3 -c 'import json, sys; [print(ip) for ip in json.load(sys.stdin)["guest_addresses"]]'
    }
    # guests_answer N: N distinct guest addresses, each in the lease table and answering ping.
    guests_answer() {
        local want=$1 ip ok=0 addresses leased answered
        addresses=$(guest_addresses | sort -u)
        leased=$(leases_of "$f-lan-1" | awk '{ print $2 }')
        echo "    addresses: $(tr '\n' ' ' <<<"$addresses")"
        [[ $(grep -c . <<<"$addresses") == "$want" ]] || { echo "    want $want addresses"; ok=1; }
        for ip in $addresses; do
            grep -qx "$ip" <<<"$leased" || { echo "    $ip is not in the lease table"; ok=1; }
            # A restarted guest keeps its MAC, so its lease (and apply's address) is there before
            # it has booted again: give it time to answer.
            answered=1
            for _ in $(seq 30); do
                timeout 10 ip netns exec "$netns" ping -c 1 -W 4 "$ip" >/dev/null 2>&1 && { answered=0; break; }
            done
            [[ $answered == 0 ]] || { echo "    $ip does not answer ping"; ok=1; }
        done
        return $ok
    }
    guest_domains() { virsh -q -c "$uri" list --all --name | grep -c "^$f-guest-"; }
    t0=$(now)
    apply_f "$work/$f-apply-1.log"
    check "F: apply of one guest exits 0 ($(elapsed "$t0" "$(now)") s)" test $? = 0
    check "F: one guest, leased, answering ping" guests_answer 1
    # The real driver adds defaults, addresses and device names: none of that is drift.
    check "F: status shows no drift on the real QEMU driver" bash -c "! '$bluevirt' status -d $f --state-dir '$state_dir' | grep DRIFT"
    t0=$(now)
    apply_f "$work/$f-apply-3.log" --input count=3
    status=$?
    check "F: apply with count 3 exits 0 ($(elapsed "$t0" "$(now)") s)" test "$status" = 0
    [[ $status == 0 ]] || sed 's/^/    | /' "$work/$f-apply-3.log"
    grep 'update:' "$work/$f-apply-3.log" | sed 's/^/    | /'
    check "F: outputs give three addresses, each leased and answering ping" guests_answer 3
    t0=$(now)
    apply_f "$work/$f-apply-back.log" --input count=1
    status=$?
    check "F: apply with count 1 exits 0 ($(elapsed "$t0" "$(now)") s)" test "$status" = 0
    [[ $status == 0 ]] || sed 's/^/    | /' "$work/$f-apply-back.log"
    check "F: one guest left, answering ping" guests_answer 1
    check "F: guests 2 and 3 are gone from libvirt" test "$(guest_domains)" = 1
    "$bluevirt" plan "$scalable_blueprint" -d "$f" --connect "$uri" --state-dir "$state_dir" "${f_inputs[@]}" \
        --input memory_size=196608 >"$work/$f-plan.log" 2>&1
    sed 's/^/    plan: /' "$work/$f-plan.log" | grep -v '^    plan:       [ @+-]' || true
    check "F: plan says the running guest is redefined and restarts" grep -q "~ redefine guest-1 .*restarts: it runs" "$work/$f-plan.log"
    address_before=$(guest_addresses)
    t0=$(now)
    apply_f "$work/$f-apply-memory.log" --input memory_size=196608
    status=$?
    check "F: apply with more memory exits 0 ($(elapsed "$t0" "$(now)") s)" test "$status" = 0
    [[ $status == 0 ]] || sed 's/^/    | /' "$work/$f-apply-memory.log"
    virsh -c "$uri" dominfo "$f-guest-1" | grep -i memory | sed 's/^/    dominfo: /'
    check "F: virsh dominfo shows the new memory" grep -q "196608 KiB" <(virsh -c "$uri" dominfo "$f-guest-1")
    check "F: the guest runs again, answering ping" guests_answer 1
    check "F: the restarted guest keeps its MAC, so its address ($address_before)" test "$(guest_addresses)" = "$address_before"
    destroy "$f"
    check "F: destroy exits 0" test $? = 0
    check "F: no domain or network of the deployment is left" nothing_left "$f"
fi

if [[ " $scenarios " == *" G "* ]]; then
    uri=qemu:///system
    g=e2e-g
    deployments+=("$g")
    serve_base_image G
    mkdir -p "$work/pool-g" "$work/backups-g"
    chmod 755 "$work/pool-g"
    g_inputs=("${d_inputs[@]}" --input "pool_dir=$work/pool-g" --input "backup_dir=$work/backups-g")
    # run_workflow LOG WORKFLOW PARAMETER...: `bluevirt run` with the inputs of the apply (TCG
    # guests are slow: a snapshot of a running guest saves its memory).
    run_workflow() {
        local out=$1 workflow=$2
        shift 2
        timeout 900 "$bluevirt" run "$workflow" -d "$g" --state-dir "$state_dir" "${g_inputs[@]}" "$@" >"$out" 2>&1
    }
    # check_workflow LOG WORKFLOW PARAMETER...: run_workflow, checked to exit 0 (timed), its
    # output shown when it did not.
    check_workflow() {
        local out=$1 t0 status
        t0=$(now)
        run_workflow "$@"
        status=$?
        shift
        check "G: run $* exits 0 ($(elapsed "$t0" "$(now)") s)" test "$status" = 0
        [[ $status == 0 ]] || sed 's/^/    | /' "$out"
        return "$status"
    }
    # first_line INSTANCE: the first line of the guest's disk, read through ssh inside the
    # namespace, with the guest's page cache dropped so that the disk itself is read.
    first_line() {
        timeout 120 ip netns exec "$netns" "$bluevirt" ssh "$1" -d "$g" --state-dir "$state_dir" \
            -- 'sync; echo 3 >/proc/sys/vm/drop_caches; head -n1 /dev/vda' 2>>"$work/$g-ssh.err"
    }
    apply_and_watch "$g" "$seeded_blueprint" "$work/$g-apply.log" "${g_inputs[@]}"
    check "G: apply exits 0 (${apply_seconds} s, both leases at ${lease_seconds} s)" test "$apply_status" = 0
    [[ $apply_status == 0 ]] || sed 's/^/    | /' "$work/$g-apply.log"
    before=$(first_line vm-1)
    check "G: vm-1's disk starts with the base's line ($before)" test "$before" = "$base_marker"

    check_workflow "$work/$g-backup.log" backup -p snapshot_name=before
    check "G: libvirt has the snapshot vm-1-before of $g-vm-1" \
        grep -qx "vm-1-before" <(virsh -q -c "$uri" snapshot-list "$g-vm-1" --name 2>/dev/null)
    changed=BLUEVIRT-CHANGED-$RANDOM$RANDOM
    timeout 120 ip netns exec "$netns" "$bluevirt" ssh vm-1 -d "$g" --state-dir "$state_dir" \
        -- "printf '%s\n' $changed | dd of=/dev/vda conv=notrunc,fsync 2>/dev/null" 2>>"$work/$g-ssh.err"
    after=$(first_line vm-1)
    check "G: the marker written through ssh is on vm-1's disk ($after)" test "$after" = "$changed"
    check_workflow "$work/$g-restore.log" restore -p snapshot_name=before
    restored=$(first_line vm-1)
    check "G: after restore ssh reads the old first line again ($restored)" test "$restored" = "$base_marker"
    run_workflow "$work/$g-remove.log" remove_backup -p snapshot_name=before
    check "G: run remove_backup exits 0 and the snapshot is gone" \
        bash -c '[[ $1 == 0 ]] && ! virsh -q -c "$2" snapshot-list "$3" --name 2>/dev/null | grep -q .' _ "$?" "$uri" "$g-vm-1"

    # Heal: vm-2 destroyed and undefined behind bluevirt's back.
    virsh -q -c "$uri" destroy "$g-vm-2" >/dev/null 2>&1
    virsh -q -c "$uri" undefine "$g-vm-2" >/dev/null 2>&1
    check "G: $g-vm-2 is gone from libvirt" bash -c '! virsh -q -c "$1" dominfo "$2" >/dev/null 2>&1' _ "$uri" "$g-vm-2"
    : >"$work/$g-vm-2.serial.log"
    check_workflow "$work/$g-heal.log" heal -p node_instance_id=vm-2
    check "G: $g-vm-2 is defined and running again" test "$(virsh -c "$uri" domstate "$g-vm-2" 2>/dev/null | head -1)" = running
    healed_boot() {
        local log=$work/$g-vm-2.serial.log
        for _ in $(seq 60); do
            grep -q "BLUEVIRT-GUEST-DISK device=/dev/vda first-line=$base_marker" "$log" 2>/dev/null && return 0
            sleep 2
        done
        echo "    no boot of $g-vm-2 from its disk in $log"
        return 1
    }
    check "G: the healed guest booted from its disk (its console)" healed_boot
    check "G: status shows vm-2 started" test "$(status_line "$g" vm-2)" = started

    # A backup of the network in a file, the network removed, restore makes it again.
    check_workflow "$work/$g-backup-files.log" backup -p snapshot_name=files -p snapshot_incremental=false
    net_file=$work/backups-g/files/$g-lan-1.xml
    check "G: the network's XML is in $net_file" grep -q "<name>$g-lan-1</name>" "$net_file"
    check "G: every backup went to backup_dir, none beside the blueprint" \
        bash -c '[[ -e $1/files/$2-vm-1.xml && ! -e $3/files ]]' _ "$work/backups-g" "$g" "$(dirname "$seeded_blueprint")"
    virsh -q -c "$uri" net-destroy "$g-lan-1" >/dev/null 2>&1
    virsh -q -c "$uri" net-undefine "$g-lan-1" >/dev/null 2>&1
    check "G: the network is gone from libvirt" bash -c '! virsh -q -c "$1" net-info "$2" >/dev/null 2>&1' _ "$uri" "$g-lan-1"
    check_workflow "$work/$g-restore-files.log" restore -p snapshot_name=files -p snapshot_incremental=false
    check "G: the network is defined and active again, with its backed-up uuid" \
        bash -c '[[ $(virsh -q -c "$1" net-info "$2" | awk "/^Active:/ { print \$2 }") == yes ]] \
                 && [[ $(virsh -c "$1" net-uuid "$2") == $(sed -n "s:.*<uuid>\(.*\)</uuid>.*:\1:p" "$3") ]]' _ "$uri" "$g-lan-1" "$net_file"
    check "G: history lists apply and the six workflow runs in order" \
        bash -c '[[ $("$1" history -d "$2" --state-dir "$3" --json | python3 -c "import json,sys; print(\" \".join(e[\"workflow\"] for e in json.load(sys.stdin)))") == "install backup restore remove_backup heal backup restore" ]]' \
        _ "$bluevirt" "$g" "$state_dir"
    "$bluevirt" history -d "$g" --state-dir "$state_dir" 2>&1 | grep '^#' | sed 's/^/    history: /'
    t0=$(now)
    destroy "$g"
    destroy_status=$?
    check "G: destroy exits 0 ($(elapsed "$t0" "$(now)") s)" test "$destroy_status" = 0
    [[ $destroy_status == 0 ]] || sed 's/^/    | /' "$work/$g-destroy.log"
    check "G: no domain, network, pool or volume of the deployment is left" nothing_left "$g"
    kill "$http_pid" 2>/dev/null; wait "$http_pid" 2>/dev/null; http_pid=
fi

log "total $(elapsed "$t_begin" "$(now)") s"
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
