#!/usr/bin/env python3
"""Checks the relative links of Markdown files: every target exists, and every #anchor
names a heading of its target (GitHub's heading slugs). Links inside code are skipped.

    scripts/check-links.py README.md docs/*.md bench/README.md
"""
import os
import re
import sys


def slug(heading):
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', heading.strip().lower().replace('`', ''))
    return re.sub(r'[^\w\- ]', '', text).replace(' ', '-')


def outside_code(path):
    """(line number, line) of every line outside fenced code blocks."""
    fenced = False
    with open(path, encoding='utf-8') as lines:
        for number, line in enumerate(lines, 1):
            if line.startswith('```'):
                fenced = not fenced
            elif not fenced:
                yield number, line


def anchors(path):
    seen, found = {}, set()
    for _, line in outside_code(path):
        match = re.match(r'^#{1,6}\s+(.*)', line)
        if match:
            name = slug(match.group(1))
            count = seen.get(name, 0)
            seen[name] = count + 1
            found.add(name if count == 0 else f'{name}-{count}')
    return found


def broken_links(path):
    for number, line in outside_code(path):
        for match in re.finditer(r'\]\(([^)\s]+)\)', re.sub(r'`[^`]*`', '', line)):
            target = match.group(1)
            if re.match(r'^[a-z]+:', target):
                continue
            file, _, anchor = target.partition('#')
            dest = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
            if not os.path.exists(dest):
                yield f'{path}:{number}: {target}: no such file'
            elif anchor and dest.endswith('.md') and anchor not in anchors(dest):
                yield f'{path}:{number}: {target}: no heading #{anchor} in {dest}'


if __name__ == '__main__':
    problems = [problem for path in sys.argv[1:] for problem in broken_links(path)]
    print('\n'.join(problems) or f'links resolve in {len(sys.argv) - 1} files')
    sys.exit(1 if problems else 0)
