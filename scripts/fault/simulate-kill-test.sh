#!/usr/bin/env bash
# Fault test of `--simulate`: kills bluevirt with SIGKILL at many points of an apply and of a
# destroy and checks that the simulated world and the state store stay in agreement and that
# the next run converges. Also SIGINT (exit 130, the next apply resumes) and a second
# concurrent apply (refused, naming the holder). Needs no root; about a minute.
#
#   scripts/fault/simulate-kill-test.sh PATH/TO/bluevirt [MACHINES]
#
# MACHINES (default 30): domains in the generated blueprint, each with a volume, on one network
# and one pool (2*MACHINES+2 objects). FAULT_KILLS (default 20) apply kills, FAULT_DESTROY_KILLS
# (default 8) destroy kills. Prints `N passed, M failed` last; exits 1 on any failure.
set -uo pipefail

bin=${1:?usage: simulate-kill-test.sh PATH/TO/bluevirt [MACHINES]}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
machines=${2:-30}
kills=${FAULT_KILLS:-20}
destroy_kills=${FAULT_DESTROY_KILLS:-8}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

work=$(mktemp -d /tmp/bluevirt-fault.XXXXXX)
export BLUEVIRT_STATE_DIR=$work/state
blueprint=$work/fault.yaml
python3 "$here/generate-fault-blueprint.py" "$machines" >"$blueprint"

passed=0
failed=0
survived=0
orphans_total=0
lost_total=0
children=()
cleanup() {
    # Only what this script started.
    for pid in "${children[@]}"; do kill -9 "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# Runs bluevirt with a time limit so that a hang fails the test instead of stalling it.
run() { timeout 60 "$bin" "$@"; }

# Starts `bluevirt ARGS` in the background (stderr to $work/progress) and sends SIGNAL once
# AFTER lines saying `finished` have been printed (or it exits first). Sets $killed_rc.
run_and_signal() {
    local signal=$1 after=$2
    shift 2
    : >"$work/progress"
    "$bin" "$@" >/dev/null 2>"$work/progress" &
    local pid=$!
    children+=("$pid")
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        if (($(grep -c ' finished ' "$work/progress") >= after)); then
            kill "-$signal" "$pid" 2>/dev/null
            break
        fi
        sleep 0.005
        waited=$((waited + 1))
        if ((waited > 12000)); then kill -9 "$pid"; break; fi
    done
    wait "$pid"
    killed_rc=$?
}

# Compares `bluevirt status --json` with the world file of deployment $1. MODE:
#   converged  every object the state says exists is in the world, and the world holds
#              nothing else (no orphans)
# The world is its file, or the journal beside it when a run was killed before writing it whole.
#   killed     after a kill: every object the state says exists (created/configured/started;
#              a domain from configured on, as it is defined at configure) is in the world; every object in the world belongs to an instance whose run had
#              started on it (not uninitialized, not deleted)
#   killed-destroy  after a kill of destroy: nothing is in the world that the state says was
#              deleted or never made (an object mid-deletion may be gone already)
#   empty      the world is empty and the state says nothing exists
# Prints "lost=N orphans=M" and exits non-zero on disagreement.
agree() {
    local deployment=$1 mode=$2
    if ! run status -d "$deployment" --json >"$work/status.json" 2>"$work/status.err"; then
        # Killed before the deployment was recorded at all: then it may have made nothing.
        if grep -q "there is no deployment" "$work/status.json" "$work/status.err" && ! compgen -G "$BLUEVIRT_STATE_DIR/simulated/$deployment/*.xml" >/dev/null; then
            echo "lost=0 orphans=0 (killed before the deployment was recorded)"
            return 0
        fi
        echo "lost=0 orphans=0 status failed: $(cat "$work/status.json" "$work/status.err")"
        return 1
    fi
    python3 - "$work/status.json" "$BLUEVIRT_STATE_DIR" "$deployment" "$mode" <<'EOF'
import glob, json, os, sys, xml.etree.ElementTree as ET
status_file, state_dir, deployment, mode = sys.argv[1:]
instances = json.load(open(status_file))
world = set()
worlds = [i["connection"][len("test://"):] for i in instances if (i.get("connection") or "").startswith("test:///")]

def journal_world(path):
    # A run killed before it wrote its world whole left the world in its journal
    # (TestWorldJournal): length-prefixed records, each append ending with an E record.
    data = open(path, "rb").read()
    objects, appending, position = {}, [], 0
    while True:
        newline = data.find(b"\n", position)
        if newline < 0:
            break
        tag, name_count, pool_count, xml_count = data[position:newline].decode().split(" ")
        name_count, pool_count, xml_count = int(name_count), int(pool_count), int(xml_count)
        start = newline + 1
        end = start + name_count + pool_count + max(xml_count, 0)
        if end > len(data):
            break
        name = data[start:start + name_count].decode()
        pool = data[start + name_count:start + name_count + pool_count].decode()
        position = end
        if tag == "E":
            for change in appending:
                change_tag, change_name, change_pool, present = change
                if change_tag == "P":
                    for key in [k for k in objects if k[0] == "volume" and k[2] == change_name]:
                        del objects[key]
                kind = {"D": "domain", "N": "network", "P": "pool", "V": "volume"}[change_tag]
                key = (kind, change_name, change_pool if change_tag == "V" else "")
                if present:
                    objects[key] = True
                else:
                    objects.pop(key, None)
            appending = []
        else:
            appending.append((tag, name, pool, xml_count >= 0))
    return {(kind, name) for kind, name, _ in objects}

for path in set(worlds):
    if os.path.exists(path + ".journal"):
        world |= journal_world(path + ".journal")
        continue
    if not os.path.exists(path):
        continue
    root = ET.parse(path).getroot()
    for kind in ("domain", "network"):
        for element in root.findall(kind):
            world.add((kind, element.findtext("name")))
    for pool in root.findall("pool"):
        world.add(("pool", pool.findtext("name")))
        for volume in pool.findall("volume"):
            world.add(("volume", volume.findtext("name")))
# What a fresh simulated host has before any apply (SimulatedWorlds.freshHostWorld): not the deployment's.
world.discard(("network", "default"))
made = {"created", "configured", "started", "stopped"}
touched = made | {"creating", "stopping", "deleting", "failed"}
# As the libvirt plugin does, a domain is defined at configure: create only records its params.
def exists_by_state(i):
    return i["state"] in ({"configured", "started", "stopped"} if i["kind"] == "domain" else made)
says_exists = {(i["kind"], i["object"]) for i in instances if i["kind"] and exists_by_state(i)}
known = {(i["kind"], i["object"]) for i in instances if i["kind"] and (i["state"] in (made if mode == "converged" else touched))}
lost = says_exists - world if mode != "killed-destroy" else set()
orphans = world - known
if mode == "empty":
    lost = set()
    orphans = world | {(i["kind"], i["object"]) for i in instances if i["exists"]}
print("lost=%d orphans=%d" % (len(lost), len(orphans)))
for item in sorted(lost):
    print("  lost: %s %s" % item)
for item in sorted(orphans):
    print("  orphan: %s %s" % item)
sys.exit(1 if lost or orphans else 0)
EOF
}

# Records the counts printed by `agree` in the totals.
count() {
    local line=$1
    local lost orphans
    lost=$(sed -n 's/^lost=\([0-9]*\).*/\1/p' <<<"$line" | head -1)
    orphans=$(sed -n 's/^lost=[0-9]* orphans=\([0-9]*\).*/\1/p' <<<"$line" | head -1)
    lost_total=$((lost_total + ${lost:-0}))
    orphans_total=$((orphans_total + ${orphans:-0}))
}

started=$SECONDS

# Calibration: how many steps a whole apply and destroy print.
run apply --simulate -d calibrate "$blueprint" >/dev/null 2>"$work/calibrate" || fail "calibration apply"
apply_steps=$(grep -c ' finished ' "$work/calibrate")
run destroy -d calibrate >/dev/null 2>"$work/calibrate" || fail "calibration destroy"
destroy_steps=$(grep -c ' finished ' "$work/calibrate")
echo "blueprint: $machines machines ($((2 * machines + 2)) objects); apply $apply_steps steps, destroy $destroy_steps steps"

# SIGKILL during apply, at evenly spread points (plus one before the first step); each time
# the world must hold what the state claims, and a re-apply must converge.
for ((k = 0; k < kills; k++)); do
    deployment=kill-apply-$k
    after=$((k * apply_steps / kills + 1))
    run_and_signal KILL "$after" apply --simulate -d "$deployment" "$blueprint"
    verdict=$(agree "$deployment" killed) && pass || fail "apply killed after $after steps: state and world disagree: $verdict"
    count "$verdict"
    if run apply --simulate -d "$deployment" "$blueprint" >/dev/null 2>"$work/reapply"; then
        pass
        verdict=$(agree "$deployment" converged) && { pass; survived=$((survived + 1)); } \
            || fail "re-apply after a kill at $after steps: $verdict"
        count "$verdict"
    else
        fail "re-apply after a kill at $after steps did not converge: $(tail -3 "$work/reapply")"
    fi
    # A converged deployment is unchanged on the next apply.
    if ((k % 5 == 0)); then
        third=$(run apply --simulate -d "$deployment" "$blueprint" 2>&1)
        grep -q 'unchanged' <<<"$third" && pass || fail "third apply after kill $k is not 'unchanged': $(tail -2 <<<"$third")"
    fi
done

# SIGKILL during destroy: nothing the state forgot may stay in the world; re-destroy empties it.
for ((k = 0; k < destroy_kills; k++)); do
    deployment=kill-apply-$k
    after=$(((k + 1) * destroy_steps / (destroy_kills + 1)))
    run_and_signal KILL "$after" destroy -d "$deployment"
    verdict=$(agree "$deployment" killed-destroy) && pass || fail "destroy killed after $after steps: $verdict"
    count "$verdict"
    if run destroy -d "$deployment" >/dev/null 2>"$work/redestroy"; then
        pass
        verdict=$(agree "$deployment" empty) && { pass; survived=$((survived + 1)); } || fail "re-destroy after a kill at $after steps: $verdict"
        count "$verdict"
    else
        fail "re-destroy after a kill at $after steps failed: $(tail -3 "$work/redestroy")"
    fi
    run outputs -d "$deployment" >/dev/null 2>&1 && fail "outputs after destroy exits 0" || pass
done

# A lost world and a truncated one: apply makes the objects again, never says "unchanged".
deployment=kill-apply-$((kills - 1))
run status -d "$deployment" --json >"$work/status.json"
world=$(python3 -c 'import json,sys; print([i["connection"] for i in json.load(open(sys.argv[1])) if i["connection"]][0][7:])' "$work/status.json")
rm -f "$world"
if run apply --simulate -d "$deployment" "$blueprint" >"$work/out" 2>&1 && ! grep -q "installed and unchanged" "$work/out"; then pass; else fail "apply after the world file was deleted: $(tail -2 "$work/out")"; fi
verdict=$(agree "$deployment" converged) && pass || fail "after a deleted world: $verdict"
head -c 200 "$world" >"$world.cut" && mv "$world.cut" "$world"
if run apply --simulate -d "$deployment" "$blueprint" >"$work/out" 2>&1 && ! grep -q "installed and unchanged" "$work/out"; then pass; else fail "apply after the world file was truncated: $(tail -2 "$work/out")"; fi
verdict=$(agree "$deployment" converged) && pass || fail "after a truncated world: $verdict"
rm -f "$world"
run destroy -d "$deployment" >"$work/out" 2>&1 && pass || fail "destroy after the world file was deleted: $(tail -2 "$work/out")"
verdict=$(agree "$deployment" empty) && pass || fail "after destroying with a deleted world: $verdict"

# SIGINT: exit 130, and the next apply resumes and converges.
deployment=interrupted
run_and_signal INT $((apply_steps / 3)) apply --simulate -d "$deployment" "$blueprint"
((killed_rc == 130)) && pass || fail "SIGINT during apply exited $killed_rc, not 130"
if run apply --simulate -d "$deployment" "$blueprint" >"$work/out" 2>/dev/null && grep -q ' [1-9][0-9]* already done' "$work/out"; then
    pass
else
    fail "after SIGINT the next apply did not resume: $(tail -2 "$work/out")"
fi
verdict=$(agree "$deployment" converged) && pass || fail "after SIGINT: $verdict"

# A second apply of the same deployment while one runs is refused, naming the holder.
deployment=concurrent
: >"$work/progress"
"$bin" apply --simulate -d "$deployment" "$blueprint" >/dev/null 2>"$work/progress" &
holder=$!
children+=("$holder")
for ((i = 0; i < 2000; i++)); do grep -q ' started ' "$work/progress" && break; sleep 0.005; done
second=$(run apply --simulate -d "$deployment" "$blueprint" 2>&1)
second_rc=$?
if ((second_rc != 0)) && grep -q "being changed by another bluevirt (pid $holder" <<<"$second"; then
    pass
elif ! kill -0 "$holder" 2>/dev/null && ((second_rc == 0)); then
    echo "note: the first apply finished before the second started; not counted" >&2
else
    fail "a concurrent apply was not refused naming pid $holder (exit $second_rc): $(tail -2 <<<"$second")"
fi
wait "$holder" && pass || fail "the first of two concurrent applies failed"

echo "kills survived: $survived of $((kills + destroy_kills)); objects lost: $lost_total; orphans: $orphans_total; $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
((failed == 0))
