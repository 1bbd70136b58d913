#!/usr/bin/env bash
# End-to-end test of one deployment over two libvirt hosts (issue 13), on this machine: two
# "hosts" made of network namespaces, each with its own libvirtd, virtlogd and sshd, and a
# controller namespace where bluevirt runs (scripts/e2e/two-hosts-lib.sh says how; nothing leaves
# the namespaces, and each guest network is isolated inside its host's namespace). bluevirt
# reaches host A (10.203.0.1) over qemu+ssh with a key the test generates and host B
# (10.203.0.2) over qemu+tcp.
#
# Scenarios (Tests/Fixtures/qemu/two-hosts.yaml: a network and a tiny guest on each host):
#   1. apply: exit 0; outputs are each guest's lease on its own host; status, list, progress and
#      outputs --hosts name each object's host; destroy leaves nothing on either host.
#   2. apply again; when db's start is under way, host B's libvirtd is frozen (SIGSTOP, a
#      hung host: only keepalive can notice): exit 1 naming 10.203.0.2 within the keepalive
#      time; web on host A finished. With keepalive off, SIGTERM ends a blocked apply at once.
#      libvirtd B is killed and restarted: re-apply converges.
#   3. host B's libvirtd killed: destroy removes host A's objects, keeps host B's in the state
#      and says so (exit 1); destroy --forget-unreachable drops them; host B restarted still
#      holds them (they were only forgotten), and they are removed with virsh.
#   4. a kernel path that exists on neither host: apply fails naming the path and the host
#      (checked on the host through libvirt's storage API); destroy leaves nothing.
#
# Usage (root): scripts/e2e/many-hosts-test.sh BLUEVIRT_BINARY (or $BLUEVIRT_BIN); skips without root.
# Environment: BLUEVIRT_GUEST_DIR, BLUEVIRT_E2E_KEEP=1 keeps the work folder,
# BLUEVIRT_E2E_COMMAND_SECONDS (default 300): see scripts/e2e/watchdog.sh.
# Prints one line per check, then `N passed, M failed`; exit status 1 on any failure.
set -uo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
blueprint=$repo_root/Tests/Fixtures/qemu/two-hosts.yaml
guest_dir=${BLUEVIRT_GUEST_DIR:-$repo_root/.cache/guest/out}
deployment=twohosts
keepalive=(--keepalive-interval 2 --keepalive-count 2) # a dead host is noticed within 6 s

passed=0
failed=0
log() { echo "many-hosts: $*"; }
check() { # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then echo "PASS $name"; passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}
die() { echo "error: $*" >&2; exit 1; }

if [[ $(id -u) != 0 ]]; then
    echo "skipped: the many-hosts end-to-end test needs root (network and mount namespaces, libvirtd, sshd)"
    exit 0
fi
for tool in libvirtd virtlogd sshd ssh-keygen virsh ip; do
    command -v "$tool" >/dev/null || die "$tool is missing (scripts/setup.sh installs openssh-server with no service started; scripts/libvirt-netns.sh installs libvirt)"
done
bluevirt=${1:-${BLUEVIRT_BIN:-}}
[[ -x $bluevirt ]] || die "give the bluevirt binary as the first argument"

guest_paths=$("$repo_root/scripts/guest/build-tiny-guest.sh" "$guest_dir") || die "build-tiny-guest.sh failed"
vmlinuz=$(sed -n 's/^vmlinuz=//p' <<<"$guest_paths")
initrd=$(sed -n 's/^initrd=//p' <<<"$guest_paths")

work=$(mktemp -d /tmp/bluevirt-hosts.XXXXXX)
chmod 755 "$work"
state_dir=$work/state
apply_pid=

# shellcheck source=scripts/e2e/two-hosts-lib.sh
source "$script_dir/two-hosts-lib.sh"
# The commands that should end on their own run under scripts/e2e/watchdog.sh: one still running
# after BLUEVIRT_E2E_COMMAND_SECONDS (default 300) is stopped and fails its check, with the stacks
# of its threads in $work/hangs.txt, printed at the end. The applies that this test interrupts
# itself run bluevirt directly, so that its signals reach bluevirt.
export WATCHDOG_SECONDS=${BLUEVIRT_E2E_COMMAND_SECONDS:-300} WATCHDOG_REPORTS=$work/hangs.txt
printf '#!/usr/bin/env bash\nexec %q %q "$@"\n' "$script_dir/watchdog.sh" "$bluevirt" >"$work/bluevirt"
chmod 755 "$work/bluevirt"
watched_bluevirt=$work/bluevirt
bv() { in_ctl "$watched_bluevirt" "$@" --state-dir "$state_dir"; }

cleanup() {
    local status=$? h pid
    trap - EXIT INT TERM
    if [[ -n $apply_pid ]]; then kill -KILL "$apply_pid" 2>/dev/null; wait "$apply_pid" 2>/dev/null; fi
    for h in "${hosts[@]}"; do
        if [[ -n $(pid_of "$h" libvirtd) ]] && kill -CONT "$(pid_of "$h" libvirtd)" 2>/dev/null; then virsh_clean "$h" "$deployment"; fi
    done
    two_hosts_stop
    if [[ -s $work/hangs.txt ]]; then
        echo "many-hosts: commands that hung (scripts/e2e/watchdog.sh):" >&2
        cat "$work/hangs.txt" >&2
        ((status == 0)) && status=1
    fi
    if [[ $failed == 0 && $status == 0 && ${BLUEVIRT_E2E_KEEP:-0} != 1 ]]; then
        rm -rf "$work"
    else
        echo "many-hosts: work folder (state, daemon logs, command output) kept in $work" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t_setup=$(now)
mkdir -p "$state_dir"
two_hosts_start || die "could not start the two hosts"
log "two hosts up in $(elapsed "$t_setup" "$(now)") s (host A over qemu+ssh, host B over qemu+tcp)"

inputs=(--input "host_a_uri=$(uri_of a)" --input "host_b_uri=$(uri_of b)"
        --input "kernel=$vmlinuz" --input "initrd=$initrd" --input "serial_dir=$work")

# lease_of H NETWORK MAC: the address leased to MAC on host H's network.
lease_of() {
    virsh_on "$1" net-dhcp-leases "$2" 2>/dev/null | awk -v mac="$3" '$3 == mac { sub(/\/.*/, "", $5); print $5 }'
}
output_of() { python3 -c "import json,sys; print(json.load(sys.stdin).get('$1', ''))"; }
outputs_are_leases() {
    local json web db
    json=$(bv outputs -d "$deployment" --json 2>&1) || { echo "    outputs: $json"; return 1; }
    web=$(output_of web_ip <<<"$json") db=$(output_of db_ip <<<"$json")
    echo "    outputs: $json"
    echo "    lease on host A: $(lease_of a "$deployment-lan_a-1" 52:54:00:b7:31:01), on host B: $(lease_of b "$deployment-lan_b-1" 52:54:00:b7:32:01)"
    [[ -n $web && $web == "$(lease_of a "$deployment-lan_a-1" 52:54:00:b7:31:01)" &&
       -n $db && $db == "$(lease_of b "$deployment-lan_b-1" 52:54:00:b7:32:01)" ]]
}
nothing_left_on() { # nothing_left_on H [DEPLOYMENT]
    local h=$1 prefix=${2:-$deployment} left
    left=$( { virsh_on "$h" list --all --name; virsh_on "$h" net-list --all --name; } 2>/dev/null | grep "^$prefix-" || true)
    [[ -z $left ]] || { echo "    left on host $h: $left"; return 1; }
}
# Every node's objects on the host the blueprint gives it, as status --json says.
status_names_hosts() {
    bv status -d "$deployment" --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
want = {"lan_a": "10.203.0.1", "web": "10.203.0.1", "lan_b": "10.203.0.2", "db": "10.203.0.2"}
bad = [r for r in rows if want.get(r["node"]) != r.get("host")]
for r in bad: print("    ", r["instance"], "host", r.get("host"))
sys.exit(1 if bad or len(rows) != 4 else 0)'
}

# --- 1. all well -----------------------------------------------------------------------------
t0=$(now)
bv apply "$blueprint" -d "$deployment" "${inputs[@]}" "${keepalive[@]}" --json >"$work/apply-1.log" 2>&1
status=$?
log "apply over two hosts: exit $status in $(elapsed "$t0" "$(now)") s"
check "apply over two hosts succeeds" test "$status" = 0
check "outputs are each guest's lease on its own host" outputs_are_leases
check "status --json names each object's host" status_names_hosts
check "progress names each step's host" grep -q '"host":"10.203.0.2"' "$work/apply-1.log"
check "list names the deployment's hosts" sh -c "'$watched_bluevirt' list --state-dir '$state_dir' | grep -q '10.203.0.1, 10.203.0.2'"
check "outputs --hosts names the hosts" sh -c "ip netns exec $ctl '$watched_bluevirt' outputs -d $deployment --hosts --json --state-dir '$state_dir' | grep -q '10.203.0.2'"
bv status -d "$deployment" >"$work/status-1.txt" 2>&1
sed 's/^/    /' "$work/status-1.txt"
bv destroy -d "$deployment" >"$work/destroy-1.log" 2>&1
check "destroy succeeds" test $? = 0
check "nothing left on host A" nothing_left_on a
check "nothing left on host B" nothing_left_on b

# --- 2. a host hangs during apply ------------------------------------------------------------
# bluevirt is started by ip directly (no subshell between), so that signals reach it.
ip netns exec "$ctl" "$bluevirt" apply "$blueprint" -d "$deployment" "${inputs[@]}" "${keepalive[@]}" --json \
    --state-dir "$state_dir" >"$work/apply-2.log" 2>&1 &
apply_pid=$!
freeze_b_and_watch "$work/apply-2.log" '"event":"started".*"step":"db[^"]*/start"' "$apply_pid" 1200
wait "$apply_pid"
status=$?
apply_pid=
check "db's start began before the freeze" test -n "$frozen"
if [[ -n $frozen ]]; then
    log "libvirtd on host B frozen mid-apply: db's start failed ${noticed:-never} s after the freeze (keepalive 2 s × (2 + 1)); apply exit $status"
    check "apply fails (exit 1) when a host hangs" test "$status" = 1
    check "the failure names host 10.203.0.2" grep -q 'host 10.203.0.2 is unreachable' "$work/apply-2.log"
    check "host B's step failed within the keepalive time (6 s + 2 s)" awk -v s="${noticed:-999}" 'BEGIN { exit !(s <= 8) }'
    check "web on host A still started" sh -c "grep -q '\"event\":\"finished\".*\"step\":\"web[^\"]*/start\"' '$work/apply-2.log'"

    # With keepalive off a call to the hung host blocks: SIGTERM must still end apply.
    ip netns exec "$ctl" "$bluevirt" apply "$blueprint" -d "$deployment" "${inputs[@]}" --keepalive-interval 0 \
        --state-dir "$state_dir" >"$work/apply-sigterm.log" 2>&1 &
    apply_pid=$!
    sleep 4
    t_term=$(now)
    kill -TERM "$apply_pid"
    wait "$apply_pid"
    status=$?
    apply_pid=
    took=$(elapsed "$t_term" "$(now)")
    log "SIGTERM to an apply blocked on the hung host: exit $status after $took s"
    check "SIGTERM ends a blocked apply within 5 s" awk -v s="$took" 'BEGIN { exit !(s <= 5) }'
    check "SIGTERM's exit status is 130" test "$status" = 130
    check "apply said it was stopping" grep -q 'stopping: nothing new starts' "$work/apply-sigterm.log"
fi
kill -KILL "$(pid_of b libvirtd)" 2>/dev/null
sleep 0.5
check "libvirtd on host B restarts" restart_libvirtd b
bv apply "$blueprint" -d "$deployment" "${inputs[@]}" "${keepalive[@]}" >"$work/apply-3.log" 2>&1
check "re-apply converges once host B is back" test $? = 0
check "outputs are the leases after re-apply" outputs_are_leases

# --- 3. destroy with a host gone -------------------------------------------------------------
kill -KILL "$(pid_of b libvirtd)"
sleep 0.5
bv destroy -d "$deployment" "${keepalive[@]}" >"$work/destroy-2.log" 2>&1
status=$?
sed 's/^/    /' "$work/destroy-2.log" | grep -E 'unreachable|stay' | head -4
check "destroy with host B gone fails (exit 1)" test "$status" = 1
check "destroy says what stays in the state" grep -q 'stay in the state' "$work/destroy-2.log"
check "host A's objects are gone" nothing_left_on a
bv destroy -d "$deployment" --forget-unreachable "${keepalive[@]}" >"$work/destroy-3.log" 2>&1
check "destroy --forget-unreachable succeeds" test $? = 0
check "it says what it dropped" grep -q 'forget-unreachable drops' "$work/destroy-3.log"
check "libvirtd on host B restarts again" restart_libvirtd b
something_left_on_b() { ! nothing_left_on b >/dev/null; }
check "host B's objects were only forgotten (still there)" something_left_on_b
virsh_clean b "$deployment"
check "nothing left on host B after virsh" nothing_left_on b

# --- 4. a kernel that is not on the host -----------------------------------------------------
bad_inputs=("${inputs[@]}")
bad_inputs[5]=kernel=$work/not-on-the-hosts/vmlinuz
bv apply "$blueprint" -d badkernel "${bad_inputs[@]}" "${keepalive[@]}" >"$work/apply-badkernel.log" 2>&1
status=$?
grep -m1 'is not on host' "$work/apply-badkernel.log" | sed 's/^/    /'
check "a kernel missing on the host fails apply (exit 1)" test "$status" = 1
check "the error names the path and the host" grep -q "the kernel '$work/not-on-the-hosts/vmlinuz' of domain 'badkernel-[a-z]*-1' on .* is not on host 10.203.0.[12]" "$work/apply-badkernel.log"
bv destroy -d badkernel >"$work/destroy-badkernel.log" 2>&1
check "its destroy succeeds" test $? = 0
check "nothing of it left on host A" nothing_left_on a badkernel
check "nothing of it left on host B" nothing_left_on b badkernel

echo "$passed passed, $failed failed ($(elapsed "$t_setup" "$(now)") s)"
((failed == 0))
