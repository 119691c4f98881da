# SPDX-License-Identifier: GPL-2.0
"""What the unit tests of scripts/lmm/ share."""

import os
import tempfile
import unittest


class TempDirTest(unittest.TestCase):
    """A test with a folder of its own, self.d, removed after it."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        """Write TEXT to NAME under self.d (folders made as needed) and
        return its path."""
        path = os.path.join(self.d, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        return path
