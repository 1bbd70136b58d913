#!/usr/bin/env bash
# Builds the Debian package (scripts/package-deb.sh), installs it with apt-get as a user would,
# checks what it installed (version and commit, man page, completions) and runs the README's demo
# (scripts/demo.sh) with the installed /usr/bin/bluevirt. Needs root (it installs a package);
# the package is removed again afterwards unless bluevirt was installed before.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

was_installed=
dpkg-query -W -f='${Status}' bluevirt 2>/dev/null | grep -q 'install ok installed' && was_installed=1
remove_package() {
    [[ -n $was_installed ]] || dpkg --purge bluevirt >/dev/null 2>&1 || echo "warning: dpkg --purge bluevirt failed" >&2
}

deb_dir=$(mktemp -d)
trap 'remove_package; rm -rf "$deb_dir"' EXIT
package=$(scripts/package-deb.sh "$deb_dir" | tail -1)
echo "\$ apt-get install ./$(basename "$package")"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$(realpath "$package")" >/dev/null

version=$(dpkg-query -W -f='${Version}' bluevirt)
commit=$(git rev-parse HEAD)
shown=$(/usr/bin/bluevirt --version)
[[ $shown == "$version (commit $commit"* ]] || {
    echo "error: bluevirt --version says '$shown'; expected the package version $version and commit $commit" >&2
    exit 1
}
for file in /usr/share/man/man1/bluevirt.1.gz /usr/share/bash-completion/completions/bluevirt \
    /usr/share/zsh/vendor-completions/_bluevirt /usr/share/fish/vendor_completions.d/bluevirt.fish; do
    [[ -s $file ]] || { echo "error: the package did not install $file" >&2; exit 1; }
done
# Read whole before searching: `zcat | grep -q` fails under pipefail whenever grep stops reading
# before zcat has written the rest (SIGPIPE), as a man page over 32 KiB can make it.
man_page=$(zcat /usr/share/man/man1/bluevirt.1.gz)
grep -q '^\.SS bluevirt validate' <<<"$man_page" \
    || { echo "error: the man page has no section for bluevirt validate" >&2; exit 1; }
grep -q validate /usr/share/bash-completion/completions/bluevirt \
    || { echo "error: the bash completion does not complete the validate command" >&2; exit 1; }

BLUEVIRT_BIN=/usr/bin/bluevirt scripts/demo.sh
