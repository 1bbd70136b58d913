#!/bin/sh
# Load time of YAMLLoader versus bare libyaml event parsing on a generated 1,000-node blueprint.
# Builds in .cache/yaml-bench (git-ignored) from a throwaway package that links Sources/YAMLSource.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/.cache/yaml-bench"
nodes=${1:-1000}
mkdir -p "$work/pkg/Sources/yaml-load-time"
ln -sfn "$root/Sources/YAMLSource" "$work/pkg/Sources/YAMLSource"
ln -sfn "$root/Sources/CLibYAML" "$work/pkg/Sources/CLibYAML"
ln -sfn "$root/bench/yaml/main.swift" "$work/pkg/Sources/yaml-load-time/main.swift"
cat > "$work/pkg/Package.swift" <<'MANIFEST'
// swift-tools-version:6.1
import PackageDescription
let package = Package(name: "yaml-bench", targets: [
    .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1"),
    .target(name: "YAMLSource", dependencies: ["CLibYAML"]),
    .executableTarget(name: "yaml-load-time", dependencies: ["YAMLSource"]),
], swiftLanguageModes: [.v6])
MANIFEST
python3 "$root/bench/yaml/generate-blueprint.py" "$nodes" > "$work/bp$nodes.yaml"
cc -O2 -o "$work/libyaml-floor" "$root/bench/yaml/libyaml-floor.c" -lyaml
swift build -c release --package-path "$work/pkg" --scratch-path "$work/build" --product yaml-load-time >/dev/null
"$work/libyaml-floor" "$work/bp$nodes.yaml" 50
"$work/build/release/yaml-load-time" "$work/bp$nodes.yaml" 50
