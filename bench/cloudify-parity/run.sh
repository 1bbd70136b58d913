#!/usr/bin/env bash
# The Cloudify parser parity harness: runs Cloudify's own parser (cloudify-common 7.0.5) and
# bluevirt on every case that generate_cases.py writes (bench/out/parity-cases/), compares accept/reject verdicts and
# prints the agreement overall, per DSL version and per feature family, then each disagreement.
#
#   bench/cloudify-parity/run.sh [--json FILE] [--filter SUBSTRING]
#
# BLUEVIRT=path/to/bluevirt skips the build. Results also go to bench/out/parity-*.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

python=$(bench/cloudify-parity/setup.sh)
if [[ -z "${BLUEVIRT:-}" ]]; then
    swift build --scratch-path .build --product bluevirt >&2
    BLUEVIRT=$(swift build --scratch-path .build --show-bin-path)/bluevirt
fi
python3 bench/cloudify-parity/generate_cases.py >&2
"$python" bench/cloudify-parity/cloudify_verdicts.py bench/out/parity-cases \
    bench/out/cloudify-types.yaml bench/out/parity-cloudify.json "${CLOUDIFY_TIMEOUT:-120}"
python3 bench/cloudify-parity/compare.py --bluevirt "$BLUEVIRT" --cases bench/out/parity-cases \
    --cloudify bench/out/parity-cloudify.json --out bench/out/parity-bluevirt.json "$@"
