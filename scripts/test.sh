#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every test: the Swift test suite, the fault test of
# simulated runs killed at many points (scripts/fault/simulate-kill-test.sh), a time-bounded
# mutation fuzzer over validate and dry-run (scripts/fuzz/mutation-fuzz.py), the check of the
# example blueprints against the JSON Schema, the benchmark generator's tests, and (as root) the
# end-to-end run of apply/destroy on the real QEMU driver and the Debian package, installed and
# running the demo.
# Exits non-zero if anything fails.
# Arguments go to `swift test` (e.g. --filter YAMLSourceTests).
# BLUEVIRT_SCRATCH names the build folder (default .build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
source scripts/common.sh
use_swift_toolchain

scratch=${BLUEVIRT_SCRATCH:-.build}
failed=()

# Tests of storage uploads need a real libvirtd: as root, one runs for them in a network
# namespace of its own (scripts/libvirt-netns.sh) and is stopped afterwards. Without root they
# skip and say why. BLUEVIRT_TEST_LIBVIRT_URI set by the caller names a libvirtd to use instead.
unit_netns=
stop_unit_netns() {
    if [[ -n $unit_netns ]]; then
        scripts/libvirt-netns.sh stop "$unit_netns" >/dev/null 2>&1 || echo "warning: scripts/libvirt-netns.sh stop $unit_netns failed" >&2
        unit_netns=
    fi
}
trap stop_unit_netns EXIT
if [[ -z ${BLUEVIRT_TEST_LIBVIRT_URI:-} && $(id -u) -eq 0 ]]; then
    if scripts/libvirt-netns.sh start bluevirt-unit >/tmp/bluevirt-unit-netns.log 2>&1; then
        unit_netns=bluevirt-unit
        export BLUEVIRT_TEST_LIBVIRT_URI=qemu:///system
    else
        cat /tmp/bluevirt-unit-netns.log >&2
        failed+=("libvirt-netns.sh start bluevirt-unit")
    fi
fi

echo "== swift test"
swift test --scratch-path "$scratch" "$@" || failed+=("swift test")
stop_unit_netns

# Kills (SIGKILL, SIGINT) of simulated applies and destroys: the world and the state must agree
# and the next run converge. Needs no root; about a minute.
echo "== scripts/fault/simulate-kill-test.sh"
if swift build --quiet --scratch-path "$scratch" --product bluevirt; then
    scripts/fault/simulate-kill-test.sh "$(swift build --scratch-path "$scratch" --show-bin-path)/bluevirt" \
        || failed+=("fault/simulate-kill-test.sh")
else
    failed+=("swift build --product bluevirt")
fi

# The mutation fuzzer over validate and dry-run, bounded in time (BLUEVIRT_FUZZ_SECONDS, default
# 90): its known crashers are replayed first; a crash, hang or non-JSON answer fails the run.
echo "== scripts/fuzz/mutation-fuzz.py"
python3 scripts/fuzz/mutation-fuzz.py "$(swift build --scratch-path "$scratch" --show-bin-path)/bluevirt" \
    --seconds "${BLUEVIRT_FUZZ_SECONDS:-90}" || failed+=("fuzz/mutation-fuzz.py")

if [[ -f scripts/check-blueprint-schema.py ]]; then
    echo "== python3 scripts/check-blueprint-schema.py"
    python3 scripts/check-blueprint-schema.py || failed+=("check-blueprint-schema.py")
fi

# The benchmark's blueprint generator; with BLUEVIRT_BIN its blueprints must validate cleanly.
echo "== python3 -m unittest discover -s bench/tests"
if swift build --quiet --scratch-path "$scratch" --product bluevirt; then
    BLUEVIRT_BIN="$(swift build --scratch-path "$scratch" --show-bin-path)/bluevirt" \
        python3 -m unittest discover -s bench/tests || failed+=("bench/tests")
else
    failed+=("swift build --product bluevirt")
fi

# The end-to-end run on the real QEMU driver: libvirtd in a network namespace of its own, two
# tiny guests booted by `bluevirt apply`, their leases compared with `bluevirt outputs`.
# It needs root (namespaces, libvirtd); CI runs as root, so it never skips there.
# Each end-to-end stage is bounded (timeout(1) sends SIGTERM, whose trap cleans up), so that a
# hang fails that stage within CI's 90 minutes; gdb is there for scripts/e2e/watchdog.sh's stacks.
echo "== scripts/e2e/qemu-apply-test.sh"
if [[ $(id -u) -eq 0 ]]; then
    # In a subshell: a failed install (install_debian_packages exits) costs the stacks only.
    (install_debian_packages gdb) || echo "warning: gdb could not be installed; a hang's report will have no stacks"
    timeout --kill-after=60 30m scripts/e2e/qemu-apply-test.sh "$(swift build --scratch-path "$scratch" --show-bin-path)/bluevirt" \
        || failed+=("e2e/qemu-apply-test.sh")
else
    echo "skipped: the real-QEMU end-to-end test needs root (network namespaces and libvirtd); run scripts/test.sh as root"
fi

# One deployment over two libvirt hosts (network namespaces joined by a bridge, qemu+ssh and
# qemu+tcp): a host that hangs mid-apply, SIGTERM, re-apply, destroy with a host gone. Root only.
echo "== scripts/e2e/many-hosts-test.sh"
timeout --kill-after=60 15m scripts/e2e/many-hosts-test.sh "$(swift build --scratch-path "$scratch" --show-bin-path)/bluevirt" \
    || failed+=("e2e/many-hosts-test.sh")

# The release as users get it: the Debian package built (release build, static Swift runtime),
# installed with apt-get, and the README's demo run with the installed binary. Installing a
# package needs root; CI runs as root, so it never skips there.
echo "== scripts/package-install-test.sh"
if [[ $(id -u) -eq 0 ]]; then
    timeout --kill-after=60 20m scripts/package-install-test.sh || failed+=("package-install-test.sh")
else
    echo "skipped: installing the Debian package needs root (apt-get install); run scripts/test.sh as root"
fi

if ((${#failed[@]})); then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "all tests passed"
