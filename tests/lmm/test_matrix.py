# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/lmm/matrix.py: the matrix report and its status."""

import unittest

import helpers
from lmm import matrix, store

# scripts/lib.sh's LMM_ERROR_RE, as the matrix passes it.
ERROR_RE = (r'(^|[^[:alnum:]_])(error|Error|ERROR):|undefined reference|'
            r'multiple definition|\*\*\* No rule to make target|'
            r'\] Error [0-9]+$')

PLAN = """\
prefixes\tum/defconfig\t0\tum-defconfig-0\taaa-d\tscripts/build 0\tbuild 0
prefixes\tum/defconfig\t1\tum-defconfig-1\tbbb-d\tscripts/build 1\tbuild 1
final\tum/defconfig\tfinal\tum-defconfig-final\tbbb-d\tscripts/build f\tfinal_build um defconfig
sparse\tum/defconfig\t-\tsparse-um-defconfig\tbbb-d\tscripts/sparse-delta um defconfig\tsparse-delta um defconfig bbb
cocci\t-\t-\tcoccicheck\tbbb\tscripts/cocci-delta\tcocci-delta bbb
"""


class MatrixTest(helpers.TempDirTest):
    def setUp(self):
        super().setUp()
        self.cells = matrix.read_plan(PLAN.splitlines(True))

    def log(self, name, text):
        return self.write(name, text)

    def records(self, **verdicts):
        """Records of the plan's cells: key=verdict, stamp as planned,
        or key=(verdict, stamp)."""
        out = {}
        for c in self.cells:
            v = verdicts.get(c.key.replace('-', '_'))
            if v is None:
                continue
            verdict, stamp = v if isinstance(v, tuple) else (v, c.stamp)
            out[c.key] = store.Record(c.key, stamp, verdict, 600,
                                      self.log(c.key, 'ok\n'), c.reproduce,
                                      'ok')
        return out

    def report(self, records, stages=('prefixes', 'final', 'sparse', 'cocci')):
        return matrix.report(self.cells, records, list(stages),
                             matrix.python_re(ERROR_RE), 'Title', 3, now=0)

    def test_all_pass(self):
        lines, rc = self.report(self.records(
            um_defconfig_0='pass', um_defconfig_1='pass',
            um_defconfig_final='pass', sparse_um_defconfig='pass',
            coccicheck='pass'))
        self.assertEqual(rc, 0)
        self.assertEqual(lines[:6], [
            'Title', "1970-01-01 00:00 UTC; '.' pass, 'F' fail, '-' not run",
            '', 'prefix:            01  final', 'um/defconfig       ..  pass', ''])
        self.assertIn('sparse-um-defconfig  pass  ok', lines)
        self.assertEqual(lines[-2], 'matrix: 1 configurations x 2 prefixes + '
                                    'final; 0 failed, 0 not run; this run 3 min')
        self.assertEqual(lines[-1], 'matrix: the verdicts shown took 0 h 50 min '
                                    'to build')

    def test_a_check_shows_its_store_note_not_a_log_line(self):
        records = self.records(coccicheck='pass')
        records['coccicheck'].note = ('coccicheck: 3 reports on the base, '
                                      '3 on the series, 0 new')
        self.log('coccicheck', 'coccicheck: from the log\nlast log line\n')
        lines, _ = self.report(records, ['cocci'])
        self.assertIn('coccicheck           pass  coccicheck: 3 reports on '
                      'the base, 3 on the series, 0 new', lines)
        self.assertFalse([line for line in lines if 'log' in line])

    def test_a_verdict_of_another_stamp_is_not_shown(self):
        lines, rc = self.report(self.records(
            um_defconfig_0='pass', um_defconfig_1=('pass', 'old-d'),
            um_defconfig_final='pass', sparse_um_defconfig='pass',
            coccicheck='pass'))
        self.assertEqual(rc, 1)
        self.assertIn('um/defconfig       .-  pass', lines)
        self.assertIn('0 failed, 1 not run;', lines[-2])

    def test_a_check_of_another_stamp_shows_no_note(self):
        records = self.records(coccicheck=('pass', 'old'))
        records['coccicheck'].note = 'coccicheck: of the old tree'
        lines, _ = self.report(records, ['cocci'])
        self.assertIn('coccicheck           -', lines)
        self.assertFalse([line for line in lines if 'old tree' in line])

    def test_a_failure_shows_its_command_and_errors(self):
        records = self.records(um_defconfig_0='pass', um_defconfig_1='fail')
        self.log('um-defconfig-1',
                 'make: *** No rule to make target x\n'
                 'mm/memory.c:1:5: error: stand-in\n'
                 '  CC mm/error_report-traces.o\n')
        lines, rc = self.report(records, ['prefixes'])
        self.assertEqual(rc, 1)
        i = lines.index('FAIL um-defconfig-1: reproduce with: scripts/build 1')
        self.assertEqual(lines[i + 2:i + 4],
                         ['  | mm/memory.c:1:5: error: stand-in', ''])
        self.assertIn('1 failed, 0 not run in the stages run (prefixes), '
                      '3 in the others;', lines[-2])

    def test_stages_not_run_do_not_fail_the_run(self):
        _, rc = self.report(self.records(um_defconfig_0='pass',
                                         um_defconfig_1='pass'), ['prefixes'])
        self.assertEqual(rc, 0)

    def test_the_error_pattern_is_posix(self):
        r = matrix.python_re(ERROR_RE)
        self.assertTrue(r.search('a.c:1: error: x'))
        self.assertFalse(r.search('  CC scripts/dtc/libfdt/fdt_strerror.o'))

    def test_a_short_plan_line_is_an_error(self):
        with self.assertRaises(ValueError):
            matrix.read_plan(['prefixes\tx\n'])


if __name__ == '__main__':
    unittest.main()
