// SPDX-License-Identifier: GPL-2.0
/*
 * Stress the page table paths that run in lazy MMU sections and check
 * that no data is lost: fork and COW (copy_pte_range), exit and munmap
 * (zap_pte_range), mprotect (change_pte_range), mremap (move_ptes) and
 * madvise MADV_COLD, MADV_PAGEOUT, MADV_FREE and MADV_DONTNEED.
 *
 * Several worker processes loop for a bounded time.  Every page holds a
 * pattern made of the worker, the round and the page index, and is read
 * back after each operation; a page that reads back wrong is a failure.
 *
 * usage: lazy_mmu_stress [-p WORKERS] [-t SECONDS] [-n PAGES] [-x]
 * Exits 0 and prints "lazy_mmu_stress: PASS ..." if every check held.
 * -x corrupts one word after the first mremap, to show that the checks
 * catch it (the run must then fail).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_COLD
#define MADV_COLD	20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

static long page_size;
static int inject;

#define fail(fmt, ...) do {						\
	fprintf(stderr, "lazy_mmu_stress: FAIL: worker %d: " fmt "\n",	\
		worker_id, ##__VA_ARGS__);				\
	exit(1);							\
} while (0)

static int worker_id;

static uint64_t pattern(unsigned int round, size_t page, size_t word)
{
	return ((uint64_t)worker_id << 48) ^ ((uint64_t)round << 24) ^
	       (page << 10) ^ word ^ 0x5a5a5a5a00000000ULL;
}

static void fill(char *p, size_t pages, unsigned int round, size_t first)
{
	size_t i, w, words = page_size / sizeof(uint64_t);

	for (i = 0; i < pages; i++) {
		uint64_t *q = (uint64_t *)(p + i * page_size);

		for (w = 0; w < words; w++)
			q[w] = pattern(round, first + i, w);
	}
}

/* 1: the pattern, 0: all zero, -1: anything else. */
static int page_state(const char *p, unsigned int round, size_t page)
{
	const uint64_t *q = (const uint64_t *)p;
	size_t w, words = page_size / sizeof(uint64_t);
	int zero = 1, pat = 1;

	for (w = 0; w < words; w++) {
		if (q[w] != pattern(round, page, w))
			pat = 0;
		if (q[w])
			zero = 0;
	}
	return pat ? 1 : zero ? 0 : -1;
}

static void check(const char *p, size_t pages, unsigned int round,
		  size_t first, const char *what)
{
	size_t i;

	for (i = 0; i < pages; i++)
		if (page_state(p + i * page_size, round, first + i) != 1)
			fail("round %u: page %zu wrong after %s", round,
			     first + i, what);
}

static void *map(size_t pages)
{
	void *p = mmap(NULL, pages * page_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap of %zu pages: %s", pages, strerror(errno));
	return p;
}

static void one_round(unsigned int round, size_t pages)
{
	size_t half = pages / 2;
	char *p = map(pages), *q;
	pid_t child;
	int status;

	fill(p, pages, round, 0);
	check(p, pages, round, 0, "fill");

	/* change_pte_range(), both ways. */
	if (mprotect(p, pages * page_size, PROT_READ))
		fail("mprotect read-only: %s", strerror(errno));
	check(p, pages, round, 0, "mprotect(PROT_READ)");
	if (mprotect(p, pages * page_size, PROT_READ | PROT_WRITE))
		fail("mprotect read-write: %s", strerror(errno));
	fill(p, half, round, 0);

	/* copy_pte_range() and COW: each side keeps its own data. */
	child = fork();
	if (child < 0)
		fail("fork: %s", strerror(errno));
	if (child == 0) {
		check(p, pages, round, 0, "fork (child)");
		fill(p, pages, round + 1, 0);
		check(p, pages, round + 1, 0, "COW write (child)");
		_exit(0);
	}
	if (waitpid(child, &status, 0) != child)
		fail("waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail("round %u: child failed (status %#x)", round, status);
	check(p, pages, round, 0, "child's COW writes");

	/* move_ptes(): grow and move the mapping. */
	q = mremap(p, pages * page_size, 2 * pages * page_size, MREMAP_MAYMOVE);
	if (q == MAP_FAILED)
		fail("mremap: %s", strerror(errno));
	p = q;
	if (inject && round == 0)
		((uint64_t *)p)[3] ^= 1;
	check(p, pages, round, 0, "mremap");
	fill(p + pages * page_size, pages, round, pages);
	pages *= 2;
	half = pages / 2;

	/* madvise_cold_or_pageout_pte_range(): the data must stay. */
	if (madvise(p, pages * page_size, MADV_COLD) && errno != EINVAL)
		fail("MADV_COLD: %s", strerror(errno));
	check(p, pages, round, 0, "MADV_COLD");
	if (madvise(p, half * page_size, MADV_PAGEOUT) && errno != EINVAL)
		fail("MADV_PAGEOUT: %s", strerror(errno));
	check(p, pages, round, 0, "MADV_PAGEOUT");

	/* madvise_free_pte_range(): old data or zeroes, never anything else. */
	if (madvise(p + half * page_size, half * page_size, MADV_FREE))
		fail("MADV_FREE: %s", strerror(errno));
	for (size_t i = half; i < pages; i++)
		if (page_state(p + i * page_size, round, i) < 0)
			fail("round %u: page %zu neither data nor zero after MADV_FREE",
			     round, i);
	fill(p + half * page_size, half, round, half);
	check(p, pages, round, 0, "rewrite after MADV_FREE");

	/* zap_pte_range() through MADV_DONTNEED: zeroes. */
	if (madvise(p, page_size * 4, MADV_DONTNEED))
		fail("MADV_DONTNEED: %s", strerror(errno));
	for (size_t i = 0; i < 4; i++)
		if (page_state(p + i * page_size, round, i) != 0)
			fail("round %u: page %zu not zero after MADV_DONTNEED",
			     round, i);
	check(p + 4 * page_size, pages - 4, round, 4, "MADV_DONTNEED of others");

	/* zap_pte_range() through munmap of a hole. */
	if (munmap(p + half * page_size, page_size * 8))
		fail("munmap: %s", strerror(errno));
	check(p + 4 * page_size, half - 4, round, 4, "munmap of a hole (before)");
	check(p + (half + 8) * page_size, pages - half - 8, round, half + 8,
	      "munmap of a hole (after)");
	if (munmap(p, half * page_size) ||
	    munmap(p + (half + 8) * page_size, (pages - half - 8) * page_size))
		fail("munmap: %s", strerror(errno));
}

static unsigned int run_worker(int id, time_t deadline, size_t pages)
{
	unsigned int round = 0;

	worker_id = id;
	while (time(NULL) < deadline) {
		one_round(round, pages);
		round += 2;
	}
	return round / 2;
}

int main(int argc, char **argv)
{
	int workers = 4, seconds = 10, opt, i, failed = 0;
	size_t pages = 64;
	time_t deadline;
	pid_t *pids;
	int pipefd[2];
	unsigned long total = 0;

	page_size = sysconf(_SC_PAGESIZE);
	while ((opt = getopt(argc, argv, "p:t:n:x")) != -1) {
		switch (opt) {
		case 'p': workers = atoi(optarg); break;
		case 't': seconds = atoi(optarg); break;
		case 'n': pages = strtoul(optarg, NULL, 0); break;
		case 'x': inject = 1; break;
		default:
			fprintf(stderr, "usage: %s [-p WORKERS] [-t SECONDS] [-n PAGES] [-x]\n",
				argv[0]);
			return 2;
		}
	}
	if (workers < 1 || seconds < 1 || pages < 32) {
		fprintf(stderr, "lazy_mmu_stress: need WORKERS >= 1, SECONDS >= 1, PAGES >= 32\n");
		return 2;
	}
	if (pipe(pipefd))
		return perror("pipe"), 1;

	deadline = time(NULL) + seconds;
	pids = calloc(workers, sizeof(*pids));
	for (i = 0; i < workers; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return perror("fork"), 1;
		if (pids[i] == 0) {
			unsigned int rounds = run_worker(i, deadline, pages);

			if (write(pipefd[1], &rounds, sizeof(rounds)) != sizeof(rounds))
				_exit(1);
			_exit(0);
		}
	}
	close(pipefd[1]);
	for (i = 0; i < workers; i++) {
		int status;

		if (waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "lazy_mmu_stress: worker %d failed (status %#x)\n",
				i, status);
			failed++;
		}
	}
	for (;;) {
		unsigned int rounds;

		if (read(pipefd[0], &rounds, sizeof(rounds)) != sizeof(rounds))
			break;
		total += rounds;
	}
	if (failed || !total) {
		printf("lazy_mmu_stress: FAIL: %d of %d workers failed, %lu rounds\n",
		       failed, workers, total);
		return 1;
	}
	printf("lazy_mmu_stress: PASS: %d workers, %d s, %zu pages, %lu rounds\n",
	       workers, seconds, pages, total);
	return 0;
}
