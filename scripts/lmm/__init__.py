# SPDX-License-Identifier: GPL-2.0
"""The Python modules of the project's scripts (Debian's python3 only).

The shell scripts run them with lib.sh's lmm_py: python3 -m lmm.MODULE,
with scripts/ on the module path.
"""


def read_lines(path):
    """The lines of a text file; bytes that are not UTF-8 are replaced,
    as build logs may hold some."""
    with open(path, errors='replace', encoding='utf-8') as f:
        return f.readlines()
