#!/bin/sh
# Keeps the cloud-init text it is given, as the libvirt plugin's examples' disk preparation does
# before writing it into a disk.
ctx instance runtime-properties cloud_init "$cloud_init"
