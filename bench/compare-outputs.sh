#!/usr/bin/env bash
# Two builds of bluevirt, the same words: runs `validate --json` and `dry-run` of both over every
# blueprint in the repository's fixtures and examples, and prints each blueprint whose output
# (standard output, standard error and exit status) differs. For changes meant to make bluevirt
# faster and nothing else. The Cloudify parity cases are read too when
# bench/cloudify-parity/run.sh has written them (bench/out/parity-cases).
#
#   bench/compare-outputs.sh PATH/TO/bluevirt-before PATH/TO/bluevirt-after
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ $# -ne 2 ]]; then
    echo "usage: bench/compare-outputs.sh PATH/TO/bluevirt-before PATH/TO/bluevirt-after" >&2
    exit 2
fi
before=$1 after=$2
work=$(mktemp -d /tmp/bluevirt-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$here"
outcome() { # binary command blueprint side
    local binary=$1 command=$2 blueprint=$3 side=$4 status
    local out="$work/$side.out" err="$work/$side.err"
    if [[ $command == validate ]]; then
        "$binary" validate --json --state-dir "$work/state-$side" "$blueprint" >"$out" 2>"$err"
    else
        "$binary" dry-run --state-dir "$work/state-$side" "$blueprint" >"$out" 2>"$err"
    fi
    status=$?
    cat "$out" "$err"
    echo "exit $status"
}
checked=0 differing=0
while IFS= read -r blueprint; do
    for command in validate dry-run; do
        checked=$((checked + 1))
        if ! cmp -s <(outcome "$before" "$command" "$blueprint" before) <(outcome "$after" "$command" "$blueprint" after); then
            differing=$((differing + 1))
            echo "differs: $command $blueprint"
        fi
    done
done < <(find Tests blueprints grammar bench/out/parity-cases -name '*.yaml' 2>/dev/null | sort)
echo "$checked runs, $differing differing"
[[ $differing -eq 0 ]]
