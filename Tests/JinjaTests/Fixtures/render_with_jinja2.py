"""Renders test cases with Python's jinja2, for the differential tests of bluevirt's Jinja module.

Reads a JSON list of {"template", "context" (JSON text), "autoescape", "files"} on stdin and
writes a JSON list of {"output": text} or {"error": "ExceptionType: message"}, one per case, in
order. Rendering uses the default environment, as the Cloudify libvirt plugin's jinja2.Template()
does; a case with files gives it a DictLoader of them, for {% include %}.
"""
import json
import sys

import jinja2

results = []
for case in json.load(sys.stdin):
    try:
        context = json.loads(case["context"])
        if case.get("files"):
            loader = jinja2.DictLoader(case["files"])
            template = jinja2.Environment(autoescape=bool(case.get("autoescape")), loader=loader).from_string(case["template"])
        elif case.get("autoescape"):
            template = jinja2.Environment(autoescape=True).from_string(case["template"])
        else:
            template = jinja2.Template(case["template"])
        results.append({"output": template.render(context)})
    except Exception as error:  # every failure is a result to compare, not a crash
        results.append({"error": "%s: %s" % (type(error).__name__, error)})
json.dump(results, sys.stdout)
