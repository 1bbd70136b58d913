#!/usr/bin/env bash
# Installs a release build of bluevirt under PREFIX (default /usr/local):
#   PREFIX/bin/bluevirt
#   PREFIX/share/man/man1/bluevirt.1.gz
#   PREFIX/share/bash-completion/completions/bluevirt
#   PREFIX/share/zsh/site-functions/_bluevirt
#   PREFIX/share/fish/vendor_completions.d/bluevirt.fish
# The binary needs libvirt0, libyaml-0-2 and libsqlite3-0 at run time, and libcurl4 or
# libcurl3-gnutls to download images (Debian package names; scripts/package-deb.sh computes the
# exact list).
#
#   scripts/install.sh [PREFIX]             build (scripts/build-release.sh), then install
#   scripts/install.sh PREFIX --from DIR    install a build scripts/build-release.sh DIR made
#
# Building needs a Swift toolchain and the -dev packages of those libraries: missing ones are
# installed (as root; `scripts/setup.sh --build-only`), nothing else. A PREFIX you can write to
# (~/.local, say) needs no root once they are there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
prefix=${1:-/usr/local}

if [[ ${2:-} == --from ]]; then
    build_dir=${3:?usage: scripts/install.sh PREFIX --from DIR}
    [[ -x $build_dir/bluevirt ]] || { echo "error: $build_dir has no bluevirt; make it with scripts/build-release.sh $build_dir" >&2; exit 1; }
else
    scripts/setup.sh --build-only
    build_dir=$(mktemp -d)
    trap 'rm -rf "$build_dir"' EXIT
    scripts/build-release.sh "$build_dir"
fi

install -D -m 0755 "$build_dir/bluevirt" "$prefix/bin/bluevirt"
install -d "$prefix/share/man/man1"
gzip -9n <"$build_dir/man/bluevirt.1" >"$prefix/share/man/man1/bluevirt.1.gz"
chmod 0644 "$prefix/share/man/man1/bluevirt.1.gz"
install -D -m 0644 "$build_dir/completions/bluevirt.bash" "$prefix/share/bash-completion/completions/bluevirt"
install -D -m 0644 "$build_dir/completions/_bluevirt" "$prefix/share/zsh/site-functions/_bluevirt"
install -D -m 0644 "$build_dir/completions/bluevirt.fish" "$prefix/share/fish/vendor_completions.d/bluevirt.fish"
echo "installed $("$prefix/bin/bluevirt" --version) as $prefix/bin/bluevirt, with its man page and bash, zsh and fish completions"
