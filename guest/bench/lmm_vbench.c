// SPDX-License-Identifier: GPL-2.0
/*
 * The workload of the arm64 barrier count (scripts/bench barriers):
 * vmalloc() and vfree() areas of each size in 'pages', 'rounds' times,
 * from the module's init.  It counts nothing itself: scripts/bench-gdb.py
 * watches the calls and the barrier instructions from QEMU's gdb stub.
 * The sizes go to the log so that the run can be checked against what
 * the debugger saw.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/vmalloc.h>

static unsigned int pages[8] = { 1, 16, 64, 512 };
static int nr_pages = 4;
module_param_array(pages, uint, &nr_pages, 0444);
MODULE_PARM_DESC(pages, "area sizes in pages (default 1,16,64,512)");

static unsigned int rounds = 4;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "vmalloc/vfree calls per size (default 4)");

static int __init lmm_vbench_init(void)
{
	unsigned int i, r;
	void *p;

	for (i = 0; i < nr_pages; i++) {
		for (r = 0; r < rounds; r++) {
			p = vmalloc((unsigned long)pages[i] << PAGE_SHIFT);
			if (!p)
				return -ENOMEM;
			vfree(p);
		}
		pr_info("lmm_vbench: %u pages: %u vmalloc/vfree calls\n",
			pages[i], rounds);
	}
	return 0;
}
module_init(lmm_vbench_init);

MODULE_DESCRIPTION("vmalloc/vfree workload for counting page table barriers");
MODULE_LICENSE("GPL");
