#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# scripts/kunit's reading of the kernel's console log: a kernel report
# that no case announced fails the run even when every case passed.

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
RAW=$BATS_TEST_DIRNAME/fixtures/kunit-raw.log

# The reports kunit_unexpected_reports finds in the fixture with sed's
# $1 applied.
reports() {
	sed "$1" "$RAW" >"$BATS_TEST_TMPDIR/raw.log"
	run bash -c '. "$0"; kunit_unexpected_reports "$1"' \
		"$REPO/scripts/lib.sh" "$BATS_TEST_TMPDIR/raw.log"
}

@test "kunit: the warnings a case announced are expected, up to its result line" {
	reports ''
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "kunit: a warning under a case that announced none is reported, with its line" {
	# What the 6.12 suite's gather case printed on powerpc before it
	# set the gather's page size.
	reports '/ok 4 lazy_mmu_preemption/a WARNING: CPU: 1 PID: 47 at mm/mmu_gather.c:194 __tlb_remove_folio_pages_size+0x38/0x22c'
	[ "$status" -eq 0 ]
	[ "$output" = "19: WARNING: CPU: 1 PID: 47 at mm/mmu_gather.c:194 __tlb_remove_folio_pages_size+0x38/0x22c" ]
}

@test "kunit: the announcement ends at its case's result line, failed or not" {
	reports 's/ok 3 lazy_mmu_misuse/not ok 3 lazy_mmu_misuse/; /ok 4 lazy_mmu_preemption/a [   12.5] BUG: sleeping function called from invalid context'
	[ "$output" = "19: [   12.5] BUG: sleeping function called from invalid context" ]
	reports '/ok 2 lazy_mmu_interrupt/a WARNING: suspicious RCU usage'
	[ "$output" = "10: WARNING: suspicious RCU usage" ]
}

@test "kunit: DEBUG in a line is not a BUG, and a case's name is matched whole" {
	reports '/ok 1 lazy_mmu_transitions/a DEBUG: not a report'
	[ -z "$output" ]
	# lazy_mmu_misuse_more's result does not end lazy_mmu_misuse's
	# announcement, and lazy_mmu_misuse's own does.
	reports 's/ok 3 lazy_mmu_misuse/ok 3 lazy_mmu_misuse_more/; /ok 4 lazy_mmu_preemption/a KASAN: slab-out-of-bounds'
	[ -z "$output" ]
	reports '/ok 4 lazy_mmu_preemption/a KASAN: slab-out-of-bounds'
	[ "$output" = "19: KASAN: slab-out-of-bounds" ]
}
