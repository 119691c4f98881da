# SPDX-License-Identifier: GPL-2.0
"""What a series adds to a checker's reports: sparse, Coccinelle and
the documentation build.

Both compare the messages of the base with those of the series and list
the ones the series adds.  The series moves code, so line numbers are
left out of the comparison, and each base message accounts for one
series message at most.

    python3 scripts/lmm/delta.py sparse NAME BASE-LOG SERIES-LOG
    python3 scripts/lmm/delta.py cocci BASE-REPORTS SERIES-REPORTS
    python3 scripts/lmm/delta.py docs BASE-LOG SERIES-LOG

print the new messages as file:line: text and a summary line, and exit
1 when there is a new one.
"""

import collections
import re
import sys

from lmm import read_lines

SPARSE_MSG = re.compile(
    r'^(?:.*/tree/|\.\./|\./)*([\w./+-]+\.[chS]):(\d+):\d+: '
    r'(warning|error): (.*)$')
# scripts/build's line when it skips an object and builds again.
BUILD_AGAIN = 'build: building again without '
KBUILD_STEPS = ('CC', 'CHECK', 'LD', 'AR')
COCCI_MSG = re.compile(r'^([^:]+):(\d+):[\d-]+: (.*)$')
# Sphinx's and kernel-doc's: [FILE:[LINE:] ]LEVEL: TEXT.
DOCS_MSG = re.compile(
    r'^(?:\.?/?([^\s:]+):(?:(\d+):)? )?(WARNING|ERROR|warning|error): (.*)$')


def sparse_messages(lines):
    """The unique (file, line, text) sparse messages of a build log, a
    message's indented continuation lines joined to its text.  When
    scripts/build skips an object that the configuration does not build
    and builds the rest again, only that last pass counts: it checks
    every remaining source again (C=2), and the skipped object's
    compiler errors of the first pass are not sparse's."""
    seen, cur = [], None
    for line in lines:
        line = line.rstrip('\n')
        if line.startswith(BUILD_AGAIN):
            seen, cur = [], None
            continue
        m = SPARSE_MSG.match(line)
        if m:
            cur = [m.group(1), int(m.group(2)), f'{m.group(3)}: {m.group(4)}']
            seen.append(cur)
        elif (cur and line.startswith('   ')
              and not line.lstrip().startswith(KBUILD_STEPS)):
            cur[2] += ' | ' + line.strip()
        else:
            cur = None
    return sorted({tuple(w) for w in seen})


def cocci_messages(lines):
    """The (file, line, text) reports of coccicheck's report lines."""
    out = []
    for line in lines:
        m = COCCI_MSG.match(line.rstrip('\n'))
        if m:
            out.append((m.group(1), int(m.group(2)), m.group(3)))
    return out


def docs_messages(lines):
    """The (file, line, text) warnings and errors of a documentation
    build's log; '-' and 0 for a message that names no file."""
    out = []
    for line in lines:
        m = DOCS_MSG.match(line.rstrip('\n'))
        if m:
            out.append((m.group(1) or '-', int(m.group(2) or 0),
                        f'{m.group(3)}: {m.group(4)}'))
    return out


def new_messages(base, series, keys):
    """The messages of SERIES that no message of BASE accounts for.
    KEYS are functions of (file, line, text), tried in order: a series
    message is matched to a base message not matched yet whose key is
    the same, by the first key that finds one."""
    left_base, left_series = list(base), list(series)
    for key in keys:
        pool = collections.defaultdict(list)
        for m in left_base:
            pool[key(*m)].append(m)
        unmatched = []
        for m in left_series:
            if pool[key(*m)]:
                pool[key(*m)].pop()
            else:
                unmatched.append(m)
        left_series = unmatched
        left_base = [m for ms in pool.values() for m in ms]
    return left_series


def sparse_keys():
    """Same file and text; then, for what is left, the same text in any
    file: sparse puts a message on the last line it looked at, which an
    inline function the series moved to another header (or into the
    caller) changes."""
    return (lambda f, _, t: (f, t), lambda _f, _l, t: t)


def cocci_keys():
    """Same file, and the same text with its numbers left out (reports
    name the lines of other matches)."""
    return (lambda f, _, t: (f, re.sub(r'\b\d+\b', 'N', t)),)


def docs_keys():
    """Same file, and the same text with the line numbers it names left
    out (kernel-doc and "defined 2 times" name file:line)."""
    return (lambda f, _, t: (f, re.sub(r':\d+', ':N', t)),)


def report(new, summary):
    """Print NEW as file:line: text, then SUMMARY; 1 if there is one."""
    for f, line, t in new:
        print(f'{f}:{line}: {t}')
    print(summary)
    return 1 if new else 0



# Each checker: how its messages are read, how they are matched, and
# the head of its summary line ('{name}' is the argument of sparse).
CHECKERS = {
    'sparse': (sparse_messages, sparse_keys, 'sparse {name}:', ''),
    'cocci': (cocci_messages, cocci_keys, 'coccicheck:', ' reports'),
    'docs': (docs_messages, docs_keys, 'htmldocs:', ''),
}


def main(argv):
    checker = CHECKERS.get(argv[0]) if argv else None
    named = argv[:1] == ['sparse']
    if not checker or len(argv) != (4 if named else 3):
        print('usage: delta.py sparse NAME BASE-LOG SERIES-LOG\n'
              '       delta.py cocci BASE-REPORTS SERIES-REPORTS\n'
              '       delta.py docs BASE-LOG SERIES-LOG', file=sys.stderr)
        return 2
    messages, keys, head, unit = checker
    base = messages(read_lines(argv[-2]))
    series = messages(read_lines(argv[-1]))
    new = new_messages(base, series, keys())
    head = head.format(name=argv[1] if named else '')
    return report(new, f'{head} {len(base)}{unit} on the base, '
                       f'{len(series)} on the series, {len(new)} new')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
