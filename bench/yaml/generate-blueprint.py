#!/usr/bin/env python3
"""Writes a blueprint-shaped YAML file with N node templates (default 1,000, about 300 KB):
about 10% networks, the rest machines connected to a network and sometimes depending on another
machine, properties built with get_input and concat, outputs with get_attribute.
Usage: generate-blueprint.py [N] > file.yaml"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
networks = max(1, n // 10)
out = sys.stdout.write
out("tosca_definitions_version: cloudify_dsl_1_4\n\n")
out("imports:\n  - http://www.getcloudify.org/spec/cloudify/6.4.0/types.yaml\n  - plugin:cloudify-libvirt-plugin\n\n")
out("inputs:\n  prefix:\n    type: string\n    default: bench\n  memory:\n    type: integer\n    default: 1024\n"
    "    constraints:\n      - greater_or_equal: 256\n  vcpus:\n    type: integer\n    default: 2\n\n")
out("dsl_definitions:\n  connection: &connection\n    libvirt_auth: qemu:///system\n    use_external_resource: false\n\n")
out("node_templates:\n")
for i in range(networks):
    out(f"  net{i}:\n    type: cloudify.libvirt.network\n    properties:\n      <<: *connection\n"
        f"      params:\n        dev: virbr{i}\n        forwardMode: nat\n        ip: \"10.{i // 250}.{i % 250}.1\"\n"
        f"        netmask: 255.255.255.0\n        dhcp_start: 10.{i // 250}.{i % 250}.2\n        dhcp_end: 10.{i // 250}.{i % 250}.254\n")
for i in range(n - networks):
    out(f"  vm{i}:\n    type: cloudify.libvirt.domain\n    properties:\n      <<: *connection\n"
        f"      params:\n        domain_name: {{ concat: [ {{ get_input: prefix }}, '-vm{i}' ] }}\n"
        f"        vcpu: {{ get_input: vcpus }}\n        memory_size: {{ get_input: memory }}\n"
        f"        networks: [ {{ network: net{i % networks} }} ]\n"
        f"    relationships:\n      - type: cloudify.libvirt.relationships.connected_to\n        target: net{i % networks}\n")
    if i > 0 and i % 3 == 0:
        out(f"      - type: cloudify.relationships.depends_on\n        target: vm{i - 1}\n")
out("\noutputs:\n")
for i in range(0, n - networks, max(1, (n - networks) // 50)):
    out(f"  vm{i}_ip:\n    description: address of vm{i}\n    value: {{ get_attribute: [ vm{i}, ip ] }}\n")
