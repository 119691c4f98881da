# SPDX-License-Identifier: GPL-2.0
"""The rewrite of a quilt series file by scripts/export.

    series.py OLD-SERIES PATCH-DIR NEW-SERIES

writes NEW-SERIES: the patches of PATCH-DIR (format-patch's
NNNN-subject.patch, the cover letter 0000-* left out) in order, under
the '##' banners of OLD-SERIES, whose header, banners and comments
stay.  A patch stays under the banner it was listed under (matched by
its name without the number); a new one goes under the banner of the
patch before it; a patch never goes back to an earlier banner, as the
series' order is the branch's.
"""

import os
import re
import sys

NUMBER = re.compile(r'^\d{4}-')


def slug(name):
    """A patch's name without its number, which changes as patches move."""
    return NUMBER.sub('', name)


def blocks_of(lines):
    """[head, patches, tail] per block: block 0 is the file's header, the
    others a '##' banner with the comments under it, its patch names,
    and the comments or blank lines after them."""
    blocks = [[[], [], []]]
    for line in lines:
        s = line.strip()
        if s.startswith('##'):
            blocks.append([[line], [], []])
        elif not s or s.startswith('#'):
            blocks[-1][2 if blocks[-1][1] else 0].append(line)
        else:
            blocks[-1][1].append(s.split()[0])
    return blocks


def rewrite(old_lines, patches):
    """The lines of the new series."""
    blocks = blocks_of(old_lines)
    where = {}
    for i, (_, names, _) in enumerate(blocks):
        for name in names:
            where.setdefault(slug(name), i)
    placed = [[] for _ in blocks]
    group = 1 if len(blocks) > 1 else 0
    for name in patches:
        group = max(group, where.get(slug(name), group))
        placed[group].append(name)
    lines = []
    for (head, _, tail), names in zip(blocks, placed):
        head = list(head)
        # Blank lines separate groups: keep them after the group's patches.
        while names and head and not head[-1].strip():
            tail = [head.pop()] + tail
        lines += head + names + tail
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    old, pdir, out = argv
    patches = sorted(f for f in os.listdir(pdir)
                     if f.endswith('.patch') and not f.startswith('0000-'))
    old_lines = []
    if os.path.exists(old):
        with open(old, encoding='utf-8') as f:
            old_lines = f.read().splitlines()
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(rewrite(old_lines, patches)) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
