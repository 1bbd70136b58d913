#!/usr/bin/env python3
"""Generate a benchmark blueprint of N node templates.

About 10% of the node templates are cloudify.libvirt.network nodes; the rest are
cloudify.libvirt.domain machines, each connected_to one network
(cloudify.libvirt.relationships.connected_to) and every third one depends_on an earlier
machine (so the dependency graph stays acyclic). Properties are built with get_input and
concat; every tenth machine has an output built with get_attribute.

Two flavours of the same blueprint:
  bluevirt  imports Cloudify's types.yaml address and plugin:cloudify-libvirt-plugin, which
            bluevirt resolves to its built-in definitions;
  cloudify  self-contained for Cloudify's own parser: bench/peer-types.yaml is pasted in
            instead of the imports, so nothing is fetched.

The output is deterministic: the same N and flavour always give the same bytes.
"""

import argparse
import pathlib
import sys

PEER_TYPES = pathlib.Path(__file__).resolve().parent / "peer-types.yaml"

BLUEVIRT_IMPORTS = """imports:
  - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
  - plugin:cloudify-libvirt-plugin
"""

INPUTS = """inputs:
  libvirt_uri:
    type: string
    description: Connection URI of the libvirt driver every node uses.
    default: 'qemu:///system'
  name_prefix:
    type: string
    description: Prefix of every libvirt object name.
    default: bench
  subnet_prefix:
    type: string
    description: First octet of the networks' address ranges.
    default: '10'
  vcpu:
    type: integer
    description: Virtual CPUs of each machine.
    default: 1
    constraints:
      - in_range: [1, 64]
  memory_kib:
    type: integer
    description: Memory of each machine in KiB.
    default: 524288
"""


def network_count(nodes: int) -> int:
    """About one node template in ten is a network; there is always at least one."""
    return max(1, round(nodes / 10))


def nodes_for_machines(machines: int) -> int:
    """The smallest node count whose blueprint holds exactly `machines` machines."""
    nodes = machines
    while nodes - network_count(nodes) < machines:
        nodes += 1
    return nodes


def dependency_of(machine: int):
    """The earlier machine that `machine` depends on, or None (every third machine has one)."""
    if machine == 0 or machine % 3 != 0:
        return None
    return max(0, machine - 1 - machine % 7)


def network_template(index: int, width: int) -> str:
    name = f"net_{index:0{width}d}"
    high, low = divmod(index, 256)
    subnet = f".{high}.{low}"
    return f"""  {name}:
    type: cloudify.libvirt.network
    properties:
      libvirt_auth: {{ get_input: libvirt_uri }}
      params:
        name: {{ concat: [ {{ get_input: name_prefix }}, '-{name}' ] }}
        dev: {{ concat: [ 'vbr', {{ get_input: name_prefix }}, '{index}' ] }}
        forwards: []
        ips:
          - address: {{ concat: [ {{ get_input: subnet_prefix }}, '{subnet}.1' ] }}
            netmask: 255.255.255.0
            dhcp:
              start: {{ concat: [ {{ get_input: subnet_prefix }}, '{subnet}.2' ] }}
              end: {{ concat: [ {{ get_input: subnet_prefix }}, '{subnet}.254' ] }}
"""


def machine_template(index: int, networks: int, width: int) -> str:
    name = f"vm_{index:0{width}d}"
    network = f"net_{index % networks:0{width}d}"
    text = f"""  {name}:
    type: cloudify.libvirt.domain
    properties:
      libvirt_auth: {{ get_input: libvirt_uri }}
      params:
        name: {{ concat: [ {{ get_input: name_prefix }}, '-{name}' ] }}
        vcpu: {{ get_input: vcpu }}
        memory_size: {{ get_input: memory_kib }}
        domain_type: qemu
        networks:
          - network: {{ concat: [ {{ get_input: name_prefix }}, '-{network}' ] }}
            dev: vnet0
    relationships:
      - type: cloudify.libvirt.relationships.connected_to
        target: {network}
"""
    dependency = dependency_of(index)
    if dependency is not None:
        text += f"""      - type: cloudify.relationships.depends_on
        target: vm_{dependency:0{width}d}
"""
    return text


def output(index: int, width: int) -> str:
    name = f"vm_{index:0{width}d}"
    return f"""  {name}_address:
    description: Address of {name} once it runs.
    value: {{ concat: [ '{name} at ', {{ get_attribute: [ {name}, ip ] }} ] }}
"""


def blueprint(nodes: int, flavour: str) -> str:
    networks = network_count(nodes)
    machines = nodes - networks
    width = len(str(nodes))
    parts = [
        "tosca_definitions_version: cloudify_dsl_1_3\n\n",
        f"description: >\n  Generated benchmark blueprint: {nodes} node templates "
        f"({networks} networks, {machines} machines), flavour {flavour}.\n\n",
    ]
    if flavour == "bluevirt":
        parts.append(BLUEVIRT_IMPORTS + "\n")
    else:
        parts.append(PEER_TYPES.read_text() + "\n")
    parts.append(INPUTS + "\n")
    parts.append("node_templates:\n")
    parts.extend(network_template(i, width) for i in range(networks))
    parts.extend(machine_template(i, networks, width) for i in range(machines))
    parts.append("\noutputs:\n")
    parts.extend(output(i, width) for i in range(0, machines, 10))
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    count = parser.add_mutually_exclusive_group(required=True)
    count.add_argument("--nodes", type=int, help="node templates in all (>= 2)")
    count.add_argument("--domains", type=int, help="machines (>= 1); the networks come on top")
    parser.add_argument("--flavour", choices=["bluevirt", "cloudify"], required=True)
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    arguments = parser.parse_args()
    if arguments.domains is not None:
        if arguments.domains < 1:
            parser.error("--domains must be at least 1")
        arguments.nodes = nodes_for_machines(arguments.domains)
    if arguments.nodes < 2:
        parser.error("--nodes must be at least 2 (one network and one machine)")
    text = blueprint(arguments.nodes, arguments.flavour)
    if arguments.output:
        pathlib.Path(arguments.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
