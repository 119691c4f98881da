# SPDX-License-Identifier: GPL-2.0
"""Instruction counts of the x86_64 workload under -icount:
scripts/bench-icount's part of the bench report, run through lmm.bench."""

import bisect
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


USER = '(user space)'


def text_symbols(nm_lines):
    """Sorted (address, name) of the text symbols in 'nm -n' output."""
    syms = []
    for line in nm_lines:
        f = line.split()
        if len(f) == 3 and f[1] in 'tTwW':
            syms.append((int(f[0], 16), f[2]))
    return sorted(syms)


def per_function(tb_lines, syms):
    """Instructions per function, from scripts/qemu/tbcount.c's 'ADDRESS
    COUNT' lines: each block is charged to the symbol at or below its
    start; addresses below the kernel's first symbol are user space."""
    addrs = [a for a, _ in syms]
    out = {}
    for line in tb_lines:
        if not line.strip():
            continue
        a, n = line.split()
        a = int(a, 16)
        i = bisect.bisect_right(addrs, a) - 1
        name = syms[i][1] if i >= 0 else USER
        out[name] = out.get(name, 0) + int(n)
    return out


def sections(lines):
    """Split scripts/qemu/tbcount.c's output: the 'ADDRESS COUNT' lines
    after each 'MARK N' line, then those of the whole run (after 'END',
    or all of them when there is no mark)."""
    marks, cur = [], []
    for line in lines:
        if line.startswith('MARK '):
            cur = []
            marks.append(cur)
        elif line.startswith('END'):
            cur = []
            marks.append(cur)
        elif line.strip():
            cur.append(line)
    if not marks:
        return [], cur
    return marks[:-1], marks[-1]


def phase_counts(marks, syms, phases=ICOUNT_PHASES[:-1]):
    """phase -> {function: instructions} between the marks at the start
    (2i) and the end (2i + 1) of phase i of guest/bench/mm_loops."""
    if len(marks) != 2 * len(phases):
        raise ValueError(f'{len(marks)} marks, want {2 * len(phases)}')
    out = {}
    for i, phase in enumerate(phases):
        a = per_function(marks[2 * i], syms)
        b = per_function(marks[2 * i + 1], syms)
        out[phase] = {k: b[k] - a.get(k, 0) for k in b if b[k] != a.get(k, 0)}
    return out


def function_blocks(marks, syms, phase, name, phases=ICOUNT_PHASES[:-1]):
    """{offset in function NAME: instructions} of its blocks that ran in
    PHASE, between the same marks as phase_counts(): where a function's
    count lies, block by block (a block's count divided by its length in
    instructions is how often it ran)."""
    starts = [a for a, n in syms if n == name]
    if not starts:
        raise ValueError(f'no text symbol {name}')
    start = starts[0]
    end = min((a for a, _ in syms if a > start), default=None)
    if phase not in phases:
        raise ValueError(f'no phase {phase}; the phases: {" ".join(phases)}')
    if len(marks) != 2 * len(phases):
        raise ValueError(f'{len(marks)} marks, want {2 * len(phases)}')
    i = phases.index(phase)

    def blocks(lines):
        out = {}
        for line in lines:
            a, n = line.split()
            a = int(a, 16)
            if a >= start and (end is None or a < end):
                out[a - start] = out.get(a - start, 0) + int(n)
        return out

    a, b = blocks(marks[2 * i]), blocks(marks[2 * i + 1])
    return {k: b[k] - a.get(k, 0) for k in sorted(b) if b[k] != a.get(k, 0)}


def phase_lines(counts):
    """Serialise phase_counts(): 'PHASE FUNCTION COUNT' lines."""
    return [f'{p} {k} {n}' for p, fn in counts.items() for k, n in sorted(fn.items())]


def read_phase_lines(lines):
    out = {}
    for line in lines:
        if line.strip():
            p, rest = line.split(' ', 1)
            k, n = rest.rstrip('\n').rsplit(' ', 1)
            out.setdefault(p, {})[k] = int(n)
    return out


def exact_table(runs, top=6):
    """RUNS: {'base': [phase_counts()...], 'series': [...]}: per phase, the
    medians of the exact counts, their spread and ratio, and the TOP
    functions whose median count changed most."""
    lines = ['| phase | base median (instructions) | base spread | '
             'series median | series spread | series/base | '
             'functions that changed most (median, series - base) |',
             '|---|---:|---:|---:|---:|---:|---|']
    phases = [p for p in ICOUNT_PHASES[:-1] if any(p in r for r in runs['base'])]
    for phase in phases + ['total']:
        tot = {t: [sum(n for p in (phases if phase == 'total' else [phase])
                       for n in r.get(p, {}).values()) for r in runs[t]]
               for t in ('base', 'series')}
        mb, ms = statistics.median(tot['base']), statistics.median(tot['series'])
        moved = ''
        if phase != 'total':
            med = {t: {} for t in ('base', 'series')}
            for t in med:
                names = set().union(*(r.get(phase, {}) for r in runs[t]))
                for k in names:
                    med[t][k] = statistics.median(r.get(phase, {}).get(k, 0) for r in runs[t])
            names = sorted(set(med['base']) | set(med['series']),
                           key=lambda k: (-abs(med['series'].get(k, 0) -
                                               med['base'].get(k, 0)), k))
            moved = ', '.join(
                f'`{k}` {int(med["series"].get(k, 0) - med["base"].get(k, 0)):+d}'
                for k in names[:top])
        lines.append(f'| {phase} | {int(mb)} | {spread(tot["base"], mb)} | '
                     f'{int(ms)} | {spread(tot["series"], ms)} | {ms / mb:.4f} '
                     f'({min(tot["series"]) / max(tot["base"]):.4f}-'
                     f'{max(tot["series"]) / min(tot["base"]):.4f}) | {moved} |')
    return lines
