"""Which names a template and the templates it includes find undefined, as Python's jinja2 renders
them: for the differential test of bluevirt's ContextNames.

Reads a JSON list of {"template", "files", "context" (names given their own name as value)} on
stdin and writes a JSON list of the names jinja2 looked up and did not find, sorted, one per case.
"""
import json
import sys

import jinja2

results = []
for case in json.load(sys.stdin):
    missing = set()

    class Recording(jinja2.Undefined):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self._undefined_obj is jinja2.utils.missing and self._undefined_name:
                missing.add(self._undefined_name)

    environment = jinja2.Environment(loader=jinja2.DictLoader(case["files"]), undefined=Recording)
    environment.from_string(case["template"]).render({name: name for name in case["context"]})
    results.append(sorted(missing))
json.dump(results, sys.stdout)
