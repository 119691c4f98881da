# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/lmm/lint.py: the series lint of check-patches."""

import unittest

import helpers
from lmm import lint

AUTHOR = 'A Person <a@example.org>'
PATCH = """\
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: A Person
 <a@example.org>
Date: Sat, 21 Nov 2026 20:58:32 +0000
Subject: [PATCH 01/26] fs/proc/task_mmu: leave lazy MMU mode before
 flushing the TLB

Why it matters.

Fixes: 52526ca7fdb9 ("fs/proc/task_mmu: implement IOCTL to get and optionally clear info about PTEs")
Signed-off-by: A Person <a@example.org>
---
Notes: below the line.
Signed-off-by: Not Counted <n@example.org>

diff --git a/x b/x
"""
KNOWN = {'52526ca7fdb9': 'fs/proc/task_mmu: implement IOCTL to get and '
                         'optionally clear info about PTEs'}


class SeriesTest(unittest.TestCase):
    def test_missing_extra_and_misnumbered(self):
        got = lint.series_problems(['0001-a.patch', '0003-c.patch'],
                                   {'0001-a.patch', '0002-b.patch'})
        self.assertEqual(got, [
            'lists 0003-c.patch, which is not in patches/',
            'patches/0002-b.patch is not listed in series',
            'entry 2 is 0003-c.patch; expected number 0002 (run make export)'])

    def test_agreeing(self):
        self.assertEqual(lint.series_problems(['0001-a.patch'], {'0001-a.patch'}), [])


class PatchTest(helpers.TempDirTest):
    def test_read_patch_unfolds_and_strips_the_prefix(self):
        author, subject, froms, body = lint.read_patch(self.write('p', PATCH))
        self.assertEqual(author, AUTHOR)
        self.assertEqual(subject, 'fs/proc/task_mmu: leave lazy MMU mode '
                                  'before flushing the TLB')
        self.assertEqual(froms, 1)
        self.assertNotIn('Not Counted', body)

    def test_a_clean_patch(self):
        args = lint.read_patch(self.write('p', PATCH))
        self.assertEqual(lint.patch_problems(*args, AUTHOR, KNOWN, ''), [])

    def test_every_rule(self):
        body = ('Fixes: 52526ca7fdb (short)\n'
                'Fixes: 52526ca7fdb9 ("another subject")\n'
                'Signed-off-by: Other <o@example.org>\n')
        got = lint.patch_problems(AUTHOR, 'no prefix here ' + 'x' * 70, 2,
                                  body, 'First <f@example.org>', KNOWN, '')
        self.assertEqual(got, [
            'needs exactly one From: header',
            f'Signed-off-by does not match the author {AUTHOR}',
            f"author {AUTHOR} differs from the series' First <f@example.org>",
            'subject is 85 characters (at most 75): no prefix here ' + 'x' * 70,
            "subject is not 'prefix: summary': no prefix here " + 'x' * 70,
            'malformed: Fixes: 52526ca7fdb (short) (want: Fixes: <12 hex> '
            '("subject"))',
            'Fixes: 52526ca7fdb9 names "another subject"; that commit is '
            '"fs/proc/task_mmu: implement IOCTL to get and optionally clear '
            'info about PTEs"'])

    def test_an_unknown_id_is_not_judged(self):
        got = lint.patch_problems(AUTHOR, 'mm: x', 1,
                                  f'Fixes: 0123456789ab ("x")\nSigned-off-by: {AUTHOR}\n',
                                  AUTHOR, {}, '')
        self.assertEqual(got, [])


if __name__ == '__main__':
    unittest.main()
