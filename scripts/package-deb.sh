#!/usr/bin/env bash
# Builds a Debian package of a release build of bluevirt: `dpkg -i` or `apt-get install ./FILE.deb`.
# Usage: scripts/package-deb.sh [OUT_DIR]   (default .build-dist/deb); prints the package's path
# as its last line. Its runtime dependencies are what dpkg-shlibdeps finds the binary linked
# against (libyaml-0-2, ...) plus libvirt0, libsqlite3-0 and libcurl, which bluevirt opens with
# dlopen on first use (CLibvirt, CSQLite, CCurl) and dpkg-shlibdeps therefore cannot see; no
# network is needed beyond what setup.sh installs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out_dir=${1:-.build-dist/deb}

scripts/setup.sh --build-only
source scripts/common.sh
install_debian_packages dpkg-dev  # dpkg-shlibdeps

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/build-release.sh "$work/build"
version=$(<"$work/build/version")
arch=$(dpkg --print-architecture)

# Laid out as dpkg-shlibdeps expects a package being built: debian/PACKAGE/ in a source tree.
root="$work/src/debian/bluevirt"
install -d "$root/DEBIAN"
install -D -m 0755 "$work/build/bluevirt" "$root/usr/bin/bluevirt"
install -d "$root/usr/share/man/man1"
gzip -9n <"$work/build/man/bluevirt.1" >"$root/usr/share/man/man1/bluevirt.1.gz"
install -D -m 0644 "$work/build/completions/bluevirt.bash" "$root/usr/share/bash-completion/completions/bluevirt"
install -D -m 0644 "$work/build/completions/_bluevirt" "$root/usr/share/zsh/vendor-completions/_bluevirt"
install -D -m 0644 "$work/build/completions/bluevirt.fish" "$root/usr/share/fish/vendor_completions.d/bluevirt.fish"
install -d "$root/usr/share/doc/bluevirt"
gzip -9n <README.md >"$root/usr/share/doc/bluevirt/README.md.gz"
chmod 0644 "$root/usr/share/man/man1/bluevirt.1.gz" "$root/usr/share/doc/bluevirt/README.md.gz"

# dpkg-shlibdeps reads debian/control of the source package; a minimal one will do.
printf 'Source: bluevirt\n\nPackage: bluevirt\nArchitecture: any\n' >"$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/bin/bluevirt" | sed -n 's/^shlibs:Depends=//p')
[[ -n $depends ]] || { echo "error: dpkg-shlibdeps found no dependencies of the binary" >&2; exit 1; }
# 7.7.0: the newest of the libvirt functions Sources/CLibvirt/LibvirtFunctions.c forwards to
# (virNetworkDefineXMLFlags); libvirt0 holds libvirt.so.0.
depends+=", libvirt0 (>= 7.7.0)"
# 3.24.0: the state store's statements use UPSERT (INSERT ... ON CONFLICT DO UPDATE); libsqlite3-0
# holds libsqlite3.so.0, opened when the state is first opened (Sources/CSQLite).
depends+=", libsqlite3-0 (>= 3.24.0)"
# libcurl is opened on the first image download (Sources/CCurl), so dpkg-shlibdeps does not see
# it either; either of Debian's builds will do.
depends+=", libcurl4 | libcurl3-gnutls"

cat >"$root/DEBIAN/control" <<CONTROL
Package: bluevirt
Version: $version
Architecture: $arch
Maintainer: bluevirt developers <bluevirt@localhost>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: $depends
Recommends: libvirt-daemon-system | libvirt-daemon
Section: admin
Priority: optional
Description: TOSCA/Cloudify blueprints brought to life on libvirt
 bluevirt reads Cloudify-DSL TOSCA blueprints (inputs, node types, node
 templates, relationships, outputs, intrinsic functions), checks them, and
 creates the libvirt networks, pools, volumes and domains they describe.
CONTROL

mkdir -p "$out_dir"
package="$out_dir/bluevirt_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$package" >/dev/null
echo "Depends: $depends"
echo "$package"
