# SPDX-License-Identifier: GPL-2.0
# kunit.py QEMU configuration for sparc64, which 6.12's kunit.py lacks:
# passed with --qemu_config.  QEMU's sun4u machine has one CPU and its
# console on the 'su' 16550 UART of the PCI EBus (SERIAL_SUNSU).
#
# kunit.py ends the command line with 'kunit_shutdown=reboot', and a
# reboot fails there ("Reboot failed!" panic: OpenBIOS does not reboot),
# leaving QEMU running until kunit.py's timeout.  Power off instead,
# which QEMU's sun4u 'power' device implements: the '--' ends the kernel
# parameters, so the appended reboot option goes to init, which never
# runs.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='sparc64',
			   kconfig='''
CONFIG_64BIT=y
CONFIG_PCI=y
CONFIG_SERIAL_SUNSU=y
CONFIG_SERIAL_SUNSU_CONSOLE=y
''',
			   qemu_arch='sparc64',
			   kernel_path='arch/sparc/boot/image',
			   kernel_command_line='console=ttyS0 kunit_shutdown=poweroff --',
			   extra_qemu_params=['-M', 'sun4u'])
