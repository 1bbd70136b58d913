# Shared by the scripts in scripts/ and bench/ (sourced, not run).

# Puts the Swift toolchain on PATH: the one already there, else the one at /opt/swift.
use_swift_toolchain() {
    if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
        PATH="/opt/swift/usr/bin:$PATH"
        export PATH
    fi
    if ! command -v swift >/dev/null 2>&1; then
        echo "error: no Swift toolchain found: put Swift 6.1 or newer on PATH (or at /opt/swift)" >&2
        exit 1
    fi
}

# Installs the Debian packages named that are not installed yet (apt-get update at most once).
install_debian_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$package")
    done
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) != 0 ]]; then
        echo "error: missing Debian packages: ${missing[*]}; run this as root or install them" >&2
        exit 1
    fi
    echo "installing ${missing[*]}"
    if [[ -z ${BLUEVIRT_APT_UPDATED:-} ]]; then
        apt-get update -qq
        export BLUEVIRT_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
