#!/usr/bin/env python3
"""Print a blueprint for scripts/fault/simulate-kill-test.sh: one network, one storage pool,
and N machines, each with a volume of its own in the pool, connected to the network.
Every domain depends on its volume, every volume on the pool: 2N+2 objects, an uninstall
order with real dependencies. Deterministic: the same N gives the same bytes."""

import sys


def blueprint(machines: int) -> str:
    lines = [
        "tosca_definitions_version: cloudify_dsl_1_3",
        "description: Fault-test blueprint, %d machines with a volume each on one network." % machines,
        "imports:",
        "  - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml",
        "  - plugin:cloudify-libvirt-plugin",
        "node_templates:",
        "  lan:",
        "    type: cloudify.libvirt.network",
        "    properties:",
        "      params:",
        "        dev: bvfault0",
        "        forwards: []",
        "        ips:",
        "          - address: 10.77.0.1",
        "            netmask: 255.255.0.0",
        "            dhcp: { start: 10.77.0.10, end: 10.77.250.250 }",
        "  store:",
        "    type: cloudify.libvirt.pool",
        "    properties:",
        "      params:",
        "        path: /var/lib/bluevirt-fault/store",
    ]
    for index in range(1, machines + 1):
        lines += [
            "  disk%d:" % index,
            "    type: cloudify.libvirt.volume",
            "    properties:",
            "      params:",
            "        pool: { get_attribute: [ store, resource_id ] }",
            "        format: qcow2",
            "        capacity: 1",
            "    relationships:",
            "      - type: cloudify.relationships.depends_on",
            "        target: store",
            "  vm%d:" % index,
            "    type: cloudify.libvirt.domain",
            "    properties:",
            "      agent_config: { install_method: none }",
            "      params:",
            "        domain_type: qemu",
            "        vcpu: 1",
            "        memory_size: 131072",
            "        disks:",
            "          - volume: { get_attribute: [ disk%d, resource_id ] }" % index,
            "            pool: { get_attribute: [ store, resource_id ] }",
            "            type: qcow2",
            "        networks:",
            "          - network: { get_attribute: [ lan, resource_id ] }",
            "    relationships:",
            "      - type: cloudify.libvirt.relationships.connected_to",
            "        target: lan",
            "      - type: cloudify.relationships.depends_on",
            "        target: disk%d" % index,
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(blueprint(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
