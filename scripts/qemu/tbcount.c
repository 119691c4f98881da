// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin for scripts/bench-icount: counts the guest
 * instructions executed per translation block, and at exit writes one
 * line per block, "ADDRESS COUNT" (start address in hexadecimal, count
 * in decimal; a block translated again with another length has a line
 * of its own), to the file named by its argument out=FILE (default
 * tbcount.txt).  scripts/lmm/icount.py sums them per function.
 *
 * With mark=ADDRESS (hexadecimal), each time a block that starts at
 * that guest address runs, the counts so far are written as well, after
 * a line "MARK N" (N from 0): the instructions between two marks are
 * the differences.  guest/bench/mm_loops calls lmm_phase_mark() at the
 * start and the end of each phase.
 *
 * A block is counted as a whole each time it runs, so a block that an
 * exception leaves early is counted in full: the counts are exact to
 * that and to the (rare) interrupt taken inside a block.  The counters
 * are not atomic: use one vCPU.
 *
 * Debian's QEMU is built with plugin support but ships no qemu-plugin.h,
 * so the few functions of QEMU's plugin API (version 1, QEMU 7.2) that
 * this uses are declared here.  QEMU 9.0 and later no longer have the
 * inline operation used here: this plugin is for Debian bookworm's QEMU.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info_t;

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
		void (*cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
/* op 0 is QEMU_PLUGIN_INLINE_ADD_U64: *ptr += imm each time the block runs */
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
		int op, void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
		void (*cb)(qemu_plugin_id_t id, void *userdata), void *userdata);
/* flags 0 is QEMU_PLUGIN_CB_NO_REGS */
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
		void (*cb)(unsigned int vcpu_index, void *userdata),
		int flags, void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* One counter per (start address, length): a block may be retranslated. */
struct block {
	uint64_t vaddr;
	uint64_t insns;
	uint64_t count;
	struct block *next;
};

#define HASH_SIZE (1u << 20)
static struct block *blocks[HASH_SIZE];
static const char *out_file = "tbcount.txt";
static FILE *out;
static uint64_t mark_vaddr;
static unsigned int marks;

static void write_blocks(void)
{
	unsigned int i;
	struct block *b;

	for (i = 0; i < HASH_SIZE; i++)
		for (b = blocks[i]; b; b = b->next)
			if (b->count)
				fprintf(out, "%llx %llu\n",
					(unsigned long long)b->vaddr,
					(unsigned long long)b->count);
}

static void mark(unsigned int vcpu_index, void *userdata)
{
	fprintf(out, "MARK %u\n", marks++);
	write_blocks();
}

static void translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	uint64_t insns = qemu_plugin_tb_n_insns(tb);
	unsigned int h = (vaddr ^ (vaddr >> 20) ^ (insns << 7)) & (HASH_SIZE - 1);
	struct block *b;

	for (b = blocks[h]; b; b = b->next)
		if (b->vaddr == vaddr && b->insns == insns)
			break;
	if (!b) {
		b = calloc(1, sizeof(*b));
		if (!b)
			abort();
		b->vaddr = vaddr;
		b->insns = insns;
		b->next = blocks[h];
		blocks[h] = b;
	}
	qemu_plugin_register_vcpu_tb_exec_inline(tb, 0, &b->count, insns);
	if (mark_vaddr && vaddr == mark_vaddr)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, mark, 0, NULL);
}

static void write_counts(qemu_plugin_id_t id, void *userdata)
{
	if (marks)
		fprintf(out, "END\n");
	write_blocks();
	fclose(out);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info,
			int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4))
			out_file = argv[i] + 4;
		else if (!strncmp(argv[i], "mark=", 5))
			mark_vaddr = strtoull(argv[i] + 5, NULL, 16);
	}
	out = fopen(out_file, "w");
	if (!out) {
		perror(out_file);
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, translate);
	qemu_plugin_register_atexit_cb(id, write_counts, NULL);
	return 0;
}
