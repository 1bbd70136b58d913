#!/usr/bin/env bash
# Makes the venv with Cloudify's own blueprint parser (the benchmark's peer) under .cache/
# (git-ignored). Idempotent. The [dispatcher] extra brings networkx, without which dsl_parser
# does not import. Prints the venv's python.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv=.cache/cloudify-venv
if ! "$venv/bin/python" -c 'import dsl_parser.parser, dsl_parser.tasks' >/dev/null 2>&1; then
    echo "installing cloudify-common[dispatcher]==7.0.5 into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'cloudify-common[dispatcher]==7.0.5' >&2
fi
echo "$PWD/$venv/bin/python"
