#!/usr/bin/env bash
# Installs a release build of bluevirt under PREFIX (default /usr/local):
#   PREFIX/bin/bluevirt
#   PREFIX/share/man/man1/bluevirt.1.gz
#   PREFIX/share/bash-completion/completions/bluevirt
#   PREFIX/share/zsh/site-functions/_bluevirt
#   PREFIX/share/fish/vendor_completions.d/bluevirt.fish
# The binary needs libvirt0, libyaml-0-2 and libsqlite3-0 at run time, and libcurl4 or
# libcurl3-gnutls to download images (Debian package names; scripts/package-deb.sh computes the
# exact list). Usage: scripts/install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
prefix=${1:-/usr/local}

scripts/setup.sh
build_dir=$(mktemp -d)
trap 'rm -rf "$build_dir"' EXIT
scripts/build-release.sh "$build_dir"

install -D -m 0755 "$build_dir/bluevirt" "$prefix/bin/bluevirt"
install -d "$prefix/share/man/man1"
gzip -9n <"$build_dir/man/bluevirt.1" >"$prefix/share/man/man1/bluevirt.1.gz"
chmod 0644 "$prefix/share/man/man1/bluevirt.1.gz"
install -D -m 0644 "$build_dir/completions/bluevirt.bash" "$prefix/share/bash-completion/completions/bluevirt"
install -D -m 0644 "$build_dir/completions/_bluevirt" "$prefix/share/zsh/site-functions/_bluevirt"
install -D -m 0644 "$build_dir/completions/bluevirt.fish" "$prefix/share/fish/vendor_completions.d/bluevirt.fish"
echo "installed $("$prefix/bin/bluevirt" --version) as $prefix/bin/bluevirt, with its man page and bash, zsh and fish completions"
