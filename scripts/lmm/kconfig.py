# SPDX-License-Identifier: GPL-2.0
"""The configuration checks of scripts/build.

    kconfig.py fragments FRAGMENT
        the fragment and every fragment it includes ('# include: F',
        relative to the configs/ folder above it), in merge order
    kconfig.py missing CONFIG FRAGMENT...
        every option a fragment sets that CONFIG (the final .config)
        does not have as set: 'CONFIG_X=v (got w)'; exits 1 if any
    kconfig.py not-configured SRC CONFIG OBJECT...
        'OBJECT: why' for each object that the kbuild Makefiles of SRC
        add only under options CONFIG does not set
"""

import os
import re
import sys

from lmm import read_lines

SET = re.compile(r'(CONFIG_\w+)=(.*)')
NOT_SET = re.compile(r'# (CONFIG_\w+) is not set')
INCLUDE = re.compile(r'# include:\s*(\S+)')
MAKEFILE_LINE = re.compile(r'\s*([\w-]+?)-(\S*)\s*[:+]?=\s*(.*)')
CONFIG_VAR = re.compile(r'\$\((CONFIG_\w+)\)')


def fragments(path, seen=None):
    """PATH after the fragments it includes (each once, depth first), as
    merge_config.sh must merge them."""
    seen = set() if seen is None else seen
    configs = os.path.dirname(os.path.dirname(os.path.abspath(path)))
    out = []
    with open(path, encoding='utf-8') as f:
        includes = [m.group(1) for m in map(INCLUDE.match, f) if m]
    for inc in includes:
        inc_path = os.path.join(configs, inc)
        if not os.path.isfile(inc_path):
            raise FileNotFoundError(f'{path} includes configs/{inc}, '
                                    'which does not exist')
        if inc_path not in seen:
            out += fragments(inc_path, seen)
    if path not in seen:
        seen.add(path)
        out.append(path)
    return out


def read_config(lines):
    """CONFIG_X -> value of the lines of a .config that set one."""
    return {m.group(1): m.group(2)
            for m in (SET.match(line.strip()) for line in lines) if m}


def missing(config, fragment_lines):
    """What the fragments set that CONFIG does not have."""
    out = []
    for line in fragment_lines:
        line = line.strip()
        m, n = SET.match(line), NOT_SET.match(line)
        if m and config.get(m.group(1)) != m.group(2):
            out.append(f'{m.group(1)}={m.group(2)} '
                       f'(got {config.get(m.group(1), "unset")})')
        if n and n.group(1) in config:
            out.append(f'{n.group(1)} unset (got {config[n.group(1)]})')
    return out


def makefile_lines(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return []
    return text.replace('\\\n', ' ').splitlines()


def not_configured(src, enabled, objects):
    """'OBJECT: why' for each object that the Makefile of its directory,
    or of a parent by the path relative to it, adds only as
    obj-$(CONFIG_X) or lib-$(CONFIG_X) with every such X unset.  An
    object named by obj-y, by a composite object or by no line this
    parser understands is kept: the build decides."""
    out = []
    for obj in objects:
        parts = obj.split('/')
        conds, plain = [], False
        for i in range(len(parts) - 1, 0, -1):
            d, rel = '/'.join(parts[:i]), '/'.join(parts[i:])
            for mk in ('Makefile', 'Kbuild'):
                for line in makefile_lines(os.path.join(src, d, mk)):
                    m = MAKEFILE_LINE.match(line)
                    if not m or rel not in m.group(3).split():
                        continue
                    c = CONFIG_VAR.fullmatch(m.group(2))
                    if m.group(1) in ('obj', 'lib') and c:
                        conds.append(c.group(1))
                    else:
                        plain = True
        if conds and not plain and not any(c in enabled for c in conds):
            out.append(f"{obj}: its Makefile builds it only with "
                       f"{' or '.join(sorted(set(conds)))}, unset in this "
                       'configuration')
    return out



def main(argv):
    cmd, args = (argv[0], argv[1:]) if argv else ('', [])
    try:
        if cmd == 'fragments' and len(args) == 1:
            print('\n'.join(fragments(args[0])))
            return 0
        if cmd == 'missing' and len(args) >= 2:
            config = read_config(read_lines(args[0]))
            bad = missing(config, [line for f in args[1:] for line in read_lines(f)])
            print('\n'.join(bad), end='\n' if bad else '')
            return 1 if bad else 0
        if cmd == 'not-configured' and len(args) >= 2:
            enabled = {k for k, v in read_config(read_lines(args[1])).items()
                       if v in ('y', 'm')}
            out = not_configured(args[0], enabled, args[2:])
            print('\n'.join(out), end='\n' if out else '')
            return 0
    except FileNotFoundError as e:
        print(f'kconfig.py: {e}', file=sys.stderr)
        return 1
    print(__doc__.strip().split('\n\n', 1)[1], file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
