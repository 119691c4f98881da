// SPDX-License-Identifier: GPL-2.0
/*
 * The workload of the x86_64 instruction count (scripts/bench icount):
 * loops of fork/exit, mprotect, munmap and mremap over a touched
 * anonymous area, each of which runs lazy MMU sections in the kernel
 * (copy_pte_range, change_pte_range, zap_pte_range, move_ptes).  It
 * prints each phase's CLOCK_MONOTONIC time in nanoseconds: under QEMU
 * with -icount shift=0 the guest clock advances one nanosecond per
 * instruction, so the figure is an instruction count.
 *
 * usage: mm_loops [ITERATIONS [PAGES]]   (default 200 iterations, 256 pages)
 * The mremap phase runs MREMAP_SCALE times ITERATIONS rounds, as a round
 * of it is the cheapest of all: at ITERATIONS rounds the phase was a
 * sixtieth of the others' total.
 * Output: "BENCH PHASE NS" a phase, then "BENCH total NS"; exit 0.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MREMAP_SCALE 20
/*
 * x86_64's PMD_SIZE.  Where the two mremap slots lie relative to a page
 * table boundary decided, from one boot to the next, whether each move
 * allocated and freed a page table: the phase came to either of two
 * counts, 8% apart.  Aligned, both slots share one page table on every
 * boot (for up to 256 pages of 4 KiB).
 */
#define SLOT_ALIGN (2UL << 20)

static long iterations = 200, pages = 256, page_size;

static unsigned long long now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static char *map_touched(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	memset(p, 1, len);
	return p;
}

static void fork_exit(size_t len)
{
	char *p = map_touched(len);
	long i;

	for (i = 0; i < iterations; i++) {
		pid_t pid = fork();
		int status;

		if (pid < 0) {
			perror("fork");
			exit(1);
		}
		if (!pid)
			_exit(p[0] == 1 ? 0 : 1);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			fprintf(stderr, "child failed\n");
			exit(1);
		}
	}
	munmap(p, len);
}

static void mprotect_loop(size_t len)
{
	char *p = map_touched(len);
	long i;

	for (i = 0; i < iterations; i++) {
		if (mprotect(p, len, PROT_READ) ||
		    mprotect(p, len, PROT_READ | PROT_WRITE)) {
			perror("mprotect");
			exit(1);
		}
	}
	munmap(p, len);
}

static void munmap_loop(size_t len)
{
	long i;

	for (i = 0; i < iterations; i++)
		if (munmap(map_touched(len), len)) {
			perror("munmap");
			exit(1);
		}
}

static void mremap_loop(size_t len)
{
	/* Two fixed slots: the area moves back and forth between them. */
	char *area = mmap(NULL, 2 * len + SLOT_ALIGN, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *slots, *p;
	long i;

	if (area == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	slots = (char *)(((unsigned long)area + SLOT_ALIGN - 1) &
			 ~(SLOT_ALIGN - 1));
	p = mmap(slots, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	memset(p, 1, len);
	for (i = 0; i < MREMAP_SCALE * iterations; i++) {
		char *to = p == slots ? slots + len : slots;

		p = mremap(p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, to);
		if (p != to) {
			perror("mremap");
			exit(1);
		}
	}
	munmap(area, 2 * len + SLOT_ALIGN);
}

/*
 * Called at the start and at the end of each phase: the QEMU plugin of
 * scripts/bench-icount (scripts/qemu/tbcount.c mark=ADDRESS) counts the
 * instructions executed between two calls, idle time left out.
 */
__attribute__((noinline)) void lmm_phase_mark(void)
{
	__asm__ __volatile__("" ::: "memory");
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(size_t len);
	} phases[] = {
		{ "fork_exit", fork_exit },
		{ "mprotect", mprotect_loop },
		{ "munmap", munmap_loop },
		{ "mremap", mremap_loop },
	};
	unsigned long long t, total = 0;
	size_t i, len;

	if (argc > 1)
		iterations = atol(argv[1]);
	if (argc > 2)
		pages = atol(argv[2]);
	page_size = sysconf(_SC_PAGESIZE);
	len = pages * page_size;
	if (iterations <= 0 || pages <= 0) {
		fprintf(stderr, "usage: %s [ITERATIONS [PAGES]]\n", argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
		lmm_phase_mark();
		t = now();
		phases[i].fn(len);
		t = now() - t;
		lmm_phase_mark();
		total += t;
		printf("BENCH %s %llu\n", phases[i].name, t);
	}
	printf("BENCH total %llu\n", total);
	fflush(stdout);
	return 0;
}
