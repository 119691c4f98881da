# SPDX-License-Identifier: GPL-2.0
"""arm64 barrier sites and per-call barrier counts: scripts/bench-barriers'
part of the bench report, run through lmm.bench."""

import collections
import re

PAGE = 4096
PMD_SHIFT = 21          # a PTE table maps 2 MiB
OBJDUMP_FUNC = re.compile(r'^[0-9a-f]+ <(.*)>:$')
OBJDUMP_BARRIER = re.compile(r'^\s*([0-9a-f]+):\t(dsb\tishst|isb)[ \t]*$')


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


def expected_pairs(per, calls):
    """How many vmalloc calls paid one barrier pair per page ('page':
    nothing batched) or per PTE table spanned ('table': one batch per
    PTE loop), each plus one per PTE table allocated; and how many calls
    there were.  6.12 batches only with the series, 7.3 on the base too,
    so both trees are held against both."""
    maps = [(n, c) for (kind, n), v in calls.items() if kind == 'map'
            for c in v]
    ok = 0
    for n, (dsb, isb, funcs, tables) in maps:
        want = (n if per == 'page' else tables) + funcs['__pte_alloc_kernel'] // 2
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
    # A batched tree's sections are per PTE loop, and the page table
    # allocations between loops are outside them.
    for name, calls in (('base', base), ('series', series)):
        page, n = expected_pairs('page', calls)
        table, _ = expected_pairs('table', calls)
        lines.append(f'- {name}: one pair per page in {page} of {n} vmalloc '
                     f'calls, one per PTE table spanned in {table} (each '
                     f'plus one per PTE table allocated)')
    return lines
