#!/bin/sh
# Instructions per load, which a busy machine does not disturb the way it does wall time:
# the difference between 3 and 1 repetitions under valgrind, halved, for the C floor and the
# Swift loader. Run run.sh first (it builds both).
set -eu
work="$(cd "$(dirname "$0")/../.." && pwd)/.cache/yaml-bench"
file="$work/bp${1:-1000}.yaml"
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
        | awk '/Collected/ {print $4}'
}
for program in "$work/libyaml-floor" "$work/build/release/yaml-load-time"; do
    one=$(count "$program" "$file" 1)
    three=$(count "$program" "$file" 3)
    echo "$(basename "$program"): $(( (three - one) / 2 )) instructions per load"
done
