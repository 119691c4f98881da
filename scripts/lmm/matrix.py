# SPDX-License-Identifier: GPL-2.0
"""The report of scripts/matrix, from its plan and the result store.

    matrix.py --plan PLAN --store FOLDER --stages "STAGE..." \\
              --error-re ERE --title TITLE --minutes N

The plan has one line per cell, tab-separated: stage, row, column, key,
stamp, reproduce, command.  A cell shows the verdict of its record in
the store if the record's stamp is the cell's, and no verdict
otherwise.  Prints the report; exits 1 if a cell failed, or if a cell
of one of STAGES (the stages this run covered) has no verdict.
"""

import argparse
import dataclasses
import re
import sys
import time

from lmm import store

# Lines worth showing under a failure, besides the build's errors.
DETAIL = re.compile(r'new$|^[^ ]+:[0-9]+: ')
ERRORS_SHOWN = 8


@dataclasses.dataclass
class Cell:
    stage: str
    row: str
    column: str
    key: str
    stamp: str
    reproduce: str


def read_plan(lines):
    cells = []
    for line in lines:
        fields = line.rstrip('\n').split('\t')
        if len(fields) < 6:
            raise ValueError(f'plan line with {len(fields)} fields: {line!r}')
        cells.append(Cell(*fields[:6]))
    return cells


def python_re(ere):
    """A Python pattern of a POSIX extended regular expression of the
    kind scripts/lib.sh writes (LMM_ERROR_RE): only [:alnum:] differs."""
    return re.compile(ere.replace('[:alnum:]', 'a-zA-Z0-9'))


def log_lines(path):
    try:
        with open(path, errors='replace', encoding='utf-8') as f:
            return [line.rstrip('\n') for line in f]
    except OSError:
        return []


class Report:
    def __init__(self, cells, records, stages):
        self.cells, self.records, self.stages = cells, records, stages
        self.failed, self.not_run, self.other, self.seconds = [], 0, 0, 0

    def verdict(self, cell):
        """'pass', 'FAIL' or '-', counting it."""
        r = self.records.get(cell.key)
        if r is None or r.stamp != cell.stamp or r.verdict == '-':
            if cell.stage in self.stages:
                self.not_run += 1
            else:
                self.other += 1
            return '-'
        self.seconds += r.seconds
        if r.verdict == 'pass':
            return 'pass'
        self.failed.append(cell.key)
        return 'FAIL'

    def grid(self):
        prefixes = [c for c in self.cells if c.stage == 'prefixes']
        finals = {c.row: c for c in self.cells if c.stage == 'final'}
        rows = list(dict.fromkeys(c.row for c in prefixes))
        columns = list(dict.fromkeys(c.column for c in prefixes))
        lines = ['%-18s %s  final' % ('prefix:', ''.join(
            str(int(i) % 10) for i in columns))]
        for row in rows:
            marks = ''.join({'pass': '.', 'FAIL': 'F'}.get(self.verdict(c), '-')
                            for c in prefixes if c.row == row)
            final = self.verdict(finals[row]) if row in finals else '-'
            lines.append('%-18s %s  %s' % (row, marks, final))
        return lines, len(rows), len(columns)

    def checks(self):
        lines = []
        for c in self.cells:
            if c.stage not in ('sparse', 'cocci'):
                continue
            v = self.verdict(c)
            r = self.records.get(c.key)
            # The step's note: the last line its script printed, the
            # summary of sparse-delta, cocci and cocci-delta.  Not the
            # note of another stamp: its counts are of another tree.
            note = r.note if r and v != '-' else ''
            lines.append(('%-20s %-5s %s' % (c.key, v, note)).rstrip(' '))
        return lines

    def failures(self, error_re):
        lines = []
        for key in self.failed:
            r = self.records[key]
            lines += ['', f'FAIL {key}: reproduce with: {r.reproduce}',
                      f'  log: {r.log}']
            shown = [line for line in log_lines(r.log)
                     if (error_re.search(line) or DETAIL.search(line))
                     and 'No rule to make target' not in line]
            lines += ['  | ' + line for line in shown[:ERRORS_SHOWN]]
        return lines


def report(cells, records, stages, error_re, title, minutes, now=None):
    """The report's lines and its exit status."""
    rep = Report(cells, records, stages)
    when = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(now))
    lines = [title, f"{when}; '.' pass, 'F' fail, '-' not run", '']
    grid, n_rows, n_columns = rep.grid()
    lines += grid + [''] + rep.checks() + rep.failures(error_re) + ['']
    summary = f'{len(rep.failed)} failed, {rep.not_run} not run'
    all_stages = dict.fromkeys(c.stage for c in cells)
    if any(s not in stages for s in all_stages):
        summary += (f" in the stages run ({' '.join(stages)}), "
                    f'{rep.other} in the others')
    lines.append(f'matrix: {n_rows} configurations x {n_columns} prefixes + '
                 f'final; {summary}; this run {minutes} min')
    hours, rest = divmod(rep.seconds, 3600)
    lines.append(f'matrix: the verdicts shown took {hours} h {rest // 60} min '
                 'to build')
    return lines, 1 if rep.failed or rep.not_run else 0


def main(argv):
    p = argparse.ArgumentParser(prog='matrix.py')
    p.add_argument('--plan', required=True)
    p.add_argument('--store', required=True)
    p.add_argument('--stages', required=True)
    p.add_argument('--error-re', required=True)
    p.add_argument('--title', required=True)
    p.add_argument('--minutes', type=int, default=0)
    a = p.parse_args(argv)
    with open(a.plan, encoding='utf-8') as f:
        cells = read_plan(f)
    records = {r.key: r for r in store.read(a.store)}
    lines, rc = report(cells, records, a.stages.split(),
                       python_re(a.error_re), a.title, a.minutes)
    print('\n'.join(lines))
    return rc


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
