#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: set up, build bluevirt, validate the example
# blueprint, then apply it on the simulated hypervisor (libvirt's test driver), print its
# outputs and destroy it, as separate commands sharing a temporary state directory.
# BLUEVIRT_SCRATCH names the build folder (default .build); BLUEVIRT_BIN names an installed bluevirt
# to run instead of building one (scripts/test.sh runs the demo with the Debian package's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
source scripts/common.sh
use_swift_toolchain

scratch=${BLUEVIRT_SCRATCH:-.build}
blueprint=${1:-blueprints/two-vms-one-network.yaml}

if [[ -n ${BLUEVIRT_BIN:-} ]]; then
    bluevirt=$BLUEVIRT_BIN
    echo "\$ bluevirt --version"
    "$bluevirt" --version
else
    echo "building bluevirt (the first build fetches and compiles dependencies: a few minutes)"
    swift build --quiet --scratch-path "$scratch" --product bluevirt
    bluevirt="$(swift build --scratch-path "$scratch" --show-bin-path)/bluevirt"
fi

echo "\$ bluevirt validate $blueprint"
"$bluevirt" validate "$blueprint"

state_dir=$(mktemp -d)
trap 'rm -rf "$state_dir"' EXIT
deployment=$(basename "$blueprint" .yaml)
echo "\$ bluevirt apply $blueprint --simulate --state-dir $state_dir"
"$bluevirt" apply "$blueprint" --simulate --state-dir "$state_dir"
echo "\$ bluevirt outputs -d $deployment --state-dir $state_dir"
"$bluevirt" outputs -d "$deployment" --state-dir "$state_dir"
echo "\$ bluevirt destroy -d $deployment --state-dir $state_dir"
"$bluevirt" destroy -d "$deployment" --state-dir "$state_dir"
