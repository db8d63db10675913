"""Summarises `jfr print --stack-depth 64 --events jdk.ExecutionSample` output: where the
CPU samples were, by own time (top frame) and by inclusive time (anywhere on the stack),
per method and per package, so a profile can be kept as text beside the figures."""
import collections
import re
import sys

FRAME = re.compile(r"^\s+([\w$.<>]+)\(.*\)\s+line:")


def package(method):
    parts = method.split(".")
    return ".".join(parts[:3]) if len(parts) > 3 else ".".join(parts[:-1])


stacks, current = [], None
for line in open(sys.argv[1]):
    if line.startswith("jdk.ExecutionSample"):
        current = []
        stacks.append(current)
    elif current is not None:
        match = FRAME.match(line)
        if match:
            current.append(match.group(1))
stacks = [s for s in stacks if s]
total = len(stacks)
own, inclusive, own_pkg, incl_pkg = (collections.Counter() for _ in range(4))
for stack in stacks:
    own[stack[0]] += 1
    own_pkg[package(stack[0])] += 1
    inclusive.update(set(stack))
    incl_pkg.update({package(m) for m in stack})


def table(title, counter, n):
    print(f"\n## {title}")
    for name, count in counter.most_common(n):
        print(f"{100 * count / total:6.1f} %  {name}")


print(f"# {total} execution samples")
table("own time by package (top frame)", own_pkg, 25)
table("own time by method", own, 30)
table("inclusive time by method (on the stack)", inclusive, 60)
table("inclusive time by package", incl_pkg, 30)
