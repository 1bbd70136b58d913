"""Loads each YAML text of a JSON list (stdin) as Cloudify's parser does, with dsl_parser's own
yaml_loader.load (PyYAML's pure-Python reader, scanner, parser and composer, YAML 1.1 resolver,
HolderConstructor that refuses non-ASCII strings) and Holder.restore, and again with the same
PyYAML stages under a YAML 1.2 core-schema resolver, bluevirt's: a difference bluevirt shows only
against the first is the resolver's, documented, and one it shows against both is the reader's.
Writes a JSON list of {"cloudify": VALUE, "core": VALUE}, VALUE tagged as {"map": [[k, v], ...]},
{"seq": [...]}, {"str"|"int"|"float"|"bool"|"null"|"bigint"|"other": ...} or {"error": message}.
Run it with the python of a venv holding cloudify-common (bench/cloudify-parity/setup.sh).
"""
import datetime, json, math, re, sys
import yaml
from yaml.resolver import BaseResolver
from dsl_parser import yaml_loader

def tagged(v):
    if isinstance(v, dict):
        return {"map": [[tagged(k), tagged(x)] for k, x in v.items()]}
    if isinstance(v, list):
        return {"seq": [tagged(x) for x in v]}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": v} if -2**63 <= v < 2**63 else {"bigint": str(v)}
    if isinstance(v, float):
        return {"float": "nan" if math.isnan(v) else ("inf" if v == math.inf else "-inf" if v == -math.inf else repr(v))}
    if v is None:
        return {"null": True}
    if isinstance(v, (datetime.date, datetime.datetime)):
        return {"other": "timestamp " + v.isoformat()}
    return {"other": type(v).__name__ + " " + repr(v)[:60]}

class CoreResolver(BaseResolver):
    pass
CoreResolver.yaml_implicit_resolvers = {}
CoreResolver.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))
CoreResolver.add_implicit_resolver('tag:yaml.org,2002:int', re.compile(r'^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$'), list('-+0123456789'))
CoreResolver.add_implicit_resolver('tag:yaml.org,2002:float', re.compile(r'^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$'), list('-+0123456789.'))
CoreResolver.add_implicit_resolver('tag:yaml.org,2002:merge', re.compile(r'^(?:<<)$'), ['<'])
CoreResolver.add_implicit_resolver('tag:yaml.org,2002:null', re.compile(r'^(?:~|null|Null|NULL|)$'), ['~', 'n', 'N', ''])

class CoreConstructor(yaml.constructor.SafeConstructor):
    def construct_yaml_int(self, node):
        v = self.construct_scalar(node)
        if v.startswith('0o'): return int(v[2:], 8)
        if v.startswith('0x'): return int(v[2:], 16)
        return int(v, 10)
    def construct_yaml_float(self, node):
        v = self.construct_scalar(node)
        return float(v.replace('.inf', 'inf').replace('.Inf', 'inf').replace('.INF', 'inf').replace('.nan', 'nan').replace('.NaN', 'nan').replace('.NAN', 'nan'))
    def construct_yaml_bool(self, node):
        return self.construct_scalar(node) in ('true', 'True', 'TRUE')
CoreConstructor.add_constructor('tag:yaml.org,2002:int', CoreConstructor.construct_yaml_int)
CoreConstructor.add_constructor('tag:yaml.org,2002:float', CoreConstructor.construct_yaml_float)
CoreConstructor.add_constructor('tag:yaml.org,2002:bool', CoreConstructor.construct_yaml_bool)

class CoreLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, CoreConstructor, CoreResolver):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream); yaml.scanner.Scanner.__init__(self); yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self); CoreConstructor.__init__(self); CoreResolver.__init__(self)

def err(e):
    mark = getattr(e, 'problem_mark', None)
    where = "%d:%d " % (mark.line + 1, mark.column + 1) if mark else ""
    return {"error": "%s %s%s" % (type(e).__name__, where, str(e).replace("\n", " ")[:300])}

out = []
for text in json.load(sys.stdin):
    row = {}
    try:
        row["cloudify"] = tagged(yaml_loader.load(text, "c.yaml").restore())
    except Exception as e:
        row["cloudify"] = err(e)
    try:
        row["core"] = tagged(CoreLoader(text).get_single_data())
    except Exception as e:
        row["core"] = err(e)
    out.append(row)
json.dump(out, sys.stdout)
