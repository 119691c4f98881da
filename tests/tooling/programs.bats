#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The boot tests' programs, built and run on the host.

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

@test "lazy_mmu_stress: passes, and fails when a word is corrupted" {
	gcc -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/stress" "$REPO/tests/stress/lazy_mmu_stress.c"
	run "$BATS_TEST_TMPDIR/stress" -p 2 -t 2
	[ "$status" -eq 0 ]
	[[ "$output" == *"lazy_mmu_stress: PASS: 2 workers"* ]]
	run "$BATS_TEST_TMPDIR/stress" -p 2 -t 2 -x
	[ "$status" -eq 1 ]
	[[ "$output" == *"round 0: page 0 wrong after mremap"* ]]
	[[ "$output" == *"lazy_mmu_stress: FAIL: 2 of 2 workers failed"* ]]
}

@test "boot init: builds warning-free as a static program" {
	gcc -static -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/init" "$REPO/tests/boot/init.c"
	[ -x "$BATS_TEST_TMPDIR/init" ]
}
