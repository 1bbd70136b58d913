"""The texts of the YAML parity comparison (README.md): systematic families (the scalars YAML 1.1
and 1.2 resolve differently in every context, tags, block scalar headers and bodies, anchors and
merge keys, documents and directives, byte order marks, line breaks, tabs, long scalars and keys,
flow collections, complex and duplicate keys, escapes, quoting, multi-line plain scalars,
indentation) plus random nested documents and one-character mutations of them, from a fixed seed.

    python3 generate_texts.py [SEED] > texts.json    # a JSON list of {"family": ..., "text": ...}
"""
import json, random, sys

rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
cases = []
def add(family, text):
    cases.append({"family": family, "text": text})

SCALARS = """yes Yes YES yEs no No NO on On ON off Off OFF y Y n N true True TRUE tRUE false False FALSE
null Null NULL nULL ~ 0 -0 +0 00 017 0017 08 09 0o17 0o8 0x1F 0X1F 0x 0b101 0b2 1_000 1__0 _1 1_ +1_0 -1_000 1:30 -1:30 1:30:00 190:20:30
1:60 01:30 1:3 +1:30 1:30.5 190:20:30.15 1.5 -1.5 +1.5 .5 5. -.5 1e3 1E3 1.0e3 1.0e+3 1.0E-3 1e+3 -1e3 6.8523015e+5 685.230_15e+03
1_0.5 1.5_0 .inf .Inf .INF -.inf +.inf .nan .NaN .NAN -.nan +.nan inf nan NaN 9223372036854775807 9223372036854775808 -9223372036854775808
-9223372036854775809 0x7FFFFFFFFFFFFFFF 0x8000000000000000 0o777777777777777777777 1.7976931348623157e308 1e400 2001-12-14 2001-12-14t21:59:43.10-05:00
2001-12-14T21:59:43Z 2001-12-14 21:59:43.10 -5 2001-12-14 21:59:43.10 2002-12-14 2001-1-1 2001-13-45 20011214 12:00 = << <<< a a1 1a 0.1.2 1.2.3.4
52:54:00:12:34:56 52:54:00:ab:cd:ef 10:20 00:00 +12 0.0 -0.0 1_2_3 0x_1F 0b_1 .1e3 1.e3 +.5 -. . .. 1,000 $1 #x""".replace("2001-12-14 21:59:43.10 -5", "TS1").replace("2001-12-14 21:59:43.10", "TS2").split()
SCALARS = [s.replace("TS1", "2001-12-14 21:59:43.10 -5").replace("TS2", "2001-12-14 21:59:43.10") for s in SCALARS]
SCALARS += ["", "a b", "x: y", "x #y", "-", "- x", "?", "? x", ":", "::", "-1", "- 1", "@x", "`x", "%x", "!x", "&x", "*x", "|", ">", "'", '"']

CONTEXTS = ["a: %s", "- %s", "[%s]", "{a: %s}", "%s: 1", "[%s, 1]", "{%s: 1}", "a:\n  - %s", "a:\n  b: %s", "a: [x, %s]", "- [%s]",
            "a: '%s'", 'a: "%s"', "a: !!str %s", "a: !!int %s", "a: !!float %s", "a: !!bool %s", "a: !!null %s", "a: ! %s",
            "a: !!timestamp %s", "a: !!binary %s", "a: !custom %s", "a: &x %s\nb: *x", "%s"]
for s in SCALARS:
    for c in CONTEXTS:
        add("scalar", c % s)

# Block scalars: every header, several bodies, several followers.
HEADERS = ["|", ">", "|-", "|+", ">-", ">+", "|1", "|2", ">2", "|2-", "|-2", ">+1", "|+2", "|0", "|10", "| #c", ">- #c", "|x", "|--", "|2+"]
BODIES = ["  x\n", "  x\n  y\n", "  x\n\n  y\n", "  x\n   y\n  z\n", "\n  x\n", "   x\n  y\n", "  x\n\n\n", "  x", "", "\n\n", "  x\n # c\n",
          "    x\n   y\n", "  x\n\n   y\n\n  z\n", "  \tx\n", "  x\ty\n", "  # not comment\n", "  x\n  \n  y\n", "   \n  x\n"]
FOLLOW = ["", "b: 1\n", "# end\n", "\n\nb: 1\n", "...\n"]
for h in HEADERS:
    for b in BODIES:
        for f in FOLLOW:
            add("block", "a: %s\n%s%s" % (h, b, f))
            add("block-seq", "- %s\n%s%s" % (h, b, f.replace("b: 1", "- z")))
    add("block-root", "%s\n x\n" % h)
    add("block-nested", "a:\n  b: %s\n    x\n\n    y\n  c: 1\n" % h)

# Anchors, aliases, merge keys.
MERGES = [
    "a: &x {p: 1, q: 2}\nb:\n  <<: *x\n  q: 3\n",
    "a: &x {p: 1}\nb: &y {p: 2, r: 3}\nc:\n  <<: [*x, *y]\n",
    "a: &x {p: 1}\nb: &y {p: 2, r: 3}\nc:\n  <<: [*y, *x]\n  s: 4\n",
    "a: &x {p: 1}\nb:\n  <<: *x\n  <<: {p: 2, z: 1}\n",
    "a: &x {p: 1}\nb:\n  q: 0\n  <<: *x\n  p: 5\n",
    "b:\n  <<: {p: 1}\n",
    "b:\n  <<: [{p: 1}, {p: 2, q: 2}]\n",
    "b: {<<: {p: 1}, q: 2}\n",
    "a: &x [1, 2]\nb:\n  <<: *x\n",
    "b:\n  <<: 1\n",
    "b:\n  <<: [1]\n",
    "b:\n  '<<': {p: 1}\n",
    "b:\n  !!str <<: {p: 1}\n",
    "b:\n  !!merge <<: {p: 1}\n",
    "a: &x {p: &y {q: 1}}\nb:\n  <<: *x\nc: *y\n",
    "a: &x {p: 1, <<: {q: 2}}\nb:\n  <<: *x\n",
    "a: &x\n  p: 1\nb:\n  <<: *x\n  <<: *x\n",
    "- &x {a: 1}\n- <<: *x\n  b: 2\n",
    "a: &x {p: 1}\nb: {<<: *x, p: 2}\n",
    "a: &x {p: 1}\nb:\n  <<: *x\n  p: 1\n  p: 2\n",
    "b:\n  <<:\n  q: 1\n",
    "b:\n  <<: ~\n",
    "b:\n  <<: [*x]\n",
    "a: &x 1\nb: *x\nc: *x\n",
    "a: &x\nb: *x\n",
    "a: &x &y 1\n",
    "a: &x 1\na2: &x 2\nb: *x\n",
    "&r a: 1\n",
    "a: *x\nb: &x 1\n",
    "a: &x [*x]\n",
    "? &k a\n: *k\n",
    "a: &x {b: 1}\n*x : 2\n",
    "a: &x b\n*x : 2\n",
    "a: &x b\n*x: 2\n",
    "a: &anchor-with.dots_1 1\nb: *anchor-with.dots_1\n",
    "a: &x [1]\nb: [*x, *x]\n",
    "a: &x {c: 1}\nb: {d: *x}\n",
    "a: &x yes\nb: *x\n",
    "a: !!str &x 1\nb: *x\n",
    "a: &x !!str 1\nb: *x\n",
]
for m in MERGES:
    add("anchor", m)
    add("anchor-crlf", m.replace("\n", "\r\n"))

# Documents, markers, directives, BOM.
DOCS = ["---\na: 1\n", "--- \na: 1\n", "---\na: 1\n---\nb: 2\n", "a: 1\n---\n", "---\n---\n", "a: 1\n...\n---\nb: 2\n", "a: 1\n...\n", "...\n",
        "--- a\n", "--- [1]\n", "--- |\n  x\n", "--- >\n x\n", "---a: 1\n", "--- # c\na: 1\n", "%YAML 1.1\n---\na: yes\n", "%YAML 1.2\n---\na: yes\n",
        "%YAML 1.3\n---\na: 1\n", "%YAML 2.0\n---\na: 1\n", "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n", "%TAG !! tag:example.com,2000:\n---\na: !!str 1\n",
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "%YAML 1.1\na: 1\n", "a: 1\n--- \n", "a: 1\n----\n", "a: 1\n ---\n", "a: |\n  x\n---\n", "a: 1\n... # c\n",
        "---\n...\n", "", "\n", "# c\n", "---\n# c\n", "a: 1\n\n\n", "- 1\n---\n- 2\n", "---\n---\na: 1\n"]
for d in DOCS:
    for prefix in ["", "\ufeff"]:
        for nl in ["\n", "\r\n", "\r"]:
            add("docs", prefix + d.replace("\n", nl))
BOMS = ["\ufeffa: 1", "\ufeff\ufeffa: 1", "a: \ufeff1", "a: 1\n\ufeff", "\ufeff# c\na: 1", "\ufeff---\na: 1", "- \ufeffx", "a: '\ufeff'", "\ufeff"]
for b in BOMS:
    add("bom", b)

# Line breaks and tabs.
BASES = ["a: 1\nb:\n  c: 2\n  d: [1, 2]\ne: |\n  x\n  y\n", "- a\n- b: 1\n  c: 2\n", "a: 'x\n  y'\nb: \"x\n\n  y\"\nc: x\n  y\n",
         "a: >\n  x\n  y\n\n  z\n", "a: [1,\n  2]\nb: {c: 1,\n  d: 2}\n", "a: \"x\\\n  y\"\n", "a: x # c\n# c\nb: y\n"]
for base in BASES:
    for nl in ["\r\n", "\r", "\x85", "\u2028", "\u2029", "\n\r", "\r\r\n"]:
        add("breaks", base.replace("\n", nl))
TABS = ["a:\t1", "a: \t1", "a:\t\t1", "a: 1\t", "a: 1\t# c", "a: 1 \t# c", "a: [1,\t2]", "a: {b:\t1}", "a: b\tc", "a:\n\tb: 1", "a:\n  b:\t1",
        "\ta: 1", "a: 1\n\t", "a: 1\n\t\nb: 2", "a: 1\n  \t\nb: 2", "- \t1", "-\t1", "a: '\t'", "a: \"\\t\"", "a: |\n  \tx", "a: |\n\t  x", "a:\t|\n  x",
        "a: x\n\ty", "a: x\n  \ty", "? a\n:\t1", "a: [\t1]", "a: [1\t]", "a: {\tb: 1}", "a\t: 1", "a \t: 1", "a: 'x\n\ty'", "a: \"x\n\ty\"", "#\tc\na: 1",
        "a: 1 #\tc", "[1, 2]\t", "{a: 1}\t", "a: [1, 2]\t", "- [1]\t", "a: &x\t1", "a: !!str\t1"]
for t in TABS:
    add("tabs", t)
    add("tabs", t + "\n")

# Long scalars (libyaml/PyYAML limits on simple keys: 1024 chars).
for n in [100, 1000, 1023, 1024, 1025, 5000, 70000]:
    add("long", "a: " + "x" * n + "\n")
    add("long", "x" * n + ": 1\n")
    add("long", "'" + "x" * n + "': 1\n")
    add("long", "a: '" + "x" * n + "'\n")
    add("long", "a: \"" + "x" * n + "\"\n")
    add("long", "a: |\n  " + "x" * n + "\n")
    add("long", "{" + "x" * n + ": 1}\n")
    add("long", "a: [" + ", ".join(["x"] * (n // 3)) + "]\n")
    add("long", "a: " + " ".join(["w"] * (n // 2)) + "\n")
    add("long", "a: " + "\n  ".join(["w" * 10] * (n // 10)) + "\n")

# Flow collections.
FLOWS = ["[]", "{}", "[[]]", "[{}]", "{a: []}", "[a, [b, [c, [d]]]]", "{a: {b: {c: {}}}}", "[a, b,]", "{a: 1,}", "[a,, b]", "[,]", "{,}", "[a b]",
         "{a b: c}", "[a: b]", "[a: b, c: d]", "[? a: b]", "[? a]", "{? a}", "{? a: b}", "{a}", "{a, b: c}", "{a: b, c}", "[a, {b: c}, [d]]",
         "{a: [b, c], d: {e: f}}", "[\n a,\n b\n]", "{\n a: 1,\n b: 2\n}", "[a,\n\n b]", "[a, # c\n b]", "[a #c\n]", "{a: 1 #c\n}", "[a]b", "[a] #c", "[a]#c",
         "{a: b}}", "[[a]", "[a]]", "{a: [b}", "[\"a\": b]", "['a': b]", "[{a: b}: c]", "{[a]: b}", "{{a: b}: c}", "[a: [b]]", "{a: {b}}", "[-1]", "[- 1]",
         "[-]", "[a-b]", "[:a]", "[a:]", "[a :b]", "{a:b}", "{a :b}", "{a: b :c}", "{\"a\":b}", "{'a':b}", "[\"a\":[b]]", "{a:[b]}", "{a:{b:c}}", "{a:\"b\"}",
         "[a, b]: c", "{a: 1}: c", "[ a , b ]", "{ a : 1 }", "{a: 1, a: 2}", "{a: 1, b: 2, a: 3}", "[!!str 1, !!int '2']", "{!!str 1: 2}", "[&x 1, *x]",
         "{a: &x 1, b: *x}", "[*x]", "[a, \"b\nc\"]", "['a\n\n b']", "{a: 'b\n c'}", "[a\n b]", "{a: b\n c}", "[|\n x]", "[>\n x]", "{a: |\n x}",
         "[http://x.y/z, a:b]", "{url: http://x:80/y}", "[a?b]", "[a, ?]", "[?]", "{?}", "{? : b}", "{: b}", "[: b]", "[a, : b]", "{a: 1, : b}"]
for f in FLOWS:
    add("flow", f)
    add("flow", "a: " + f)
    add("flow", "- " + f)
    add("flow", "a:\n  " + f.replace("\n", "\n  "))

# Complex and odd keys.
KEYS = ["? a\n: b\n", "? a\n", "? [a, b]\n: c\n", "? {a: 1}\n: c\n", "? |\n  x\n: y\n", "? - a\n  - b\n: c\n", "?\n: b\n", ": b\n", "? a\n? b\n",
        "? a\n: b\n? a\n: c\n", "1: a\n01: b\n", "1: a\n'1': b\n", "true: a\nTrue: b\n", "yes: a\ntrue: b\n", "null: a\n~: b\n", ": a\n",
        "1.0: a\n1: b\n", "0x1: a\n1: b\n", "0o10: a\n010: b\n", "1:30: a\n", "? 1:30\n: a\n", "a: 1\nA: 2\n", "'a': 1\na: 2\n", "\"a\": 1\na: 2\n",
        "a: 1\na : 2\n", "a: 1\na: 1\n", "a:\n  b: 1\n  b: 2\n", "- a: 1\n  a: 2\n", "a: {b: 1}\na: {c: 2}\n", ".inf: a\n.Inf: b\n", ".nan: a\n.nan: b\n",
        "2001-12-14: a\n'2001-12-14': b\n", "? !!str 1\n: a\n1: b\n", "!!str 1: a\n!!int '1': b\n", "[1]: a\n", "{a: 1}: b\n", "&x a: 1\n*x : 2\n",
        "<<: {a: 1}\na: 2\n", "<<: {a: 1}\n<<: {b: 2}\n", "a b: 1\n", "a  b: 1\n", "a:b: 1\n", "a:b : 1\n", "\"a:b\": 1\n", "a#b: 1\n", "a #b: 1\n",
        "-a: 1\n", "- a: 1\n", "-- a: 1\n", "?a: 1\n", ":a: 1\n", "a?: 1\n", "a:: 1\n", "@a: 1\n", "%a: 1\n", "a%: 1\n"]
for k in KEYS:
    add("keys", k)
    add("keys", "top:\n  " + k.rstrip("\n").replace("\n", "\n  ") + "\n")

# Quoting and escapes.
ESC = ["\\0", "\\a", "\\b", "\\t", "\\\t", "\\n", "\\v", "\\f", "\\r", "\\e", "\\ ", "\\\"", "\\/", "\\\\", "\\N", "\\_", "\\L", "\\P", "\\x41", "\\x4", "\\xZZ",
       "\\u00e9", "\\u00E9", "\\u0041", "\\uD800", "\\U0001F600", "\\U00110000", "\\q", "\\'", "\\", "\\x00", "\\u0000", "\\x7f", "\\x80"]
for e in ESC:
    add("escape", 'a: "%s"' % e)
    add("escape", 'a: "x%sy"\n' % e)
    add("escape", '"%s": 1\n' % e)
QUOTES = ["a: 'x''y'", "a: ''''", "a: ''", "a: '", "a: 'x\n  y'", "a: 'x\n\n  y'", "a: 'x  \n  y'", "a: 'x\n  \n  y'", "a: \"x\n  y\"", "a: \"x\\\n  y\"",
          "a: \"x \\\n  y\"", "a: \"x\n\n\n  y\"", "a: 'x'y", "a: 'x' y", "a: 'x' #c", "a: 'x'#c", "a: \"\"\"\"", "a: \"a\\\"b\"", "'a''b': 1", "a: 'é'",
          "a: \"\\u00e9\"", "a: é", "é: 1", "a: [é]", "a: |\n  é\n", "a: '😀'", "a: \"\\U0001F600\"", "a: 'x\ny'", "a:\n  'x\n  y'", "- 'x\n  y'",
          "- \"x\n y\"", "a: 'x\n y'", "a: \"x\n y\"", "a: \"x\ny\"", "a:\n  \"x\n  y\"", "a: 'x\n---\n  y'", "a: 'x\n...\n  y'"]
for q in QUOTES:
    add("quote", q)
    add("quote", q + "\n")

# Plain multi-line scalars.
PLAINS = ["a: x\n  y\n", "a: x\n y\n", "a: x\ny\n", "a: x\n\n  y\n", "a: x\n  y\n  z\n", "a: x\n  y: z\n", "a: x\n  - y\n", "a: x\n  # c\n  y\n",
          "a: x #c\n  y\n", "- x\n  y\n", "- x\n y\n", "- x\ny\n", "x\ny\n", "x\n y\n", "a:\n  x\n  y\n", "a:\n  x\n y\n", "a: x\n\n\n  y\n",
          "a: x  \n  y\n", "a: x\n  y  \n", "a: -x\n  -y\n", "a: x\n  ---\n", "a: x\n---\n", "a: x\n  ...\n", "a: x\n  &y\n", "a: x\n  *y\n",
          "a: x\n  !y\n", "a: x\n  'y'\n", "a: x\n  {y}\n", "a: x\n  [y]\n", "a: x\n  y#z\n", "a: x\n  y #z\n", "a: x\n  :y\n", "a: x\n  ?y\n"]
for p in PLAINS:
    add("plain", p)

# Indentation.
INDENTS = ["a:\n- 1\n- 2\n", "a:\n  - 1\n  - 2\n", "a:\n  - 1\n - 2\n", "a:\n - 1\n  - 2\n", "a:\n  b: 1\n c: 2\n", "a:\n    b: 1\n  c: 2\n",
           "  a: 1\nb: 2\n", "a: 1\n  b: 2\n", "- - a\n  - b\n", "- - a\n - b\n", "-  - a\n   - b\n", "- a: 1\n  b: 2\n-  c: 3\n", "- a: 1\n   b: 2\n",
           "-   a: 1\n    b: 2\n", "a:\n  - b: 1\n    c: 2\n  - d\n", "a:\n- b: 1\n  c: 2\n- d\n", "a:\n  -\n    b: 1\n", "-\n  - a\n", "- \n  a\n",
           "a:\n  b:\n    c:\n      d: 1\n  e: 2\n", "a:\n   b: 1\n   c: 2\n", " - a\n - b\n", " a: 1\n b: 2\n", "a: 1\n b: 2\n", "a:\n  b\n  c: 1\n",
           "- a\n-b\n", "-a\n", "- a\n -b\n", "a:\n  - b\n  c: 1\n", "a:\n  - b\nc: 1\n", "a:\n- b\nc: 1\n", "a:\n- b\n- c\nd:\n- e\n",
           "a: - b\n", "a: b: c\n", "- a: b: c\n", "a:\n\n\n  b: 1\n", "a:\n  # c\n  b: 1\n", "a:\n# c\n  b: 1\n", "a: # c\n  b: 1\n"]
for i in INDENTS:
    add("indent", i)

# Randomised documents: nested block/flow structures of the scalars above.
WORDS = ["a", "b", "name", "x y", "1", "yes", "0o17", "017", "1:30", "~", "", "true", "1.5", "1e3", "-", "http://h:1/p", "2001-12-14", "<<", "é"]
def rscalar(flow):
    s = rng.choice(SCALARS + WORDS * 3)
    style = rng.random()
    if style < 0.15:
        return "'" + s.replace("'", "''") + "'"
    if style < 0.25:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s
def rflow(depth):
    if depth > 2 or rng.random() < 0.5:
        return rscalar(True)
    if rng.random() < 0.5:
        return "[" + ", ".join(rflow(depth + 1) for _ in range(rng.randint(0, 3))) + "]"
    return "{" + ", ".join("%s: %s" % (rscalar(True), rflow(depth + 1)) for _ in range(rng.randint(0, 3))) + "}"
def rblock(indent, depth):
    pad = " " * indent
    r = rng.random()
    if depth > 3 or r < 0.25:
        return " " + rflow(depth) + "\n"
    if r < 0.35:
        h = rng.choice(["|", ">", "|-", ">-", "|+", ">+"])
        return " %s\n%s  %s\n%s  %s\n" % (h, pad, rscalar(False), pad, rscalar(False))
    step = rng.choice([1, 2, 4])
    out = "\n"
    if r < 0.65:
        for _ in range(rng.randint(1, 3)):
            out += "%s%s:%s" % (" " * (indent + step), rscalar(False), rblock(indent + step, depth + 1))
    else:
        for _ in range(rng.randint(1, 3)):
            out += "%s-%s" % (" " * (indent + step), rblock(indent + step, depth + 1))
    return out
for _ in range(6000):
    text = "".join("%s:%s" % (rscalar(False), rblock(0, 1)) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.1:
        text = "---\n" + text
    if rng.random() < 0.1:
        anchor = text.find(": ")
        if anchor > 0:
            text = text[:anchor + 2] + "&r " + text[anchor + 2:] + "zz: *r\n"
    add("random", text)

# Mutations of the project-like documents: insert, delete or replace one character.
SEEDS = [c["text"] for c in cases if c["family"] in ("random", "block", "anchor", "indent")]
ALPHABET = [" ", "\n", ":", "-", "#", "'", '"', "[", "]", "{", "}", ",", "?", "&", "*", "!", "|", ">", "\t", "x", "1", "%", "@", "\r"]
for _ in range(8000):
    t = rng.choice(SEEDS)
    if not t:
        continue
    i = rng.randrange(len(t))
    op = rng.random()
    if op < 0.4:
        t = t[:i] + rng.choice(ALPHABET) + t[i:]
    elif op < 0.7:
        t = t[:i] + t[i + 1:]
    else:
        t = t[:i] + rng.choice(ALPHABET) + t[i + 1:]
    add("mutation", t)

json.dump(cases, sys.stdout)
