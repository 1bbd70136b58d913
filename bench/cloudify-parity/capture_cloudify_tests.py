"""A pytest plugin that records every blueprint Cloudify's own parser tests parse.

Loaded with `-p capture_cloudify_tests` while dsl_parser/tests of cloudify-common run (see
run-cloudify-tests.sh). It wraps `dsl_parser.parser.parse` and `parse_from_path` before the test
modules import them (AbstractTestParser binds them at import time), so that every text a test
hands to the parser, through `self.parse`, `parse_1_x`, `parse_from_path` or directly, is written
to CAPTURE_OUT/<module>/<Class>.<test>-<n>/blueprint.yaml before the parser sees it. A case gets
a folder of its own because it may need files next to it: the files it imports (the tests write
them to temp dirs that vanish at tearDown, and import them by absolute path or `file:` URL) are
copied to its lib/ and the imports rewritten to relative paths; the scripts a test wrote next to
the blueprint (or to the resources base path it gave) are copied next to it. The tests' address
of their minimal Cloudify types (`http://local-test-resolver/types.yaml`) becomes the address of
Cloudify's types.yaml.
The test's own outcome is not recorded: the harness asks Cloudify's parser again.

A case that needs a manager goes to CAPTURE_EXCLUDED instead, with its reason in the manifest
(CAPTURE_MANIFEST): a custom import resolver (the tests' blueprint resolvers and URL rules),
`blueprint:` and `plugin:` imports, the functions only a manager evaluates, the secrets store.
"""

import json
import os
import pathlib
import re
import shutil
import tempfile
import urllib.parse
import urllib.request

import yaml

from dsl_parser import parser as dsl_parser_module
from dsl_parser.import_resolver.default_import_resolver import DefaultImportResolver

OUT = pathlib.Path(os.environ["CAPTURE_OUT"])
EXCLUDED = pathlib.Path(os.environ["CAPTURE_EXCLUDED"])
MANIFEST = pathlib.Path(os.environ["CAPTURE_MANIFEST"])
# The tests' minimal copy of Cloudify's types.yaml stands for Cloudify's types, so a case imports
# those by their usual address: both parsers then read the same types.yaml (the harness's copy
# for Cloudify, the built-in one for bluevirt) and treat it as Cloudify's own.
TEST_TYPES_URL = "http://local-test-resolver/types.yaml"
CLOUDIFY_TYPES_URL = "http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml"

# What only a manager can judge, by the reason the report gives.
MANAGER_ONLY = [
    ("manager-only function get_capability", re.compile(r"\bget_capability\b")),
    ("manager-only function get_environment_capability", re.compile(r"\bget_environment_capability\b")),
    ("manager-only function get_group_capability", re.compile(r"\bget_group_capability\b")),
    ("manager-only function get_label", re.compile(r"\bget_label\b")),
    ("manager-only function get_consumers", re.compile(r"\bget_consumers\b")),
    ("secrets store (get_secret)", re.compile(r"\bget_secret\b")),
    ("secrets store (secret_key input type)", re.compile(r"\btype:\s*['\"]?secret_key\b")),
    ("blueprint: import", re.compile(r"^\s*-\s*['\"]?([\w-]+--)?blueprint:", re.MULTILINE)),
    ("plugin: import (the manager's plugin catalog)", re.compile(r"^\s*-\s*['\"]?([\w-]+--)?plugin:", re.MULTILINE)),
]

state = {"test": None, "module": None, "counter": 0, "temp_dir": None}
manifest: dict = {}


def imports_of(text: str) -> list[str]:
    """The import addresses a YAML text lists (without namespace prefixes); none if it does not load."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    if not isinstance(document, dict) or not isinstance(document.get("imports"), list):
        return []
    found = []
    for item in document["imports"]:
        if isinstance(item, dict) and len(item) == 1:
            item = next(iter(item))
        if isinstance(item, str):
            found.append(item.rpartition("--")[2])
    return found


def source_of(address: str, importer_dir: pathlib.Path | None, base_path: str | None) -> pathlib.Path | None:
    """The file an import address names, as Cloudify's parser finds it, or None (left as written)."""
    if address.startswith("file:"):
        path = pathlib.Path(urllib.request.url2pathname(urllib.parse.urlparse(address).path))
        return path if path.is_file() else None
    if "://" in address or address.startswith(("blueprint:", "plugin:")):
        return None
    candidates = [pathlib.Path(address)] if os.path.isabs(address) else \
        [d / address for d in (importer_dir, pathlib.Path(base_path) if base_path else None) if d]
    return next((c.resolve() for c in candidates if c.is_file()), None)


def rewrite_import(text: str, address: str, replacement: str) -> str:
    """The text with one import address (a list item, namespaced or not, plain or a mapping key) replaced."""
    pattern = re.compile(r"(^[ \t]*-[ \t]*['\"]?(?:[\w.-]+--)?)" + re.escape(address) + r"(['\"]?[ \t]*:?.*$)", re.MULTILINE)
    return pattern.sub(lambda m: m.group(1) + replacement + m.group(2), text)


def copy_resources(source_dir: pathlib.Path | None, dest_dir: pathlib.Path):
    """The scripts and other non-YAML files of a test's temp dir, where the case's operations look for them."""
    if source_dir is None or not source_dir.is_relative_to(tempfile.gettempdir()) or source_dir == pathlib.Path(tempfile.gettempdir()):
        return
    for source in source_dir.rglob("*"):
        if source.is_file() and source.suffix not in (".yaml", ".yml"):
            dest = dest_dir / source.relative_to(source_dir)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)


def write_case(case_dir: pathlib.Path, text: str, importer_dir, base_path) -> list[str]:
    """Writes the case, the files it imports (recursively) and its scripts; returns the texts for the exclusion scan."""
    case = case_dir / "blueprint.yaml"
    lib = case_dir / "lib"
    copies: dict[pathlib.Path, pathlib.Path] = {}
    texts = []

    def localise(text: str, source_dir, dest: pathlib.Path) -> str:
        texts.append(text)
        for address in dict.fromkeys(imports_of(text)):
            if address == TEST_TYPES_URL:
                text = rewrite_import(text, address, CLOUDIFY_TYPES_URL)
                continue
            source = source_of(address, source_dir, base_path)
            if source is None:
                continue
            if source not in copies:
                # The tests' temp files have random names; a case's files get stable ones.
                random = source.name.startswith("tempfile")
                copies[source] = lib / (f"{len(copies)}.yaml" if random else f"{len(copies)}-{source.name}")
                lib.mkdir(parents=True, exist_ok=True)
                copies[source].write_text("")  # claimed before recursing: import cycles end here
                copies[source].write_text(localise(source.read_text(), source.parent, copies[source]))
            text = rewrite_import(text, address, os.path.relpath(copies[source], dest.parent))
        return text

    case_dir.mkdir(parents=True, exist_ok=True)
    copy_resources(importer_dir, case_dir)
    copy_resources(pathlib.Path(base_path).resolve() if base_path else None, case_dir)
    case.write_text(localise(text, importer_dir, case))
    return texts


def exclusion(texts: list[str], resolver) -> str | None:
    if resolver is not None and (type(resolver) is not DefaultImportResolver or
                                 any(list(rule) != [TEST_TYPES_URL] for rule in getattr(resolver, "rules", []) or [])):
        return f"custom import resolver ({type(resolver).__name__})"
    for reason, pattern in MANAGER_ONLY:
        if any(pattern.search(t) for t in texts):
            return reason
    return None


def capture(text, importer_dir, base_path, resolver, entry: str):
    if state["test"] is None or not isinstance(text, str):
        return
    state["counter"] += 1
    name = f"{state['test']}-{state['counter']}"
    key = f"{state['module']}/{name}/blueprint.yaml"
    try:
        staging = EXCLUDED / state["module"] / name
        texts = write_case(staging, text, importer_dir, base_path)
        reason = exclusion(texts, resolver)
        if reason is None:
            (OUT / state["module"]).mkdir(parents=True, exist_ok=True)
            shutil.move(str(staging), str(OUT / state["module"] / name))
        manifest[key] = {"test": state["nodeid"], "entry": entry, "excluded": reason}
    except Exception as error:  # noqa: BLE001 - a case we cannot capture is counted, never breaks the test
        manifest[key] = {"test": state["nodeid"], "entry": entry, "excluded": f"capture failed: {error}"}


original_parse = dsl_parser_module.parse
original_parse_from_path = dsl_parser_module.parse_from_path


def parse(dsl_string, resources_base_path=None, dsl_location=None, resolver=None, *args, **kwargs):
    importer_dir = pathlib.Path(dsl_location).parent if dsl_location and "://" not in str(dsl_location) else None
    capture(dsl_string, importer_dir, resources_base_path, resolver, "parse")
    return original_parse(dsl_string, resources_base_path, dsl_location, resolver, *args, **kwargs)


def parse_from_path(dsl_file_path, resources_base_path=None, resolver=None, *args, **kwargs):
    try:
        text = pathlib.Path(dsl_file_path).read_text()
    except OSError:
        text = None
    capture(text, pathlib.Path(dsl_file_path).resolve().parent, resources_base_path, resolver, "parse_from_path")
    return original_parse_from_path(dsl_file_path, resources_base_path, resolver, *args, **kwargs)


dsl_parser_module.parse = parse
dsl_parser_module.parse_from_path = parse_from_path


def pytest_runtest_setup(item):
    module = item.module.__name__.removeprefix("dsl_parser.tests.")
    state.update(test=re.sub(r"[^\w.-]", "_", item.name if item.cls is None else f"{item.cls.__name__}.{item.name}"),
                 module=module, nodeid=item.nodeid, counter=0)


def pytest_runtest_teardown(item):
    state["test"] = None


def pytest_sessionfinish(session):
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
