# SPDX-License-Identifier: GPL-2.0
"""Tests of the parts of scripts/lmm/bench.py: barriers.py, textsize.py
and icount.py."""

import os
import unittest

import helpers
from lmm import barriers, icount, textsize

OBJDUMP = """\
ffff800080001000 <vmap_pte_range>:
ffff800080001000:\tstp\tx29, x30, [sp, #-16]!
ffff800080001004:\tdsb\tishst
ffff800080001008:\tisb
ffff80008000100c <other>:
ffff80008000100c:\tdsb\tishst
ffff800080001010 <__pte_alloc_kernel>:
ffff800080001010:\tdsb\tish
ffff800080001014:\tisb\t
"""


class SitesTest(unittest.TestCase):
    def test_barriers_of_the_named_functions_only(self):
        got = barriers.sites({'vmap_pte_range', '__pte_alloc_kernel'},
                          OBJDUMP.splitlines(True))
        self.assertEqual(got, [
            '0xffff800080001004 vmap_pte_range dsb_ishst',
            '0xffff800080001008 vmap_pte_range isb',
            '0xffff800080001014 __pte_alloc_kernel isb'])


# One call each: a 16-page vmalloc inside one PTE table, which also
# allocated a table, and its vfree.
BASE_CALLS = ['map 16 0xffff800080000000 17 17 vmap_pte_range:32 __pte_alloc_kernel:2\n',
              'unmap 16 0xffff800080000000 1 1 vunmap:2\n']
SERIES_CALLS = ['map 16 0xffff800080000000 2 2 vmap_pte_range:2 __pte_alloc_kernel:2\n',
                'unmap 16 0xffff800080000000 1 2 vunmap:3\n']


class BarriersTest(unittest.TestCase):
    def test_load_counts_pte_tables_spanned(self):
        calls = barriers.load_calls(['map 2 0xffff8000801ff000 2 2 f:4\n'])
        ((dsb, isb, funcs, tables),) = calls[('map', 2)]
        self.assertEqual((dsb, isb, funcs['f'], tables), (2, 2, 4, 2))

    def test_pairs_and_where(self):
        calls = barriers.load_calls(SERIES_CALLS)
        self.assertEqual(barriers.pairs(calls[('map', 16)]), '2')
        self.assertEqual(barriers.pairs(calls[('unmap', 16)]), '1/2')
        self.assertEqual(barriers.where(calls[('map', 16)]),
                         'vmap_pte_range 1, __pte_alloc_kernel 1')

    def test_expected_pairs_per_tree(self):
        base, series = (barriers.load_calls(BASE_CALLS),
                        barriers.load_calls(SERIES_CALLS))
        self.assertEqual(barriers.expected_pairs('page', base), (1, 1))
        self.assertEqual(barriers.expected_pairs('table', series), (1, 1))
        # A pair per page is not one per table, and the other way round.
        self.assertEqual(barriers.expected_pairs('table', base), (0, 1))
        self.assertEqual(barriers.expected_pairs('page', series), (0, 1))

    def test_table(self):
        lines = barriers.barriers_table(barriers.load_calls(BASE_CALLS),
                                     barriers.load_calls(SERIES_CALLS), [16])
        self.assertIn('| vmalloc | 16 | 1 | 17 | 2 | vmap_pte_range 16, '
                      '__pte_alloc_kernel 1 | vmap_pte_range 1, '
                      '__pte_alloc_kernel 1 |', lines)
        self.assertIn('| vfree | 16 | 1 | 1 | 1/2 | vunmap 1 | vunmap 1.5 |',
                      lines)
        self.assertEqual(lines[-2], '- base: one pair per page in 1 of 1 '
                                    'vmalloc calls, one per PTE table spanned '
                                    'in 0 (each plus one per PTE table allocated)')
        self.assertEqual(lines[-1], '- series: one pair per page in 0 of 1 '
                                    'vmalloc calls, one per PTE table spanned '
                                    'in 1 (each plus one per PTE table allocated)')


class TextTest(helpers.TempDirTest):
    def test_symbol_changes_sum_per_name_largest_first(self):
        # Sizes in hex, as nm -S prints them; two static functions c.
        self.write('b.nm', 'a 10\nb 20\nc 5\nc 5\nd 8\n')
        self.write('s.nm', 'a 18\nb 10\nc 30\ne 4\n')
        got = textsize.symbol_changes(
            textsize.read_pairs(os.path.join(self.d, 'b.nm'), 16),
            textsize.read_pairs(os.path.join(self.d, 's.nm'), 16), 3)
        self.assertEqual(got, '3 symbols grew by 50 bytes in all, 2 shrank '
                              'by 24; largest: `c` +38, `b` -16, `a` +8')

    def test_no_list_kept(self):
        self.assertIsNone(textsize.read_pairs(os.path.join(self.d, 'none')))
        self.assertEqual(textsize.symbol_changes([('a', 1)], None, 3),
                         '(no symbol list kept for these builds)')
        self.assertEqual(textsize.section_changes(None, []),
                         '(no section sizes kept for these builds)')

    def test_section_changes_grown_shrunk_new_gone(self):
        b = [('.text', 100), ('.rodata', 50), ('.gone', 8)]
        s = [('.text', 100), ('.rodata', 62), ('.orc', 4)]
        self.assertEqual(textsize.section_changes(b, s),
                         '`.rodata` +12, `.gone` -8, `.orc` +4')
        self.assertEqual(textsize.section_changes(b, b), 'none')

    def test_table_from_records(self):
        for rev, size, nm in (('a' * 40, 1000, 'f 10\n'),
                              ('b' * 40, 1010, 'f 1a\n')):
            rec = f'x86_64-xen-{rev[:12]}'
            self.write(rec, f'{size}\n')
            self.write(rec + '.nm', nm)
            self.write(rec + '.sections', f'.text {size}\n')
        lines = textsize.text_table('a' * 40, 'b' * 40, self.d, ['x86_64/xen'])
        self.assertIn('| x86_64/xen | 1000 | 1010 | +10 (+1.000%) | '
                      '16 | 26 | +10 (+62.500%) |', lines)
        self.assertIn('- x86_64/xen: 1 symbols grew by 10 bytes in all, '
                      '0 shrank by 0; largest: `f` +10', lines)
        self.assertIn('- x86_64/xen: `.text` +10', lines)


class IcountTest(unittest.TestCase):
    def test_medians_spread_and_ratios(self):
        def run(n):
            return {k: n for k in icount.ICOUNT_PHASES}
        lines = icount.icount_table({'base': [run(100), run(102), run(104)],
                                    'series': [run(99), run(100), run(101)]})
        self.assertEqual(lines[2], '| fork_exit | 102 | 3.922% | 100 | '
                                   '2.000% | 0.9804 (0.9519-1.0100) |')
        self.assertEqual(len(lines), 2 + len(icount.ICOUNT_PHASES))

    def test_results_of_a_run(self):
        self.assertEqual(icount.icount_results(['total 5\n', '\n', 'munmap 2\n']),
                         {'total': 5, 'munmap': 2})

    def test_per_function(self):
        syms = icount.text_symbols(['ffffffff81000000 T _text\n',
                                    'ffffffff81000010 t copy\n',
                                    'ffffffff81000040 d data\n',
                                    'ffffffff81000080 T zap\n'])
        self.assertEqual(syms[1], (0xffffffff81000010, 'copy'))
        self.assertEqual(icount.per_function(['ffffffff81000010 100\n',
                                              'ffffffff81000020 50\n',
                                              '401000 7\n', '\n'], syms),
                         {'copy': 150, icount.USER: 7})

    def test_phases_between_marks(self):
        syms = [(0xffffffff81000010, 'copy'), (0xffffffff81000080, 'zap')]
        out = []
        for k, (copy, zap) in enumerate([(10, 0), (40, 5), (40, 5), (41, 25),
                                         (41, 25), (41, 25), (50, 25), (51, 26)]):
            out += [f'MARK {k}\n', f'ffffffff81000010 {copy}\n', f'401000 {k}\n']
            out += [f'ffffffff81000090 {zap}\n'] if zap else []
        marks, whole = icount.sections(out + ['END\n', 'ffffffff81000010 60\n'])
        self.assertEqual(whole, ['ffffffff81000010 60\n'])
        counts = icount.phase_counts(marks, syms)
        self.assertEqual(counts, {'fork_exit': {'copy': 30, 'zap': 5, icount.USER: 1},
                                  'mprotect': {'copy': 1, 'zap': 20, icount.USER: 1},
                                  'munmap': {icount.USER: 1},
                                  'mremap': {'copy': 1, 'zap': 1, icount.USER: 1}})
        self.assertEqual(icount.read_phase_lines(icount.phase_lines(counts)),
                         {p: f for p, f in counts.items() if f})
        with self.assertRaises(ValueError):
            icount.phase_counts(marks[:7], syms)

    def test_blocks_of_one_function_in_one_phase(self):
        syms = [(0xffffffff81000010, 'copy'), (0xffffffff81000080, 'zap')]
        out = []
        for k in range(8):
            out += [f'MARK {k}\n', f'ffffffff81000010 {10 * k}\n',
                    f'ffffffff81000024 {3 * (k // 2)}\n', f'ffffffff81000080 {k}\n']
        marks, _ = icount.sections(out + ['END\n'])
        # Between marks 2 and 3 (mprotect) only copy+0x0 ran; zap's own
        # block and user space are not copy's.
        self.assertEqual(icount.function_blocks(marks, syms, 'mprotect', 'copy'),
                         {0x0: 10})
        self.assertEqual(icount.function_blocks(marks, syms, 'fork_exit', 'zap'),
                         {0x0: 1})
        # The last symbol has no end: every block above it is its own.
        self.assertEqual(icount.function_blocks(marks, syms[:1], 'fork_exit', 'copy'),
                         {0x0: 10, 0x70: 1})
        with self.assertRaises(ValueError):
            icount.function_blocks(marks, syms, 'fork_exit', 'nosuch')
        with self.assertRaises(ValueError):
            icount.function_blocks(marks, syms, 'total', 'copy')
        with self.assertRaises(ValueError):
            icount.function_blocks(marks[:7], syms, 'fork_exit', 'copy')

    def test_exact_table(self):
        def run(copy, zap):
            return {'fork_exit': {'copy': copy, 'zap': zap}}
        lines = icount.exact_table({'base': [run(100, 10), run(104, 10), run(102, 10)],
                                    'series': [run(90, 13), run(91, 13), run(92, 13)]},
                                   top=1)
        self.assertEqual(lines[2], '| fork_exit | 112 | 3.571% | 104 | 1.923% | '
                                   '0.9286 (0.9035-0.9545) | `copy` -11 |')
        self.assertEqual(lines[3][:16], '| total | 112 | ')

if __name__ == '__main__':
    unittest.main()
