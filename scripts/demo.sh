#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: set up, build bluevirt, and validate the example
# blueprint. (Later issues turn this into a simulated apply.)
# BLUEVIRT_SCRATCH names the build folder (default .build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
source scripts/common.sh
use_swift_toolchain

scratch=${BLUEVIRT_SCRATCH:-.build}
blueprint=${1:-blueprints/two-vms-one-network.yaml}

echo "building bluevirt (the first build fetches and compiles dependencies: a few minutes)"
swift build --quiet --scratch-path "$scratch" --product bluevirt
bluevirt="$(swift build --scratch-path "$scratch" --show-bin-path)/bluevirt"

echo "\$ bluevirt validate $blueprint"
"$bluevirt" validate "$blueprint"
