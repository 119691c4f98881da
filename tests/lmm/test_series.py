# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/lmm/series.py: export's rewrite of the series file."""

import unittest

from lmm import series

OLD = """\
# The series, applied with git am.

## Fixes
# Cc stable.
0001-x86-xen-fix.patch

## Core
0002-mm-reset.patch
0003-mm-misuse.patch

## Docs
0004-docs.patch
""".splitlines()


class RewriteTest(unittest.TestCase):
    def test_unchanged_series_is_unchanged(self):
        new = ['0001-x86-xen-fix.patch', '0002-mm-reset.patch',
               '0003-mm-misuse.patch', '0004-docs.patch']
        self.assertEqual(series.rewrite(OLD, new), OLD)

    def test_renumbered_patches_stay_under_their_banner(self):
        new = ['0001-x86-xen-fix.patch', '0002-x86-xen-another.patch',
               '0003-mm-reset.patch', '0004-mm-misuse.patch', '0005-docs.patch']
        got = series.rewrite(OLD, new)
        self.assertEqual(got[2:7], ['## Fixes', '# Cc stable.',
                                    '0001-x86-xen-fix.patch',
                                    '0002-x86-xen-another.patch', ''])
        self.assertEqual(got[-1], '0005-docs.patch')

    def test_a_patch_never_goes_back_to_an_earlier_banner(self):
        # docs first, then a fix: the fix follows the docs' banner.
        new = ['0001-docs.patch', '0002-x86-xen-fix.patch']
        got = series.rewrite(OLD, new)
        self.assertEqual(got[got.index('## Docs'):],
                         ['## Docs', '0001-docs.patch', '0002-x86-xen-fix.patch'])

    def test_a_dropped_patch_leaves_its_banner(self):
        got = series.rewrite(OLD, ['0001-x86-xen-fix.patch'])
        self.assertIn('## Core', got)
        self.assertNotIn('0004-docs.patch', got)
        self.assertEqual(got[-1], '## Docs')

    def test_no_old_series(self):
        self.assertEqual(series.rewrite([], ['0001-a.patch']), ['0001-a.patch'])

    def test_slug(self):
        self.assertEqual(series.slug('0012-mm-a.patch'), 'mm-a.patch')


if __name__ == '__main__':
    unittest.main()
