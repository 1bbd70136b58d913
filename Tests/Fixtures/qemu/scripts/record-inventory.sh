#!/bin/sh
# Records the machines' addresses and the key's fingerprint (operation inputs, which arrive as
# environment variables; a list as JSON) as runtime properties of the inventory node.
set -eu
ctx logger info "recording the inventory of deployment $(ctx deployment id)"
ctx instance runtime-properties addresses "$MACHINE_ADDRESSES"
ctx instance runtime-properties fingerprint "$KEY_FINGERPRINT"
