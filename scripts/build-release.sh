#!/usr/bin/env bash
# Builds what a release installs into OUT_DIR (scripts/install.sh and scripts/package-deb.sh call it):
#   OUT_DIR/bluevirt                  the release build, stripped, Swift runtime linked in statically
#   OUT_DIR/completions/bluevirt.bash, _bluevirt (zsh), bluevirt.fish
#   OUT_DIR/man/bluevirt.1            generated from the command definitions
#   OUT_DIR/version                   the version, e.g. 0.1.0+git20261203.c2fc5a4
# `bluevirt --version` of that build prints the version and its git commit. They are written into
# Sources/bluevirt/Generated/ReleaseVersion.swift for the build only and removed afterwards, so
# nothing generated is committed and other builds keep saying "dev".
# BLUEVIRT_RELEASE_SCRATCH names the build folder (default .build-dist: its flags differ from the
# benchmarks' .build-release, so the two do not rebuild each other).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/common.sh
use_swift_toolchain

out_dir=${1:?usage: scripts/build-release.sh OUT_DIR}
scratch=${BLUEVIRT_RELEASE_SCRATCH:-.build-dist}

base_version=$(<VERSION)
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
commit_count=$(git rev-list --count HEAD 2>/dev/null || echo 0)
if [[ $commit != unknown ]] && ! git diff --quiet HEAD -- 2>/dev/null; then
    commit+="-modified"
fi
# A Debian version that sorts along the history: a later commit has more commits before it.
version="$base_version+git$commit_count.${commit:0:12}"

generated=Sources/bluevirt/Generated/ReleaseVersion.swift
mkdir -p "$(dirname "$generated")"
trap 'rm -rf Sources/bluevirt/Generated' EXIT
cat >"$generated" <<EOF
// Written by scripts/build-release.sh for one build; not committed.
enum ReleaseVersion {
    static let text = "$version (commit $commit)"
}
EOF

# The Swift runtime and FoundationEssentials linked into the binary: the dynamic loader then has about 15
# fewer libraries to map and relocate at every start (docs/performance.md, "Process start").
echo "building bluevirt $version (release, static Swift runtime; the first build takes several minutes)"
# Generic types are instantiated through their metadata accessors rather than by demangling their
# names at run time: the demangling (and the conformance lookups it does to check each generic
# argument) were a sixth of the instructions of a 10-line validate and a seventh of --version's
# (docs/performance.md, "Tenth round"). The flag applies to every module, dependencies included,
# and changes only how the code reaches type metadata.
# --no-export-dynamic undoes the -export-dynamic of the toolchain's static-stdlib link arguments:
# nothing loads into bluevirt that would look its symbols up, and the 14,500 exported names cost
# every start the Swift runtime's dladdr over all of them and the pages they are on
# (docs/performance.md, "Twenty-fifth round"); a crash's backtrace then shows addresses only.
release_flags=(-c release --scratch-path "$scratch" --static-swift-stdlib
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
    -Xlinker --no-export-dynamic)
BLUEVIRT_RELEASE_BUILD=1 swift build "${release_flags[@]}" --quiet --product bluevirt
built="$(BLUEVIRT_RELEASE_BUILD=1 swift build "${release_flags[@]}" --show-bin-path)/bluevirt"
# Corelibs Foundation (module "Foundation", mangled 10Foundation) brings ICU and 45 MB with it;
# the product uses FoundationEssentials through Sources/Platform. One call to a corelibs-only API
# (NSString, String(format:), FileHandle, ...) anywhere would link it all again, silently.
# (grep reads nm's whole output: `grep -q` under pipefail could stop nm with SIGPIPE and pass.)
corelibs_symbols=$(nm "$built" | grep ' \$s10Foundation' || true)
if [[ -n $corelibs_symbols ]]; then
    echo "error: the release binary links corelibs Foundation; these symbols of it are used:" >&2
    awk '{print $3}' <<<"$corelibs_symbols" | swift demangle --simplified | head -20 >&2 || true
    echo "hint: use FoundationEssentials, the standard library or Sources/Platform instead (docs/architecture.md, Platform)" >&2
    exit 1
fi

mkdir -p "$out_dir/completions" "$out_dir/man"
strip -o "$out_dir/bluevirt" "$built"
echo "$version" >"$out_dir/version"
"$out_dir/bluevirt" --generate-completion-script bash >"$out_dir/completions/bluevirt.bash"
"$out_dir/bluevirt" --generate-completion-script zsh >"$out_dir/completions/_bluevirt"
"$out_dir/bluevirt" --generate-completion-script fish >"$out_dir/completions/bluevirt.fish"
"$out_dir/bluevirt" --experimental-dump-help \
    | python3 scripts/generate-manpage.py --version "$version" >"$out_dir/man/bluevirt.1"
echo "built $("$out_dir/bluevirt" --version) into $out_dir"
