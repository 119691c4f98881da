# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/lmm/delta.py: the sparse, Coccinelle and
documentation deltas."""

import contextlib
import io
import unittest

import helpers
from lmm import delta


class SparseMessagesTest(unittest.TestCase):
    def test_paths_are_made_relative_and_continuations_joined(self):
        log = [
            '  CHECK   mm/memory.c\n',
            '../work/tree/mm/memory.c:10:5: warning: context imbalance\n',
            '   mm/memory.c:9:1: note: here\n',
            '   CC      mm/memory.o\n',
            './include/linux/pgtable.h:3:1: error: bad thing\n',
        ]
        self.assertEqual(delta.sparse_messages(log), [
            ('include/linux/pgtable.h', 3, 'error: bad thing'),
            ('mm/memory.c', 10,
             'warning: context imbalance | mm/memory.c:9:1: note: here'),
        ])

    def test_only_the_last_pass_of_build_counts(self):
        log = ['mm/a.c:1:1: error: not sparse\n',
               'build: building again without mm/a.o\n',
               'mm/b.c:2:1: warning: sparse\n']
        self.assertEqual(delta.sparse_messages(log),
                         [('mm/b.c', 2, 'warning: sparse')])

    def test_duplicates_count_once(self):
        log = ['mm/b.c:2:1: warning: w\n'] * 2
        self.assertEqual(len(delta.sparse_messages(log)), 1)


class CocciMessagesTest(unittest.TestCase):
    def test_report_lines_only(self):
        lines = ['mm/a.c:12:3-9: WARNING: x\n', 'SPATCH: ok\n']
        self.assertEqual(delta.cocci_messages(lines),
                         [('mm/a.c', 12, 'WARNING: x')])


class NewMessagesTest(unittest.TestCase):
    def test_a_moved_message_is_not_new(self):
        base = [('mm/a.c', 1, 'warning: w')]
        series = [('mm/a.c', 7, 'warning: w')]
        self.assertEqual(
            delta.new_messages(base, series, delta.sparse_keys()), [])

    def test_one_base_message_accounts_for_one(self):
        base = [('mm/a.c', 1, 'warning: w')]
        series = [('mm/a.c', 1, 'warning: w'), ('mm/a.c', 5, 'warning: w')]
        self.assertEqual(
            delta.new_messages(base, series, delta.sparse_keys()),
            [('mm/a.c', 5, 'warning: w')])

    def test_sparse_matches_the_same_text_in_another_file_last(self):
        base = [('include/x.h', 1, 'warning: w'), ('mm/a.c', 2, 'warning: v')]
        series = [('mm/a.c', 9, 'warning: w'), ('mm/a.c', 2, 'warning: v')]
        self.assertEqual(
            delta.new_messages(base, series, delta.sparse_keys()), [])

    def test_a_base_message_matched_by_file_is_not_used_again(self):
        base = [('mm/a.c', 1, 'warning: w')]
        series = [('mm/a.c', 1, 'warning: w'), ('mm/b.c', 1, 'warning: w')]
        self.assertEqual(
            delta.new_messages(base, series, delta.sparse_keys()),
            [('mm/b.c', 1, 'warning: w')])

    def test_cocci_ignores_numbers_but_not_files(self):
        base = [('mm/a.c', 1, 'lock on line 10 not released')]
        series = [('mm/a.c', 4, 'lock on line 13 not released'),
                  ('mm/b.c', 4, 'lock on line 13 not released')]
        self.assertEqual(
            delta.new_messages(base, series, delta.cocci_keys()),
            [('mm/b.c', 4, 'lock on line 13 not released')])


class MainTest(helpers.TempDirTest):
    def run_main(self, argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(io.StringIO()):
            rc = delta.main(argv)
        return rc, out.getvalue()

    def test_sparse_summary_and_status(self):
        base = self.write('b', 'mm/a.c:1:1: warning: w\n')
        series = self.write('s', 'mm/a.c:3:1: warning: w\n'
                                 'mm/a.c:4:1: warning: new\n')
        rc, out = self.run_main(['sparse', 'x86_64-xen', base, series])
        self.assertEqual(rc, 1)
        self.assertEqual(out, 'mm/a.c:4: warning: new\n'
                              'sparse x86_64-xen: 1 on the base, '
                              '2 on the series, 1 new\n')

    def test_cocci_nothing_new(self):
        base = self.write('b', 'mm/a.c:1:2-3: WARNING: x\n')
        rc, out = self.run_main(['cocci', base, base])
        self.assertEqual(rc, 0)
        self.assertEqual(out, 'coccicheck: 1 reports on the base, '
                              '1 on the series, 0 new\n')

    def test_docs_moved_warnings_are_not_new(self):
        base = self.write('b', 'make[1]: Entering directory\n'
                               'WARNING: dot(1) not found\n'
                               'Documentation/mm/a.rst:5: WARNING: x\n'
                               'WARNING: ./include/linux/mm.h:10 y\n')
        series = self.write('s', 'WARNING: dot(1) not found\n'
                                 'Documentation/mm/a.rst:9: WARNING: x\n'
                                 'WARNING: ./include/linux/mm.h:12 y\n'
                                 'Documentation/mm/lazy_mmu.rst:3: '
                                 'ERROR: Unknown directive\n'
                                 './include/linux/pgtable.h:7: '
                                 'warning: bad line\n')
        rc, out = self.run_main(['docs', base, series])
        self.assertEqual(rc, 1)
        self.assertEqual(out, 'Documentation/mm/lazy_mmu.rst:3: '
                              'ERROR: Unknown directive\n'
                              'include/linux/pgtable.h:7: warning: bad line\n'
                              'htmldocs: 3 on the base, 5 on the series, '
                              '2 new\n')

    def test_docs_a_warning_in_another_file_is_new(self):
        base = self.write('b', 'Documentation/mm/a.rst:5: WARNING: x\n')
        series = self.write('s', 'Documentation/mm/b.rst:5: WARNING: x\n')
        self.assertEqual(self.run_main(['docs', base, series])[0], 1)
        self.assertEqual(self.run_main(['docs', base, base])[0], 0)

    def test_usage(self):
        self.assertEqual(self.run_main(['sparse'])[0], 2)


if __name__ == '__main__':
    unittest.main()
