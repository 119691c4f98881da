// SPDX-License-Identifier: GPL-2.0
/*
 * xen_batches: count the hypercalls that the page-table work of one
 * process costs in a Xen PV guest, from the kernel's xen:* trace events.
 *
 * It maps NPAGES anonymous pages and, around each operation, records
 * the events of all CPUs in the tracefs ring buffer:
 *
 *   touch     first write to every page (page faults)
 *   fork      fork(), the child exits at once, waitpid()
 *   mprotect  PROT_READ on the whole range, then PROT_READ|PROT_WRITE
 *   mremap    move the range elsewhere (MREMAP_MAYMOVE|MREMAP_FIXED)
 *   munmap    unmap it
 *
 * Per operation it prints
 *
 *   XEN-BATCHES: OP ptes=P hypercalls=H flushes=F entries=E
 *
 * P: PTE updates (xen_mmu_set_pte and xen_mmu_ptep_modify_prot_commit
 * events); F: xen_mc_flush events that flushed something, one hypercall
 * each; E: the multicall entries they flushed; H: F plus the PTE writes
 * that were not batched (a xen_mmu_set_pte not followed on its CPU by
 * xen_mc_batch: xen_set_pte() then issues HYPERVISOR_mmu_update itself).
 *
 * With "-b B", each operation that lazy MMU mode batches (fork,
 * mprotect, mremap) must cost at most one hypercall per B PTE updates:
 * a TAP line "ok N" or "not ok N" says so, and the exit status is 1 if
 * one did not; without -b it only reports.
 * "-n NPAGES" sets the size (default 2048).  "-p FILE" only counts the
 * events of FILE, a saved tracefs trace, and reports them as above.  Exit 4 (a kselftest skip)
 * when the xen trace events are not there (not a PV guest, or no
 * tracing in the kernel).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define TRACING "/sys/kernel/tracing"
#define MAX_CPUS 64

static const char *const events[] = {
	"xen_mc_flush", "xen_mc_batch", "xen_mmu_set_pte",
	"xen_mmu_ptep_modify_prot_commit",
};

struct count {
	unsigned long ptes, flushes, entries, direct;
};

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

static void die(const char *what)
{
	printf("not ok xen_batches: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Count the events of a trace file in tracefs' text format. */
static struct count count_trace(const char *path)
{
	/* Per CPU: the last event was a set_pte not yet known to be batched. */
	static int pending[MAX_CPUS];
	struct count c = { 0 };
	char line[512];
	FILE *f;
	int cpu;

	f = fopen(path, "r");
	if (!f)
		die(path);
	memset(pending, 0, sizeof(pending));
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "] "), *b = strchr(line, '[');
		unsigned int n;

		if (line[0] == '#' || !p || !b || sscanf(b + 1, "%d", &cpu) != 1 ||
		    cpu < 0 || cpu >= MAX_CPUS)
			continue;
		if (strstr(p, " xen_mc_batch: ")) {
			pending[cpu] = 0;
			continue;
		}
		c.direct += pending[cpu];
		pending[cpu] = 0;
		b = strstr(p, " xen_mc_flush: flushing ");
		if (strstr(p, " xen_mmu_set_pte: ")) {
			c.ptes++;
			pending[cpu] = 1;
		} else if (strstr(p, " xen_mmu_ptep_modify_prot_commit: ")) {
			c.ptes++;
		} else if (b && sscanf(b + 24, "%u", &n) == 1 && n > 0) {
			c.flushes++;
			c.entries += n;
		}
	}
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		c.direct += pending[cpu];
	fclose(f);
	return c;
}

/* Count the events of the ring buffer, then empty it. */
static struct count read_trace(void)
{
	struct count c = count_trace(TRACING "/trace");

	if (write_file(TRACING "/trace", ""))
		die("clear " TRACING "/trace");
	return c;
}

static void tracing(int on)
{
	if (write_file(TRACING "/tracing_on", on ? "1" : "0"))
		die("write " TRACING "/tracing_on");
}

/*
 * Print the figures of an operation; for one that lazy MMU mode batches
 * (batched), a numbered TAP result too, as boot-verdict counts them.
 */
static int report(const char *op, struct count c, unsigned long min_batch, int batched)
{
	static int n;
	unsigned long h = c.flushes + c.direct;
	int bad;

	printf("XEN-BATCHES: %s ptes=%lu hypercalls=%lu flushes=%lu entries=%lu\n",
	       op, c.ptes, h, c.flushes, c.entries);
	if (!batched || !min_batch)
		return 0;
	bad = c.ptes < min_batch || h * min_batch > c.ptes;
	printf("%s %d xen_batches %s: %lu hypercalls for %lu PTE updates (at most one per %lu)\n",
	       bad ? "not ok" : "ok", ++n, op, h, c.ptes, min_batch);
	return bad;
}

int main(int argc, char **argv)
{
	unsigned long npages = 2048, min_batch = 0, i, len, pg = sysconf(_SC_PAGESIZE);
	char path[256], *mem, *dst, *saved = NULL;
	int opt, bad = 0;
	unsigned int e;
	pid_t pid;

	while ((opt = getopt(argc, argv, "n:b:p:")) != -1) {
		if (opt == 'n')
			npages = strtoul(optarg, NULL, 0);
		else if (opt == 'b')
			min_batch = strtoul(optarg, NULL, 0);
		else if (opt == 'p')
			saved = optarg;
		else
			return 2;
	}
	if (saved)
		return report(saved, count_trace(saved), min_batch, 1);
	len = npages * pg;

	if (access(TRACING "/tracing_on", F_OK) &&
	    mount("nodev", TRACING, "tracefs", 0, NULL) && errno != EBUSY) {
		printf("xen_batches: SKIP: no tracefs (%s)\n", strerror(errno));
		return 4;
	}
	for (e = 0; e < sizeof(events) / sizeof(events[0]); e++) {
		snprintf(path, sizeof(path), TRACING "/events/xen/%s/enable", events[e]);
		if (write_file(path, "1")) {
			printf("xen_batches: SKIP: no trace event xen:%s (%s)\n",
			       events[e], strerror(errno));
			return 4;
		}
	}
	/* Room for a few events per page on every CPU. */
	write_file(TRACING "/buffer_size_kb", "8192");
	tracing(0);
	read_trace();

	mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/*
	 * One page past a PMD boundary of the source's alignment, so that
	 * mremap() moves PTEs: with both ends PMD-aligned it would move
	 * whole page tables (move_normal_pmd()) and update no PTE.
	 */
	dst = mmap(NULL, len + (2UL << 20), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED || dst == MAP_FAILED)
		die("mmap");
	dst += pg;
	/* No THP: the operations must work on PTEs. */
	madvise(mem, len, MADV_NOHUGEPAGE);

	tracing(1);
	for (i = 0; i < len; i += pg)
		mem[i] = 1;
	tracing(0);
	report("touch", read_trace(), min_batch, 0);

	tracing(1);
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		die("fork");
	tracing(0);
	bad |= report("fork", read_trace(), min_batch, 1);

	tracing(1);
	if (mprotect(mem, len, PROT_READ) || mprotect(mem, len, PROT_READ | PROT_WRITE))
		die("mprotect");
	tracing(0);
	bad |= report("mprotect", read_trace(), min_batch, 1);

	tracing(1);
	if (mremap(mem, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, dst) != dst)
		die("mremap");
	tracing(0);
	bad |= report("mremap", read_trace(), min_batch, 1);

	tracing(1);
	if (munmap(dst, len))
		die("munmap");
	tracing(0);
	report("munmap", read_trace(), min_batch, 0);

	printf("# xen_batches: %lu pages%s\n", npages, min_batch ? "" : ", report only");
	return bad;
}
