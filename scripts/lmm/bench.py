# SPDX-License-Identifier: GPL-2.0
"""The counting and the tables of scripts/bench.

    bench.py sites MM-FUNCTIONS < objdump -d   the barrier sites of vmlinux
    bench.py barriers BASE-CALLS SERIES-CALLS PAGES...
    bench.py text BASE-REV SERIES-REV RECORD-DIR CONFIG...
    bench.py icount DIR RUNS

Each prints its part of the report (Markdown) on stdout.
"""

import collections
import os
import re
import statistics
import sys

from lmm import read_lines

PAGE = 4096
PMD_SHIFT = 21          # a PTE table maps 2 MiB
OBJDUMP_FUNC = re.compile(r'^[0-9a-f]+ <(.*)>:$')
OBJDUMP_BARRIER = re.compile(r'^\s*([0-9a-f]+):\t(dsb\tishst|isb)[ \t]*$')
ICOUNT_PHASES = ('fork_exit', 'mprotect', 'munmap', 'mremap', 'total')


# ---- arm64 barriers ----

def sites(functions, objdump):
    """The 'ADDRESS FUNCTION INSN' lines of the dsb ishst and isb
    instructions of FUNCTIONS in objdump -d's output."""
    out, fn = [], None
    for line in objdump:
        line = line.rstrip('\n')
        m = OBJDUMP_FUNC.match(line)
        if m:
            fn = m.group(1)
            continue
        m = OBJDUMP_BARRIER.match(line)
        if m and fn in functions:
            insn = 'isb' if m.group(2) == 'isb' else 'dsb_ishst'
            out.append(f'0x{m.group(1)} {fn} {insn}')
    return out


def load_calls(lines):
    """(kind, pages) -> per-call (dsb, isb, Counter of functions, number
    of PTE tables the area spans), from bench-gdb.py's lines
    'KIND PAGES ADDRESS DSB ISB FUNCTION:COUNT...'."""
    calls = collections.defaultdict(list)
    for line in lines:
        kind, n, addr, dsb, isb, *fn = line.split()
        start = int(addr, 16)
        end = start + int(n) * PAGE - 1
        tables = (end >> PMD_SHIFT) - (start >> PMD_SHIFT) + 1
        funcs = collections.Counter()
        for f in fn:
            name, c = f.rsplit(':', 1)
            funcs[name] += int(c)
        calls[(kind, int(n))].append((int(dsb), int(isb), funcs, tables))
    return calls


def pairs(calls):
    """Pairs per call: 'N' when every call had N of both, else the
    values, 'DSB/ISB' where the two differ."""
    v = sorted({d if d == i else f'{d}/{i}' for d, i, _, _ in calls},
               key=str)
    return ', '.join(str(x) for x in v)


def where(calls):
    """Pairs per call by function, averaged over CALLS."""
    tot = collections.Counter()
    for _, _, f, _ in calls:
        tot.update(f)
    n = len(calls)
    return ', '.join(f'{k} {c / 2 / n:g}' for k, c in tot.most_common()) or '-'


def expected_pairs(tree, calls):
    """How many vmalloc calls paid what the tree should: on the base one
    pair per page, on the series one per PTE table spanned, each plus
    one per PTE table allocated; and how many calls there were."""
    maps = [(n, c) for (kind, n), v in calls.items() if kind == 'map'
            for c in v]
    ok = 0
    for n, (dsb, isb, funcs, tables) in maps:
        want = (n if tree == 'base' else tables) + funcs['__pte_alloc_kernel'] // 2
        ok += dsb == isb == want
    return ok, len(maps)


def barriers_table(base, series, pages):
    lines = [
        'Barrier pairs (one dsb ishst and one isb) per call; several values when',
        "the calls of one size differed.  'PTE tables': how many last-level tables",
        "(2 MiB of address space each) the areas spanned.  'Where': pairs per call",
        'by function, averaged over the calls.',
        '',
        '| call | pages | PTE tables | base | series | base: where | series: where |',
        '|---|---:|---:|---:|---:|---|---|',
    ]
    for kind, what in (('map', 'vmalloc'), ('unmap', 'vfree')):
        for n in pages:
            bv, sv = base[(kind, n)], series[(kind, n)]
            tables = ', '.join(str(t) for t in sorted({c[3] for c in bv + sv}))
            lines.append(f'| {what} | {n} | {tables} | {pairs(bv)} | '
                         f'{pairs(sv)} | {where(bv)} | {where(sv)} |')
    lines.append('')
    # The series' sections are per PTE loop, and the page table
    # allocations between loops are outside them.
    ok, n = expected_pairs('base', base)
    lines.append(f'- base: pairs = pages + PTE tables allocated in {ok} of '
                 f'{n} vmalloc calls')
    ok, n = expected_pairs('series', series)
    lines.append(f'- series: pairs = PTE tables spanned + PTE tables '
                 f'allocated in {ok} of {n} vmalloc calls')
    return lines


# ---- vmlinux text size ----

def read_pairs(path, base=10):
    """'NAME VALUE' lines of a record beside a text build; None if the
    build kept none."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            name, value = line.split()
            out.append((name, int(value, base)))
    return out


def changes(base, series):
    """name -> series - base of two (name, size) lists, sizes summed
    per name (static functions may share one), zero changes left out."""
    b, s = collections.Counter(), collections.Counter()
    for name, size in base:
        b[name] += size
    for name, size in series:
        s[name] += size
    return {k: s[k] - b[k] for k in b.keys() | s.keys() if s[k] != b[k]}


def largest(delta, n=None):
    """'`name` +N' items, largest change first, name second."""
    items = sorted(delta.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
    return ', '.join(f'`{k}` {d:+d}' for k, d in items[:n])


def symbol_changes(base, series, n):
    if base is None or series is None:
        return '(no symbol list kept for these builds)'
    delta = changes(base, series)
    grew = [d for d in delta.values() if d > 0]
    shrank = [d for d in delta.values() if d < 0]
    text = (f'{len(grew)} symbols grew by {sum(grew)} bytes in all, '
            f'{len(shrank)} shrank by {-sum(shrank)}')
    return text + (f'; largest: {largest(delta, n)}' if delta else '')


def section_changes(base, series):
    if base is None or series is None:
        return '(no section sizes kept for these builds)'
    return largest(changes(base, series)) or 'none'


def percent(new, old):
    return f'{new - old:+d} ({100 * (new - old) / old:+.3f}%)'


def text_table(base_rev, series_rev, records, configs):
    """The text part, from the records of scripts/bench's text builds:
    RECORDS/ARCH-CONFIG-COMMIT12 (size's text) with .nm (name, hex
    size of the text symbols) and .sections (name, size) beside it."""
    def rec(config, rev):
        return os.path.join(records, f"{config.replace('/', '-', 1)}-{rev[:12]}")

    lines = [
        "'size' text, then the sum of the text symbols' sizes (`nm -S`), "
        'which padding does not hide.', '',
        '| configuration | base | series | delta | symbols: base | series | delta |',
        '|---|---:|---:|---:|---:|---:|---:|']
    for c in configs:
        rb, rs = rec(c, base_rev), rec(c, series_rev)
        with open(rb, encoding='utf-8') as f:
            b = int(f.read())
        with open(rs, encoding='utf-8') as f:
            s = int(f.read())
        row = f'| {c} | {b} | {s} | {percent(s, b)} | '
        nb, ns = read_pairs(rb + '.nm', 16), read_pairs(rs + '.nm', 16)
        if nb is None or ns is None:
            row += '- | - | - |'
        else:
            sb, ss = sum(v for _, v in nb), sum(v for _, v in ns)
            row += f'{sb} | {ss} | {percent(ss, sb)} |'
        lines.append(row)
    lines += ['', 'Text symbols that changed size (`nm -S`, summed per name):', '']
    for c in configs:
        lines.append(f'- {c}: ' + symbol_changes(
            read_pairs(rec(c, base_rev) + '.nm', 16),
            read_pairs(rec(c, series_rev) + '.nm', 16), 8))
    lines += ['', 'Sections that changed size (`size -A`):', '']
    for c in configs:
        lines.append(f'- {c}: ' + section_changes(
            read_pairs(rec(c, base_rev) + '.sections'),
            read_pairs(rec(c, series_rev) + '.sections')))
    return lines


# ---- x86_64 instructions ----

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



def main(argv):
    cmd, args = (argv[0], argv[1:]) if argv else ('', [])
    if cmd == 'sites' and len(args) == 1:
        functions = {line.strip() for line in read_lines(args[0])}
        lines = sites(functions, sys.stdin)
    elif cmd == 'barriers' and len(args) >= 3:
        lines = barriers_table(load_calls(read_lines(args[0])),
                               load_calls(read_lines(args[1])),
                               [int(p) for p in args[2:]])
    elif cmd == 'text' and len(args) >= 4:
        lines = text_table(args[0], args[1], args[2], args[3:])
    elif cmd == 'icount' and len(args) == 2:
        d, n = args[0], int(args[1])
        lines = icount_table({t: [icount_results(read_lines(
            os.path.join(d, f'x86_64-{t}', f'result-{i}'))) for i in range(n)]
            for t in ('base', 'series')})
    else:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
