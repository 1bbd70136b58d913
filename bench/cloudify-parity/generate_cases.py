#!/usr/bin/env python3
"""Writes the parity corpus: small Cloudify-DSL blueprints, one feature each, under bench/out/parity-cases/.

Our own cases, written after reading what Cloudify's parser tests exercise (dsl_parser/tests in
cloudify-cosmo/cloudify-common): each case is a self-contained blueprint (imports only of files
in its family's lib/ folder, or of Cloudify's types.yaml address). The folder a case sits in is
its feature family; its DSL version is read from the file. Neither verdict is written here: the
runner asks both parsers. run.sh writes them anew each time (under bench/out/parity-cases/).
"""

import pathlib
import shutil

# Generated, never committed: run.sh writes the corpus here before each comparison.
ROOT = pathlib.Path(__file__).resolve().parents[2] / "bench" / "out" / "parity-cases"
VERSIONS = ["1_0", "1_1", "1_2", "1_3", "1_4", "1_5"]
TYPES_URL = "http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml"

cases: dict[str, str] = {}
# Other files the cases use (scripts), by path under cases/.
other_files: dict[str, str] = {"plugins/scripts/create.sh": "#!/bin/sh\necho created\n",
                               "namespaces/scripts/create.sh": "#!/bin/sh\necho created\n"}


def add(family: str, name: str, text: str) -> None:
    key = f"{family}/{name}"
    assert key not in cases, key
    cases[key] = text.strip("\n") + "\n"


def head(version: str) -> str:
    return f"tosca_definitions_version: cloudify_dsl_{version}\n"


# A self-contained minimal blueprint: one type, one template (no import).
MINIMAL = """
node_types:
  test_type:
    properties:
      key:
        default: default
node_templates:
  test_node:
    type: test_type
    properties:
      key: val
"""

PLUGIN = """
plugins:
  p:
    executor: central_deployment_agent
    source: dummy
"""


def minimal(version: str, extra: str = "") -> str:
    return head(version) + MINIMAL + extra


# --- version: the tosca_definitions_version value itself --------------------------------------
for v in VERSIONS:
    add("version", f"minimal_{v}", minimal(v))
    add("version", f"empty_sections_{v}", head(v) + "node_templates: {}\n")
    add("version", f"only_version_{v}", head(v))
    add("version", f"with_types_import_{v}", head(v) + f"imports:\n  - {TYPES_URL}\n" + """
node_templates:
  vm:
    type: cloudify.nodes.Root
""")
for bad in ["cloudify_dsl_1_6", "cloudify_dsl_2_0", "cloudify_dsl_1.3", "cloudify_dsl_1_3_1", "cloudify_dsl_1",
            "tosca_simple_yaml_1_0", "''", "1.3", "cloudify_dsl_a_3", "[cloudify_dsl_1_3]"]:
    name = "".join(c if c.isalnum() else "_" for c in bad)
    add("version", f"bad_{name}", f"tosca_definitions_version: {bad}\n" + MINIMAL)
add("version", "missing", MINIMAL)
for main, imported in [("1_3", "1_2"), ("1_2", "1_3"), ("1_0", "1_0"), ("1_5", "1_0"), ("1_4", "1_5")]:
    add("version", f"import_{imported}_into_{main}", head(main) + f"imports:\n  - lib/v{imported}.yaml\n" + MINIMAL)
for v in VERSIONS:
    add("version", f"lib/v{v}", head(v) + "node_types:\n  lib_type_" + v + ": {}\n")

# --- version gates: a feature that came with a given DSL version, in every version ---------------
GATED = {
    # name: (body; the feature appears once)
    "op_max_retries": PLUGIN + """
node_types:
  t:
    interfaces:
      i:
        op:
          implementation: p.task
          max_retries: 3
node_templates:
  n: {type: t}
""",
    "op_retry_interval": PLUGIN + """
node_types:
  t:
    interfaces:
      i:
        op:
          implementation: p.task
          retry_interval: 5
node_templates:
  n: {type: t}
""",
    "plugin_install_arguments": """
plugins:
  p:
    executor: central_deployment_agent
    source: dummy
    install_arguments: -r requirements.txt
""" + MINIMAL,
    "plugin_package_name": """
plugins:
  p:
    executor: central_deployment_agent
    package_name: some-plugin
""" + MINIMAL,
    "plugin_package_version": """
plugins:
  p:
    executor: central_deployment_agent
    source: dummy
    package_version: '1.0'
""" + MINIMAL,
    "plugin_supported_platform": """
plugins:
  p:
    executor: central_deployment_agent
    source: dummy
    supported_platform: linux_x86_64
""" + MINIMAL,
    "plugin_distribution": """
plugins:
  p:
    executor: central_deployment_agent
    source: dummy
    distribution: centos
    distribution_version: '7'
    distribution_release: core
""" + MINIMAL,
    "property_required": """
node_types:
  t:
    properties:
      key:
        required: false
node_templates:
  n: {type: t}
""",
    "data_types": """
data_types:
  pair:
    properties:
      a: {default: 1}
node_types:
  t:
    properties:
      p: {type: pair, default: {}}
node_templates:
  n: {type: t}
""",
    "dsl_definitions": """
dsl_definitions:
  defaults: &defaults
    key: from_anchor
""" + MINIMAL,
    "description": "description: a blueprint\n" + MINIMAL,
    "display_label_input": """
inputs:
  i:
    default: 1
    display_label: The input
""" + MINIMAL,
    "hidden_input": """
inputs:
  i:
    default: 1
    hidden: true
""" + MINIMAL,
    "scaling_policy": MINIMAL + """
groups:
  g:
    members: [test_node]
policies:
  scale:
    type: cloudify.policies.scaling
    targets: [g]
""",
    "capabilities_scalable": """
node_types:
  t: {}
node_templates:
  n:
    type: t
    capabilities:
      scalable:
        properties:
          default_instances: 2
""",
    "instances_deploy": """
node_types:
  t: {}
node_templates:
  n:
    type: t
    instances:
      deploy: 2
""",
    "resource_tags": "resource_tags:\n  owner: me\n" + MINIMAL,
    "input_item_type": """
inputs:
  names:
    type: list
    item_type: string
    default: [a]
""" + MINIMAL,
    "workflow_availability_rules": PLUGIN + """
workflows:
  w:
    mapping: p.wf
    availability_rules:
      available: true
""" + MINIMAL,
    "plugin_properties": """
plugins:
  p:
    executor: central_deployment_agent
    source: dummy
    properties:
      user:
        type: string
        value: me
""" + MINIMAL,
    "plugin_properties_description": """
plugins:
  p:
    executor: central_deployment_agent
    source: dummy
    properties_description: credentials
""" + MINIMAL,
    "import_inputs_twice": """
imports:
  - lib/inputs_a.yaml
inputs:
  b: {default: 2}
""" + MINIMAL,
    "import_node_templates": """
imports:
  - lib/templates_a.yaml
""" + MINIMAL,
    "import_outputs_twice": """
imports:
  - lib/outputs_a.yaml
outputs:
  b: {value: 2}
""" + MINIMAL,
    "constraint_valid_values": """
inputs:
  i:
    default: a
    constraints:
      - valid_values: [a, b]
""" + MINIMAL,
    "constraint_with_error_message": """
inputs:
  i:
    default: a
    constraints:
      - valid_values: [a, b]
        error_message: pick a or b
""" + MINIMAL,
    "labels": "labels:\n  env:\n    values: [prod]\n" + MINIMAL,
    "blueprint_labels": "blueprint_labels:\n  env:\n    values: [prod]\n" + MINIMAL,
    "input_type_dict": """
inputs:
  d:
    type: dict
    default: {a: 1}
""" + MINIMAL,
    "workflow_parameters": PLUGIN + """
workflows:
  w:
    mapping: p.wf
    parameters:
      x: {default: 1}
""" + MINIMAL,
    "policy_types_triggers": """
policy_types:
  pt:
    source: policy.clj
    properties:
      k: {default: 1}
policy_triggers:
  tr:
    source: trigger.clj
groups:
  g:
    members: [test_node]
    policies:
      pol:
        type: pt
        triggers:
          t1:
            type: tr
""" + MINIMAL,
    "relationships_types": """
relationships:
  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}
  r: {derived_from: cloudify.relationships.depends_on}
node_types:
  t: {}
node_templates:
  a: {type: t}
  b:
    type: t
    relationships:
      - {type: r, target: a}
""",
    "operation_timeout": PLUGIN + """
node_types:
  t:
    interfaces:
      i:
        op:
          implementation: p.task
          timeout: 10
node_templates:
  n: {type: t}
""",
    "concat_output": MINIMAL + """
outputs:
  o:
    value: {concat: [a, b]}
""",
    "capabilities_section": MINIMAL + """
capabilities:
  c:
    value: 1
""",
}
for feature, body in GATED.items():
    for v in VERSIONS:
        add("gates", f"{feature}_{v}", head(v) + body)
# The lib files the gates import declare no version: an import takes the main file's.
add("gates", "lib/inputs_a", "inputs:\n  a: {default: 1}\n")
add("gates", "lib/outputs_a", "outputs:\n  a: {value: 1}\n")
add("gates", "lib/templates_a", "node_templates:\n  other:\n    type: test_type\n")

# --- inputs ------------------------------------------------------------------------------------
V = "1_3"
for type_, good, bad in [("string", "'a'", "[1]"), ("integer", "1", "'x'"), ("float", "1.5", "'x'"),
                         ("boolean", "true", "'yes please'"), ("list", "[1, 2]", "'x'"), ("dict", "{a: 1}", "[1]")]:
    add("inputs", f"default_{type_}_ok", head(V) + f"inputs:\n  i:\n    type: {type_}\n    default: {good}\n" + MINIMAL)
    add("inputs", f"default_{type_}_wrong", head(V) + f"inputs:\n  i:\n    type: {type_}\n    default: {bad}\n" + MINIMAL)
for v in VERSIONS:
    add("inputs", f"required_without_default_{v}", head(v) + "inputs:\n  i:\n    description: no default\n" + MINIMAL)
    add("inputs", f"required_used_{v}", head(v) + """
inputs:
  i: {}
node_types:
  t:
    properties:
      key: {}
node_templates:
  n:
    type: t
    properties:
      key: {get_input: i}
""")
add("inputs", "unknown_type", head(V) + "inputs:\n  i:\n    type: strang\n    default: a\n" + MINIMAL)
add("inputs", "unknown_key", head(V) + "inputs:\n  i:\n    default: a\n    colour: red\n" + MINIMAL)
add("inputs", "not_a_mapping", head(V) + "inputs:\n  i: 5\n" + MINIMAL)
add("inputs", "section_list", head(V) + "inputs:\n  - i\n" + MINIMAL)
add("inputs", "null_input", head(V) + "inputs:\n  i:\n" + MINIMAL)
add("inputs", "required_false_no_default", head(V) + "inputs:\n  i:\n    required: false\n" + MINIMAL)
add("inputs", "get_input_unknown", head(V) + MINIMAL.replace("key: val", "key: {get_input: nope}"))
add("inputs", "get_input_known", head(V) + "inputs:\n  i: {default: x}\n" + MINIMAL.replace("key: val", "key: {get_input: i}"))
add("inputs", "get_input_nested_path", head(V) + "inputs:\n  i: {default: {a: [1, 2]}}\n" + MINIMAL.replace("key: val", "key: {get_input: [i, a, 1]}"))
add("inputs", "get_input_nested_missing", head(V) + "inputs:\n  i: {default: {a: [1, 2]}}\n" + MINIMAL.replace("key: val", "key: {get_input: [i, b]}"))
add("inputs", "get_input_in_input_default", head(V) + "inputs:\n  a: {default: 1}\n  b: {default: {get_input: a}}\n" + MINIMAL)
for c, good, bad in [("min_length: 2", "abc", "a"), ("max_length: 2", "ab", "abc"), ("valid_values: [a, b]", "a", "c"),
                     ("length: 2", "ab", "abc"), ("pattern: '^a+$'", "aaa", "b"), ("greater_than: 1", "2", "1"),
                     ("less_than: 5", "4", "6"), ("in_range: [1, 3]", "2", "4"), ("equal: 3", "3", "4"),
                     ("greater_or_equal: 2", "2", "1"), ("less_or_equal: 2", "2", "3")]:
    cname = c.split(":")[0]
    typ = "string" if cname in ("min_length", "max_length", "valid_values", "length", "pattern") else "integer"
    add("inputs", f"constraint_{cname}_ok", head(V) + f"inputs:\n  i:\n    type: {typ}\n    default: {good}\n    constraints:\n      - {c}\n" + MINIMAL)
    add("inputs", f"constraint_{cname}_violated", head(V) + f"inputs:\n  i:\n    type: {typ}\n    default: {bad}\n    constraints:\n      - {c}\n" + MINIMAL)
add("inputs", "constraint_unknown", head(V) + "inputs:\n  i:\n    default: a\n    constraints:\n      - bigger: 3\n" + MINIMAL)
add("inputs", "constraint_two_in_one", head(V) + "inputs:\n  i:\n    default: ab\n    constraints:\n      - {min_length: 1, max_length: 3}\n" + MINIMAL)
add("inputs", "constraint_bad_argument", head(V) + "inputs:\n  i:\n    default: ab\n    constraints:\n      - min_length: -1\n" + MINIMAL)
add("inputs", "constraint_pattern_on_int", head(V) + "inputs:\n  i:\n    type: integer\n    default: 3\n    constraints:\n      - pattern: 'a'\n" + MINIMAL)
add("inputs", "data_type_input_ok", head(V) + """
data_types:
  pair:
    properties:
      a: {type: integer}
      b: {type: string, default: x}
inputs:
  i:
    type: pair
    default: {a: 1}
""" + MINIMAL)
add("inputs", "data_type_input_missing_field", head(V) + """
data_types:
  pair:
    properties:
      a: {type: integer}
inputs:
  i:
    type: pair
    default: {}
""" + MINIMAL)
add("inputs", "data_type_input_extra_field", head(V) + """
data_types:
  pair:
    properties:
      a: {type: integer, default: 1}
inputs:
  i:
    type: pair
    default: {z: 1}
""" + MINIMAL)

# --- node templates ----------------------------------------------------------------------------
T = head(V) + """
node_types:
  t:
    properties:
      a: {default: 1}
      req: {type: string, default: r}
  base: {}
relationships:
  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}
  rel: {derived_from: cloudify.relationships.depends_on}
  cloudify.relationships.contained_in: {derived_from: cloudify.relationships.depends_on}
"""
add("node_templates", "ok", T + "node_templates:\n  n: {type: t}\n")
add("node_templates", "unknown_type", T + "node_templates:\n  n: {type: nope}\n")
add("node_templates", "missing_type", T + "node_templates:\n  n:\n    properties: {a: 2}\n")
add("node_templates", "unknown_property", T + "node_templates:\n  n:\n    type: t\n    properties: {zzz: 2}\n")
add("node_templates", "unknown_key", T + "node_templates:\n  n:\n    type: t\n    colour: red\n")
add("node_templates", "type_not_string", T + "node_templates:\n  n:\n    type: [t]\n")
add("node_templates", "properties_list", T + "node_templates:\n  n:\n    type: t\n    properties: [a]\n")
add("node_templates", "template_not_mapping", T + "node_templates:\n  n: t\n")
add("node_templates", "section_list", T + "node_templates:\n  - n\n")
add("node_templates", "instances_deploy_0", T + "node_templates:\n  n:\n    type: t\n    instances: {deploy: 0}\n")
add("node_templates", "instances_deploy_negative", T + "node_templates:\n  n:\n    type: t\n    instances: {deploy: -1}\n")
add("node_templates", "instances_deploy_string", T + "node_templates:\n  n:\n    type: t\n    instances: {deploy: two}\n")
for name, props, ok in [("default_ok", "default_instances: 2", True), ("min_gt_max", "min_instances: 3\n          max_instances: 2", False),
                        ("default_gt_max", "default_instances: 5\n          max_instances: 2", False),
                        ("default_lt_min", "default_instances: 1\n          min_instances: 2", False),
                        ("unbounded", "max_instances: -1", True), ("negative_min", "min_instances: -1", False),
                        ("max_minus_2", "max_instances: -2", False), ("unknown_key", "size: 2", False),
                        ("zero", "default_instances: 0", True), ("string", "default_instances: two", False)]:
    add("node_templates", f"scalable_{name}", T + f"node_templates:\n  n:\n    type: t\n    capabilities:\n      scalable:\n        properties:\n          {props}\n")
add("node_templates", "scalable_and_deploy", T + "node_templates:\n  n:\n    type: t\n    instances: {deploy: 1}\n    capabilities:\n      scalable:\n        properties: {default_instances: 1}\n")
add("node_templates", "capabilities_unknown", T + "node_templates:\n  n:\n    type: t\n    capabilities:\n      other: {}\n")
add("node_templates", "rel_ok", T + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: rel, target: a}\n")
add("node_templates", "rel_unknown_target", T + "node_templates:\n  b:\n    type: t\n    relationships:\n      - {type: rel, target: a}\n")
add("node_templates", "rel_unknown_type", T + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: nope, target: a}\n")
add("node_templates", "rel_missing_target", T + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: rel}\n")
add("node_templates", "rel_missing_type", T + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {target: a}\n")
add("node_templates", "rel_to_self", T + "node_templates:\n  a:\n    type: t\n    relationships:\n      - {type: rel, target: a}\n")
add("node_templates", "rel_two_containers", T + "node_templates:\n  a: {type: t}\n  c: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: cloudify.relationships.contained_in, target: a}\n      - {type: cloudify.relationships.contained_in, target: c}\n")
add("node_templates", "rel_cycle", T + "node_templates:\n  a:\n    type: t\n    relationships:\n      - {type: rel, target: b}\n  b:\n    type: t\n    relationships:\n      - {type: rel, target: a}\n")
add("node_templates", "rel_contained_cycle", T + "node_templates:\n  a:\n    type: t\n    relationships:\n      - {type: cloudify.relationships.contained_in, target: b}\n  b:\n    type: t\n    relationships:\n      - {type: cloudify.relationships.contained_in, target: a}\n")
add("node_templates", "rel_duplicate", T + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: rel, target: a}\n      - {type: rel, target: a}\n")
add("node_templates", "rel_unknown_key", T + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: rel, target: a, weight: 3}\n")
add("node_templates", "rel_properties", T + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: rel, target: a, properties: {x: 1}}\n")
add("node_templates", "rel_not_list", T + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships: {type: rel, target: a}\n")
add("node_templates", "required_property_missing", head(V) + "node_types:\n  t:\n    properties:\n      must: {}\nnode_templates:\n  n: {type: t}\n")
add("node_templates", "required_false_missing", head(V) + "node_types:\n  t:\n    properties:\n      must: {required: false}\nnode_templates:\n  n: {type: t}\n")
for v in VERSIONS:
    add("node_templates", f"required_property_missing_{v}", head(v) + "node_types:\n  t:\n    properties:\n      must: {}\nnode_templates:\n  n: {type: t}\n")
add("node_templates", "property_wrong_type", head(V) + "node_types:\n  t:\n    properties:\n      i: {type: integer}\nnode_templates:\n  n:\n    type: t\n    properties: {i: abc}\n")
add("node_templates", "property_default_wrong_type", head(V) + "node_types:\n  t:\n    properties:\n      i: {type: integer, default: abc}\nnode_templates:\n  n: {type: t}\n")
add("node_templates", "property_bool_as_string", head(V) + "node_types:\n  t:\n    properties:\n      b: {type: boolean}\nnode_templates:\n  n:\n    type: t\n    properties: {b: 'true'}\n")
add("node_templates", "property_float_from_int", head(V) + "node_types:\n  t:\n    properties:\n      f: {type: float}\nnode_templates:\n  n:\n    type: t\n    properties: {f: 3}\n")
add("node_templates", "property_int_from_float", head(V) + "node_types:\n  t:\n    properties:\n      f: {type: integer}\nnode_templates:\n  n:\n    type: t\n    properties: {f: 3.5}\n")
add("node_templates", "property_unknown_type", head(V) + "node_types:\n  t:\n    properties:\n      f: {type: number}\nnode_templates:\n  n: {type: t}\n")
add("node_templates", "interfaces_in_template", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: p.task\n")
add("node_templates", "interfaces_unknown_plugin", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: q.task\n")
add("node_templates", "interfaces_no_plugin_prefix", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: task\n")
add("node_templates", "interfaces_empty_impl", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: ''\n")
add("node_templates", "interfaces_script_missing", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: scripts/nope.sh\n")
add("node_templates", "interfaces_op_unknown_key", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {implementation: p.task, colour: red}\n")
add("node_templates", "interfaces_op_executor", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {implementation: p.task, executor: central_deployment_agent}\n")
add("node_templates", "interfaces_op_bad_executor", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {implementation: p.task, executor: mars}\n")
add("node_templates", "interfaces_op_negative_retries", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {implementation: p.task, max_retries: -2}\n")
add("node_templates", "interfaces_op_unlimited_retries", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {implementation: p.task, max_retries: -1}\n")
add("node_templates", "interfaces_op_negative_interval", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {implementation: p.task, retry_interval: -1}\n")
add("node_templates", "host_agent_without_host", head(V) + """
plugins:
  p:
    executor: host_agent
    source: dummy
node_types:
  t:
    interfaces:
      i:
        op: p.task
node_templates:
  n: {type: t}
""")

# --- node types and relationships --------------------------------------------------------------
add("types", "derived_ok", head(V) + "node_types:\n  a:\n    properties: {x: {default: 1}}\n  b:\n    derived_from: a\nnode_templates:\n  n:\n    type: b\n    properties: {x: 2}\n")
add("types", "derived_unknown", head(V) + "node_types:\n  b:\n    derived_from: a\nnode_templates:\n  n: {type: b}\n")
add("types", "derived_cycle", head(V) + "node_types:\n  a: {derived_from: b}\n  b: {derived_from: a}\nnode_templates:\n  n: {type: a}\n")
add("types", "derived_self", head(V) + "node_types:\n  a: {derived_from: a}\nnode_templates:\n  n: {type: a}\n")
add("types", "unknown_key", head(V) + "node_types:\n  a: {colour: red}\nnode_templates:\n  n: {type: a}\n")
add("types", "type_not_mapping", head(V) + "node_types:\n  a: 5\nnode_templates:\n  n: {type: a}\n")
add("types", "null_type", head(V) + "node_types:\n  a:\nnode_templates:\n  n: {type: a}\n")
add("types", "unused_type_bad_parent", head(V) + "node_types:\n  a: {}\n  b: {derived_from: zzz}\nnode_templates:\n  n: {type: a}\n")
add("types", "property_schema_unknown_key", head(V) + "node_types:\n  a:\n    properties:\n      x: {default: 1, colour: red}\nnode_templates:\n  n: {type: a}\n")
add("types", "property_schema_not_mapping", head(V) + "node_types:\n  a:\n    properties:\n      x: 5\nnode_templates:\n  n: {type: a}\n")
add("types", "property_description", head(V) + "node_types:\n  a:\n    properties:\n      x: {default: 1, description: the x}\nnode_templates:\n  n: {type: a}\n")
add("types", "property_override_type", head(V) + "node_types:\n  a:\n    properties:\n      x: {type: integer, default: 1}\n  b:\n    derived_from: a\n    properties:\n      x: {type: string, default: s}\nnode_templates:\n  n: {type: b}\n")
add("types", "interfaces_merge", head(V) + PLUGIN + "node_types:\n  a:\n    interfaces:\n      i:\n        op1: p.one\n  b:\n    derived_from: a\n    interfaces:\n      i:\n        op2: p.two\nnode_templates:\n  n: {type: b}\n")
add("types", "interface_not_mapping", head(V) + PLUGIN + "node_types:\n  a:\n    interfaces:\n      i: [op]\nnode_templates:\n  n: {type: a}\n")
add("types", "operation_inputs_schema", head(V) + PLUGIN + "node_types:\n  a:\n    interfaces:\n      i:\n        op:\n          implementation: p.one\n          inputs:\n            x: {default: 1}\nnode_templates:\n  n: {type: a}\n")
add("types", "operation_inputs_missing_default", head(V) + PLUGIN + "node_types:\n  a:\n    interfaces:\n      i:\n        op:\n          implementation: p.one\n          inputs:\n            x: {}\nnode_templates:\n  n: {type: a}\n")
add("types", "operation_no_implementation", head(V) + PLUGIN + "node_types:\n  a:\n    interfaces:\n      i:\n        op: {}\nnode_templates:\n  n: {type: a}\n")
add("types", "operation_inputs_only", head(V) + PLUGIN + "node_types:\n  a:\n    interfaces:\n      i:\n        op:\n          inputs: {x: {default: 1}}\nnode_templates:\n  n: {type: a}\n")
add("types", "relationship_derived_unknown", head(V) + "relationships:\n  r: {derived_from: q}\n" + MINIMAL)
add("types", "relationship_cycle", head(V) + "relationships:\n  r: {derived_from: q}\n  q: {derived_from: r}\n" + MINIMAL)
add("types", "relationship_interfaces", head(V) + PLUGIN + "relationships:\n  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}\n  r:\n    derived_from: cloudify.relationships.depends_on\n    source_interfaces:\n      i:\n        op: p.s\n    target_interfaces:\n      i:\n        op: p.t\nnode_types:\n  t: {}\nnode_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: r, target: a}\n")
add("types", "relationship_unknown_key", head(V) + "relationships:\n  r: {colour: red}\n" + MINIMAL)
add("types", "relationship_connection_type", head(V) + "relationships:\n  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}\n  r: {derived_from: cloudify.relationships.depends_on}\nnode_types:\n  t: {}\nnode_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: r, target: a, connection_type: all_to_one}\n")
add("types", "relationship_bad_connection_type", head(V) + "relationships:\n  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}\n  r: {derived_from: cloudify.relationships.depends_on}\nnode_types:\n  t: {}\nnode_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: r, target: a, connection_type: some_to_some}\n")
add("types", "relationship_template_interfaces", head(V) + PLUGIN + "relationships:\n  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}\n  r: {derived_from: cloudify.relationships.depends_on}\nnode_types:\n  t: {}\nnode_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - type: r\n        target: a\n        source_interfaces:\n          i:\n            op: p.s\n")
add("types", "relationship_not_rooted", head(V) + "relationships:\n  r: {}\nnode_types:\n  t: {}\nnode_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: r, target: a}\n")
add("types", "data_type_derived", head(V) + "data_types:\n  a:\n    properties: {x: {default: 1}}\n  b:\n    derived_from: a\n    properties: {y: {default: 2}}\nnode_types:\n  t:\n    properties:\n      p: {type: b}\nnode_templates:\n  n:\n    type: t\n    properties: {p: {x: 3}}\n")
add("types", "data_type_unknown_field", head(V) + "data_types:\n  a:\n    properties: {x: {default: 1}}\nnode_types:\n  t:\n    properties:\n      p: {type: a}\nnode_templates:\n  n:\n    type: t\n    properties: {p: {zz: 3}}\n")
add("types", "data_type_missing_required", head(V) + "data_types:\n  a:\n    properties: {x: {type: integer}}\nnode_types:\n  t:\n    properties:\n      p: {type: a}\nnode_templates:\n  n:\n    type: t\n    properties: {p: {}}\n")
add("types", "data_type_wrong_nested", head(V) + "data_types:\n  a:\n    properties: {x: {type: integer}}\nnode_types:\n  t:\n    properties:\n      p: {type: a}\nnode_templates:\n  n:\n    type: t\n    properties: {p: {x: abc}}\n")
add("types", "data_type_cycle", head(V) + "data_types:\n  a: {derived_from: b}\n  b: {derived_from: a}\n" + MINIMAL)
add("types", "data_type_self_reference", head(V) + "data_types:\n  a:\n    properties:\n      x: {type: a}\n" + MINIMAL)
add("types", "data_type_unknown_parent", head(V) + "data_types:\n  a: {derived_from: zz}\n" + MINIMAL)
add("types", "data_type_primitive_name", head(V) + "data_types:\n  string: {}\n" + MINIMAL)
add("types", "data_type_unknown_key", head(V) + "data_types:\n  a: {colour: red}\n" + MINIMAL)
add("types", "data_type_not_dict_value", head(V) + "data_types:\n  a:\n    properties: {x: {default: 1}}\nnode_types:\n  t:\n    properties:\n      p: {type: a}\nnode_templates:\n  n:\n    type: t\n    properties: {p: 5}\n")

# --- plugins -----------------------------------------------------------------------------------
def plugin_case(name: str, plugin_body: str) -> None:
    add("plugins", name, head(V) + "plugins:\n  p:\n" + plugin_body + PLUGIN_USER)


PLUGIN_USER = """node_types:
  t:
    interfaces:
      i:
        op: p.task
node_templates:
  n: {type: t}
"""
plugin_case("ok_central", "    executor: central_deployment_agent\n    source: dummy\n")
plugin_case("missing_executor", "    source: dummy\n")
plugin_case("bad_executor", "    executor: moon\n    source: dummy\n")
plugin_case("no_source_install_true", "    executor: central_deployment_agent\n")
plugin_case("no_source_install_false", "    executor: central_deployment_agent\n    install: false\n")
plugin_case("install_not_bool", "    executor: central_deployment_agent\n    source: dummy\n    install: maybe\n")
plugin_case("unknown_key", "    executor: central_deployment_agent\n    source: dummy\n    colour: red\n")
plugin_case("source_not_string", "    executor: central_deployment_agent\n    source: [a]\n")
plugin_case("package_name_only", "    executor: central_deployment_agent\n    package_name: x\n")
plugin_case("package_version_only", "    executor: central_deployment_agent\n    package_version: '1'\n")
add("plugins", "not_mapping", head(V) + "plugins:\n  p: 5\n" + MINIMAL)
add("plugins", "unknown_plugin_in_operation", head(V) + PLUGIN + PLUGIN_USER.replace("p.task", "zz.task"))
add("plugins", "operation_plugin_only", head(V) + PLUGIN + PLUGIN_USER.replace("p.task", "p"))
add("plugins", "operation_deep_task", head(V) + PLUGIN + PLUGIN_USER.replace("p.task", "p.mod.sub.task"))
add("plugins", "host_agent_contained", head(V) + """
plugins:
  p:
    executor: host_agent
    source: dummy
relationships:
  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}
  cloudify.relationships.contained_in: {derived_from: cloudify.relationships.depends_on}
node_types:
  cloudify.nodes.Compute: {}
  t:
    interfaces:
      i:
        op: p.task
node_templates:
  host: {type: cloudify.nodes.Compute}
  n:
    type: t
    relationships:
      - {type: cloudify.relationships.contained_in, target: host}
""")
add("plugins", "types_import_script_op", head(V) + f"imports:\n  - {TYPES_URL}\n" + """
node_templates:
  vm:
    type: cloudify.nodes.Root
    interfaces:
      cloudify.interfaces.lifecycle:
        create: scripts/create.sh
""")
add("plugins", "types_import_script_missing", head(V) + f"imports:\n  - {TYPES_URL}\n" + """
node_templates:
  vm:
    type: cloudify.nodes.Root
    interfaces:
      cloudify.interfaces.lifecycle:
        create: scripts/missing.sh
""")
add("plugins", "types_import_script_op_inline", head(V) + f"imports:\n  - {TYPES_URL}\n" + """
node_templates:
  vm:
    type: cloudify.nodes.Root
    interfaces:
      cloudify.interfaces.lifecycle:
        create:
          implementation: script.script_runner.tasks.run
          inputs:
            script_path: scripts/create.sh
""")

# --- groups, policies, policy types and triggers -----------------------------------------------
G = head(V) + MINIMAL + "  other:\n    type: test_type\n"
add("groups", "ok", G + "groups:\n  g:\n    members: [test_node]\n")
add("groups", "unknown_member", G + "groups:\n  g:\n    members: [nope]\n")
add("groups", "empty_members", G + "groups:\n  g:\n    members: []\n")
add("groups", "missing_members", G + "groups:\n  g: {}\n")
add("groups", "duplicate_member", G + "groups:\n  g:\n    members: [test_node, test_node]\n")
add("groups", "group_of_groups", G + "groups:\n  g1:\n    members: [test_node]\n  g2:\n    members: [g1, other]\n")
add("groups", "self_member", G + "groups:\n  g:\n    members: [g]\n")
add("groups", "cycle", G + "groups:\n  g1:\n    members: [g2]\n  g2:\n    members: [g1]\n")
add("groups", "unknown_key", G + "groups:\n  g:\n    members: [test_node]\n    colour: red\n")
add("groups", "members_not_list", G + "groups:\n  g:\n    members: test_node\n")
add("groups", "node_in_two_groups", G + "groups:\n  g1:\n    members: [test_node]\n  g2:\n    members: [test_node]\n")
add("groups", "name_clash_with_node", G + "groups:\n  test_node:\n    members: [other]\n")
PT = "policy_types:\n  pt:\n    source: policy.clj\n    properties:\n      k: {default: 1}\n      must: {description: required}\npolicy_triggers:\n  tr:\n    source: trigger.clj\n    parameters:\n      th: {default: 1}\n"
add("groups", "policy_ok", G + PT + "groups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {must: 1}\n")
add("groups", "policy_unknown_type", G + PT + "groups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: zz\n")
add("groups", "policy_missing_required_property", G + PT + "groups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n")
add("groups", "policy_unknown_property", G + PT + "groups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {must: 1, zz: 2}\n")
add("groups", "policy_trigger_ok", G + PT + "groups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {must: 1}\n        triggers:\n          t1:\n            type: tr\n            parameters: {th: 2}\n")
add("groups", "policy_trigger_unknown_type", G + PT + "groups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {must: 1}\n        triggers:\n          t1:\n            type: zz\n")
add("groups", "policy_trigger_unknown_parameter", G + PT + "groups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {must: 1}\n        triggers:\n          t1:\n            type: tr\n            parameters: {zz: 2}\n")
add("groups", "policy_type_missing_source", G + "policy_types:\n  pt:\n    properties: {}\n")
add("groups", "policy_type_unknown_key", G + "policy_types:\n  pt:\n    source: a\n    colour: red\n")
add("groups", "policy_trigger_missing_source", G + "policy_triggers:\n  tr:\n    parameters: {}\n")
add("groups", "policy_trigger_unknown_key", G + "policy_triggers:\n  tr:\n    source: a\n    colour: red\n")
add("groups", "policy_type_not_mapping", G + "policy_types:\n  pt: 5\n")
add("groups", "policy_properties_function", G + PT + "inputs:\n  i: {default: 3}\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {must: {get_input: i}}\n")
for v in ["1_0", "1_2", "1_5"]:
    add("groups", f"policy_ok_{v}", head(v) + MINIMAL + PT + "groups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {must: 1}\n")

P = G + "groups:\n  g:\n    members: [test_node]\n  h:\n    members: [other]\n"
add("policies", "scaling_ok", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n")
add("policies", "scaling_properties", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties:\n      default_instances: 2\n      min_instances: 1\n      max_instances: 3\n")
add("policies", "scaling_bad_bounds", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties:\n      default_instances: 5\n      max_instances: 3\n")
add("policies", "scaling_unknown_property", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties:\n      size: 5\n")
add("policies", "unknown_type", P + "policies:\n  s:\n    type: my.policy\n    targets: [g]\n")
add("policies", "missing_type", P + "policies:\n  s:\n    targets: [g]\n")
add("policies", "missing_targets", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n")
add("policies", "unknown_target", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [zz]\n")
add("policies", "node_as_target", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [test_node]\n")
add("policies", "empty_targets", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: []\n")
add("policies", "two_policies_same_group", P + "policies:\n  s1:\n    type: cloudify.policies.scaling\n    targets: [g]\n  s2:\n    type: cloudify.policies.scaling\n    targets: [g]\n")
add("policies", "unknown_key", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    colour: red\n")
add("policies", "two_targets", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g, h]\n")
add("policies", "node_in_two_scaling_groups", G + "groups:\n  g:\n    members: [test_node]\n  h:\n    members: [test_node]\npolicies:\n  s1:\n    type: cloudify.policies.scaling\n    targets: [g]\n  s2:\n    type: cloudify.policies.scaling\n    targets: [h]\n")
add("policies", "scaling_with_input", P + "inputs:\n  n: {default: 2}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties:\n      default_instances: {get_input: n}\n")
add("policies", "targets_not_list", P + "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: g\n")
add("policies", "policy_not_mapping", P + "policies:\n  s: 5\n")
add("policies", "contained_node_group", head(V) + """
relationships:
  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}
  cloudify.relationships.contained_in: {derived_from: cloudify.relationships.depends_on}
node_types:
  t: {}
node_templates:
  host: {type: t}
  app:
    type: t
    relationships:
      - {type: cloudify.relationships.contained_in, target: host}
groups:
  g:
    members: [app]
policies:
  s:
    type: cloudify.policies.scaling
    targets: [g]
""")
add("policies", "host_and_contained_in_group", head(V) + """
relationships:
  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}
  cloudify.relationships.contained_in: {derived_from: cloudify.relationships.depends_on}
node_types:
  t: {}
node_templates:
  host: {type: t}
  app:
    type: t
    relationships:
      - {type: cloudify.relationships.contained_in, target: host}
groups:
  g:
    members: [host, app]
policies:
  s:
    type: cloudify.policies.scaling
    targets: [g]
""")

# --- workflows ---------------------------------------------------------------------------------
W = head(V) + PLUGIN + MINIMAL
add("workflows", "string_mapping", W + "workflows:\n  w: p.wf\n")
add("workflows", "dict_mapping", W + "workflows:\n  w:\n    mapping: p.wf\n")
add("workflows", "unknown_plugin", W + "workflows:\n  w: q.wf\n")
add("workflows", "no_plugin_prefix", W + "workflows:\n  w: wf\n")
add("workflows", "missing_mapping", W + "workflows:\n  w:\n    parameters: {}\n")
add("workflows", "unknown_key", W + "workflows:\n  w:\n    mapping: p.wf\n    colour: red\n")
add("workflows", "parameters_ok", W + "workflows:\n  w:\n    mapping: p.wf\n    parameters:\n      a: {default: 1}\n      b: {description: x}\n")
add("workflows", "parameter_not_mapping", W + "workflows:\n  w:\n    mapping: p.wf\n    parameters:\n      a: 5\n")
add("workflows", "parameter_typed", W + "workflows:\n  w:\n    mapping: p.wf\n    parameters:\n      a: {type: integer, default: 1}\n")
add("workflows", "parameter_wrong_default", W + "workflows:\n  w:\n    mapping: p.wf\n    parameters:\n      a: {type: integer, default: abc}\n")
add("workflows", "parameter_unknown_key", W + "workflows:\n  w:\n    mapping: p.wf\n    parameters:\n      a: {default: 1, colour: red}\n")
add("workflows", "is_cascading", W + "workflows:\n  w:\n    mapping: p.wf\n    is_cascading: true\n")
add("workflows", "workflow_list", W + "workflows:\n  - w\n")
add("workflows", "mapping_not_string", W + "workflows:\n  w:\n    mapping: [p.wf]\n")
add("workflows", "host_agent_plugin", head(V) + "plugins:\n  p:\n    executor: host_agent\n    source: dummy\n" + MINIMAL + "workflows:\n  w: p.wf\n")
add("workflows", "script_mapping", W + "workflows:\n  w: scripts/wf.py\n")
for v in ["1_0", "1_3", "1_5"]:
    add("workflows", f"availability_rules_node_types_{v}", head(v) + PLUGIN + MINIMAL + "workflows:\n  w:\n    mapping: p.wf\n    availability_rules:\n      node_types_required: [test_type]\n")
add("workflows", "availability_rules_unknown", head("1_5") + PLUGIN + MINIMAL + "workflows:\n  w:\n    mapping: p.wf\n    availability_rules:\n      colour: red\n")
add("workflows", "availability_rules_instances_active", head("1_5") + PLUGIN + MINIMAL + "workflows:\n  w:\n    mapping: p.wf\n    availability_rules:\n      node_instances_active: [all]\n")

# --- outputs and functions ---------------------------------------------------------------------
O = head(V) + "inputs:\n  i: {default: 1}\n" + MINIMAL
for name, value, in [("literal", "1"), ("get_input", "{get_input: i}"), ("get_input_unknown", "{get_input: zz}"),
                     ("get_property", "{get_property: [test_node, key]}"), ("get_property_unknown_node", "{get_property: [zz, key]}"),
                     ("get_property_unknown_prop", "{get_property: [test_node, zz]}"), ("get_attribute", "{get_attribute: [test_node, ip]}"),
                     ("get_attribute_unknown_node", "{get_attribute: [zz, ip]}"), ("get_attribute_one_arg", "{get_attribute: [test_node]}"),
                     ("get_attribute_self", "{get_attribute: [SELF, ip]}"), ("concat", "{concat: [a, {get_input: i}]}"),
                     ("concat_not_list", "{concat: a}"), ("merge", "{merge: [{a: 1}, {b: 2}]}"), ("get_attributes_list", "{get_attributes_list: [test_node, ip]}"),
                     ("get_attributes_dict", "{get_attributes_dict: [test_node, ip]}"), ("two_functions", "{get_input: i, concat: [a]}"),
                     ("string_find", "{string_find: [abc, b]}"), ("string_replace", "{string_replace: [abc, b, c]}"),
                     ("string_split", "{string_split: [a-b, '-']}"), ("string_lower", "{string_lower: ABC}"), ("string_upper", "{string_upper: abc}"),
                     ("get_property_nested", "{get_property: [test_node, key, 0]}"), ("get_input_list_path", "{get_input: [i]}")]:
    add("functions", f"output_{name}", O + f"outputs:\n  o:\n    value: {value}\n")
add("functions", "output_missing_value", O + "outputs:\n  o:\n    description: x\n")
add("functions", "output_unknown_key", O + "outputs:\n  o:\n    value: 1\n    colour: red\n")
add("functions", "output_not_mapping", O + "outputs:\n  o: 1\n")
add("functions", "property_get_attribute", head(V) + MINIMAL.replace("key: val", "key: {get_attribute: [SELF, ip]}"))
add("functions", "property_get_property_self", head(V) + "node_types:\n  t:\n    properties:\n      a: {default: 1}\n      b: {default: 2}\nnode_templates:\n  n:\n    type: t\n    properties:\n      b: {get_property: [SELF, a]}\n")
add("functions", "property_get_property_cycle", head(V) + "node_types:\n  t:\n    properties:\n      a: {default: 1}\n      b: {default: 2}\nnode_templates:\n  n:\n    type: t\n    properties:\n      a: {get_property: [SELF, b]}\n      b: {get_property: [SELF, a]}\n")
add("functions", "property_get_property_other", head(V) + "node_types:\n  t:\n    properties:\n      a: {default: 1}\nnode_templates:\n  m: {type: t}\n  n:\n    type: t\n    properties:\n      a: {get_property: [m, a]}\n")
add("functions", "property_get_property_source", head(V) + "node_types:\n  t:\n    properties:\n      a: {default: 1}\nnode_templates:\n  n:\n    type: t\n    properties:\n      a: {get_property: [SOURCE, a]}\n")
add("functions", "op_input_get_attribute_self", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op:\n          implementation: p.task\n          inputs:\n            x: {get_attribute: [SELF, ip]}\n")
add("functions", "op_input_get_attribute_source", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op:\n          implementation: p.task\n          inputs:\n            x: {get_attribute: [SOURCE, ip]}\n")
add("functions", "op_input_get_property_unknown", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op:\n          implementation: p.task\n          inputs:\n            x: {get_property: [SELF, zz]}\n")
add("functions", "unknown_function_is_data", head(V) + MINIMAL.replace("key: val", "key: {get_everything: [a]}"))

# --- imports and top-level structure -----------------------------------------------------------
add("imports", "lib/types", "node_types:\n  imported_type:\n    properties:\n      key: {default: 1}\n")
add("imports", "lib/types_same", "node_types:\n  test_type:\n    properties:\n      key:\n        default: default\n")
add("imports", "lib/types_different", "node_types:\n  test_type:\n    properties:\n      other: {default: 1}\n")
add("imports", "lib/nested", "imports:\n  - types.yaml\nnode_types:\n  nested_type: {}\n")
add("imports", "lib/plugin", PLUGIN)
add("imports", "lib/bad_yaml", "node_types: [\n")
add("imports", "lib/description", "description: imported\n")
for v in ["1_0", "1_3", "1_5"]:
    add("imports", f"local_{v}", head(v) + "imports:\n  - lib/types.yaml\nnode_templates:\n  n: {type: imported_type}\n")
add("imports", "nested_relative", head(V) + "imports:\n  - lib/nested.yaml\nnode_templates:\n  n: {type: imported_type}\n  m: {type: nested_type}\n")
add("imports", "missing_file", head(V) + "imports:\n  - lib/none.yaml\n" + MINIMAL)
add("imports", "same_definition_twice", head(V) + "imports:\n  - lib/types_same.yaml\n" + MINIMAL)
add("imports", "different_definition", head(V) + "imports:\n  - lib/types_different.yaml\n" + MINIMAL)
add("imports", "plugin_in_import", head(V) + "imports:\n  - lib/plugin.yaml\n" + PLUGIN_USER)
add("imports", "duplicate_plugin", head(V) + "imports:\n  - lib/plugin.yaml\n" + PLUGIN + PLUGIN_USER)
add("imports", "bad_yaml_import", head(V) + "imports:\n  - lib/bad_yaml.yaml\n" + MINIMAL)
add("imports", "description_in_import", head(V) + "imports:\n  - lib/description.yaml\ndescription: main\n" + MINIMAL)
add("imports", "import_same_twice", head(V) + "imports:\n  - lib/types.yaml\n  - lib/types.yaml\n" + MINIMAL)
add("imports", "imports_not_list", head(V) + "imports: lib/types.yaml\n" + MINIMAL)
add("imports", "import_not_string", head(V) + "imports:\n  - 5\n" + MINIMAL)
add("imports", "unknown_url", head(V) + "imports:\n  - http://example.invalid/nothing.yaml\n" + MINIMAL)
add("imports", "types_yaml_twice", head(V) + f"imports:\n  - {TYPES_URL}\n  - {TYPES_URL}\n" + "node_templates:\n  vm: {type: cloudify.nodes.Root}\n")
add("imports", "types_yaml_redefine_root", head(V) + f"imports:\n  - {TYPES_URL}\n" + "node_types:\n  cloudify.nodes.Root: {}\nnode_templates:\n  vm: {type: cloudify.nodes.Root}\n")
add("imports", "types_yaml_compute_contained", head(V) + f"imports:\n  - {TYPES_URL}\n" + """
node_templates:
  host: {type: cloudify.nodes.Compute, properties: {agent_config: {install_method: none}}}
  app:
    type: cloudify.nodes.ApplicationModule
    relationships:
      - {type: cloudify.relationships.contained_in, target: host}
""")
add("imports", "types_yaml_depends_on", head(V) + f"imports:\n  - {TYPES_URL}\n" + """
node_templates:
  a: {type: cloudify.nodes.Root}
  b:
    type: cloudify.nodes.Root
    relationships:
      - {type: cloudify.relationships.depends_on, target: a}
      - {type: cloudify.relationships.connected_to, target: a}
""")

add("structure", "unknown_section", head(V) + "colours: [red]\n" + MINIMAL)
add("structure", "yaml_syntax_error", head(V) + "node_types: [\n")
add("structure", "not_a_mapping", "- a\n- b\n")
add("structure", "empty_file", "")
add("structure", "node_types_list", head(V) + "node_types: [a]\n" + "node_templates: {}\n")
add("structure", "duplicate_key", head(V) + MINIMAL + "node_types:\n  other: {}\n")
add("structure", "anchor_merge", head(V) + """
node_types:
  test_type:
    properties:
      key: {default: 1}
      other: {default: 2}
node_templates:
  a: &base
    type: test_type
    properties: {key: 2}
  b:
    <<: *base
""")
add("structure", "anchor_alias", head(V) + """
node_types:
  test_type:
    properties:
      key: {default: 1}
node_templates:
  a:
    type: test_type
    properties: &p {key: 2}
  b:
    type: test_type
    properties: *p
""")
add("structure", "metadata", head(V) + "metadata:\n  owner: me\n" + MINIMAL)
add("structure", "deployment_settings", head(V) + "deployment_settings:\n  default_schedules: {}\n" + MINIMAL)
add("structure", "description_not_string", head(V) + "description: [a]\n" + MINIMAL)
add("structure", "node_templates_missing", head(V) + "node_types:\n  t: {}\n")
add("structure", "null_sections", head(V) + "node_types:\nnode_templates:\n")
add("structure", "tab_indent", head(V) + "node_types:\n\tt: {}\n")
add("structure", "large_fanout", head(V) + "node_types:\n  t: {}\nnode_templates:\n" + "".join(f"  n{i}: {{type: t}}\n" for i in range(50)))

# --- interfaces: operations merged between types, templates and relationships --------------------
I = head(V) + PLUGIN
add("interfaces", "template_adds_operation", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: p.a\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        b: p.b\n")
add("interfaces", "template_adds_interface", I + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      j:\n        b: p.b\n")
add("interfaces", "template_overrides_implementation", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: {implementation: p.a, inputs: {x: {default: 1}}}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        a: p.other\n")
add("interfaces", "template_gives_input_value", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: {implementation: p.a, inputs: {x: {default: 1}}}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        a: {inputs: {x: 2}}\n")
add("interfaces", "template_gives_unknown_input", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: {implementation: p.a, inputs: {x: {default: 1}}}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        a: {inputs: {y: 2}}\n")
add("interfaces", "template_input_wrong_type", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: {implementation: p.a, inputs: {x: {type: integer, default: 1}}}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        a: {inputs: {x: abc}}\n")
add("interfaces", "type_input_default_wrong_type", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: {implementation: p.a, inputs: {x: {type: integer, default: abc}}}\nnode_templates:\n  n: {type: t}\n")
add("interfaces", "derived_type_overrides_operation", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: p.a\n  u:\n    derived_from: t\n    interfaces:\n      i:\n        a: p.b\nnode_templates:\n  n: {type: u}\n")
add("interfaces", "derived_type_input_no_default", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: {implementation: p.a, inputs: {x: {}}}\n  u:\n    derived_from: t\nnode_templates:\n  n:\n    type: u\n    interfaces:\n      i:\n        a: {inputs: {x: 1}}\n")
add("interfaces", "empty_operation_in_type", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: {}\nnode_templates:\n  n: {type: t}\n")
add("interfaces", "empty_string_operation", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: ''\nnode_templates:\n  n: {type: t}\n")
add("interfaces", "operation_list", I + "node_types:\n  t:\n    interfaces:\n      i:\n        a: [p.a]\nnode_templates:\n  n: {type: t}\n")
add("interfaces", "interfaces_list", I + "node_types:\n  t:\n    interfaces: [i]\nnode_templates:\n  n: {type: t}\n")
add("interfaces", "template_interfaces_null", I + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n")
add("interfaces", "input_get_property_self", I + "node_types:\n  t:\n    properties:\n      port: {default: 80}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        a:\n          implementation: p.a\n          inputs: {x: {get_property: [SELF, port]}}\n")
add("interfaces", "input_get_attribute_target_in_node", I + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        a:\n          implementation: p.a\n          inputs: {x: {get_attribute: [TARGET, ip]}}\n")
REL = "relationships:\n  cloudify.relationships.depends_on: {properties: {connection_type: {default: all_to_all}}}\n  r:\n    derived_from: cloudify.relationships.depends_on\n"
add("interfaces", "relationship_get_attribute_source_target", I + REL + "    source_interfaces:\n      ri:\n        op:\n          implementation: p.s\n          inputs:\n            a: {default: {get_attribute: [SOURCE, ip]}}\n            b: {default: {get_attribute: [TARGET, ip]}}\nnode_types:\n  t: {}\nnode_templates:\n  x: {type: t}\n  y:\n    type: t\n    relationships:\n      - {type: r, target: x}\n")
add("interfaces", "relationship_template_overrides", I + REL + "    source_interfaces:\n      ri:\n        op: p.s\nnode_types:\n  t: {}\nnode_templates:\n  x: {type: t}\n  y:\n    type: t\n    relationships:\n      - type: r\n        target: x\n        source_interfaces:\n          ri:\n            op: p.other\n")
add("interfaces", "relationship_unknown_plugin", I + REL + "    target_interfaces:\n      ri:\n        op: zz.s\nnode_types:\n  t: {}\nnode_templates:\n  x: {type: t}\n  y:\n    type: t\n    relationships:\n      - {type: r, target: x}\n")
add("interfaces", "relationship_property_override", I + "relationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {default: all_to_all}\n      weight: {default: 1}\nnode_types:\n  t: {}\nnode_templates:\n  x: {type: t}\n  y:\n    type: t\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: x, properties: {weight: 3}}\n")
add("interfaces", "relationship_connection_type_all_to_one", I + "relationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {default: all_to_all}\nnode_types:\n  t: {}\nnode_templates:\n  x: {type: t}\n  y:\n    type: t\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: x, properties: {connection_type: all_to_one}}\n")
add("interfaces", "relationship_connection_type_bad", I + "relationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {default: all_to_all}\nnode_types:\n  t: {}\nnode_templates:\n  x: {type: t}\n  y:\n    type: t\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: x, properties: {connection_type: some_to_some}}\n")

# --- namespaces: Cloudify's `ns--path` imports (local files; no manager needed) ----------------
# After dsl_parser/tests/namespace/ and test_namespaced_imports: an import `ns--path` prefixes the
# imported file's names with `ns--` (except `cloudify.*` names and what Cloudify's types.yaml
# defines), and the file's own references (types, targets, members, plugins in operations,
# get_input/get_property/get_attribute) are read in its namespace.
N = head(V)
TYPES_IMPORT = f"imports:\n  - {TYPES_URL}\n"
add("namespaces", "lib/types", "node_types:\n  t:\n    properties:\n      k: {default: 1}\ninputs:\n  i: {default: 2}\n")
# A file using every kind of reference inside its namespace.
add("namespaces", "lib/refs", head(V) + TYPES_IMPORT + """
inputs:
  port: {type: integer, default: 80}
  shape: {type: dt, default: {x: 2}}
data_types:
  dt:
    properties:
      x: {type: integer, default: 1}
  dt2:
    properties:
      inner: {type: dt, default: {}}
plugins:
  p:
    executor: central_deployment_agent
    source: dummy
node_types:
  base:
    derived_from: cloudify.nodes.Root
    properties:
      port: {type: integer}
      d: {type: dt2, default: {}}
    interfaces:
      cloudify.interfaces.lifecycle:
        create: p.tasks.create
        configure:
          implementation: p.tasks.configure
          inputs:
            where: {type: string, default: {get_input: port}}
  t:
    derived_from: base
relationships:
  rel:
    derived_from: cloudify.relationships.depends_on
    source_interfaces:
      cloudify.interfaces.relationship_lifecycle:
        preconfigure: p.tasks.pre
node_templates:
  n1:
    type: t
    properties:
      port: {get_input: port}
  n2:
    type: t
    properties:
      port: {get_property: [n1, port]}
    relationships:
      - {type: rel, target: n1}
    interfaces:
      cloudify.interfaces.lifecycle:
        start:
          implementation: p.tasks.start
          inputs:
            peer: {get_attribute: [n1, ip]}
            own: {get_property: [SELF, port]}
            both: {concat: [{get_input: port}, {get_property: [n1, port]}]}
groups:
  g:
    members: [n1]
workflows:
  wf: p.workflows.run
  wf2:
    mapping: p.workflows.other
    parameters:
      x: {type: dt, default: {}}
outputs:
  o:
    value: {get_attribute: [n1, ip]}
  o2:
    value: {concat: [{get_input: port}, '-', {get_property: [n2, port]}]}
""")
add("namespaces", "refs", N + "imports:\n  - ns--lib/refs.yaml\n")
add("namespaces", "refs_plain", N + "imports:\n  - lib/refs.yaml\n")
add("namespaces", "refs_twice", N + "imports:\n  - a--lib/refs.yaml\n  - b--lib/refs.yaml\n")
add("namespaces", "refs_plain_and_namespaced", N + "imports:\n  - lib/refs.yaml\n  - ns--lib/refs.yaml\n")
add("namespaces", "refs_same_namespace_twice", N + "imports:\n  - ns--lib/refs.yaml\n  - ns--lib/again.yaml\n")
add("namespaces", "refs_again_plain", N + "imports:\n  - ns--lib/refs.yaml\n  - lib/again.yaml\n")
add("namespaces", "lib/again", head(V) + "imports:\n  - refs.yaml\n")
for v in VERSIONS:
    add("namespaces", f"refs_{v}", head(v) + "imports:\n  - ns--lib/refs_v" + v + ".yaml\n")
    add("namespaces", f"lib/refs_v{v}", head(v) + "node_types:\n  t:\n    properties:\n      k: {default: 1}\nnode_templates:\n  n: {type: t}\n")
# Using the namespaced names from the main file.
USE = N + "imports:\n  - ns--lib/refs.yaml\n"
add("namespaces", "use_type", USE + "node_templates:\n  m: {type: ns--t, properties: {port: 1}}\n")
add("namespaces", "use_type_unprefixed", USE + "node_templates:\n  m: {type: t, properties: {port: 1}}\n")
add("namespaces", "use_input", USE + "node_templates:\n  m:\n    type: ns--t\n    properties: {port: {get_input: ns--port}}\n")
add("namespaces", "use_input_unprefixed", USE + "node_templates:\n  m:\n    type: ns--t\n    properties: {port: {get_input: port}}\n")
add("namespaces", "use_data_type", USE + "node_types:\n  mine:\n    properties:\n      d: {type: ns--dt, default: {x: 3}}\nnode_templates:\n  m: {type: mine}\n")
add("namespaces", "use_data_type_unprefixed", USE + "node_types:\n  mine:\n    properties:\n      d: {type: dt, default: {x: 3}}\nnode_templates:\n  m: {type: mine}\n")
add("namespaces", "use_data_type_bad_value", USE + "node_types:\n  mine:\n    properties:\n      d: {type: ns--dt, default: {x: abc}}\nnode_templates:\n  m: {type: mine}\n")
add("namespaces", "use_input_of_data_type", USE + "inputs:\n  mine: {type: ns--dt, default: {x: 4}}\n")
add("namespaces", "use_derived_from", USE + "node_types:\n  mine: {derived_from: ns--base}\nnode_templates:\n  m: {type: mine, properties: {port: 1}}\n")
add("namespaces", "use_derived_from_missing_property", USE + "node_types:\n  mine: {derived_from: ns--base}\nnode_templates:\n  m: {type: mine}\n")
add("namespaces", "use_relationship", USE + "node_templates:\n  m:\n    type: ns--t\n    properties: {port: 1}\n    relationships:\n      - {type: ns--rel, target: ns--n1}\n")
add("namespaces", "use_relationship_unprefixed_target", USE + "node_templates:\n  m:\n    type: ns--t\n    properties: {port: 1}\n    relationships:\n      - {type: ns--rel, target: n1}\n")
add("namespaces", "use_relationship_unprefixed_type", USE + "node_templates:\n  m:\n    type: ns--t\n    properties: {port: 1}\n    relationships:\n      - {type: rel, target: ns--n1}\n")
add("namespaces", "use_get_property", USE + "outputs:\n  x:\n    value: {get_property: [ns--n1, port]}\n")
add("namespaces", "use_get_property_unprefixed", USE + "outputs:\n  x:\n    value: {get_property: [n1, port]}\n")
add("namespaces", "use_get_attribute", USE + "outputs:\n  x:\n    value: {get_attribute: [ns--n2, ip]}\n")
add("namespaces", "use_get_attribute_unprefixed", USE + "outputs:\n  x:\n    value: {get_attribute: [n2, ip]}\n")
add("namespaces", "use_group_member", USE + "groups:\n  mine:\n    members: [ns--n2]\n")
add("namespaces", "use_group_member_unprefixed", USE + "groups:\n  mine:\n    members: [n2]\n")
add("namespaces", "use_policy_target", USE + "policies:\n  mine:\n    type: cloudify.policies.scaling\n    targets: [ns--g]\n")
add("namespaces", "use_policy_target_unprefixed", USE + "policies:\n  mine:\n    type: cloudify.policies.scaling\n    targets: [g]\n")
add("namespaces", "use_plugin", USE + "node_types:\n  mine:\n    interfaces:\n      i:\n        op: ns--p.tasks.x\nnode_templates:\n  m: {type: mine}\n")
add("namespaces", "use_plugin_unprefixed", USE + "node_types:\n  mine:\n    interfaces:\n      i:\n        op: p.tasks.x\nnode_templates:\n  m: {type: mine}\n")
add("namespaces", "use_workflow_plugin", USE + "workflows:\n  mine: ns--p.workflows.mine\n")
add("namespaces", "use_workflow_plugin_unprefixed", USE + "workflows:\n  mine: p.workflows.mine\n")
add("namespaces", "redefine_prefixed_name", USE + "node_types:\n  ns--t: {}\n")
add("namespaces", "redefine_prefixed_input", USE + "inputs:\n  ns--port: {default: 1}\n")
add("namespaces", "same_name_unprefixed", USE + "node_types:\n  t: {}\ninputs:\n  port: {default: 1}\nnode_templates:\n  n1: {type: t}\n")
# The namespace form itself.
add("namespaces", "double_namespace", N + "imports:\n  - a--b--lib/types.yaml\n")
add("namespaces", "empty_namespace", N + "imports:\n  - --lib/types.yaml\nnode_templates:\n  n: {type: t}\n")
add("namespaces", "namespace_trailing_delimiter", N + "imports:\n  - a----lib/types.yaml\n")
add("namespaces", "namespace_with_dots", N + "imports:\n  - my.ns--lib/types.yaml\nnode_templates:\n  n: {type: my.ns--t}\n")
add("namespaces", "namespace_with_slash", N + "imports:\n  - lib/x--types.yaml\n")
add("namespaces", "lib/x--types", "node_types:\n  t: {}\n")
add("namespaces", "namespaced_missing_file", N + "imports:\n  - ns--lib/nothing.yaml\n")
add("namespaces", "delimiter_in_plain_names", N + "imports:\n  - lib/dashes.yaml\nnode_templates:\n  n: {type: --t}\n")
add("namespaces", "lib/dashes", "node_types:\n  --t: {}\ninputs:\n  --port: {default: 1}\n")
add("namespaces", "same_namespace_listed_twice", N + "imports:\n  - ns--lib/types.yaml\n  - ns--lib/types.yaml\n")
add("namespaces", "namespaced_unprefixed_type", N + "imports:\n  - ns--lib/types.yaml\nnode_templates:\n  n: {type: t}\n")
add("namespaces", "namespaced_type", N + "imports:\n  - ns--lib/types.yaml\nnode_templates:\n  n: {type: ns--t}\n")
add("namespaces", "namespaced_input", N + "imports:\n  - ns--lib/types.yaml\nnode_templates:\n  n:\n    type: ns--t\n    properties: {k: {get_input: ns--i}}\n")
add("namespaces", "two_namespaces", N + "imports:\n  - a--lib/types.yaml\n  - b--lib/types.yaml\nnode_templates:\n  n: {type: a--t}\n  m: {type: b--t}\n")
add("namespaces", "plain_import", N + "imports:\n  - lib/types.yaml\nnode_templates:\n  n: {type: t}\n")
# A data type derived from another inside a namespaced file: Cloudify 7.0.5 fails with an
# internal error ("Cannot access element value before parsing").
add("namespaces", "lib/derived_data_type", "data_types:\n  dt:\n    properties:\n      x: {type: integer, default: 1}\n  dt2:\n    derived_from: dt\n")
add("namespaces", "derived_data_type_inside", N + "imports:\n  - ns--lib/derived_data_type.yaml\n")
add("namespaces", "derived_data_type_from_main", N + "imports:\n  - ns--lib/derived_data_type.yaml\ndata_types:\n  mine:\n    derived_from: ns--dt\nnode_types:\n  t:\n    properties:\n      p: {type: mine, default: {}}\nnode_templates:\n  n: {type: t}\n")
# Nested namespaces: a namespaced file importing with its own namespace, or without one.
add("namespaces", "lib/mid", head(V) + "imports:\n  - b--types.yaml\n  - plain.yaml\nnode_templates:\n  mid_node:\n    type: b--t\n    properties: {k: {get_input: b--i}}\n  mid_plain: {type: pt}\n")
add("namespaces", "lib/plain", "node_types:\n  pt: {}\n")
add("namespaces", "nested", N + "imports:\n  - a--lib/mid.yaml\nnode_templates:\n  n: {type: a--b--t}\n  m: {type: a--pt}\noutputs:\n  o: {value: {get_property: [a--mid_node, k]}}\n")
add("namespaces", "nested_wrong_prefix", N + "imports:\n  - a--lib/mid.yaml\nnode_templates:\n  n: {type: b--t}\n")
add("namespaces", "nested_outer_only", N + "imports:\n  - a--lib/mid.yaml\nnode_templates:\n  n: {type: a--t}\n")
add("namespaces", "nested_plain_mid", N + "imports:\n  - lib/mid.yaml\nnode_templates:\n  n: {type: b--t}\n  m: {type: pt}\n")
add("namespaces", "mixed_plain_inside_two", N + "imports:\n  - a--lib/again_types.yaml\n  - b--lib/again_types.yaml\nnode_templates:\n  n: {type: a--t}\n  m: {type: b--t}\n")
add("namespaces", "lib/again_types", "imports:\n  - types.yaml\n")
# A namespaced file cannot see the main file's names (its references are prefixed).
add("namespaces", "lib/uses_main", "node_templates:\n  x: {type: main_type}\n")
add("namespaces", "namespaced_file_uses_main_type", N + "imports:\n  - ns--lib/uses_main.yaml\nnode_types:\n  main_type: {}\n")
add("namespaces", "plain_file_uses_main_type", N + "imports:\n  - lib/uses_main.yaml\nnode_types:\n  main_type: {}\n")
add("namespaces", "lib/uses_main_input", "inputs:\n  own: {default: 1}\noutputs:\n  o: {value: {get_input: main_input}}\n")
add("namespaces", "namespaced_file_uses_main_input", N + "imports:\n  - ns--lib/uses_main_input.yaml\ninputs:\n  main_input: {default: 1}\n")
add("namespaces", "lib/target_main", "node_types:\n  lt: {}\nnode_templates:\n  x:\n    type: lt\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: main_node}\n")
add("namespaces", "namespaced_file_targets_main_node", N + TYPES_IMPORT + "  - ns--lib/target_main.yaml\nnode_templates:\n  main_node: {type: cloudify.nodes.Root}\n")
# Cloudify's own types: never prefixed, and never imported under a namespace of their own.
add("namespaces", "types_yaml_namespaced", N + f"imports:\n  - ns--{TYPES_URL}\n")
add("namespaces", "lib/with_types", head(V) + TYPES_IMPORT + "node_types:\n  app: {derived_from: cloudify.nodes.Root}\nnode_templates:\n  host: {type: cloudify.nodes.Compute, properties: {agent_config: {install_method: none}}}\n  a:\n    type: app\n    relationships:\n      - {type: cloudify.relationships.contained_in, target: host}\n")
add("namespaces", "types_yaml_inside_namespace", N + "imports:\n  - ns--lib/with_types.yaml\nnode_templates:\n  m: {type: ns--app}\n  r: {type: cloudify.nodes.Root}\nworkflows:\n  mine: default_workflows.cloudify.plugins.workflows.install\n")
add("namespaces", "types_yaml_inside_namespace_prefixed_root", N + "imports:\n  - ns--lib/with_types.yaml\nnode_templates:\n  r: {type: ns--cloudify.nodes.Root}\n")
add("namespaces", "types_yaml_inside_and_main", N + TYPES_IMPORT + "  - ns--lib/with_types.yaml\nnode_templates:\n  m: {type: ns--app}\n")
add("namespaces", "lib/types_own_namespace", head(V) + f"imports:\n  - ns--{TYPES_URL}\n")
add("namespaces", "types_yaml_own_namespace_inside", N + "imports:\n  - ns--lib/types_own_namespace.yaml\n")
add("namespaces", "lib/cloudify_named", "node_types:\n  cloudify.nodes.Mine: {}\n  mine: {}\nrelationships:\n  cloudify.relationships.mine: {}\n")
add("namespaces", "cloudify_names_unprefixed", N + "imports:\n  - ns--lib/cloudify_named.yaml\nnode_templates:\n  a: {type: cloudify.nodes.Mine}\n  b: {type: ns--mine}\n")
add("namespaces", "cloudify_names_prefixed", N + "imports:\n  - ns--lib/cloudify_named.yaml\nnode_templates:\n  a: {type: ns--cloudify.nodes.Mine}\n")
add("namespaces", "cloudify_names_two_namespaces", N + "imports:\n  - a--lib/cloudify_named.yaml\n  - b--lib/cloudify_named.yaml\n")
# Scripts and plugins of a namespaced file.
add("namespaces", "lib/scripted", head(V) + """
plugins:
  script:
    executor: central_deployment_agent
    install: false
node_types:
  st:
    interfaces:
      cloudify.interfaces.lifecycle:
        create: scripts/create.sh
node_templates:
  s: {type: st}
""")
add("namespaces", "namespaced_script", N + "imports:\n  - ns--lib/scripted.yaml\n")
add("namespaces", "lib/scripted_types_plugin", head(V) + TYPES_IMPORT + """
node_types:
  st:
    derived_from: cloudify.nodes.Root
    interfaces:
      cloudify.interfaces.lifecycle:
        create: scripts/create.sh
        configure:
          implementation: script.script_runner.tasks.run
          inputs:
            script_path: {default: scripts/create.sh}
node_templates:
  s: {type: st}
""")
add("namespaces", "namespaced_script_types_plugin", N + "imports:\n  - ns--lib/scripted_types_plugin.yaml\n")
add("namespaces", "lib/missing_script", head(V) + TYPES_IMPORT + "node_types:\n  st:\n    derived_from: cloudify.nodes.Root\n    interfaces:\n      cloudify.interfaces.lifecycle:\n        create: scripts/missing.sh\nnode_templates:\n  s: {type: st}\n")
add("namespaces", "namespaced_missing_script", N + "imports:\n  - ns--lib/missing_script.yaml\n")
add("namespaces", "lib/main_plugin_user", "node_types:\n  u:\n    interfaces:\n      i:\n        op: mp.tasks.op\nnode_templates:\n  x: {type: u}\n")
add("namespaces", "namespaced_file_uses_main_plugin", N + "imports:\n  - ns--lib/main_plugin_user.yaml\nplugins:\n  mp:\n    executor: central_deployment_agent\n    source: dummy\n")
# Sections a namespaced file may hold: each name is prefixed, so two namespaces never collide.
for section, body in [
    ("outputs", "outputs:\n  o: {value: 1}\n"),
    ("capabilities", "capabilities:\n  c: {value: 1}\n"),
    ("groups", "node_types:\n  t: {}\nnode_templates:\n  n: {type: t}\ngroups:\n  g: {members: [n]}\n"),
    ("policy_types", "policy_types:\n  pt: {source: x, properties: {a: {default: 1}}}\n"),
    ("policy_triggers", "policy_triggers:\n  tr: {source: x}\n"),
    ("workflows", "plugins:\n  p: {executor: central_deployment_agent, source: dummy}\nworkflows:\n  w: p.x\n"),
    ("relationships", "relationships:\n  r: {}\n"),
    ("data_types", "data_types:\n  d: {properties: {x: {default: 1}}}\n"),
]:
    add("namespaces", f"lib/section_{section}", head(V) + body)
    add("namespaces", f"section_{section}_two_namespaces", N + f"imports:\n  - a--lib/section_{section}.yaml\n  - b--lib/section_{section}.yaml\n")
    add("namespaces", f"section_{section}_plain_twice", N + f"imports:\n  - lib/section_{section}.yaml\n  - lib/section_{section}_copy.yaml\n")
    add("namespaces", f"lib/section_{section}_copy", head(V) + body)
# Group policies and triggers referenced inside the namespace.
add("namespaces", "lib/monitoring", head(V) + """
policy_types:
  pt:
    source: x
    properties:
      level: {default: 1}
policy_triggers:
  tr:
    source: y
node_types:
  t: {}
node_templates:
  n: {type: t}
groups:
  g:
    members: [n]
    policies:
      watch:
        type: pt
        triggers:
          alarm: {type: tr}
""")
add("namespaces", "group_policies", N + "imports:\n  - ns--lib/monitoring.yaml\n")
add("namespaces", "group_policy_type_from_main", N + "imports:\n  - ns--lib/monitoring.yaml\nnode_types:\n  t2: {}\nnode_templates:\n  m: {type: t2}\ngroups:\n  mine:\n    members: [m]\n    policies:\n      watch: {type: ns--pt}\n")
add("namespaces", "group_policy_type_unprefixed", N + "imports:\n  - ns--lib/monitoring.yaml\nnode_types:\n  t2: {}\nnode_templates:\n  m: {type: t2}\ngroups:\n  mine:\n    members: [m]\n    policies:\n      watch: {type: pt}\n")
# Scaling inside a namespace: capabilities.scalable with UNBOUNDED, and a scaling group.
add("namespaces", "lib/scaling", head(V) + TYPES_IMPORT + """
node_templates:
  a:
    type: cloudify.nodes.Root
    capabilities:
      scalable:
        properties: {default_instances: 1, max_instances: UNBOUNDED}
  b: {type: cloudify.nodes.Root}
groups:
  g: {members: [b]}
policies:
  p:
    type: cloudify.policies.scaling
    properties: {default_instances: 2, max_instances: UNBOUNDED}
    targets: [g]
""")
add("namespaces", "scaling", N + "imports:\n  - ns--lib/scaling.yaml\n")
add("namespaces", "scaling_plain", N + "imports:\n  - lib/scaling.yaml\n")
add("namespaces", "policies_in_two_files", N + "imports:\n  - a--lib/scaling.yaml\n  - b--lib/scaling.yaml\n")
# Functions in a namespaced file: operation inputs, relationship properties, defaults.
add("namespaces", "lib/functions", head(V) + TYPES_IMPORT + """
inputs:
  port: {default: 80}
node_types:
  ft:
    derived_from: cloudify.nodes.Root
    properties:
      port: {default: {get_input: port}}
node_templates:
  x:
    type: ft
  y:
    type: ft
    relationships:
      - type: cloudify.relationships.depends_on
        target: x
        properties:
          connection_type: all_to_all
        source_interfaces:
          cloudify.interfaces.relationship_lifecycle:
            preconfigure:
              implementation: scripts/create.sh
              inputs:
                a: {get_attribute: [TARGET, ip]}
                b: {get_property: [x, port]}
                c: {get_input: port}
""")
add("namespaces", "functions", N + "imports:\n  - ns--lib/functions.yaml\n")
add("namespaces", "lib/function_missing", head(V) + TYPES_IMPORT + "node_templates:\n  x:\n    type: cloudify.nodes.Root\n    interfaces:\n      cloudify.interfaces.lifecycle:\n        create:\n          implementation: scripts/create.sh\n          inputs:\n            a: {get_property: [nowhere, port]}\n")
add("namespaces", "function_missing_node", N + "imports:\n  - ns--lib/function_missing.yaml\n")
add("namespaces", "lib/get_input_list", head(V) + "inputs:\n  m: {default: {a: [1, 2]}}\noutputs:\n  o: {value: {get_input: [m, a, 0]}}\n")
add("namespaces", "get_input_list_form", N + "imports:\n  - ns--lib/get_input_list.yaml\n")
# Node templates split across files (relationships in one file, type in another), with namespaces.
add("namespaces", "lib/rel_only", "node_templates:\n  n:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other}\n")
add("namespaces", "template_relationships_split", N + TYPES_IMPORT + "  - lib/rel_only.yaml\nnode_templates:\n  n: {type: cloudify.nodes.Root}\n  other: {type: cloudify.nodes.Root}\n")
add("namespaces", "template_relationships_split_namespaced", N + TYPES_IMPORT + "  - ns--lib/rel_only.yaml\nnode_templates:\n  ns--n: {type: cloudify.nodes.Root}\n  ns--other: {type: cloudify.nodes.Root}\n")
# --- merging: a node template written in two files (Cloudify's "relationships overloading") ---
R = head(V) + "relationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {default: all_to_all}\n"
add("merging", "lib/node", "node_types:\n  test_type:\n    properties:\n      prop1: {default: v}\nnode_templates:\n  test_node:\n    type: test_type\n")
add("merging", "lib/node_with_rel", "node_types:\n  test_type:\n    properties:\n      prop1: {default: v}\nnode_templates:\n  other_node: {type: test_type}\n  test_node:\n    type: test_type\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "lib/rels_only", "node_templates:\n  test_node:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "lib/rels_and_props", "node_templates:\n  test_node:\n    properties: {prop1: x}\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "main_adds_relationships", R + "imports:\n  - lib/node.yaml\nnode_templates:\n  other_node: {type: test_type}\n  test_node:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "main_adds_relationships_namespaced", R + "imports:\n  - test--lib/node.yaml\nnode_templates:\n  other_node: {type: test--test_type}\n  test--test_node:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "main_adds_relationships_unknown_template", R + "imports:\n  - test--lib/node.yaml\nnode_templates:\n  other_node: {type: test--test_type}\n  test--test_node1:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "main_extends_relationships", head(V) + "imports:\n  - test--lib/node_with_rel.yaml\nrelationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {default: all_to_all}\nnode_templates:\n  test--test_node:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: test--other_node}\n")
add("merging", "main_relationships_and_properties", R + "imports:\n  - lib/node.yaml\nnode_templates:\n  other_node: {type: test_type}\n  test_node:\n    properties: {prop1: x}\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "main_properties_only", R + "imports:\n  - lib/node.yaml\nnode_templates:\n  test_node:\n    properties: {prop1: x}\n")
add("merging", "main_full_import_relationships_only", R + "imports:\n  - lib/rels_only.yaml\nnode_types:\n  test_type: {}\nnode_templates:\n  other_node: {type: test_type}\n  test_node: {type: test_type}\n")
add("merging", "main_full_with_rel_import_relationships_only", R + "imports:\n  - lib/rels_only.yaml\nnode_types:\n  test_type: {}\nnode_templates:\n  other_node: {type: test_type}\n  third: {type: test_type}\n  test_node:\n    type: test_type\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: third}\n")
add("merging", "main_full_with_rel_import_rels_and_props", R + "imports:\n  - lib/rels_and_props.yaml\nnode_types:\n  test_type:\n    properties:\n      prop1: {default: v}\nnode_templates:\n  other_node: {type: test_type}\n  third: {type: test_type}\n  test_node:\n    type: test_type\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: third}\n")
add("merging", "relationships_only_nowhere_else", R + "node_types:\n  test_type: {}\nnode_templates:\n  other_node: {type: test_type}\n  test_node:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "two_relationship_fragments", R + "imports:\n  - lib/node.yaml\n  - lib/rels_only.yaml\nnode_templates:\n  other_node: {type: test_type}\n  test_node:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other_node}\n")
add("merging", "lib/same_node", "node_types:\n  st: {}\nnode_templates:\n  same: {type: st}\n")
add("merging", "identical_template_twice", head(V) + "imports:\n  - lib/same_node.yaml\nnode_templates:\n  same: {type: st}\n")
add("merging", "identical_input_twice", head(V) + "imports:\n  - lib/input.yaml\ninputs:\n  i: {default: 1}\n" + MINIMAL)
add("merging", "lib/input", "inputs:\n  i: {default: 1}\n")
add("merging", "identical_data_type_twice", head(V) + "imports:\n  - lib/dt.yaml\ndata_types:\n  d: {properties: {x: {default: 1}}}\n" + MINIMAL)
add("merging", "lib/dt", "data_types:\n  d: {properties: {x: {default: 1}}}\n")
add("merging", "identical_workflow_twice", head(V) + PLUGIN + "imports:\n  - lib/wf.yaml\nworkflows:\n  w: {mapping: p.w}\n" + MINIMAL)
add("merging", "lib/wf", "plugins:\n  p2: {executor: central_deployment_agent, source: dummy}\nworkflows:\n  w: {mapping: p.w}\n")
add("merging", "identical_output_twice", head(V) + "imports:\n  - lib/out.yaml\noutputs:\n  o: {value: 1}\n" + MINIMAL)
add("merging", "lib/out", "outputs:\n  o: {value: 1}\n")
add("merging", "labels_twice", head("1_5") + "imports:\n  - lib/labels.yaml\nlabels:\n  env: {values: [a]}\n" + MINIMAL)
add("merging", "lib/labels", "labels:\n  env: {values: [b]}\n")
add("merging", "shared_file_two_importers", head(V) + "imports:\n  - lib/a.yaml\n  - lib/b.yaml\n" + MINIMAL)
add("merging", "lib/a", "imports:\n  - shared.yaml\n")
add("merging", "lib/b", "imports:\n  - shared.yaml\n")
add("merging", "lib/shared", "node_types:\n  shared_type: {}\n")
add("merging", "policies_two_files", head(V) + "imports:\n  - lib/policy.yaml\n" + MINIMAL + "groups:\n  g: {members: [test_node]}\n  h: {members: [test_node]}\npolicies:\n  p1: {type: cloudify.policies.scaling, targets: [g]}\n")
add("merging", "lib/policy", "policies:\n  p2: {type: cloudify.policies.scaling, targets: [h]}\n")
add("merging", "policies_in_import_only", head(V) + "imports:\n  - lib/policy.yaml\n" + MINIMAL + "groups:\n  h: {members: [test_node]}\n")

# --- operation merging: each form of an operation overriding each form (after Cloudify's
# test_operation_merger and test_interfaces_parser): in a derived type, in a template, and in a
# template's relationship.
OPS_TYPE = {
    "no_op": "{}",
    "string": "p.b",
    "mapping": "{implementation: p.b, inputs: {x: {default: 1}}}",
    "mapping_no_inputs": "{implementation: p.b}",
    "with_executor": "{implementation: p.b, executor: central_deployment_agent}",
    "no_implementation": "{inputs: {x: {default: 2}}}",
    "with_retry": "{implementation: p.b, max_retries: 2, retry_interval: 1}",
    "empty_string": "''",
}
OPS_TEMPLATE = dict(OPS_TYPE, mapping="{implementation: p.b, inputs: {x: 1}}", no_implementation="{inputs: {x: 2}}")
OP_BASE = "{implementation: p.a, inputs: {x: {default: 0}}}"
for base_name, base in [("mapping", OP_BASE), ("string", "p.a"), ("no_op", "{}")]:
    for name in OPS_TYPE:
        add("operations", f"type_{name}_over_{base_name}", head(V) + PLUGIN + f"node_types:\n  t:\n    interfaces:\n      i:\n        op: {base}\n  u:\n    derived_from: t\n    interfaces:\n      i:\n        op: {OPS_TYPE[name]}\nnode_templates:\n  n: {{type: u}}\n")
        add("operations", f"template_{name}_over_{base_name}", head(V) + PLUGIN + f"node_types:\n  t:\n    interfaces:\n      i:\n        op: {base}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {OPS_TEMPLATE[name]}\n")
        add("operations", f"relationship_{name}_over_{base_name}", head(V) + PLUGIN + f"relationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {{default: all_to_all}}\n    source_interfaces:\n      i:\n        op: {base}\nnode_types:\n  t: {{}}\nnode_templates:\n  a: {{type: t}}\n  n:\n    type: t\n    relationships:\n      - type: cloudify.relationships.depends_on\n        target: a\n        source_interfaces:\n          i:\n            op: {OPS_TEMPLATE[name]}\n")
for name in OPS_TEMPLATE:
    add("operations", f"template_{name}_new_interface", head(V) + PLUGIN + f"node_types:\n  t: {{}}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      j:\n        op: {OPS_TEMPLATE[name]}\n")
add("operations", "template_unknown_executor", head(V) + PLUGIN + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {implementation: p.b, executor: somewhere}\n")
add("operations", "type_negative_retries", head(V) + PLUGIN + "node_types:\n  t:\n    interfaces:\n      i:\n        op: {implementation: p.b, max_retries: -2}\nnode_templates:\n  n: {type: t}\n")
add("operations", "type_retries_string", head(V) + PLUGIN + "node_types:\n  t:\n    interfaces:\n      i:\n        op: {implementation: p.b, max_retries: many}\nnode_templates:\n  n: {type: t}\n")
add("operations", "type_unknown_operation_key", head(V) + PLUGIN + "node_types:\n  t:\n    interfaces:\n      i:\n        op: {implementation: p.b, colour: red}\nnode_templates:\n  n: {type: t}\n")
add("operations", "template_input_not_declared_by_string_op", head(V) + PLUGIN + "node_types:\n  t:\n    interfaces:\n      i:\n        op: p.a\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {inputs: {y: 1}}\n")

# --- get_attribute and get_property by context (after Cloudify's test_get_attribute and
# test_functions): which node references each place accepts.
GA_PLACES = {
    "node_op_input": "node_templates:\n  a: {type: t}\n  n:\n    type: t\n    interfaces:\n      i:\n        op:\n          implementation: p.x\n          inputs: {v: FUNC}\n    relationships:\n      - {type: r, target: a}\n",
    "rel_source_op_input": "node_templates:\n  a: {type: t}\n  n:\n    type: t\n    relationships:\n      - type: r\n        target: a\n        source_interfaces:\n          i:\n            op:\n              implementation: p.x\n              inputs: {v: FUNC}\n",
    "rel_target_op_input": "node_templates:\n  a: {type: t}\n  n:\n    type: t\n    relationships:\n      - type: r\n        target: a\n        target_interfaces:\n          i:\n            op:\n              implementation: p.x\n              inputs: {v: FUNC}\n",
    "output": "node_templates:\n  a: {type: t}\n  n:\n    type: t\n    relationships:\n      - {type: r, target: a}\noutputs:\n  o: {value: FUNC}\n",
    "node_property": "node_templates:\n  a: {type: t}\n  n:\n    type: t\n    properties: {k: FUNC}\n    relationships:\n      - {type: r, target: a}\n",
    "rel_property": "node_templates:\n  a: {type: t}\n  n:\n    type: t\n    relationships:\n      - {type: r, target: a, properties: {w: FUNC}}\n",
    "type_op_input_default": "  u:\n    interfaces:\n      i:\n        op:\n          implementation: p.x\n          inputs: {v: {default: FUNC}}\nnode_templates:\n  a: {type: t}\n  n:\n    type: u\n    relationships:\n      - {type: r, target: a}\n",
    "rel_type_op_input_default": "node_templates:\n  a: {type: t}\n  n:\n    type: t\n    relationships:\n      - {type: r2, target: a}\n",
}
# The two type-default places extend GA_BASE's own sections (a second `node_types:` or
# `relationships:` key would replace the first, and both parsers would refuse the case for that).
REL_TYPE_WITH_INPUT_DEFAULT = "  r2:\n    derived_from: r\n    source_interfaces:\n      i:\n        op:\n          implementation: p.x\n          inputs: {v: {default: FUNC}}\n"
GA_BASE = head(V) + PLUGIN + "relationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {default: all_to_all}\n  r:\n    derived_from: cloudify.relationships.depends_on\n    properties:\n      w: {default: 0}\nnode_types:\n  t:\n    properties:\n      k: {default: 0}\n"
for function in ["get_attribute", "get_property"]:
    for ref in ["SELF", "SOURCE", "TARGET", "a", "nowhere"]:
        attribute = "ip" if function == "get_attribute" else "k"
        for place, body in GA_PLACES.items():
            base = GA_BASE
            if place == "rel_type_op_input_default":
                base = base.replace("node_types:\n", REL_TYPE_WITH_INPUT_DEFAULT + "node_types:\n")
            text = (base + body).replace("FUNC", f"{{{function}: [{ref}, {attribute}]}}")
            add("contexts", f"{function}_{ref.lower()}_{place}", text)

# --- DSL 1_4/1_5 inputs: item_type, display hints, entity types (after test_inputs,
# test_list_item_type and test_constraints).
for v in ["1_3", "1_4", "1_5"]:
    add("inputs15", f"item_type_{v}", head(v) + "inputs:\n  i: {type: list, item_type: integer, default: [1, 2]}\n" + MINIMAL)
    add("inputs15", f"item_type_wrong_item_{v}", head(v) + "inputs:\n  i: {type: list, item_type: integer, default: [1, a]}\n" + MINIMAL)
    add("inputs15", f"item_type_on_string_{v}", head(v) + "inputs:\n  i: {type: string, item_type: integer, default: a}\n" + MINIMAL)
    add("inputs15", f"item_type_unknown_{v}", head(v) + "inputs:\n  i: {type: list, item_type: nothing, default: []}\n" + MINIMAL)
    add("inputs15", f"display_label_{v}", head(v) + "inputs:\n  i: {default: 1, display_label: Number}\n" + MINIMAL)
    add("inputs15", f"display_label_not_string_{v}", head(v) + "inputs:\n  i: {default: 1, display_label: [a]}\n" + MINIMAL)
    add("inputs15", f"hidden_not_boolean_{v}", head(v) + "inputs:\n  i: {default: 1, hidden: sometimes}\n" + MINIMAL)
    add("inputs15", f"display_rows_{v}", head(v) + "inputs:\n  i: {type: textarea, default: a, display: {rows: 3}}\n" + MINIMAL)
    add("inputs15", f"display_rows_string_{v}", head(v) + "inputs:\n  i: {type: textarea, default: a, display: {rows: many}}\n" + MINIMAL)
    add("inputs15", f"display_unknown_key_{v}", head(v) + "inputs:\n  i: {type: textarea, default: a, display: {columns: 3}}\n" + MINIMAL)
    add("inputs15", f"textarea_{v}", head(v) + "inputs:\n  i: {type: textarea, default: a}\n" + MINIMAL)
    add("inputs15", f"regex_{v}", head(v) + "inputs:\n  i: {type: regex, default: '^a+$'}\n" + MINIMAL)
    add("inputs15", f"regex_invalid_{v}", head(v) + "inputs:\n  i: {type: regex, default: '(a'}\n" + MINIMAL)
    add("inputs15", f"constraint_pattern_{v}", head(v) + "inputs:\n  i:\n    default: abc\n    constraints:\n      - pattern: '^a.*'\n" + MINIMAL)
    add("inputs15", f"constraint_pattern_violated_{v}", head(v) + "inputs:\n  i:\n    default: xbc\n    constraints:\n      - pattern: '^a.*'\n" + MINIMAL)
    add("inputs15", f"constraint_two_operators_{v}", head(v) + "inputs:\n  i:\n    default: 3\n    constraints:\n      - {greater_than: 1, less_than: 5}\n" + MINIMAL)
    add("inputs15", f"constraint_error_message_only_{v}", head(v) + "inputs:\n  i:\n    default: 3\n    constraints:\n      - {error_message: bad}\n" + MINIMAL)
    add("inputs15", f"data_type_input_{v}", head(v) + "data_types:\n  d:\n    properties:\n      a: {type: integer, default: 1}\n      b: {type: string}\ninputs:\n  i: {type: d, default: {b: x}}\n" + MINIMAL)
    add("inputs15", f"data_type_input_missing_field_{v}", head(v) + "data_types:\n  d:\n    properties:\n      a: {type: integer, default: 1}\n      b: {type: string}\ninputs:\n  i: {type: d, default: {a: 2}}\n" + MINIMAL)
    add("inputs15", f"data_type_input_extra_field_{v}", head(v) + "data_types:\n  d:\n    properties:\n      a: {type: integer, default: 1}\ninputs:\n  i: {type: d, default: {a: 2, z: 1}}\n" + MINIMAL)
    add("inputs15", f"workflow_parameter_constraint_{v}", head(v) + PLUGIN + "workflows:\n  w:\n    mapping: p.w\n    parameters:\n      x:\n        default: 5\n        constraints:\n          - less_than: 3\n" + MINIMAL)
    add("inputs15", f"workflow_parameter_item_type_{v}", head(v) + PLUGIN + "workflows:\n  w:\n    mapping: p.w\n    parameters:\n      x: {type: list, item_type: string, default: [a]}\n" + MINIMAL)

# --- scaling: the scaling-group rules Cloudify checks while parsing (after its
# scaling/test_scaling_policies_and_groups and test_groups), which validate reports too.
SC = head(V) + TYPES_IMPORT + "node_templates:\n  host: {type: cloudify.nodes.Root}\n  a:\n    type: cloudify.nodes.Root\n    relationships:\n      - {type: cloudify.relationships.contained_in, target: host}\n  b: {type: cloudify.nodes.Root}\n  c: {type: cloudify.nodes.Root}\n"
def scaling(name: str, body: str) -> None:
    # A body with node templates of its own stands alone (one node_templates key per file).
    add("scaling", name, (head(V) + TYPES_IMPORT if "node_templates:" in body else SC) + body)
POLICY = "policies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n"
scaling("ok", "groups:\n  g: {members: [b, c]}\n" + POLICY)
scaling("group_cycle", "groups:\n  g: {members: [h]}\n  h: {members: [g]}\npolicies:\n  s: {type: cloudify.policies.scaling, targets: [g, h]}\n")
scaling("nested_groups", "groups:\n  g: {members: [h]}\n  h: {members: [b]}\npolicies:\n  s: {type: cloudify.policies.scaling, targets: [g, h]}\n")
scaling("member_of_two", "groups:\n  g: {members: [b]}\n  h: {members: [b]}\npolicies:\n  s: {type: cloudify.policies.scaling, targets: [g, h]}\n")
scaling("member_of_two_one_scaling", "groups:\n  g: {members: [b]}\n  h: {members: [b]}\n" + POLICY)
scaling("no_common_container", "groups:\n  g: {members: [a, b]}\n" + POLICY)
scaling("contained_with_host", "groups:\n  g: {members: [a, host]}\n" + POLICY)
for prop, value in [("default_instances", "-1"), ("min_instances", "-1"), ("max_instances", "-2"), ("max_instances", "UNBOUNDED"),
                    ("max_instances", "lots"), ("default_instances", "two"), ("max_instances", "-1")]:
    scaling(f"{prop}_{value.strip('-').lower()}{'_negative' if value.startswith('-') else ''}",
            "groups:\n  g: {members: [b]}\n" + POLICY + f"    properties: {{{prop}: {value}}}\n")
scaling("default_above_max", "groups:\n  g: {members: [b]}\n" + POLICY + "    properties: {default_instances: 5, max_instances: 3}\n")
scaling("min_above_default", "groups:\n  g: {members: [b]}\n" + POLICY + "    properties: {default_instances: 1, min_instances: 3}\n")
scaling("instances_deploy_and_scalable", "groups: {}\n".replace("groups: {}\n", "") + "node_types:\n  nt: {}\nnode_templates:\n  d:\n    type: nt\n    instances: {deploy: 2}\n    capabilities:\n      scalable:\n        properties: {default_instances: 2}\n")
scaling("scalable_bad_bounds", "node_types:\n  nt: {}\nnode_templates:\n  d:\n    type: nt\n    capabilities:\n      scalable:\n        properties: {default_instances: 4, max_instances: 2}\n")
scaling("scalable_unbounded", "node_types:\n  nt: {}\nnode_templates:\n  d:\n    type: nt\n    capabilities:\n      scalable:\n        properties: {max_instances: UNBOUNDED}\n")
scaling("scalable_string_max", "node_types:\n  nt: {}\nnode_templates:\n  d:\n    type: nt\n    capabilities:\n      scalable:\n        properties: {max_instances: many}\n")
scaling("scalable_get_input", "inputs:\n  n: {default: 3}\nnode_types:\n  nt: {}\nnode_templates:\n  d:\n    type: nt\n    capabilities:\n      scalable:\n        properties: {default_instances: {get_input: n}}\n")
scaling("group_member_unknown", "groups:\n  g: {members: [zz]}\n" + POLICY)
scaling("empty_group", "groups:\n  g: {members: []}\n" + POLICY)

# --- data types and inputs, deeper (after Cloudify's test_data_types and test_inputs) ----------
D = head(V)
add("data_types", "nested_defaults", D + "data_types:\n  inner:\n    properties:\n      a: {type: integer, default: 1}\n  outer:\n    properties:\n      in: {type: inner, default: {}}\nnode_types:\n  t:\n    properties:\n      p: {type: outer, default: {}}\nnode_templates:\n  n: {type: t}\n")
add("data_types", "nested_missing_required", D + "data_types:\n  inner:\n    properties:\n      a: {type: integer}\n  outer:\n    properties:\n      in: {type: inner}\nnode_types:\n  t:\n    properties:\n      p: {type: outer}\nnode_templates:\n  n:\n    type: t\n    properties: {p: {in: {}}}\n")
add("data_types", "derived_overrides_default", D + "data_types:\n  a:\n    properties:\n      x: {type: integer, default: 1}\n  b:\n    derived_from: a\n    properties:\n      x: {type: integer, default: 2}\nnode_types:\n  t:\n    properties:\n      p: {type: b, default: {}}\nnode_templates:\n  n: {type: t}\n")
add("data_types", "derived_changes_type", D + "data_types:\n  a:\n    properties:\n      x: {type: integer, default: 1}\n  b:\n    derived_from: a\n    properties:\n      x: {type: string, default: s}\nnode_types:\n  t:\n    properties:\n      p: {type: b, default: {}}\nnode_templates:\n  n: {type: t}\n")
add("data_types", "list_of_data_type", D + "data_types:\n  a:\n    properties:\n      x: {type: integer}\nnode_types:\n  t:\n    properties:\n      p: {type: list, default: [{x: 1}]}\nnode_templates:\n  n: {type: t}\n")
add("data_types", "data_type_get_input_field", D + "inputs:\n  i: {default: 3}\ndata_types:\n  a:\n    properties:\n      x: {type: integer}\nnode_types:\n  t:\n    properties:\n      p: {type: a}\nnode_templates:\n  n:\n    type: t\n    properties: {p: {x: {get_input: i}}}\n")
add("data_types", "data_type_whole_get_input", D + "inputs:\n  i: {default: {x: 3}}\ndata_types:\n  a:\n    properties:\n      x: {type: integer}\nnode_types:\n  t:\n    properties:\n      p: {type: a}\nnode_templates:\n  n:\n    type: t\n    properties: {p: {get_input: i}}\n")
add("data_types", "data_type_description_only", D + "data_types:\n  a:\n    description: nothing inside\nnode_types:\n  t:\n    properties:\n      p: {type: a, default: {}}\nnode_templates:\n  n: {type: t}\n")
add("data_types", "data_type_property_no_type", D + "data_types:\n  a:\n    properties:\n      x: {default: anything}\nnode_types:\n  t:\n    properties:\n      p: {type: a, default: {x: [1]}}\nnode_templates:\n  n: {type: t}\n")
add("data_types", "data_type_required_false", D + "data_types:\n  a:\n    properties:\n      x: {type: integer, required: false}\nnode_types:\n  t:\n    properties:\n      p: {type: a, default: {}}\nnode_templates:\n  n: {type: t}\n")
add("data_types", "data_type_constraint", D + "data_types:\n  a:\n    properties:\n      x:\n        type: integer\n        default: 5\n        constraints:\n          - less_than: 3\nnode_types:\n  t:\n    properties:\n      p: {type: a, default: {}}\nnode_templates:\n  n: {type: t}\n")
add("data_types", "node_type_property_constraint", D + "node_types:\n  t:\n    properties:\n      x:\n        type: integer\n        default: 1\n        constraints:\n          - less_than: 3\nnode_templates:\n  n: {type: t}\n")
add("data_types", "input_of_list_type_with_dict", D + "inputs:\n  i: {type: list, default: {a: 1}}\n" + MINIMAL)
add("data_types", "input_integer_as_string_number", D + "inputs:\n  i: {type: integer, default: '3'}\n" + MINIMAL)
add("data_types", "input_float_from_int", D + "inputs:\n  i: {type: float, default: 3}\n" + MINIMAL)
add("data_types", "input_boolean_yes", D + "inputs:\n  i: {type: boolean, default: yes}\n" + MINIMAL)
add("data_types", "input_description_not_string", D + "inputs:\n  i: {default: 1, description: [a]}\n" + MINIMAL)
add("data_types", "input_get_input_other_default", D + "inputs:\n  a: {default: x}\n  b: {default: {concat: [{get_input: a}, y]}}\n" + MINIMAL)
add("data_types", "output_get_input_missing", D + "inputs:\n  a: {default: x}\n" + MINIMAL + "outputs:\n  o:\n    value: {get_input: b}\n")
add("data_types", "input_data_type_nested_completed", D + "data_types:\n  inner:\n    properties:\n      depth: {type: integer, default: 3}\n  conf:\n    properties:\n      port: {type: integer, default: 22}\n      nested: {type: inner}\n      flag: {type: boolean, default: false}\ninputs:\n  c: {type: conf, default: {port: 2222, flag: yes}}\n" + MINIMAL)
add("data_types", "input_data_type_empty_default", D + "data_types:\n  conf:\n    properties:\n      user: {type: string, default: root}\ninputs:\n  c: {type: conf, default: {}}\n" + MINIMAL + "outputs:\n  u:\n    value: {get_input: [c, user]}\n")
add("data_types", "capability_get_attribute", D + MINIMAL + "capabilities:\n  c:\n    value: {get_attribute: [test_node, ip]}\n")

# --- labels, capabilities and outputs (after Cloudify's test_labels, test_capabilities,
# test_outputs): what each value may be, functions in them, and what is refused ------------------
L = head("1_5") + "inputs:\n  i: {default: x}\n" + MINIMAL
for name, values in [("string", "[prod]"), ("empty", "[]"), ("get_input", "[{get_input: i}]"),
                     ("concat", "[{concat: [a, {get_input: i}]}]"), ("get_property", "[{get_property: [test_node, key]}]"),
                     ("get_attribute", "[a, {get_attribute: [test_node, ip]}]"), ("integer", "[1]"), ("null_item", "[null]"),
                     ("list_item", "[[a, b]]"), ("not_list", "prod"), ("get_input_unknown", "[{get_input: zz}]"),
                     ("get_sys", "[{get_sys: [deployment, id]}]")]:
    add("labels", f"deployment_{name}", L + f"labels:\n  env:\n    values: {values}\n")
    add("labels", f"blueprint_{name}", L + f"blueprint_labels:\n  env:\n    values: {values}\n")
add("labels", "deployment_missing_values", L + "labels:\n  env: {}\n")
add("labels", "deployment_unknown_key", L + "labels:\n  env:\n    values: [a]\n    colour: red\n")
add("labels", "deployment_not_mapping", L + "labels:\n  env: [a]\n")
add("labels", "section_list", L + "labels: [a]\n")
add("labels", "both_sections", L + "labels:\n  env: {values: [a]}\nblueprint_labels:\n  env: {values: [b]}\n")
add("labels", "resource_tags_values", L + "resource_tags:\n  a: 1\n  b: x\n  c: true\n")
add("labels", "resource_tags_list_value", L + "resource_tags:\n  a: [1]\n")
add("labels", "resource_tags_get_input", L + "resource_tags:\n  a: {get_input: i}\n")
add("labels", "resource_tags_list", L + "resource_tags: [a]\n")

C = head("1_5") + "inputs:\n  i: {default: x}\n" + MINIMAL
for section in ["capabilities", "outputs"]:
    for name, body in [("literal_values", "  a: {value: 1}\n  b: {value: [1, x]}\n  c: {value: {k: v}}\n  d: {value: false}\n"),
                       ("null_value", "  a: {value: null}\n"), ("missing_value", "  a: {description: d}\n"),
                       ("description_not_string", "  a: {value: 1, description: 5}\n"), ("unknown_key", "  a: {value: 1, colour: red}\n"),
                       ("not_mapping", "  a: 1\n"), ("get_input", "  a: {value: {get_input: i}}\n"),
                       ("get_input_unknown", "  a: {value: {get_input: zz}}\n"), ("get_property", "  a: {value: {get_property: [test_node, key]}}\n"),
                       ("get_property_unknown_node", "  a: {value: {get_property: [zz, key]}}\n"),
                       ("get_property_self", "  a: {value: {get_property: [SELF, key]}}\n"),
                       ("get_attribute_unknown_node", "  a: {value: {get_attribute: [zz, ip]}}\n"),
                       ("get_attribute_string_argument", "  a: {value: {get_attribute: zz}}\n"),
                       ("nested_get_attribute_unknown_node", "  a:\n    value:\n      ip: 10.0.0.1\n      port: {get_attribute: [zz, port]}\n"),
                       ("nested_functions", "  a:\n    value:\n      - {get_input: i}\n      - {k: {concat: [{get_property: [test_node, key]}, {get_attribute: [test_node, ip]}]}}\n"),
                       ("get_sys_blueprint", "  a: {value: {get_sys: [deployment, blueprint]}}\n"),
                       ("get_sys_tenant", "  a: {value: {get_sys: [tenant, name]}}\n"),
                       ("empty_section", None)]:
        text = C + (f"{section}: {{}}\n" if body is None else f"{section}:\n{body}")
        add("outputs", f"{section}_{name}", text)
for v in ["1_0", "1_2", "1_3"]:
    add("outputs", f"capabilities_{v}", head(v) + MINIMAL + "capabilities:\n  a: {value: 1}\n")

# --- string functions, concat, merge and get_sys (after Cloudify's test_functions and
# test_get_sys): the arguments each takes and what it refuses before running -------------------
S = head("1_5") + "inputs:\n  s: {default: a-b-c}\n  n: {default: 1}\n  d: {default: {k: v}}\n  l: {default: [1, 2]}\n" + MINIMAL
for name, value in [
        ("find_ok", "{string_find: [abc, b]}"), ("find_one_arg", "{string_find: [abc]}"), ("find_three_args", "{string_find: [abc, b, c]}"),
        ("find_not_list", "{string_find: abc}"), ("find_integer", "{string_find: [123, 2]}"), ("find_input", "{string_find: [{get_input: s}, b]}"),
        ("find_integer_input", "{string_find: [{get_input: n}, b]}"), ("find_list_input", "{string_find: [{get_input: l}, b]}"),
        ("replace_ok", "{string_replace: [abc, b, x]}"), ("replace_count", "{string_replace: [abcb, b, x, 1]}"),
        ("replace_count_string", "{string_replace: [abcb, b, x, one]}"), ("replace_two_args", "{string_replace: [abc, b]}"),
        ("replace_five_args", "{string_replace: [abc, b, x, 1, 2]}"), ("replace_integer_replacement", "{string_replace: [abc, b, 1]}"),
        ("split_ok", "{string_split: [a-b, '-']}"), ("split_index", "{string_split: [a-b, '-', 1]}"),
        ("split_index_out_of_range", "{string_split: [a-b, '-', 5]}"), ("split_index_negative", "{string_split: [a-b, '-', -1]}"),
        ("split_index_zero", "{string_split: [a-b, '-', 0]}"), ("split_index_string", "{string_split: [a-b, '-', one]}"),
        ("split_one_arg", "{string_split: [a-b]}"), ("split_input", "{string_split: [{get_input: s}, '-', 2]}"),
        ("split_empty_separator", "{string_split: [a-b, '']}"), ("split_integer", "{string_split: [123, 2]}"),
        ("lower_ok", "{string_lower: ABC}"), ("lower_list", "{string_lower: [ABC]}"), ("lower_integer", "{string_lower: 5}"),
        ("lower_input", "{string_lower: {get_input: s}}"), ("lower_integer_input", "{string_lower: {get_input: n}}"),
        ("upper_mapping", "{string_upper: {a: 1, b: 2}}"), ("upper_nested", "{string_upper: {string_lower: AbC}}"),
        ("upper_not_function_mapping", "{string_upper: {a: 1}}"),
        ("concat_numbers", "{concat: [1, 2.5, true]}"), ("concat_list_item", "{concat: [a, [1, 2]]}"), ("concat_empty", "{concat: []}"),
        ("concat_nested", "{concat: [{concat: [a, b]}, {string_upper: c}]}"), ("concat_dict_input", "{concat: [a, {get_input: d}]}"),
        ("merge_ok", "{merge: [{a: 1}, {a: 2, b: 3}]}"), ("merge_string_item", "{merge: [{a: 1}, b]}"), ("merge_not_list", "{merge: {a: 1}}"),
        ("merge_input", "{merge: [{get_input: d}, {b: 3}]}"), ("merge_list_input", "{merge: [{get_input: l}, {b: 3}]}"),
        ("merge_empty", "{merge: []}"), ("merge_get_attribute", "{merge: [{get_attribute: [test_node, a]}, {b: 3}]}"),
        ("get_sys_deployment_id", "{get_sys: [deployment, id]}"), ("get_sys_deployment_owner", "{get_sys: [deployment, owner]}"),
        ("get_sys_unknown_entity", "{get_sys: [node, id]}"), ("get_sys_unknown_property", "{get_sys: [deployment, colour]}"),
        ("get_sys_one_arg", "{get_sys: [deployment]}"), ("get_sys_three_args", "{get_sys: [deployment, id, x]}"),
        ("get_sys_not_list", "{get_sys: deployment}"), ("get_sys_entity_input", "{get_sys: [{get_input: s}, id]}"),
        ("get_sys_tenant_id", "{get_sys: [tenant, id]}")]:
    add("strings", f"output_{name}", S + f"outputs:\n  o:\n    value: {value}\n")
for name, value in [("find_property", "{string_find: [abc, b]}"), ("split_index_out_of_range_property", "{string_split: [a-b, '-', 5]}"),
                    ("merge_string_item_property", "{merge: [{a: 1}, b]}"), ("lower_integer_property", "{string_lower: 5}"),
                    ("get_sys_unknown_entity_property", "{get_sys: [node, id]}"), ("replace_get_property", "{string_replace: [{get_property: [SELF, other]}, b, x]}"),
                    ("upper_get_attribute_property", "{string_upper: {get_attribute: [SELF, a]}}")]:
    add("strings", name, head("1_5") + f"node_types:\n  t:\n    properties:\n      key: {{}}\n      other: {{default: abc}}\nnode_templates:\n  n:\n    type: t\n    properties:\n      key: {value}\n")
for v in ["1_2", "1_3", "1_4"]:
    add("strings", f"string_find_{v}", head(v) + MINIMAL + "outputs:\n  o:\n    value: {string_find: [abc, b]}\n")
    add("strings", f"get_sys_{v}", head(v) + MINIMAL + "outputs:\n  o:\n    value: {get_sys: [deployment, id]}\n")

# --- deployment_settings (after Cloudify's test_deployment_schedules): each key's type, the
# schedules' times and their arguments -------------------------------------------------------------
DS = head("1_5") + "inputs:\n  i: {default: x}\n" + MINIMAL + "deployment_settings:\n"
SCHED = "  default_schedules:\n    sc:\n      workflow: install\n"
for name, body in [
        ("display_name_string", "  display_name: my-dep\n"), ("display_name_input", "  display_name: {get_input: i}\n"),
        ("display_name_integer", "  display_name: 5\n"), ("display_name_list", "  display_name: [a]\n"),
        ("id_template_string", "  id_template: dep-{uuid}\n"), ("id_template_integer", "  id_template: 5\n"),
        ("default_groups_list", "  default_groups: [g1, g2]\n"), ("default_groups_string", "  default_groups: g1\n"),
        ("not_mapping", None), ("unknown_key", "  colour: red\n"),
        ("since_absolute", SCHED + "      since: '2030-01-01 12:00'\n"), ("since_time_only", SCHED + "      since: '12:00'\n"),
        ("since_relative", SCHED + "      since: '+1d'\n"), ("since_relative_two", SCHED + "      since: '+1d+2h'\n"),
        ("since_bad", SCHED + "      since: tomorrow\n"), ("since_bad_date", SCHED + "      since: '2030-13-01 12:00'\n"),
        ("since_iso", SCHED + "      since: '2030-01-01T12:00:00'\n"), ("since_relative_bad_unit", SCHED + "      since: '+1 fortnight'\n"),
        ("since_integer", SCHED + "      since: 5\n"), ("until_ok", SCHED + "      since: '12:00'\n      until: '2031-01-01 00:00'\n"),
        ("until_bad", SCHED + "      since: '12:00'\n      until: never\n"),
        ("timezone_ok", SCHED + "      since: '12:00'\n      timezone: Europe/Paris\n"),
        ("timezone_alias", SCHED + "      since: '12:00'\n      timezone: EST\n"),
        ("timezone_bad", SCHED + "      since: '12:00'\n      timezone: Mars/Olympus\n"),
        ("timezone_with_relative_since", SCHED + "      since: '+1h'\n      timezone: Mars/Olympus\n"),
        ("count_ok", SCHED + "      since: '12:00'\n      count: 3\n"), ("count_string", SCHED + "      since: '12:00'\n      count: three\n"),
        ("slip_string", SCHED + "      since: '12:00'\n      slip: x\n"), ("default_enabled_string", SCHED + "      since: '12:00'\n      default_enabled: maybe\n"),
        ("stop_after_fail_bool", SCHED + "      since: '12:00'\n      stop_after_fail: false\n"),
        ("stop_after_fail_integer", SCHED + "      since: '12:00'\n      stop_after_fail: 1\n"),
        ("execution_arguments_ok", SCHED + "      since: '12:00'\n      execution_arguments: {force: true, is_dry_run: false, wait_after_fail: 5, allow_custom_parameters: true}\n"),
        ("execution_arguments_unknown", SCHED + "      since: '12:00'\n      execution_arguments: {queue: true}\n"),
        ("execution_arguments_wrong_type", SCHED + "      since: '12:00'\n      execution_arguments: {force: yes_please}\n"),
        ("workflow_parameters_list", SCHED + "      since: '12:00'\n      workflow_parameters: [a]\n"),
        ("workflow_parameters_input", SCHED + "      since: '12:00'\n      workflow_parameters: {a: {get_input: i}}\n"),
        ("workflow_integer", "  default_schedules:\n    sc:\n      workflow: 5\n      since: '12:00'\n"),
        ("recurrence_ok", SCHED + "      since: '12:00'\n      recurrence: 2 weeks\n"), ("recurrence_bad", SCHED + "      since: '12:00'\n      recurrence: often\n"),
        ("weekdays_string", SCHED + "      since: '12:00'\n      weekdays: mo\n"), ("weekdays_ok", SCHED + "      since: '12:00'\n      weekdays: [mo, 2TU, l-fr]\n")]:
    add("settings", name, DS.replace("deployment_settings:\n", "deployment_settings: [a]\n") if body is None else DS + body)

# --- data types, nested defaults (after Cloudify's test_data_types): defaults at every level,
# derivation, what a default or a template may leave out ------------------------------------------
DT = head("1_3") + "data_types:\n  inner:\n    properties:\n      a: {type: integer, default: 1}\n      b: {type: string, default: two}\n"
def data_type_case(name: str, types: str, node_type: str, template: str = "") -> None:
    add("data_types", name, DT + types + "node_types:\n  t:\n    properties:\n" + node_type
        + "node_templates:\n  n:\n    type: t\n" + (f"    properties:\n{template}" if template else ""))
data_type_case("nested_partial_default", "  outer:\n    properties:\n      in: {type: inner, default: {a: 5}}\n", "      p: {type: outer}\n", "      p: {}\n")
data_type_case("nested_required_in_field_default", "  req:\n    properties:\n      a: {type: integer}\n      b: {type: integer, default: 2}\n  outer:\n    properties:\n      in: {type: req, default: {b: 3}}\n",
               "      p: {type: outer}\n", "      p: {}\n")
data_type_case("nested_required_given_by_property_default", "  req:\n    properties:\n      a: {type: integer}\n  outer:\n    properties:\n      in: {type: req}\n",
               "      p: {type: outer, default: {in: {a: 1}}}\n", "      p: {in: {}}\n")
data_type_case("nested_default_wrong_type", "  outer:\n    properties:\n      in: {type: inner, default: {a: x}}\n", "      p: {type: outer}\n", "      p: {}\n")
data_type_case("nested_default_unknown_field", "  outer:\n    properties:\n      in: {type: inner, default: {zz: 1}}\n", "      p: {type: outer}\n", "      p: {}\n")
data_type_case("nested_default_unused_wrong_type", "  outer:\n    properties:\n      in: {type: inner, default: {a: x}}\n", "      p: {type: outer, required: false}\n")
data_type_case("template_unknown_nested_field", "  outer:\n    properties:\n      in: {type: inner}\n", "      p: {type: outer}\n", "      p: {in: {zz: 1}}\n")
data_type_case("template_nested_wrong_type", "  outer:\n    properties:\n      in: {type: inner}\n", "      p: {type: outer}\n", "      p: {in: {a: [1]}}\n")
data_type_case("template_nested_string", "  outer:\n    properties:\n      in: {type: inner}\n", "      p: {type: outer}\n", "      p: {in: text}\n")
data_type_case("template_nested_null", "  outer:\n    properties:\n      in: {type: inner}\n", "      p: {type: outer}\n", "      p: {in: null}\n")
data_type_case("template_whole_null", "", "      p: {type: inner}\n", "      p: null\n")
data_type_case("template_whole_list", "", "      p: {type: inner}\n", "      p: [1]\n")
data_type_case("derived_adds_required", "  more:\n    derived_from: inner\n    properties:\n      c: {type: integer}\n", "      p: {type: more, default: {a: 2}}\n")
data_type_case("derived_adds_required_given", "  more:\n    derived_from: inner\n    properties:\n      c: {type: integer}\n", "      p: {type: more}\n", "      p: {c: 3}\n")
data_type_case("derived_from_unknown", "  more:\n    derived_from: zz\n", "      p: {type: more, default: {}}\n")
data_type_case("derived_from_itself", "  more:\n    derived_from: more\n", "      p: {type: more, default: {}}\n")
data_type_case("derived_cycle", "  x:\n    derived_from: y\n  y:\n    derived_from: x\n", "      p: {type: x, default: {}}\n")
data_type_case("field_of_own_type", "  tree:\n    properties:\n      child: {type: tree, required: false}\n", "      p: {type: tree, default: {}}\n")
data_type_case("field_unknown_type", "  more:\n    properties:\n      c: {type: zz}\n", "      p: {type: more, default: {c: 1}}\n")
data_type_case("field_default_get_input", "  more:\n    properties:\n      c: {type: integer, default: {get_input: i}}\ninputs:\n  i: {default: 3}\n", "      p: {type: more, default: {}}\n")
data_type_case("name_of_node_type", "  t:\n    properties:\n      c: {type: integer, default: 1}\n", "      p: {type: t, default: {}}\n")
data_type_case("name_of_primitive", "  integer:\n    properties:\n      c: {type: integer, default: 1}\n", "      p: {type: integer, default: {}}\n")
data_type_case("three_levels_default", "  mid:\n    properties:\n      in: {type: inner}\n  top:\n    properties:\n      mid: {type: mid, default: {in: {b: three}}}\n",
               "      p: {type: top}\n", "      p: {mid: {in: {a: 9}}}\n")
data_type_case("derived_field_type_narrowed", "  more:\n    derived_from: inner\n    properties:\n      a: {type: inner, default: {}}\n", "      p: {type: more, default: {}}\n")
data_type_case("property_default_and_field_defaults", "", "      p: {type: inner, default: {a: 7}}\n", "      p: {b: eight}\n")
data_type_case("list_field_of_type", "  holder:\n    properties:\n      items: {type: list, default: [{a: x}]}\n", "      p: {type: holder, default: {}}\n")
data_type_case("dict_field_given_list", "  holder:\n    properties:\n      d: {type: dict}\n", "      p: {type: holder}\n", "      p: {d: [1]}\n")
data_type_case("get_input_whole_nested", "  outer:\n    properties:\n      in: {type: inner}\ninputs:\n  i: {default: {a: 4}}\n", "      p: {type: outer}\n", "      p: {in: {get_input: i}}\n")
add("data_types", "get_input_whole_nested_wrong", DT.replace("data_types:", "inputs:\n  i: {default: {a: x}}\ndata_types:") + "  outer:\n    properties:\n      in: {type: inner}\nnode_types:\n  t:\n    properties:\n      p: {type: outer}\nnode_templates:\n  n:\n    type: t\n    properties:\n      p: {in: {get_input: i}}\n")
add("data_types", "input_nested_unknown_field", DT + "  outer:\n    properties:\n      in: {type: inner}\ninputs:\n  c: {type: outer, default: {in: {zz: 1}}}\n" + MINIMAL)
add("data_types", "input_nested_wrong_type", DT + "  outer:\n    properties:\n      in: {type: inner}\ninputs:\n  c: {type: outer, default: {in: {a: x}}}\n" + MINIMAL)
add("data_types", "input_nested_required_missing", DT + "  req:\n    properties:\n      a: {type: integer}\n  outer:\n    properties:\n      in: {type: req}\ninputs:\n  c: {type: outer, default: {in: {}}}\n" + MINIMAL)
add("data_types", "input_unknown_type", head("1_3") + "inputs:\n  c: {type: zz, default: 1}\n" + MINIMAL)
add("data_types", "workflow_parameter_data_type", head("1_3") + PLUGIN + "data_types:\n  inner:\n    properties:\n      a: {type: integer, default: 1}\nworkflows:\n  w:\n    mapping: p.w\n    parameters:\n      x: {type: inner, default: {a: x}}\n" + MINIMAL)
add("data_types", "relationship_property_data_type", head("1_3") + "data_types:\n  inner:\n    properties:\n      a: {type: integer}\nrelationships:\n  r:\n    properties:\n      p: {type: inner}\nnode_types:\n  t: {}\nnode_templates:\n  m: {type: t}\n  n:\n    type: t\n    relationships:\n      - {type: r, target: m, properties: {p: {}}}\n")

# --- plugins, further (after Cloudify's test_plugin_properties and test_plugins_to_install) -------
PP = "plugins:\n  p:\n    executor: central_deployment_agent\n    source: dummy\n"
for name, extra, v in [("properties_1_5", "    properties:\n      key: {type: string, description: d, display_label: Key}\n", "1_5"),
                       ("properties_1_4", "    properties:\n      key: {type: string}\n", "1_4"),
                       ("properties_value", "    properties:\n      key: {type: integer, value: 3}\n", "1_5"),
                       ("properties_value_wrong_type", "    properties:\n      key: {type: integer, value: x}\n", "1_5"),
                       ("properties_unknown_key", "    properties:\n      key: {type: string, default: x}\n", "1_5"),
                       ("properties_unknown_type", "    properties:\n      key: {type: zz}\n", "1_5"),
                       ("properties_not_mapping", "    properties: [a]\n", "1_5"),
                       ("properties_description_1_5", "    properties_description: credentials\n", "1_5"),
                       ("properties_description_1_4", "    properties_description: credentials\n", "1_4"),
                       ("properties_description_list", "    properties_description: [a]\n", "1_5"),
                       ("package_version_number", "    package_name: x\n    package_version: 1.0\n", "1_3"),
                       ("supported_platform", "    supported_platform: linux_x86_64\n", "1_3"),
                       ("distribution_number", "    distribution: 7\n", "1_3"),
                       ("install_arguments_list", "    install_arguments: [a]\n", "1_3"),
                       ("executor_not_string", "    executor: [a]\n", "1_3")]:
    add("plugins", name, head(v) + PP.replace("    executor: central_deployment_agent\n", "") + ("    executor: central_deployment_agent\n" if "executor" not in extra else "") + extra + PLUGIN_USER)
for name, op in [("op_executor_host_agent", "          executor: host_agent\n"), ("op_executor_central", "          executor: central_deployment_agent\n"),
                 ("op_executor_moon", "          executor: moon\n"), ("op_executor_null", "          executor: null\n")]:
    add("plugins", name, head("1_3") + PP + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op:\n          implementation: p.task\n" + op)
add("plugins", "plugin_name_with_dot", head("1_3") + PP.replace("  p:", "  p.x:") + "node_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: p.x.task\n")
add("plugins", "unused_plugin_without_source", head("1_3") + "plugins:\n  q:\n    executor: central_deployment_agent\n" + MINIMAL)
add("plugins", "unused_host_agent_plugin", head("1_3") + "plugins:\n  q:\n    executor: host_agent\n    source: dummy\n" + MINIMAL)
add("plugins", "workflow_plugin_host_agent", head("1_3") + "plugins:\n  q:\n    executor: host_agent\n    source: dummy\nworkflows:\n  w: q.run\n" + MINIMAL)
add("plugins", "relationship_op_host_agent_target_not_host", head("1_3") + "plugins:\n  q:\n    executor: host_agent\n    source: dummy\nrelationships:\n  r: {}\nnode_types:\n  t: {}\nnode_templates:\n  m: {type: t}\n  n:\n    type: t\n    relationships:\n      - type: r\n        target: m\n        target_interfaces:\n          i:\n            op: q.task\n")
add("plugins", "plugins_section_list", head("1_3") + "plugins: [a]\n" + MINIMAL)
add("plugins", "plugin_empty", head("1_3") + "plugins:\n  q: {}\n" + MINIMAL)

# --- groups and policies, further (after Cloudify's scaling tests and test_groups) ---------------
GP = head("1_3") + MINIMAL + "  other:\n    type: test_type\n"
add("groups", "policy_property_wrong_type", GP + "policy_types:\n  pt:\n    source: s\n    properties:\n      k: {type: integer, default: 1}\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {k: x}\n")
add("groups", "policy_type_property_unknown_type", GP + "policy_types:\n  pt:\n    source: s\n    properties:\n      k: {type: zz, default: 1}\n")
add("groups", "policy_trigger_parameter_wrong_type", GP + "policy_types:\n  pt:\n    source: s\npolicy_triggers:\n  tr:\n    source: s\n    parameters:\n      th: {type: integer, default: 1}\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        triggers:\n          t1: {type: tr, parameters: {th: x}}\n")
add("groups", "policy_trigger_missing_parameter", GP + "policy_types:\n  pt:\n    source: s\npolicy_triggers:\n  tr:\n    source: s\n    parameters:\n      th: {type: integer}\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        triggers:\n          t1: {type: tr}\n")
add("groups", "policy_missing_type", GP + "policy_types:\n  pt:\n    source: s\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol: {properties: {}}\n")
add("groups", "policy_trigger_missing_type", GP + "policy_types:\n  pt:\n    source: s\npolicy_triggers:\n  tr:\n    source: s\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        triggers:\n          t1: {parameters: {}}\n")
add("groups", "policy_property_get_attribute", GP + "policy_types:\n  pt:\n    source: s\n    properties:\n      k: {default: 1}\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {k: {get_attribute: [test_node, ip]}}\n")
add("groups", "policy_property_get_property", GP + "policy_types:\n  pt:\n    source: s\n    properties:\n      k: {default: 1}\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol:\n        type: pt\n        properties: {k: {get_property: [test_node, key]}}\n")
add("groups", "policy_type_name_clash_scaling", GP + "policy_types:\n  cloudify.policies.scaling:\n    source: s\n")
add("groups", "scaling_group_with_policies", GP + "policy_types:\n  pt:\n    source: s\ngroups:\n  g:\n    members: [test_node]\n    policies:\n      pol: {type: pt}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n")
add("groups", "member_not_string", GP + "groups:\n  g:\n    members: [[test_node]]\n")
add("groups", "groups_section_list", GP + "groups: [a]\n")
add("policies", "scaling_counts_strings_of_numbers", GP + "groups:\n  g: {members: [test_node]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties: {default_instances: '2'}\n")
add("policies", "scaling_max_unbounded_min_above_default", GP + "groups:\n  g: {members: [test_node]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties: {max_instances: UNBOUNDED, min_instances: 3, default_instances: 2}\n")
add("policies", "scaling_zero_counts", GP + "groups:\n  g: {members: [test_node]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties: {default_instances: 0, min_instances: 0}\n")
add("policies", "scaling_get_input_bounds_broken", GP + "inputs:\n  n: {default: 5}\ngroups:\n  g: {members: [test_node]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties: {default_instances: {get_input: n}, max_instances: 3}\n")
add("policies", "scaling_get_property_count", GP.replace("key:\n        default: default", "key:\n        default: 2") + "groups:\n  g: {members: [test_node]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties: {default_instances: {get_property: [other, key]}}\n")
add("policies", "non_scaling_policy_type", GP + "policy_types:\n  pt:\n    source: s\ngroups:\n  g: {members: [test_node]}\npolicies:\n  s:\n    type: pt\n    targets: [g]\n")
add("policies", "policies_1_2", head("1_2") + MINIMAL + "groups:\n  g: {members: [test_node]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n")
add("policies", "scaling_targets_group_of_groups", GP + "groups:\n  g: {members: [test_node]}\n  h: {members: [g, other]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [h]\n")
add("policies", "scalable_and_group_policy", GP.replace("  other:\n    type: test_type\n", "  other:\n    type: test_type\n    capabilities:\n      scalable:\n        properties: {default_instances: 2}\n") + "groups:\n  g: {members: [other]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n")


# --- null as a value (after Cloudify's parse_value): null is a value of the string types and of
# untyped properties only; a type's null default is refused where a template takes it (a data
# type's is an empty mapping); operation inputs and workflow parameters take null; an input's
# `default: null` is no default -------------------------------------------------------------------
NL = head("1_3") + "data_types:\n  dt:\n    properties:\n      a: {type: integer, required: false}\n"
NULL_TYPES = [("string", "type: string, "), ("integer", "type: integer, "), ("float", "type: float, "), ("boolean", "type: boolean, "),
              ("list", "type: list, "), ("dict", "type: dict, "), ("regex", "type: regex, "), ("data_type", "type: dt, "), ("untyped", "")]
for tn, ty in NULL_TYPES:
    node_type = f"node_types:\n  t:\n    properties:\n      p: {{{ty}required: false}}\n"
    add("nulls", f"node_property_{tn}", NL + node_type + "node_templates:\n  n:\n    type: t\n    properties:\n      p: null\n")
    add("nulls", f"type_default_{tn}", NL + f"node_types:\n  t:\n    properties:\n      p: {{{ty}default: null}}\nnode_templates:\n  n: {{type: t}}\n")
    add("nulls", f"relationship_property_{tn}", NL + f"imports:\n  - {TYPES_URL}\nnode_types:\n  t: {{}}\nrelationships:\n  r:\n"
        + f"    derived_from: cloudify.relationships.depends_on\n    properties:\n      p: {{{ty}description: x}}\n"
        + "node_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: r, target: a, properties: {p: null}}\n")
    add("nulls", f"data_type_field_{tn}", NL + f"  d2:\n    properties:\n      f: {{{ty}required: false}}\n"
        + "node_types:\n  t:\n    properties:\n      p: {type: d2}\nnode_templates:\n  n:\n    type: t\n    properties:\n      p: {f: null}\n")
    add("nulls", f"data_type_field_default_{tn}", NL + f"  d2:\n    properties:\n      f: {{{ty}default: null}}\n"
        + "node_types:\n  t:\n    properties:\n      p: {type: d2}\nnode_templates:\n  n: {type: t}\n")
    add("nulls", f"input_default_{tn}", NL + f"inputs:\n  i: {{{ty}default: null}}\nnode_templates: {{}}\n")
    add("nulls", f"input_default_{tn}_not_required", NL + f"inputs:\n  i: {{{ty}required: false, default: null}}\nnode_templates: {{}}\n")
    add("nulls", f"operation_input_{tn}", NL + "plugins:\n  p: {executor: central_deployment_agent, source: s}\n"
        + f"node_types:\n  t:\n    interfaces:\n      i:\n        op: {{implementation: p.op, inputs: {{x: {{{ty}description: x}}}}}}\n"
        + "node_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {inputs: {x: null}}\n")
    add("nulls", f"workflow_parameter_default_{tn}", NL + "plugins:\n  p: {executor: central_deployment_agent, source: s}\n"
        + f"node_templates: {{}}\nworkflows:\n  w:\n    mapping: p.w\n    parameters:\n      x: {{{ty}default: null}}\n")
NP = NL + "node_types:\n  t: {}\nnode_templates:\n  n: {type: t}\npolicy_triggers:\n  tr:\n    source: s\n    parameters:\n      th: {type: integer}\n"
add("nulls", "policy_property", NP + "policy_types:\n  pt:\n    source: s\n    properties:\n      k: {type: integer}\ngroups:\n  g:\n    members: [n]\n    policies:\n      pol: {type: pt, properties: {k: null}}\n")
add("nulls", "policy_property_default", NP + "policy_types:\n  pt:\n    source: s\n    properties:\n      k: {type: integer, default: null}\ngroups:\n  g:\n    members: [n]\n    policies:\n      pol: {type: pt}\n")
add("nulls", "policy_trigger_parameter", NP + "policy_types:\n  pt:\n    source: s\ngroups:\n  g:\n    members: [n]\n    policies:\n      pol:\n        type: pt\n        triggers:\n          t1: {type: tr, parameters: {th: null}}\n")
add("nulls", "type_default_unused", NL + "node_types:\n  t:\n    properties:\n      p: {type: integer, default: null}\nnode_templates: {}\n")
add("nulls", "type_default_given_by_template", NL + "node_types:\n  t:\n    properties:\n      p: {type: integer, default: null}\nnode_templates:\n  n: {type: t, properties: {p: 3}}\n")
add("nulls", "type_default_derived_null", NL + "node_types:\n  t:\n    properties:\n      p: {type: integer, default: 3}\n  t2:\n    derived_from: t\n    properties:\n      p: {type: integer, default: null}\nnode_templates:\n  n: {type: t2}\n")
add("nulls", "type_default_data_type_required_field", NL + "  d2:\n    properties:\n      f: {type: integer}\nnode_types:\n  t:\n    properties:\n      p: {type: d2, default: null}\nnode_templates:\n  n: {type: t}\n")
add("nulls", "type_default_nested_null", NL + "node_types:\n  t:\n    properties:\n      p: {type: dt, default: {a: null}}\nnode_templates: {}\n")
add("nulls", "input_default_data_type_completed", NL + "  d2:\n    properties:\n      f: {type: integer, default: 3}\ninputs:\n  i: {type: d2, default: null}\nnode_templates: {}\n")
add("nulls", "input_data_type_completed_without_default", NL + "  d2:\n    properties:\n      f: {type: integer, default: 3}\ninputs:\n  i: {type: d2}\nnode_templates: {}\n")
add("nulls", "input_default_nested_null", NL + "inputs:\n  i: {type: dt, default: {a: null}}\nnode_templates: {}\n")
add("nulls", "input_default_list_null_item", NL + "inputs:\n  i: {type: list, default: [null]}\nnode_templates: {}\n")
add("nulls", "list_and_dict_null_items", NL + "node_types:\n  t:\n    properties:\n      p: {type: list}\n      q: {type: dict}\nnode_templates:\n  n: {type: t, properties: {p: [null], q: {a: null}}}\n")
add("nulls", "operation_input_nested_null", NL + "plugins:\n  p: {executor: central_deployment_agent, source: s}\nnode_types:\n  t:\n    interfaces:\n      i:\n        op: {implementation: p.op, inputs: {x: {type: dt}}}\n"
    + "node_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {inputs: {x: {a: null}}}\n")
add("nulls", "operation_input_declared_nested_null", NL + "plugins:\n  p: {executor: central_deployment_agent, source: s}\nnode_types:\n  t:\n    interfaces:\n      i:\n        op: {implementation: p.op, inputs: {x: {type: dt, default: {a: null}}}}\n"
    + "node_templates:\n  n: {type: t}\n")
D4 = NL + "  d4:\n    properties:\n      h: {type: integer, default: null}\n"
add("nulls", "data_type_field_default_unused", D4 + "node_templates: {}\n")
add("nulls", "data_type_field_default_input_gives_it", D4 + "inputs:\n  i: {type: d4, default: {h: 3}}\nnode_templates: {}\n")
add("nulls", "data_type_field_default_input_lacks_it", D4 + "inputs:\n  i: {type: d4, default: {}}\nnode_templates: {}\n")
add("nulls", "data_type_field_default_through_unused_data_type", D4 + "  d3:\n    properties:\n      g: {type: d4}\nnode_templates: {}\n")
add("nulls", "data_type_field_default_unused_node_type", D4 + "node_types:\n  t:\n    properties:\n      p: {type: d4}\nnode_templates: {}\n")
add("nulls", "data_type_field_default_template_gives_it", D4 + "node_types:\n  t:\n    properties:\n      p: {type: d4}\nnode_templates:\n  n: {type: t, properties: {p: {h: 1}}}\n")
add("nulls", "node_property_1_0", head("1_0") + "node_types:\n  t:\n    properties:\n      p: {type: integer}\nnode_templates:\n  n: {type: t, properties: {p: null}}\n")


def main() -> None:
    if ROOT.exists():
        shutil.rmtree(ROOT)
    for key, text in cases.items():
        path = ROOT / f"{key}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for key, text in other_files.items():
        path = ROOT / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        path.chmod(0o755)
    count = sum(1 for key in cases if "/lib/" not in key)
    print(f"wrote {count} cases (and {len(cases) - count} imported files) under {ROOT}")


if __name__ == "__main__":
    main()
