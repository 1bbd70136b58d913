#!/usr/bin/env python3
"""Check example blueprints against grammar/blueprint.schema.json, the JSON Schema editors use.

Usage: scripts/check-blueprint-schema.py [FILE...]
Without arguments it checks blueprints/*.yaml, Tests/Fixtures/valid/**/*.yaml and the built-in
definitions grammar/**/*.yaml (written in the same language), and that the schema's rules for
the libvirt types list exactly the properties and params fields grammar/libvirt/plugin.yaml
declares (the schema repeats them so that editors can complete them).
Needs PyYAML and jsonschema (pip install pyyaml jsonschema).
Prints one line per file and `N passed, M failed` last; exits 1 when any file fails.
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_PATH = os.path.join(ROOT, "grammar", "blueprint.schema.json")


class CoreSchemaLoader(yaml.SafeLoader):
    """PyYAML follows YAML 1.1 (yes/no/on/off are booleans, 2024-01-01 is a date); bluevirt reads
    blueprints with the YAML 1.2 core schema, where only true/false are booleans and dates are
    strings, so the checker reads them the same way."""


CoreSchemaLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreSchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def default_files():
    files = sorted(glob.glob(os.path.join(ROOT, "blueprints", "*.yaml")))
    # Sidecar files of the golden corpus (a fixture's inputs and secrets) are no blueprints.
    files += sorted(f for f in glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "valid", "**", "*.yaml"), recursive=True)
                    if not f.endswith((".inputs.yaml", ".secrets.yaml")))
    files += sorted(glob.glob(os.path.join(ROOT, "grammar", "**", "*.yaml"), recursive=True))
    return files


def location(error):
    path = "/".join(str(part) for part in error.absolute_path)
    return path or "(top level)"


def check(path, validator):
    """Returns a list of problem strings; empty when the file conforms."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=CoreSchemaLoader)
    except (OSError, yaml.YAMLError) as problem:
        return [f"cannot read: {problem}"]
    if document is None:
        return ["the file is empty"]
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{place}: {message}" for e in errors for place, message in best_messages(e)]


def best_messages(error):
    """anyOf/oneOf failures say little by themselves. Of the alternatives, the one whose errors
    reach deepest into the document (and did not fail on the value's kind alone) is the one the
    author meant; report all of its errors, each with its place in the document."""
    if not error.context:
        return [(location(error), error.message)]
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def relevance(subs):
        # A branch that failed only on the value's kind ("is not of type") was not the one meant.
        return (max(len(s.absolute_path) for s in subs), any(s.validator != "type" for s in subs))

    chosen = max(branches.values(), key=relevance)
    if relevance(chosen) == (len(error.absolute_path), False):
        return [(location(error), error.message)]
    return [found for sub in chosen for found in best_messages(sub)]


def inherited_properties(type_name, node_types):
    """The property names of a node type, its own and those of every type it derives from."""
    names = set()
    while type_name in node_types:
        declaration = node_types[type_name]
        names |= set(declaration.get("properties") or {})
        type_name = declaration.get("derived_from")
    return names


def resolve(schema, node):
    """Follows a local `$ref` (#/definitions/NAME) to the schema it names."""
    while "$ref" in node:
        node = schema["definitions"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def check_libvirt_rules(schema):
    """The schema repeats, for editors, the properties and params of each libvirt type; returns
    the places where that copy differs from grammar/libvirt/plugin.yaml."""
    definitions = {}
    for name in ("cloudify/types.yaml", "libvirt/plugin.yaml"):
        with open(os.path.join(ROOT, "grammar", name), encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=CoreSchemaLoader)
        for section in ("node_types", "data_types"):
            definitions.setdefault(section, {}).update(document.get(section) or {})
    problems = []
    rules = {rule["if"]["properties"]["type"]["const"]: rule["then"]["properties"]
             for rule in schema["definitions"]["nodeTemplate"]["allOf"]}
    libvirt_types = [name for name in definitions["node_types"] if name.startswith("cloudify.libvirt.")]
    for type_name in libvirt_types:
        if type_name not in rules:
            problems.append(f"{type_name}: no rule in the schema")
            continue
        properties = rules[type_name]["properties"]["properties"]
        expected = inherited_properties(type_name, definitions["node_types"])
        if set(properties) != expected:
            problems.append(f"{type_name} properties: only in the schema {sorted(set(properties) - expected)}, "
                            f"only in the grammar {sorted(expected - set(properties))}")
        data_type = definitions["node_types"][type_name]["properties"]["params"]["type"]
        fields = set(definitions["data_types"][data_type]["properties"])
        params = set(resolve(schema, resolve(schema, properties["params"])["anyOf"][0])["properties"])
        if params != fields:
            problems.append(f"{type_name} params: only in the schema {sorted(params - fields)}, "
                            f"only in {data_type} {sorted(fields - params)}")
    return problems


def main(arguments):
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = arguments or default_files()
    passed = failed = 0
    if not arguments:
        problems = check_libvirt_rules(schema)
        label = "grammar/blueprint.schema.json libvirt rules match grammar/libvirt/plugin.yaml"
        print(f"{'FAIL' if problems else 'ok  '} {label}")
        for problem in problems:
            print(f"     {problem}")
        failed += bool(problems)
        passed += not problems
    for path in files:
        shown = os.path.relpath(path, ROOT) if os.path.isabs(path) else path
        problems = check(path, validator)
        if problems:
            failed += 1
            print(f"FAIL {shown}")
            for problem in problems:
                print(f"     {problem}")
        else:
            passed += 1
            print(f"ok   {shown}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
