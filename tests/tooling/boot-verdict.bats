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

# expect_report LOG PREFIX LINE [OPTION...]: LOG with LINE added after
# its 'smp: Brought up' line fails, quoting LINE after PREFIX.
expect_report() {
	local log=$1 prefix=$2 line=$3

	shift 3
	sed "/^smp: Brought up/a $line" "$log" >"$BATS_TEST_TMPDIR/report.log"
	run "$REPO/scripts/boot-verdict" "$@" "$BATS_TEST_TMPDIR/report.log"
	[ "$status" -eq 1 ]
	[[ "$output" == *"$prefix$line"* ]]
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
		expect_report "$OK" "kernel: " "$line"
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

@test "boot-verdict: a console with the kernel's lines and none of init's says so" {
	expect_fail '1i [    4.4] Run /init as init process
/^BOOT-TEST: /d' "no 'BOOT-TEST:' line after 'Run /init as init process': nothing that init wrote reached the console"
	run "$REPO/scripts/boot-verdict" "$(variant '1i [    4.4] Run /init as init process')"
	[ "$status" -eq 0 ]
}

@test "boot-verdict: two problems are two lines" {
	run "$REPO/scripts/boot-verdict" --qemu-status 1 "$(variant '/^reboot: Power down/d')"
	[ "$status" -eq 1 ]
	[[ "$output" == *$'boot-verdict: QEMU exited with status 1 (124: timeout)\nboot-verdict: the machine did not power off by itself'* ]]
}

@test "boot-verdict: printk timestamps are allowed" {
	run "$REPO/scripts/boot-verdict" "$(variant 's/^reboot: Power down/[   42.123456] reboot: Power down/')"
	[ "$status" -eq 0 ]
}

@test "boot-verdict --xen: needs the Xen PV dom0 and a quiet Xen" {
	log=$(variant '1i (XEN) Xen version 4.17.7 (Debian 4.17.7+13-g2445b30a44-0+deb12u1)\nHypervisor detected: Xen PV')
	run "$REPO/scripts/boot-verdict" --xen "$log"
	[ "$status" -eq 0 ]
	run "$REPO/scripts/boot-verdict" --xen "$OK"
	[ "$status" -eq 1 ]
	[[ "$output" == *"did not run as a Xen PV guest"* ]]
	for line in '(XEN) Hardware Dom0 crashed: rebooting machine in 5 seconds.' \
		    '(XEN) Xen BUG at mm.c:1234' \
		    '(XEN) Assertion '"'"'!in_irq()'"'"' failed at common/page_alloc.c:1000' \
		    '(XEN) Panic on CPU 1:' \
		    '(XEN) d0v1 FATAL PAGE FAULT'; do
		expect_report "$log" "xen: " "$line" --xen
	done
}

@test "boot-verdict: skips are listed, not ok subtests fail" {
	log=$(variant '/^BOOT-TEST: done/i BOOT-TEST: start cow (kselftest)\nok 1 # SKIP MADV_HUGEPAGE not supported\nok 2 Basic COW after fork() with base page\nBOOT-TEST: end cow: SKIP (exit status 4)')
	run "$REPO/scripts/boot-verdict" "$log"
	[ "$status" -eq 0 ]
	[[ "$output" == *"skipped, not counted as passed: 1 steps, 1 kselftest subtests:"* ]]
	[[ "$output" == *"  cow: SKIP (exit status 4)"* ]]
	[[ "$output" == *"  cow: # SKIP MADV_HUGEPAGE not supported (1 subtest)"* ]]
	sed -i 's/^ok 2 Basic/not ok 2 Basic/' "$log"
	run "$REPO/scripts/boot-verdict" "$log"
	[ "$status" -eq 1 ]
	[[ "$output" == *"kselftest: not ok 2 Basic COW after fork() with base page"* ]]
}

@test "boot-verdict: a kselftest that passes without a result fails" {
	log=$(variant '/^BOOT-TEST: done/i BOOT-TEST: start pagemap_ioctl (kselftest)\nTAP version 13\nBOOT-TEST: end pagemap_ioctl: ok')
	run "$REPO/scripts/boot-verdict" "$log"
	[ "$status" -eq 1 ]
	[[ "$output" == *"kselftest: pagemap_ioctl exited 0 but reported no test result"* ]]
	sed -i 's/^TAP version 13$/ok 1 PAGEMAP_SCAN/' "$log"
	run "$REPO/scripts/boot-verdict" "$log"
	[ "$status" -eq 0 ]
}

@test "boot-verdict: Xen's CR CR LF console lines match like any other" {
	log=$(variant '/^BOOT-TEST: done/i BOOT-TEST: start cow (kselftest)\nok 1 # SKIP MADV_PAGEOUT did not work\nBOOT-TEST: end cow: ok\nBOOT-TEST: start pagemap_ioctl (kselftest)\nTAP version 13\nBOOT-TEST: end pagemap_ioctl: ok')
	sed -i 's/$/\r\r/' "$log"
	run "$REPO/scripts/boot-verdict" "$log"
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" == *"kselftest: pagemap_ioctl exited 0 but reported no test result"* ]]
	[[ "$output" == *"  cow: # SKIP MADV_PAGEOUT did not work (1 subtest)"* ]]
}
