# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/lmm/kconfig.py: scripts/build's configuration checks."""

import contextlib
import io
import os
import unittest

import helpers
from lmm import kconfig


class FragmentsTest(helpers.TempDirTest):
    def test_includes_first_each_once(self):
        common = self.write('configs/fragments/common.config', 'CONFIG_A=y\n')
        dbg = self.write('configs/fragments/debug.config',
                         '# include: fragments/common.config\nCONFIG_B=y\n')
        top = self.write('configs/x86_64/boot.config',
                         '# base: defconfig\n# include: fragments/debug.config\n'
                         '# include: fragments/common.config\nCONFIG_C=y\n')
        self.assertEqual(kconfig.fragments(top), [common, dbg, top])

    def test_a_missing_include_is_named(self):
        top = self.write('configs/x86_64/a.config', '# include: fragments/none.config\n')
        with self.assertRaisesRegex(FileNotFoundError,
                                    'includes configs/fragments/none.config'):
            kconfig.fragments(top)


class MissingTest(unittest.TestCase):
    def test_options_that_did_not_take_effect(self):
        config = kconfig.read_config(['CONFIG_A=y\n', 'CONFIG_B=m\n',
                                      '# CONFIG_C is not set\n', 'CONFIG_D=y\n'])
        got = kconfig.missing(config, ['CONFIG_A=y\n', 'CONFIG_B=y\n',
                                       'CONFIG_C=y\n', '# CONFIG_D is not set\n',
                                       '# CONFIG_E is not set\n'])
        self.assertEqual(got, ['CONFIG_B=y (got m)', 'CONFIG_C=y (got unset)',
                               'CONFIG_D unset (got y)'])


class NotConfiguredTest(helpers.TempDirTest):
    def setUp(self):
        super().setUp()
        self.write('src/mm/Makefile',
                   'obj-y += memory.o\n'
                   'obj-$(CONFIG_KASAN) += kasan_x.o \\\n\tkasan_y.o\n'
                   'obj-$(CONFIG_NUMA) += both.o\n'
                   'obj-y += both.o\n'
                   'composite-y := part.o\n')
        self.write('src/mm/tests/Makefile', '')
        self.write('src/mm/Kbuild', 'obj-$(CONFIG_T) += tests/t.o\n')

    def run_it(self, enabled, objects):
        return kconfig.not_configured(os.path.join(self.d, 'src'), enabled,
                                      objects)

    def test_an_object_only_under_an_unset_option(self):
        self.assertEqual(self.run_it(set(), ['mm/kasan_y.o']), [
            'mm/kasan_y.o: its Makefile builds it only with CONFIG_KASAN, '
            'unset in this configuration'])
        self.assertEqual(self.run_it({'CONFIG_KASAN'}, ['mm/kasan_y.o']), [])

    def test_a_parent_makefile_by_the_relative_path(self):
        self.assertEqual(len(self.run_it(set(), ['mm/tests/t.o'])), 1)

    def test_obj_y_composite_and_unknown_are_kept(self):
        self.assertEqual(self.run_it(set(), ['mm/memory.o', 'mm/both.o',
                                             'mm/part.o', 'mm/other.o']), [])


class MainTest(helpers.TempDirTest):
    def test_missing_exits_1_with_the_list(self):
        config = self.write('.config', 'CONFIG_A=n\n')
        frag = self.write('a.config', 'CONFIG_A=y\n')
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            self.assertEqual(kconfig.main(['missing', config, frag]), 1)
            frag = self.write('b.config', 'CONFIG_A=n\n')
            self.assertEqual(kconfig.main(['missing', config, frag]), 0)
        self.assertEqual(out.getvalue(), 'CONFIG_A=y (got n)\n')


if __name__ == '__main__':
    unittest.main()
