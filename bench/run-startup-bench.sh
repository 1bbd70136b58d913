#!/usr/bin/env bash
# Start-up: `bluevirt --version` and `validate` of a 10-line blueprint (issue 14's targets: no
# slower than `virsh --version`, and under 5 ms), beside three yardsticks measured in the same run:
#   - virsh --version (when virsh is installed);
#   - a Swift program built as the release is (--static-swift-stdlib) that prints one line: what
#     any command of a Swift binary this way costs before it does anything;
#   - the same program opening a file with FileHandle: what linking swift-corelibs-foundation
#     (and ICU with it) adds, as bluevirt linked it until it moved to FoundationEssentials
#     (docs/performance.md, "Twenty-fifth round");
#   - bench/libyaml-floor.c parsing the 10-line blueprint once, as a whole process.
#
#   bench/run-startup-bench.sh PATH/TO/bluevirt
#
# Give it a build made as scripts/build-release.sh makes them (the numbers in docs/performance.md
# are of such builds). The commands run in turn, one after another, BENCH_RUNS times each
# (default 40) after one warm-up; each run's CPU (user + system, from wait4) and wall time are
# taken, and the table gives medians and the fastest. With valgrind installed, each command's
# instructions too (callgrind, whole process).
set -euo pipefail
bluevirt=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runs=${BENCH_RUNS:-40}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../scripts/common.sh"
use_swift_toolchain
work=$(mktemp -d /tmp/bluevirt-startup-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cat >"$work/small.yaml" <<'EOF'
tosca_definitions_version: cloudify_dsl_1_4
imports:
  - http://www.getcloudify.org/spec/cloudify/6.4.0/types.yaml
  - plugin:cloudify-libvirt-plugin
node_templates:
  vm:
    type: cloudify.libvirt.domain
    properties:
      params:
        vcpu: 1
EOF

cc -O2 -o "$work/libyaml-floor" "$here/libyaml-floor.c" $(pkg-config --cflags --libs yaml-0.1)

mkdir -p "$work/hello/Sources/hello"
cat >"$work/hello/Package.swift" <<'EOF'
// swift-tools-version:6.1
import PackageDescription
let package = Package(name: "hello", targets: [.executableTarget(name: "hello"), .executableTarget(name: "hello-foundation")])
EOF
cat >"$work/hello/Sources/hello/main.swift" <<'EOF'
import Foundation
print(ProcessInfo.processInfo.arguments.count)
EOF
# FileHandle is swift-corelibs-foundation's, not FoundationEssentials': using it links the rest.
mkdir -p "$work/hello/Sources/hello-foundation"
cat >"$work/hello/Sources/hello-foundation/main.swift" <<'EOF'
import Foundation
let file = FileHandle(forReadingAtPath: CommandLine.arguments[0])
print(ProcessInfo.processInfo.arguments.count, file != nil)
EOF
echo "building the Swift yardsticks (swift build -c release --static-swift-stdlib)" >&2
(cd "$work/hello" && swift build --quiet -c release --static-swift-stdlib)
strip -o "$work/hello-static" "$work/hello/.build/release/hello"
strip -o "$work/hello-foundation-static" "$work/hello/.build/release/hello-foundation"

# NAME|COMMAND lines; the command is split as a shell would (shlex), so paths are quoted.
quoted_bluevirt=$(printf '%q' "$bluevirt")
commands=(
    "bluevirt --version|$quoted_bluevirt --version"
    "bluevirt validate (10 lines)|$quoted_bluevirt validate $work/small.yaml"
    "Swift program printing one line|$work/hello-static"
    "the same, opening a file with FileHandle|$work/hello-foundation-static"
    "libyaml floor, 10 lines|$work/libyaml-floor $work/small.yaml 1"
)
if command -v virsh >/dev/null; then commands+=("virsh --version|virsh --version"); fi

echo "Machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bluevirt: $("$bluevirt" --version)"
printf '%s\n' "${commands[@]}" >"$work/commands"
PYTHONPATH="$here" python3 - "$runs" "$work/commands" <<'EOF'
import shlex, sys, statistics
from process_runs import once, instructions

runs = int(sys.argv[1])
with open(sys.argv[2]) as listing:
    commands = [line.split("|", 1) for line in listing.read().splitlines() if line]

argvs = [shlex.split(command) for _, command in commands]
for argv in argvs:
    once(argv)  # warm-up: page cache, dynamic loader's caches
cpu = [[] for _ in commands]
wall = [[] for _ in commands]
for _ in range(runs):
    for index, argv in enumerate(argvs):
        w, c, _ = once(argv)
        cpu[index].append(c)
        wall[index].append(w)

print(f"\n{runs} runs each, in turn\n")
print("| command | CPU ms, median (fastest) | wall ms, median (fastest) | instructions |")
print("|---|---:|---:|---:|")
for index, (name, _) in enumerate(commands):
    count = instructions(argvs[index])
    shown = f"{count / 1e6:.2f} M" if count else "—"
    print(f"| {name} | {statistics.median(cpu[index]):.2f} ({min(cpu[index]):.2f}) "
          f"| {statistics.median(wall[index]):.2f} ({min(wall[index]):.2f}) | {shown} |")
EOF
