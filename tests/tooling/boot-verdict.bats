#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# scripts/boot-verdict on console logs: a clean one, and each way to fail.

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
OK=$BATS_TEST_DIRNAME/fixtures/boot-ok.log

# A copy of the clean log with sed's $1 applied.
variant() {
	sed "$1" "$OK" >"$BATS_TEST_TMPDIR/boot.log"
	echo "$BATS_TEST_TMPDIR/boot.log"
}

@test "boot-verdict: a clean log passes" {
	run "$REPO/scripts/boot-verdict" "$OK"
	[ "$status" -eq 0 ]
	[[ "$output" == *"boot-verdict: PASS"* ]]
}

@test "boot-verdict: kernel reports fail, with the line" {
	for line in 'WARNING: CPU: 1 PID: 7 at mm/vmalloc.c:100 vmap_pte_range+0x4/0x8' \
		    'BUG: sleeping function called from invalid context at mm/memory.c:1' \
		    'kernel BUG at mm/mmu_gather.c:20!' \
		    'BUG: KFENCE: use-after-free read in test+0x1/0x2' \
		    'WARNING: possible circular locking dependency detected' \
		    'rcu: INFO: rcu_preempt self-detected stall on CPU' \
		    'INFO: task lazy_mmu_stres:42 blocked for more than 120 seconds.' \
		    'Kernel panic - not syncing: Oops: Fatal exception'; do
		log=$(variant "/^smp: Brought up/a $line")
		run "$REPO/scripts/boot-verdict" "$log"
		[ "$status" -eq 1 ]
		[[ "$output" == *"kernel: $line"* ]]
	done
}

@test "boot-verdict: DEBUG in a line is not a BUG" {
	log=$(variant '/^smp: Brought up/a DEBUG_PAGEALLOC: enabled')
	run "$REPO/scripts/boot-verdict" "$log"
	[ "$status" -eq 0 ]
}

# expect_fail SED MESSAGE: the clean log edited by SED fails with MESSAGE.
expect_fail() {
	run "$REPO/scripts/boot-verdict" "$(variant "$1")"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$2"* ]]
}

@test "boot-verdict: a failed step, a missing end, a failed vmalloc test, no power-off" {
	expect_fail 's/end lazy_mmu_stress: ok/end lazy_mmu_stress: FAIL (exit status 1)/; s/0 failed$/1 failed/' \
		"step: BOOT-TEST: end lazy_mmu_stress: FAIL (exit status 1)"
	expect_fail '/^BOOT-TEST: done/d' "did not finish with 0 failed steps"
	expect_fail 's/vm_map_ram_test passed: 1 failed: 0/vm_map_ram_test passed: 0 failed: 1/' \
		"test_vmalloc: Summary: vm_map_ram_test passed: 0 failed: 1"
	expect_fail '/^reboot: Power down/d' "did not power off by itself"
	run "$REPO/scripts/boot-verdict" --qemu-status 124 "$OK"
	[ "$status" -eq 1 ]
	[[ "$output" == *"QEMU exited with status 124"* ]]
}
