# SPDX-License-Identifier: GPL-2.0
"""Read the result store that scripts/store.sh writes.

A store is a folder with one file per step, named by its key: one line
of tab-separated fields, '-' for an empty one:

    stamp verdict seconds log reproduce note

Run as a program, it prints the table of one or more stores and their
counts (python3 -m lmm.store table LABEL=FOLDER...), and exits
1 when a record says something failed; or aligns the columns of
tab-separated rows (python3 -m lmm.store columns).
"""

import dataclasses
import os
import sys

FIELDS = ('stamp', 'verdict', 'seconds', 'log', 'reproduce', 'note')
# Verdicts that count as passed and as failed; the others (skipped, or
# no verdict) count as neither.
GOOD = frozenset({'pass', 'killed'})
BAD = frozenset({'fail', 'blocked', 'survived', 'killed-other'})


@dataclasses.dataclass
class Record:
    key: str
    stamp: str = ''
    verdict: str = '-'
    seconds: int = 0
    log: str = ''
    reproduce: str = ''
    note: str = ''


def parse(key, line):
    """The record KEY of one line of the store."""
    values = line.rstrip('\n').split('\t')
    if len(values) != len(FIELDS):
        raise ValueError(f'record {key}: {len(values)} fields, '
                         f'not {len(FIELDS)}: {line!r}')
    fields = dict(zip(FIELDS, ('' if v == '-' else v for v in values)))
    try:
        fields['seconds'] = int(fields['seconds'] or 0)
    except ValueError:
        raise ValueError(f'record {key}: seconds is not a number: '
                         f'{fields["seconds"]!r}') from None
    fields['verdict'] = fields['verdict'] or '-'
    return Record(key, **fields)


def read(folder):
    """The records of FOLDER, in the order they were written."""
    found = []
    if not os.path.isdir(folder):
        return found
    for name in os.listdir(folder):
        if name.endswith(('.run', '.tmp')) or name.startswith('.'):
            continue
        path = os.path.join(folder, name)
        with open(path, encoding='utf-8') as f:
            record = parse(name, f.readline())
        found.append((os.stat(path).st_mtime_ns, name, record))
    return [r for _, _, r in sorted(found, key=lambda t: (t[0], t[1]))]


def counts(records):
    """(passed, failed) of RECORDS."""
    passed = sum(r.verdict in GOOD for r in records)
    failed = sum(r.verdict in BAD for r in records)
    return passed, failed


def columns(rows):
    """Rows of cells as lines of text, each column as wide as its widest
    cell: the one way the scripts draw a table (check, runtime and
    mutants; python3 -m lmm.store columns reads tab-separated rows)."""
    widths = {}
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths.get(i, 0), len(cell))
    return [' '.join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
            for row in rows]


def table(groups):
    """The lines of a table of (label, records) pairs: label, key,
    verdict, time and a note; a failure's note says how to reproduce it
    and where its log is."""
    rows = [('target', 'step', 'verdict', 'time', 'note')]
    for label, records in groups:
        for r in records:
            if r.verdict in BAD and r.reproduce:
                note = f'reproduce: {r.reproduce}'
                if r.log:
                    note += f' (log: {r.log})'
                if r.verdict == 'blocked':
                    note = f'{r.note}; {note}'
            else:
                # A line of a terminal; the record keeps more.
                note = r.note[:70]
            time = f'{r.seconds}s' if r.verdict not in ('-', 'blocked') else '-'
            rows.append((label, r.key, r.verdict.upper(), time, note))
    return columns(rows)


def main(argv):
    if argv == ['columns']:
        for line in columns([line.rstrip('\n').split('\t') for line in sys.stdin]):
            print(line)
        return 0
    if len(argv) < 2 or argv[0] != 'table':
        print('usage: store.py table LABEL=FOLDER...\n'
              '       store.py columns < TAB-SEPARATED-ROWS', file=sys.stderr)
        return 2
    groups = []
    for arg in argv[1:]:
        label, sep, folder = arg.partition('=')
        if not sep:
            print(f'store.py: not LABEL=FOLDER: {arg}', file=sys.stderr)
            return 2
        groups.append((label, read(folder)))
    for line in table(groups):
        print(line)
    passed, failed = counts([r for _, rs in groups for r in rs])
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
