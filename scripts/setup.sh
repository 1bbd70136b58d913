#!/usr/bin/env bash
# Installs what building and testing bluevirt needs on a fresh Debian 12 machine (run as root).
# Idempotent and quiet: when everything is there it installs nothing and prints nothing.
# Expects a Swift 6.1+ toolchain on PATH or at /opt/swift; it never downloads one.
# --build-only: only what building needs (the C libraries' -dev packages, pkg-config, git), for
# scripts/install.sh and scripts/package-deb.sh; run as any user when those are there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/common.sh

use_swift_toolchain

# libyaml, libvirt and SQLite (the state store) for the C targets; virt-xml-validate
# (libvirt-clients) for the template tests (it runs xmllint from libxml2-utils); git for
# SwiftPM's dependency checkout; isoinfo (genisoimage) reads seed images back in the SeedImage tests;
# ssh-keygen (openssh-client) checks the generated ssh keys, and `bluevirt ssh` runs ssh; strace
# shows the huge-page advice of a big blueprint's heap (MallocTuningTests);
# libcurl's headers for Sources/CCurl (libcurl itself is opened at run time, for image downloads).
install_debian_packages libyaml-dev libvirt-dev libsqlite3-dev pkg-config git libcurl4-gnutls-dev
[[ ${1:-} == --build-only ]] && exit 0
install_debian_packages libvirt-clients libxml2-utils genisoimage openssh-client strace

# OpenSSH's server for the remote-operation tests (fabric, terminal), which start their own sshd
# on 127.0.0.1 with their own host key. Installing it must not start a service on this host: a
# policy-rc.d that refuses every start is in place while it installs (Docker images have one).
if ! dpkg-query -W -f='${Status}' openssh-server 2>/dev/null | grep -q 'install ok installed'; then
    made_policy=
    if [[ ! -e /usr/sbin/policy-rc.d && $(id -u) == 0 ]]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    install_debian_packages openssh-server
    if [[ -n $made_policy ]]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# PyYAML and jsonschema for scripts/check-blueprint-schema.py.
if ! command -v python3 >/dev/null 2>&1; then
    install_debian_packages python3 python3-yaml python3-jsonschema
fi
if ! python3 -c 'import yaml, jsonschema' >/dev/null 2>&1; then
    echo "installing PyYAML and jsonschema"
    # pip first; Debian's own python3 refuses pip installs (PEP 668), so fall back to apt there.
    python3 -m pip install --quiet --disable-pip-version-check PyYAML jsonschema >/dev/null 2>&1 \
        || install_debian_packages python3-yaml python3-jsonschema
    python3 -c 'import yaml, jsonschema' || {
        echo "error: could not install PyYAML and jsonschema for $(command -v python3)" >&2
        exit 1
    }
fi

# jinja2 for the Jinja tests, which render every case with Python's jinja2 and compare bytes.
if ! python3 -c 'import jinja2' >/dev/null 2>&1; then
    echo "installing jinja2"
    # pip first, as for PyYAML; Debian's own python3 refuses pip installs (PEP 668).
    python3 -m pip install --quiet --disable-pip-version-check jinja2 >/dev/null 2>&1 \
        || install_debian_packages python3-jinja2
    python3 -c 'import jinja2' || {
        echo "error: could not install jinja2 for $(command -v python3)" >&2
        exit 1
    }
fi
