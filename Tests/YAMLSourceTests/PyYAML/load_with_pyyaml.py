"""Loads YAML texts with PyYAML's pure-Python SafeLoader, the reader, scanner, parser, composer,
safe constructor and resolver that Cloudify's dsl_parser (yaml_loader.MarkedLoader) is made of,
for the differential tests of bluevirt's YAML loader.

Reads a JSON list of texts on stdin and writes a JSON list, one per text, in order: the value in
a tagged form ({"map": [[key, value], ...]}, {"seq": [...]}, {"str": s}, {"int": n},
{"float": "repr"}, {"bool": b}, {"null": true}, {"other": "type"}) or {"error": "message"}.
"""
import json
import sys

import yaml


def tagged(value):
    if isinstance(value, dict):
        return {"map": [[tagged(key), tagged(item)] for key, item in value.items()]}
    if isinstance(value, list):
        return {"seq": [tagged(item) for item in value]}
    if isinstance(value, str):
        return {"str": value}
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        return {"int": value}
    if isinstance(value, float):
        return {"float": repr(value)}
    if value is None:
        return {"null": True}
    return {"other": type(value).__name__}


results = []
for text in json.load(sys.stdin):
    try:
        # get_single_data, as Cloudify's loader: more than one document is an error.
        results.append(tagged(yaml.load(text, Loader=yaml.SafeLoader)))
    except Exception as error:  # every failure is a result to compare, not a crash
        results.append({"error": "%s: %s" % (type(error).__name__, str(error).replace("\n", " "))})
json.dump(results, sys.stdout)
