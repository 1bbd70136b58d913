#!/usr/bin/env bash
# Makes what the parity harness needs under bench/out/ (git-ignored); idempotent:
# - a venv with Cloudify's own parser, cloudify-common 7.0.5 (the [dispatcher] extra brings
#   networkx, without which dsl_parser does not import);
# - Cloudify's types.yaml for that parser: bluevirt's copy (grammar/cloudify/types.yaml) less the
#   one thing Cloudify's 1_3 schema has no place for (a `constraints` list on connection_type,
#   which bluevirt adds to check the value early).
# Prints the venv's python.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

venv=bench/out/cloudify-venv
mkdir -p bench/out
if ! "$venv/bin/python" -c 'import dsl_parser.parser, dsl_parser.tasks' >/dev/null 2>&1; then
    echo "installing cloudify-common[dispatcher]==7.0.5 into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'cloudify-common[dispatcher]==7.0.5' >&2
fi
sed '/^        constraints:$/,/^          - valid_values: \[all_to_all, all_to_one\]$/d' \
    grammar/cloudify/types.yaml > bench/out/cloudify-types.yaml
if grep -q 'constraints:' bench/out/cloudify-types.yaml; then
    echo "setup.sh: grammar/cloudify/types.yaml has constraints Cloudify's parser refuses; update the sed" >&2
    exit 1
fi
echo "$PWD/$venv/bin/python"
