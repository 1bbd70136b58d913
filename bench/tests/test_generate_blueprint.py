"""Tests of bench/generate-blueprint.py: the benchmark measures what it claims to measure.

Run: python3 -m unittest discover -s bench/tests   (scripts/test.sh does)
With BLUEVIRT_BIN naming a built bluevirt, the generated blueprint must also pass
`bluevirt validate` without errors, so the benchmark times a full validation, not an early exit.
"""

import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

import yaml

GENERATOR = pathlib.Path(__file__).resolve().parents[1] / "generate-blueprint.py"


def generate(nodes: int, flavour: str) -> str:
    return subprocess.run([sys.executable, str(GENERATOR), "--nodes", str(nodes),
                           "--flavour", flavour], capture_output=True, text=True,
                          check=True).stdout


def calls(value, name):
    """Every argument list of the intrinsic function `name` anywhere inside value."""
    if isinstance(value, dict):
        if set(value) == {name}:
            yield value[name]
        for item in value.values():
            yield from calls(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from calls(item, name)


class GeneratedBlueprintTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        cls.bluevirt = yaml.load(generate(1000, "bluevirt"), Loader=loader)
        cls.cloudify = yaml.load(generate(1000, "cloudify"), Loader=loader)

    def test_has_the_requested_number_of_nodes_about_a_tenth_networks(self):
        templates = self.bluevirt["node_templates"]
        self.assertEqual(len(templates), 1000)
        networks = [n for n, t in templates.items() if t["type"] == "cloudify.libvirt.network"]
        machines = [n for n, t in templates.items() if t["type"] == "cloudify.libvirt.domain"]
        self.assertEqual(len(networks), 100)
        self.assertEqual(len(machines), 900)

    def test_every_machine_is_connected_to_an_existing_network(self):
        templates = self.bluevirt["node_templates"]
        for name, template in templates.items():
            if template["type"] != "cloudify.libvirt.domain":
                continue
            connections = [r["target"] for r in template["relationships"]
                           if r["type"] == "cloudify.libvirt.relationships.connected_to"]
            self.assertEqual(len(connections), 1, name)
            self.assertEqual(templates[connections[0]]["type"], "cloudify.libvirt.network")

    def test_depends_on_points_at_earlier_machines_so_the_graph_is_acyclic(self):
        templates = self.bluevirt["node_templates"]
        order = {name: index for index, name in enumerate(templates)}
        dependencies = 0
        for name, template in templates.items():
            for relationship in template.get("relationships", []):
                if relationship["type"] == "cloudify.relationships.depends_on":
                    dependencies += 1
                    target = relationship["target"]
                    self.assertEqual(templates[target]["type"], "cloudify.libvirt.domain")
                    self.assertLess(order[target], order[name], f"{name} -> {target}")
        self.assertGreater(dependencies, 200)

    def test_uses_get_input_concat_and_get_attribute(self):
        declared = set(self.bluevirt["inputs"])
        used = {args for args in calls(self.bluevirt["node_templates"], "get_input")}
        self.assertTrue(used)
        self.assertLessEqual(used, declared)
        self.assertTrue(list(calls(self.bluevirt["node_templates"], "concat")))
        targets = [args[0] for args in calls(self.bluevirt["outputs"], "get_attribute")]
        self.assertEqual(len(targets), 90)
        self.assertLessEqual(set(targets), set(self.bluevirt["node_templates"]))

    def test_flavours_differ_only_in_where_the_types_come_from(self):
        for section in ("inputs", "node_templates", "outputs", "tosca_definitions_version"):
            self.assertEqual(self.bluevirt[section], self.cloudify[section], section)
        self.assertEqual(self.bluevirt["imports"], [
            "http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml",
            "plugin:cloudify-libvirt-plugin"])
        # Cloudify's parser must not fetch anything: its flavour has no imports at all.
        self.assertNotIn("imports", self.cloudify)
        used_types = {t["type"] for t in self.cloudify["node_templates"].values()}
        self.assertLessEqual(used_types, set(self.cloudify["node_types"]))

    def test_domains_gives_exactly_that_many_machines(self):
        for domains in (1, 9, 10, 1000):
            text = subprocess.run([sys.executable, str(GENERATOR), "--domains", str(domains), "--flavour", "bluevirt"],
                                  capture_output=True, text=True, check=True).stdout
            templates = yaml.safe_load(text)["node_templates"]
            machines = [n for n, t in templates.items() if t["type"] == "cloudify.libvirt.domain"]
            self.assertEqual(len(machines), domains)

    def test_output_is_deterministic(self):
        self.assertEqual(generate(100, "bluevirt"), generate(100, "bluevirt"))

    @unittest.skipUnless(os.environ.get("BLUEVIRT_BIN"), "set BLUEVIRT_BIN to a built bluevirt")
    def test_bluevirt_accepts_the_generated_blueprint(self):
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "bench-100.yaml"
            path.write_text(generate(100, "bluevirt"))
            result = subprocess.run([os.environ["BLUEVIRT_BIN"], "validate", str(path)],
                                    capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


if __name__ == "__main__":
    unittest.main()
