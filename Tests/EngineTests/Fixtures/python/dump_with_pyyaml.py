"""Dumps test values with PyYAML and Python's json module, for the differential tests of
bluevirt's PythonYAMLDump and PythonJSONDump (how the utilities plugin renders cloud_config and
json_config).

Reads a JSON list of JSON texts on stdin (each written by PythonJSONDump) and writes a JSON list
of {"yaml": yaml.dump(value, default_flow_style=False, sort_keys=False), "json": json.dumps(value)},
one per case, in order. json.loads keeps key order, as the plugin's dicts do.
"""
import json
import sys

import yaml

results = []
for text in json.load(sys.stdin):
    value = json.loads(text)
    results.append({
        "yaml": yaml.dump(value, default_flow_style=False, sort_keys=False),
        "json": json.dumps(value),
    })
json.dump(results, sys.stdout)
