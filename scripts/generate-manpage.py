#!/usr/bin/env python3
"""Writes bluevirt(1) in man(7) markup from `bluevirt --experimental-dump-help` (read on stdin).

The command definitions (swift-argument-parser's dump of every command, argument and help text)
are the only source, so the page cannot drift from `bluevirt help`. swift-argument-parser's own
generate-manual plugin would rebuild the whole package without the release flags, hence this.
"""
import argparse
import datetime
import json
import sys


def roff(text):
    """Escapes text for roff: backslashes, and lines that would start with a control character."""
    text = text.replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def paragraphs(text):
    """The help text as roff paragraphs (a blank line separates them in the definitions); a
    paragraph with indented lines (examples) keeps its lines as they are."""
    out = []
    for part in text.split("\n\n"):
        part = part.strip("\n")
        if not part.strip():
            continue
        if any(line.startswith(" ") for line in part.split("\n")[1:]):
            out.append(".nf\n" + roff(part) + "\n.fi")
        else:
            out.append(roff(part.strip()))
    return "\n.PP\n".join(out)


def argument_label(argument):
    """How an argument is written in a synopsis: --name <value>, -f, <positional>."""
    names = argument.get("names") or []
    spelled = ", ".join(("--" if n["kind"] == "long" else "-") + n["name"] for n in names)
    value = argument.get("valueName", "")
    if argument["kind"] == "positional":
        label = f"<{value}>"
    elif argument["kind"] == "option":
        label = f"{spelled} <{value}>"
    else:
        label = spelled
    if argument.get("isRepeating"):
        label += " ..."
    return label


def visible_arguments(command):
    return [a for a in command.get("arguments") or [] if a.get("shouldDisplay", True)]


def synopsis(path, command):
    parts = []
    for argument in visible_arguments(command):
        preferred = argument.get("preferredName")
        if argument["kind"] == "positional":
            shown = f"<{argument.get('valueName', '')}>"
        else:
            dashes = "--" if preferred and preferred["kind"] == "long" else "-"
            shown = dashes + (preferred["name"] if preferred else "")
            if argument["kind"] == "option":
                shown += f" <{argument.get('valueName', '')}>"
        if argument.get("isRepeating"):
            shown += " ..."
        parts.append(f"[{shown}]" if argument.get("isOptional") else shown)
    return roff(" ".join([path] + parts))


def describe_arguments(command):
    out = []
    for argument in visible_arguments(command):
        out.append(".TP")
        out.append(f"\\fB{roff(argument_label(argument))}\\fR")
        text = argument.get("abstract", "")
        if argument.get("discussion"):
            text += "\n\n" + argument["discussion"]
        if "defaultValue" in argument:
            text += f" (default: {argument['defaultValue']})"
        out.append(paragraphs(text) if text else "")
    return out


def describe_command(path, command, out):
    """One section per subcommand, nested commands (e.g. `secret set`) after their parent."""
    for sub in command.get("subcommands") or []:
        if not sub.get("shouldDisplay", True) or sub["commandName"] == "help":
            continue
        sub_path = f"{path} {sub['commandName']}"
        out.append(f".SS {roff(sub_path)}")
        out.append(f".B {synopsis(sub_path, sub)}")
        out.append(".PP")
        out.append(paragraphs(sub.get("abstract", "")))
        if sub.get("discussion"):
            out.append(".PP")
            out.append(paragraphs(sub["discussion"]))
        out.extend(describe_arguments(sub))
        describe_command(sub_path, sub, out)


def manpage(dump, version, date):
    root = dump["command"]
    name = root["commandName"]
    out = [
        f'.TH {name.upper()} 1 "{date}" "{roff(name)} {roff(version)}" "User Commands"',
        ".SH NAME",
        f"{roff(name)} \\- {roff(root.get('abstract', ''))}",
        ".SH SYNOPSIS",
        f".B {roff(name)}",
        "\\fIcommand\\fR [\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        paragraphs(root.get("discussion") or root.get("abstract", "")),
    ]
    if visible_arguments(root):
        out.append(".SH OPTIONS")
        out.extend(describe_arguments(root))
    out.append(".SH COMMANDS")
    describe_command(name, root, out)
    out.extend([
        ".SH SEE ALSO",
        "\\fBvirsh\\fR(1); \\fBbluevirt help\\fR \\fIcommand\\fR prints the same help on the terminal.",
    ])
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", required=True, help="the version shown in the page's footer")
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    args = parser.parse_args()
    sys.stdout.write(manpage(json.load(sys.stdin), args.version, args.date))


if __name__ == "__main__":
    main()
