# SPDX-License-Identifier: GPL-2.0
"""The Python modules of the project's scripts (Debian's python3 only)."""
