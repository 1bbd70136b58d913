"""Compares what bluevirt reads from each text with what Cloudify reads (README.md).

    python3 compare.py cases.json cloudify.json bluevirt.json [--examples N]

Prints, first, where bluevirt's subset reader and its libyaml path disagree (always a bug; the
exit status is 1 then), then bluevirt's loader against Cloudify's, case by case in one of:
same value; both refuse; a difference of the resolver only (bluevirt reads what PyYAML reads under
YAML 1.2's core schema: yes/no, 017, 1:30, 1_000, 1e3, dates); Cloudify refuses a non-ASCII
string; bluevirt refuses what Cloudify reads; bluevirt reads what Cloudify refuses; another value.
Each of the last three is grouped by its message, with examples.
"""
import collections, json, re, sys

def canonical(value):
    """A hashable form in which mappings are unordered and numbers compare by value."""
    kind, content = next((k, v) for k, v in value.items() if k not in ("notes", "warnings", "documents"))
    if kind == "value":
        return canonical(content)
    if kind == "map":
        return ("map", frozenset(collections.Counter((canonical(k), canonical(v)) for k, v in content).items()))
    if kind == "seq":
        return ("seq", tuple(canonical(item) for item in content))
    if kind == "float":
        return ("nan",) if content == "nan" else ("number", float(content))
    if kind in ("int", "bigint"):
        return ("number", float(int(content)))
    return (kind, content)

def message(error):
    """The error's words without positions and names, to group by."""
    error = re.sub(r"'[^']*'", "'…'", re.sub(r"\d+:\d+ ", "", error))
    return re.sub(r"\b\d+", "N", re.sub(r"\s+in \"<unicode string>\".*", "", error))[:100]

def main():
    cases, cloudify, bluevirt = (json.load(open(path)) for path in sys.argv[1:4])
    examples = int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 2
    families = collections.Counter(case["family"] for case in cases)
    print("%d texts: %s" % (len(cases), ", ".join("%s %d" % item for item in families.most_common())))

    taken, readers = 0, []
    for case, ours in zip(cases, bluevirt):
        fast, slow = ours["fast"], ours["libyaml"]
        if "fallback" in fast:
            continue
        taken += 1
        if fast.get("error") != slow.get("error") or ("error" not in fast and
                (canonical(fast) != canonical(slow) or fast["warnings"] != slow["warnings"])):
            readers.append(case["text"])
    print("\nsubset reader vs libyaml: the subset reader took %d texts; %d disagreements" % (taken, len(readers)))
    for text in readers[:examples * 5]:
        print("   ", repr(text)[:200])

    groups = collections.defaultdict(lambda: collections.defaultdict(list))
    for case, theirs, ours in zip(cases, cloudify, bluevirt):
        ours, reference, core = ours["loader"], theirs["cloudify"], theirs["core"]
        if "error" in ours and "error" in reference:
            kind, key = "both refuse", ""
        elif "error" in ours:
            kind, key = "bluevirt refuses what Cloudify reads", message(ours["error"])
        elif "error" not in reference and canonical(ours) == canonical(reference):
            kind, key = "same value", ""
        elif reference == {"map": []} and ours["value"] == {"null": True}:
            kind, key = "same value", ""   # Cloudify reads an empty file as {}
        elif "error" not in core and canonical(ours) == canonical(core):
            non_ascii = "error" in reference and "illegal characters" in reference["error"]
            kind, key = ("Cloudify refuses a non-ASCII string" if non_ascii else "the resolver's difference (YAML 1.1 vs 1.2)"), ""
        elif "error" in reference:
            kind, key = "bluevirt reads what Cloudify refuses", message(reference["error"])
        else:
            kind, key = "another value", ""
        groups[kind][key].append((case["family"], case["text"], ours, reference))

    # Every difference of the resolver is warned about (BV0019), but yes/no/on/off, which are
    # BV0207's where they meet a boolean, '=', '<<' and tagged values: those without BV0019 are listed.
    resolver = [item for items in groups["the resolver's difference (YAML 1.1 vs 1.2)"].values() for item in items]
    unwarned = [item for item in resolver if not any(w.startswith("BV0019") for w in item[2]["warnings"])]
    print("\nthe resolver's differences: %d, %d with BV0019; without it (yes/no/on/off, BV0207's; '=', '<<'; tagged values):"
          % (len(resolver), len(resolver) - len(unwarned)))
    for family, text, ours, reference in sorted(unwarned, key=lambda item: len(item[1]))[:examples * 5]:
        print("   ", repr(text)[:120])

    print("\nbluevirt vs Cloudify:")
    for kind, keyed in sorted(groups.items(), key=lambda item: -sum(map(len, item[1].values()))):
        print("  %6d  %s" % (sum(map(len, keyed.values())), kind))
    for kind in ("bluevirt refuses what Cloudify reads", "bluevirt reads what Cloudify refuses", "another value"):
        print("\n%s:" % kind)
        for key, items in sorted(groups[kind].items(), key=lambda item: -len(item[1])):
            print("  %5d  %s  (%s)" % (len(items), key, ", ".join("%s %d" % f for f in collections.Counter(i[0] for i in items).most_common(4))))
            for family, text, ours, reference in sorted(items, key=lambda item: len(item[1]))[:examples]:
                print("           %r\n             bluevirt %s\n             Cloudify %s" % (text[:150], json.dumps(ours)[:160], json.dumps(reference)[:160]))
    return 1 if readers else 0

if __name__ == "__main__":
    sys.exit(main())
