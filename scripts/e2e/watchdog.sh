#!/usr/bin/env bash
# Runs COMMAND... and waits for it at most WATCHDOG_SECONDS (default 900). If it is still running
# then, writes where it hangs to WATCHDOG_REPORTS (default: standard error): the stack of each of
# its threads and of each libvirtd that scripts/libvirt-netns.sh started (gdb), and whether those
# daemons answer; then stops it (SIGTERM, SIGKILL 20 s later) and exits 124, as timeout(1) does.
# The end-to-end tests run bluevirt through it, so that a hang fails one check with its stacks in
# the log instead of holding CI until CI's own limit.
#
# Usage: WATCHDOG_SECONDS=N WATCHDOG_REPORTS=FILE scripts/e2e/watchdog.sh COMMAND [ARG...]
# Standard input, output and error are the command's; SIGTERM, SIGINT and SIGHUP are passed on.
set -uo pipefail

limit=${WATCHDOG_SECONDS:-900}
reports=${WATCHDOG_REPORTS:-/dev/stderr}
netns_run_dir=${BLUEVIRT_NETNS_RUN_DIR:-/run/bluevirt-netns}

# A job in the background reads /dev/null unless told otherwise: keep the caller's input.
"$@" <&0 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
sleep "$limit" &
sleeper=$!

# stacks_of PID: every thread's backtrace (gdb attaches and detaches; the process goes on).
stacks_of() {
    if ! command -v gdb >/dev/null; then
        echo "    (no gdb: install it for stacks)"
        return
    fi
    timeout 120 gdb -p "$1" -batch -nx -ex 'set pagination off' -ex 'thread apply all bt 40' 2>&1 \
        | grep -v -e '^\[New LWP' -e '^\[Thread debugging' -e '^Using host libthread_db' | head -n 800 | sed 's/^/    /'
}

report_hang() {
    local file daemon
    echo "=== watchdog: still running after $limit s (pid $pid): $*"
    echo "--- its processes"
    ps -o pid,ppid,stat,etime,args --pid "$pid" --ppid "$pid" 2>&1 | sed 's/^/    /'
    echo "--- its threads"
    stacks_of "$pid"
    for file in "$netns_run_dir"/*/libvirtd.pid; do
        [[ -f $file ]] || continue
        daemon=$(cat "$file")
        echo "--- libvirtd $daemon ($file)"
        if ! kill -0 "$daemon" 2>/dev/null; then
            echo "    not running"
            continue
        fi
        timeout 20 virsh -c qemu:///system version 2>&1 | sed 's/^/    virsh version: /' \
            || echo "    virsh version: no answer within 20 s"
        stacks_of "$daemon"
    done
    echo "=== watchdog: end of report"
}

status=
while [[ -z $status ]]; do
    finished=
    wait -n -p finished "$pid" "$sleeper"
    last=$?
    if [[ ${finished:-} == "$pid" ]]; then
        status=$last
    elif [[ ${finished:-} == "$sleeper" ]]; then
        report_hang "$@" >>"$reports" 2>&1
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        status=124
    fi
    # Otherwise a signal interrupted the wait (and was passed on): wait again.
done
kill "$sleeper" 2>/dev/null
exit "$status"
