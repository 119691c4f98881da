# SPDX-License-Identifier: GPL-2.0
# kunit.py QEMU configuration for sparc64, which 6.12's kunit.py lacks:
# passed with --qemu_config.  The machine, console and image are those
# of sparc64's line of configs/arches.conf.  The console is the 'su'
# 16550 UART of the sun4u PCI EBus (SERIAL_SUNSU).
#
# kunit.py ends the command line with 'kunit_shutdown=reboot', and a
# reboot fails there ("Reboot failed!" panic: OpenBIOS does not reboot),
# leaving QEMU running until kunit.py's timeout.  Power off instead,
# which QEMU's sun4u 'power' device implements: the '--' ends the kernel
# parameters, so the appended reboot option goes to init, which never
# runs.
import os

from ..qemu_config import QemuArchParams

FIELDS = ('arch', 'kernel', 'srcarch', 'cross', 'compiler', 'libc',
	  'qemu_pkg', 'qemu', 'machine', 'cpu', 'cpus', 'console', 'image')


def arch_line(arch):
	path = os.path.join(os.path.dirname(__file__), '..', '..', 'arches.conf')
	with open(path, encoding='utf-8') as table:
		for line in table:
			words = line.split()
			if words and words[0] == arch:
				return dict(zip(FIELDS, words))
	raise ValueError(f'no line for {arch} in {path}')


ARCH = arch_line('sparc64')
QEMU_ARCH = QemuArchParams(linux_arch=ARCH['kernel'],
			   kconfig='''
CONFIG_64BIT=y
CONFIG_PCI=y
CONFIG_SERIAL_SUNSU=y
CONFIG_SERIAL_SUNSU_CONSOLE=y
''',
			   qemu_arch=ARCH['qemu'].removeprefix('qemu-system-'),
			   kernel_path=ARCH['image'],
			   kernel_command_line=f"console={ARCH['console']} kunit_shutdown=poweroff --",
			   extra_qemu_params=['-M', ARCH['machine']])
