# SPDX-License-Identifier: GPL-2.0
"""Instruction counts of the x86_64 workload under -icount:
scripts/bench-icount's part of the bench report, run through lmm.bench."""

import statistics

ICOUNT_PHASES = ('fork_exit', 'mprotect', 'munmap', 'mremap', 'total')


def icount_results(lines):
    """phase -> count of one run's 'PHASE COUNT' lines."""
    return {k: int(v) for k, v in (line.split() for line in lines if line.strip())}


def spread(values, median):
    return f'{100 * (max(values) - min(values)) / median:.3f}%'


def icount_table(runs):
    """RUNS: {'base': [results...], 'series': [...]}."""
    lines = ['| phase | base median (instructions) | base spread | '
             'series median | series spread | series/base |',
             '|---|---:|---:|---:|---:|---:|']
    for k in ICOUNT_PHASES:
        b = [r[k] for r in runs['base']]
        s = [r[k] for r in runs['series']]
        mb, ms = statistics.median(b), statistics.median(s)
        lines.append(f'| {k} | {int(mb)} | {spread(b, mb)} | {int(ms)} | '
                     f'{spread(s, ms)} | {ms / mb:.4f} '
                     f'({min(s) / max(b):.4f}-{max(s) / min(b):.4f}) |')
    return lines
