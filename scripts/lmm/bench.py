# SPDX-License-Identifier: GPL-2.0
"""The counting and the tables of scripts/bench, one module per part:
lmm.barriers, lmm.textsize and lmm.icount.

    bench.py sites MM-FUNCTIONS < objdump -d   the barrier sites of vmlinux
    bench.py barriers BASE-CALLS SERIES-CALLS PAGES...
    bench.py text BASE-REV SERIES-REV RECORD-DIR CONFIG...
    bench.py icount DIR RUNS
    bench.py phases TBCOUNT-OUTPUT NM-OUTPUT   a run's instructions per phase and function
    bench.py exact DIR RUNS
    bench.py blocks TBCOUNT-OUTPUT NM-OUTPUT PHASE FUNCTION   FUNCTION's blocks in PHASE

Each prints its part of the report (Markdown) on stdout.
"""

import os
import sys

from lmm import barriers, icount, read_lines, textsize


def main(argv):
    cmd, args = (argv[0], argv[1:]) if argv else ('', [])
    if cmd == 'sites' and len(args) == 1:
        functions = {line.strip() for line in read_lines(args[0])}
        lines = barriers.sites(functions, sys.stdin)
    elif cmd == 'barriers' and len(args) >= 3:
        lines = barriers.barriers_table(
            barriers.load_calls(read_lines(args[0])),
            barriers.load_calls(read_lines(args[1])),
            [int(p) for p in args[2:]])
    elif cmd == 'text' and len(args) >= 4:
        lines = textsize.text_table(args[0], args[1], args[2], args[3:])
    elif cmd == 'icount' and len(args) == 2:
        d, n = args[0], int(args[1])
        lines = icount.icount_table({t: [icount.icount_results(read_lines(
            os.path.join(d, f'x86_64-{t}', f'result-{i}'))) for i in range(n)]
            for t in ('base', 'series')})
    elif cmd == 'phases' and len(args) == 2:
        marks, _ = icount.sections(read_lines(args[0]))
        lines = icount.phase_lines(icount.phase_counts(
            marks, icount.text_symbols(read_lines(args[1]))))
    elif cmd == 'blocks' and len(args) == 4:
        marks, _ = icount.sections(read_lines(args[0]))
        try:
            blocks = icount.function_blocks(
                marks, icount.text_symbols(read_lines(args[1])), args[2], args[3])
        except ValueError as e:
            print(f'bench.py blocks: {e}', file=sys.stderr)
            return 1
        lines = [f'+{off:#x} {n}' for off, n in blocks.items()]
    elif cmd == 'exact' and len(args) == 2:
        d, n = args[0], int(args[1])
        lines = icount.exact_table({t: [icount.read_phase_lines(read_lines(
            os.path.join(d, f'x86_64-{t}', f'phases-{i}'))) for i in range(n)]
            for t in ('base', 'series')})
    else:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
