#!/usr/bin/env bash
# The YAML parity comparison (README.md): generates the texts, loads them as Cloudify does and
# with bluevirt's two readers, and prints the comparison.
#
#   bench/yaml-parity/run.sh [SEED]
#
# CLOUDIFY_PYTHON=path/to/venv/bin/python uses an existing venv with cloudify-common; without it,
# bench/cloudify-parity/setup.sh makes one. SKIP_BUILD=1 uses the test build as it is.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=bench/out/yaml-parity
mkdir -p "$out"
python=${CLOUDIFY_PYTHON:-$(bench/cloudify-parity/setup.sh)}
python3 bench/yaml-parity/generate_texts.py "${1:-7}" > "$out/cases.json"
python3 -c 'import json, sys; json.dump([c["text"] for c in json.load(open(sys.argv[1]))], open(sys.argv[2], "w"))' \
    "$out/cases.json" "$out/texts.json"
"$python" bench/yaml-parity/cloudify_load.py < "$out/texts.json" > "$out/cloudify.json"
[[ -n "${SKIP_BUILD:-}" ]] || swift build --build-tests >&2
BLUEVIRT_YAML_PARITY_IN="$PWD/$out/texts.json" BLUEVIRT_YAML_PARITY_OUT="$PWD/$out/bluevirt.json" \
    swift test --skip-build --filter YAMLParityDump >&2
python3 bench/yaml-parity/compare.py "$out/cases.json" "$out/cloudify.json" "$out/bluevirt.json"
