#!/usr/bin/env bash
# Parity on the blueprints of Cloudify's own parser tests (dsl_parser/tests of cloudify-common):
# runs those tests under pytest with capture_cloudify_tests.py, which writes every blueprint they
# parse to bench/out/cloudify-tests-cases/ (manager-only ones to bench/out/cloudify-tests-excluded/),
# then asks Cloudify's parser (cloudify_verdicts.py) and bluevirt (compare.py) for their verdicts
# on each and prints the agreement overall, per DSL version and per test module, the exclusions and
# the disagreements grouped by cause.
#
#   bench/cloudify-parity/run-cloudify-tests.sh [--json FILE] [--filter SUBSTRING]
#
# The tests come from a checkout of cloudify-common at bench/out/cloudify-common (never copied into
# the repository), cloned from CLOUDIFY_COMMON_REPO (default: the local mirror if this machine has
# one, else GitHub) at CLOUDIFY_COMMON_COMMIT, whose dsl_parser is the one of 7.0.5 on PyPI.
# CLOUDIFY_COMMON=DIR uses an existing checkout instead. BLUEVIRT=path/to/bluevirt skips the build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD

python=$(bench/cloudify-parity/setup.sh)
"$python" -c 'import pytest' 2>/dev/null || "$python" -m pip install --quiet --disable-pip-version-check pytest >&2

checkout=${CLOUDIFY_COMMON:-bench/out/cloudify-common}
if [[ ! -d $checkout/dsl_parser/tests ]]; then
    mirror=/work/.mirror/cloudify-cosmo+cloudify-common/repo
    repo=${CLOUDIFY_COMMON_REPO:-$([[ -d $mirror ]] && echo "$mirror" || echo https://github.com/cloudify-cosmo/cloudify-common)}
    git clone --quiet "$repo" "$checkout" >&2
    git -C "$checkout" checkout --quiet "${CLOUDIFY_COMMON_COMMIT:-828327a291ae86e794c4c3cab6268cf0bb3d896c}" >&2
fi
installed=$("$python" -c 'import dsl_parser, os; print(os.path.dirname(dsl_parser.__file__))')
if ! diff -rq -x tests -x __pycache__ "$checkout/dsl_parser" "$installed" >&2; then
    echo "run-cloudify-tests.sh: the checkout's dsl_parser differs from the installed 7.0.5; the tests may parse differently" >&2
fi

if [[ -z "${BLUEVIRT:-}" ]]; then
    swift build --scratch-path .build --product bluevirt >&2
    BLUEVIRT=$(swift build --scratch-path .build --show-bin-path)/bluevirt
fi

out=$root/bench/out
rm -rf "$out/cloudify-tests-cases" "$out/cloudify-tests-excluded"
# The tests run in the checkout (their dsl_parser is the installed one, file for file); their
# own pass/fail does not matter, only what they parse.
(cd "$checkout" && CAPTURE_OUT=$out/cloudify-tests-cases CAPTURE_EXCLUDED=$out/cloudify-tests-excluded \
    CAPTURE_MANIFEST=$out/cloudify-tests-manifest.json PYTHONPATH=$root/bench/cloudify-parity PYTHONDONTWRITEBYTECODE=1 \
    "$python" -m pytest -q -p capture_cloudify_tests -p no:cacheprovider dsl_parser/tests >&2) || true
"$python" bench/cloudify-parity/cloudify_verdicts.py bench/out/cloudify-tests-cases \
    bench/out/cloudify-types.yaml bench/out/cloudify-tests-cloudify.json "${CLOUDIFY_TIMEOUT:-120}"
python3 bench/cloudify-parity/compare.py --bluevirt "$BLUEVIRT" --cases bench/out/cloudify-tests-cases \
    --cloudify bench/out/cloudify-tests-cloudify.json --out bench/out/cloudify-tests-bluevirt.json \
    --manifest bench/out/cloudify-tests-manifest.json "$@"
