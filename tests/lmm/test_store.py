# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/lmm/store.py, and of the records scripts/store.sh
writes: the two sides of the result store."""

import contextlib
import io
import os
import subprocess
import time
import unittest

import helpers
from lmm import store

SCRIPTS = os.path.join(os.path.dirname(store.__file__), '..')
STORE_SH = os.path.join(SCRIPTS, 'store.sh')


def bash(script, work):
    """Run SCRIPT with scripts/store.sh sourced, store 'check' open."""
    return subprocess.run(
        ['bash', '-euo', 'pipefail', '-c',
         f'. {STORE_SH}; store_open check; {script}'],
        env={**os.environ, 'LMM_WORK': work}, capture_output=True,
        text=True, check=False)


class ParseTest(unittest.TestCase):
    def test_fields(self):
        r = store.parse('build-x', 'abc\tpass\t12\t/l/b.log\tmake b\tok\n')
        self.assertEqual(r, store.Record('build-x', 'abc', 'pass', 12,
                                         '/l/b.log', 'make b', 'ok'))

    def test_dash_is_empty(self):
        r = store.parse('k', '-\tblocked\t0\t-\tmake k\tnot run\n')
        self.assertEqual((r.stamp, r.log), ('', ''))

    def test_wrong_field_count_is_an_error(self):
        with self.assertRaisesRegex(ValueError, 'record k: 3 fields'):
            store.parse('k', 'a\tpass\t1\n')

    def test_seconds_must_be_a_number(self):
        with self.assertRaisesRegex(ValueError, 'not a number'):
            store.parse('k', 'a\tpass\tx\t-\t-\t-\n')


class CountTest(unittest.TestCase):
    def test_good_bad_and_neither(self):
        rs = [store.Record(k, verdict=v) for k, v in (
            ('a', 'pass'), ('b', 'killed'), ('c', 'fail'), ('d', 'blocked'),
            ('e', 'survived'), ('f', 'killed-other'), ('g', 'skipped'),
            ('h', '-'))]
        self.assertEqual(store.counts(rs), (2, 4))


class TableTest(unittest.TestCase):
    def test_a_failure_says_how_to_reproduce(self):
        lines = store.table([('mainline', [
            store.Record('apply', verdict='pass', seconds=3, note='applied'),
            store.Record('build', verdict='fail', seconds=9, log='/b.log',
                         reproduce='make build'),
            store.Record('kunit', verdict='blocked', reproduce='make kunit',
                         note='not run: needs build')])])
        self.assertEqual(lines, [
            'target   step  verdict time note',
            'mainline apply PASS    3s   applied',
            'mainline build FAIL    9s   reproduce: make build (log: /b.log)',
            'mainline kunit BLOCKED -    not run: needs build; '
            'reproduce: make kunit'])

    def test_columns_are_as_wide_as_their_widest_cell(self):
        self.assertEqual(store.columns([('a', 'bb', 'c'), ('ccc', 'd')]),
                         ['a   bb c', 'ccc d'])
        p = subprocess.run(['python3', '-m', 'lmm.store', 'columns'],
                           input='row\tkunit\nx86_64-xen\tn/a\n', text=True,
                           capture_output=True, check=False,
                           env={**os.environ, 'PYTHONPATH': SCRIPTS})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, 'row        kunit\nx86_64-xen n/a\n')


class RoundTripTest(helpers.TempDirTest):
    """What store.sh writes, store.py reads."""

    def setUp(self):
        super().setUp()
        self.work = self.d
        self.folder = os.path.join(self.work, 'results', 'check')

    def test_step_run_records_pass_and_fail_in_order(self):
        p = bash('step_run one "" "make one" "$LMM_WORK/one.log" -- echo done;'
                 ' step_run two "" "make two" "$LMM_WORK/two.log" -- false'
                 ' || echo "passed=$STEPS_PASSED failed=$STEPS_FAILED"',
                 self.work)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip(), 'passed=1 failed=1')
        rs = store.read(self.folder)
        self.assertEqual([(r.key, r.verdict) for r in rs],
                         [('one', 'pass'), ('two', 'fail')])
        self.assertEqual(rs[0].note, 'done')
        self.assertEqual(rs[1].reproduce, 'make two')
        self.assertEqual(store.counts(rs), (1, 1))

    def test_tabs_and_newlines_in_a_field_do_not_break_the_record(self):
        p = bash("store_put k '' pass 1 '' $'make\\tk' $'two\\nlines'",
                 self.work)
        self.assertEqual(p.returncode, 0, p.stderr)
        (r,) = store.read(self.folder)
        self.assertEqual((r.reproduce, r.note), ('make k', 'two lines'))

    def test_a_step_that_passed_with_the_same_stamp_is_kept(self):
        run = ('step_run k s1 "make k" "$LMM_WORK/k.log" -- '
               'sh -c "echo ran >>$LMM_WORK/calls"; echo "kept=$STEP_KEPT"')
        self.assertEqual(bash(run, self.work).stdout.strip(), 'kept=0')
        self.assertEqual(bash(run, self.work).stdout.strip(), 'kept=1')
        self.assertEqual(bash(run.replace('s1', 's2'), self.work)
                         .stdout.strip(), 'kept=0')
        with open(os.path.join(self.work, 'calls'), encoding='utf-8') as f:
            self.assertEqual(f.read(), 'ran\nran\n')

    def test_a_step_may_give_its_own_verdict(self):
        # A mutant: killed passes and is kept; survived fails, whatever
        # the command's exit status, and runs again.
        run = ('rc=0; step_run m s1 "make m" "$LMM_WORK/m.log" -- '
               'sh -c "echo ran >>$LMM_WORK/calls; echo $V >\\"\\$STEP_VERDICT\\";'
               ' echo case_a" || rc=$?; echo "rc=$rc kept=$STEP_KEPT"')
        p = bash(run.replace('$V', 'killed'), self.work)
        self.assertEqual(p.stdout.strip(), 'rc=0 kept=0', p.stderr)
        (r,) = store.read(self.folder)
        self.assertEqual((r.verdict, r.note), ('killed', 'case_a'))
        self.assertEqual(bash(run.replace('$V', 'killed'), self.work)
                         .stdout.strip(), 'rc=0 kept=1')
        p = bash(run.replace('$V', 'survived').replace('s1', 's2'), self.work)
        self.assertEqual(p.stdout.strip(), 'rc=1 kept=0', p.stderr)
        (r,) = store.read(self.folder)
        self.assertEqual(r.verdict, 'survived')
        self.assertEqual(bash(run.replace('$V', 'survived').replace('s1', 's2'),
                              self.work).stdout.strip(), 'rc=1 kept=0')
        self.assertFalse(os.path.exists(os.path.join(self.folder, 'm.verdict')))

    def test_a_failed_step_runs_again(self):
        run = ('step_run k s1 "make k" "$LMM_WORK/k.log" -- false || true;'
               ' echo "kept=$STEP_KEPT"')
        bash(run, self.work)
        self.assertEqual(bash(run, self.work).stdout.strip(), 'kept=0')

    def test_the_time_of_a_run_cut_off_counts(self):
        now = int(time.time())
        os.makedirs(self.folder)
        with open(os.path.join(self.folder, 'k.run'), 'w',
                  encoding='utf-8') as f:
            f.write(f's1 {now - 1000} 200\n')
        log = os.path.join(self.work, 'k.log')
        with open(log, 'w', encoding='utf-8'):
            pass
        os.utime(log, (now - 600, now - 600))
        p = bash('step_run k s1 "make k" "$LMM_WORK/k.log" -- true;'
                 ' echo "$STEP_EARLIER $STEP_SECONDS"', self.work)
        earlier, seconds = map(int, p.stdout.split())
        self.assertEqual(earlier, 600)
        self.assertLessEqual(seconds - earlier, 5)
        self.assertFalse(os.path.exists(os.path.join(self.folder, 'k.run')))

    def test_a_blocked_step_counts_as_failed(self):
        p = bash('step_blocked k build "make k"; echo "$STEPS_FAILED"',
                 self.work)
        self.assertEqual(p.stdout.strip(), '1')
        (r,) = store.read(self.folder)
        self.assertEqual((r.verdict, r.note), ('blocked',
                                               'not run: needs build'))

    def test_main_exits_1_on_a_failure(self):
        bash('step_run k "" "make k" "$LMM_WORK/k.log" -- false || true',
             self.work)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(
                store.main(['table', f'mainline={self.folder}']), 1)
            self.assertEqual(store.main(['table']), 2)
        self.assertTrue(out.getvalue().endswith('0 passed, 1 failed\n'))


if __name__ == '__main__':
    unittest.main()
