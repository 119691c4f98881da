# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/lmm/messages.py: send-dry-run's message checks."""

import contextlib
import io
import os
import unittest
from email.message import EmailMessage

import helpers
from lmm import messages

POSTER = 'Poster Name <poster@example.org>'
BASE = '0123456789abcdef0123456789abcdef01234567'
COVER = 'mm: the series\n\nWhy it matters.\n'


def eml(folder, name, subject, sender=POSTER, to='mm@kvack.invalid',
        cc='', text='Body.\n'):
    m = EmailMessage()
    m['From'], m['To'], m['Subject'] = sender, to, subject
    if cc:
        m['Cc'] = cc
    m.set_content(text)
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(bytes(m))


class MessagesTest(helpers.TempDirTest):
    def setUp(self):
        super().setUp()
        self.out = os.path.join(self.d, 'out')
        os.mkdir(self.out)
        eml(self.out, '0000-cover.eml', '[PATCH 0/2] mm: the series',
            text=f'Why it matters.\n\n---\nbase-commit: {BASE}\nchange-id: c-1\n')
        for i in (1, 2):
            eml(self.out, f'000{i}-p.eml', f'[PATCH {i}/2] mm: patch {i}',
                cc='Maint <maint@kernel.invalid>',
                text=f'Why.\n\nSigned-off-by: {POSTER}\n---\n diff\n')

    def run_main(self, poster=POSTER, inspect='0', named='maint@kernel.invalid\n'):
        files = {name: self.write(name, text)
                 for name, text in (('getm', named), ('cover', COVER))}
        files['listing'] = os.path.join(self.d, 'listing')
        files['addresses'] = os.path.join(self.d, 'addresses')
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = messages.main([self.out, '2', 'PATCH', BASE, 'c-1', files['getm'],
                                files['listing'], files['cover'], poster, inspect,
                                files['addresses']])
        return rc, out.getvalue(), err.getvalue(), files

    def test_a_good_series_passes_and_lists_what_it_read(self):
        rc, out, err, files = self.run_main()
        self.assertEqual((rc, err), (0, ''))
        self.assertIn('Recipients: 1 To, 1 Cc\n', out)
        self.assertIn('Messages: 3 (the cover letter and 2 patches)\n', out)
        with open(files['listing'], encoding='utf-8') as f:
            self.assertEqual([os.path.basename(x) for x in f.read().split()],
                             ['0001-p.eml', '0002-p.eml'])
        with open(files['addresses'], encoding='utf-8') as f:
            self.assertIn('0002-p.eml\tSigned-off-by\tposter@example.org\n',
                          f.readlines())

    def test_another_sender_fails_unless_for_inspection(self):
        rc, _, err, _ = self.run_main(poster='Other <other@example.org>')
        self.assertEqual(rc, 1)
        self.assertIn('0000-cover.eml: from poster@example.org, not the poster', err)
        self.assertIn('0001-p.eml: the last Signed-off-by: is not the poster', err)
        self.assertEqual(self.run_main(poster='Other <other@example.org>',
                                       inspect='1')[0], 0)

    def test_a_maintainer_left_out_is_named(self):
        rc, _, err, _ = self.run_main(named='maint@kernel.invalid\nnew@kernel.invalid\n')
        self.assertEqual(rc, 1)
        self.assertIn('get_maintainer.pl names new@kernel.invalid, which is '
                      'neither To nor Cc', err)

    def test_numbering_and_count(self):
        os.remove(os.path.join(self.out, '0002-p.eml'))
        eml(self.out, '0002-p.eml', '[PATCH 3/2] mm: patch 2',
            text=f'Signed-off-by: {POSTER}\n')
        eml(self.out, '0003-p.eml', '[PATCH 3/2] mm: patch 3',
            text=f'Signed-off-by: {POSTER}\n')
        rc, _, err, _ = self.run_main()
        self.assertEqual(rc, 1)
        self.assertIn('0002-p.eml: subject does not start with "[PATCH 2/2] "', err)
        self.assertIn('4 messages, expected 3', err)

    def test_the_cover_letter_must_carry_base_change_id_and_text(self):
        eml(self.out, '0000-cover.eml', '[PATCH 0/2] mm: another', text='Other.\n')
        rc, _, err, _ = self.run_main()
        self.assertEqual(rc, 1)
        self.assertIn(f'no "base-commit: {BASE}"', err)
        self.assertIn('no "change-id: c-1"', err)
        self.assertIn('the cover letter is not the text of', err)


if __name__ == '__main__':
    unittest.main()
