# SPDX-License-Identifier: GPL-2.0
"""vmlinux text, text symbol and section sizes: scripts/bench-text's part
of the bench report, run through lmm.bench."""

import collections
import os


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
