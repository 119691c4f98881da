#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The boot tests' programs, built and run on the host.

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

@test "lazy_mmu_stress: passes, and fails when a word is corrupted" {
	gcc -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/stress" "$REPO/guest/stress/lazy_mmu_stress.c"
	run "$BATS_TEST_TMPDIR/stress" -p 2 -t 2
	[ "$status" -eq 0 ]
	[[ "$output" == *"lazy_mmu_stress: PASS: 2 workers"* ]]
	run "$BATS_TEST_TMPDIR/stress" -p 2 -t 2 -x
	[ "$status" -eq 1 ]
	[[ "$output" == *"round 0: page 0 wrong after mremap"* ]]
	[[ "$output" == *"lazy_mmu_stress: FAIL: 2 of 2 workers failed"* ]]
}

@test "boot init: builds warning-free as a static program" {
	gcc -static -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/init" "$REPO/guest/boot/init.c"
	[ -x "$BATS_TEST_TMPDIR/init" ]
}

@test "boot init: runs the steps of a file, background steps included" {
	gcc -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/init" "$REPO/guest/boot/init.c"
	cat >"$BATS_TEST_TMPDIR/steps" <<EOT
# a comment
bg /bin/sleep 1
run /bin/true
bg /bin/false
wait
bg /bin/true
EOT
	run "$BATS_TEST_TMPDIR/init" "$BATS_TEST_TMPDIR/steps"
	[ "$status" -eq 1 ]
	[[ "$output" == *"BOOT-TEST: start sleep (background)"* ]]
	[[ "$output" == *"BOOT-TEST: end false: FAIL (exit status 1)"* ]]
	[[ "$output" == *"BOOT-TEST: end sleep: ok"* ]]
	# The last background step is waited for at the end.
	[[ "$output" == *"BOOT-TEST: end true: ok"*"BOOT-TEST: done: 4 steps, 1 failed, 0 skipped" ]]
	printf 'run /bin/true\n' >"$BATS_TEST_TMPDIR/steps"
	run "$BATS_TEST_TMPDIR/init" "$BATS_TEST_TMPDIR/steps"
	[ "$status" -eq 0 ]
	[[ "$output" == *"BOOT-TEST: done: 1 steps, 0 failed, 0 skipped" ]]
}

@test "boot init: kselftest steps skip on exit 4, and steps time out" {
	gcc -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/init" "$REPO/guest/boot/init.c"
	printf '#!/bin/sh\nexit $1\n' >"$BATS_TEST_TMPDIR/exitwith"
	chmod +x "$BATS_TEST_TMPDIR/exitwith"
	cat >"$BATS_TEST_TMPDIR/steps" <<EOT
kselftest $BATS_TEST_TMPDIR/exitwith 4
kselftest $BATS_TEST_TMPDIR/exitwith 0
kselftest $BATS_TEST_TMPDIR/exitwith 1
run $BATS_TEST_TMPDIR/exitwith 4
timeout 1
run /bin/sleep 5
EOT
	run "$BATS_TEST_TMPDIR/init" "$BATS_TEST_TMPDIR/steps"
	[ "$status" -eq 1 ]
	[[ "$output" == *"BOOT-TEST: end exitwith: SKIP (exit status 4)"*"BOOT-TEST: end exitwith: ok"*"BOOT-TEST: end exitwith: FAIL (exit status 1)"*"BOOT-TEST: end exitwith: FAIL (exit status 4)"* ]]
	[[ "$output" == *"BOOT-TEST: end sleep: FAIL (timed out after 1 s)"* ]]
	[[ "$output" == *"BOOT-TEST: done: 5 steps, 3 failed, 1 skipped" ]]
}

@test "boot init: kselftest steps run from their own directory" {
	gcc -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/init" "$REPO/guest/boot/init.c"
	mkdir "$BATS_TEST_TMPDIR/mm"
	# Like ksm_functional_tests, which execs "./ksm_functional_tests".
	printf '#!/bin/sh\n[ "$1" = child ] && exit 0\nexec ./self child\n' >"$BATS_TEST_TMPDIR/mm/self"
	chmod +x "$BATS_TEST_TMPDIR/mm/self"
	cat >"$BATS_TEST_TMPDIR/steps" <<EOT
kselftest $BATS_TEST_TMPDIR/mm/self
run $BATS_TEST_TMPDIR/mm/self
EOT
	cd "$BATS_TEST_TMPDIR"
	run "$BATS_TEST_TMPDIR/init" "$BATS_TEST_TMPDIR/steps"
	[ "$status" -eq 1 ]
	[[ "$output" == *"BOOT-TEST: end self: ok"*"BOOT-TEST: end self: FAIL (exit status 127)"* ]]
	[[ "$output" == *"BOOT-TEST: done: 2 steps, 1 failed, 0 skipped" ]]
}

@test "boot init: write steps write a value, and fail on a bad path" {
	gcc -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/init" "$REPO/guest/boot/init.c"
	cat >"$BATS_TEST_TMPDIR/steps" <<EOT
write $BATS_TEST_TMPDIR/value 1
write $BATS_TEST_TMPDIR/no/such/file 1
EOT
	run "$BATS_TEST_TMPDIR/init" "$BATS_TEST_TMPDIR/steps"
	[ "$status" -eq 1 ]
	[ "$(cat "$BATS_TEST_TMPDIR/value")" = 1 ]
	[[ "$output" == *"BOOT-TEST: start write $BATS_TEST_TMPDIR/value 1"*"BOOT-TEST: end write: ok"* ]]
	[[ "$output" == *"BOOT-TEST: end write: FAIL (No such file or directory)"* ]]
	[[ "$output" == *"BOOT-TEST: done: 2 steps, 1 failed, 0 skipped" ]]
}

@test "xen_batches: counts PTE updates, flushes and unbatched PTE writes of a saved trace" {
	gcc -static -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/xb" "$REPO/guest/boot/xen_batches.c"
	# Five PTE updates: two set_ptes batched (xen_mc_batch follows on
	# their CPU), two not (hypercalls of their own), one prot_commit; one
	# flush of two entries, and an empty flush that costs nothing.
	run "$BATS_TEST_TMPDIR/xb" -b 1 -p "$BATS_TEST_DIRNAME/fixtures/xen-trace.txt"
	[ "$status" -eq 0 ]
	[[ "$output" == *"ptes=5 hypercalls=3 flushes=1 entries=2"* ]]
	[[ "$output" == *"ok 1 xen_batches "*": 3 hypercalls for 5 PTE updates (at most one per 1)"* ]]
	# At most one hypercall per 2 PTE updates: 3 for 5 is too many.
	run "$BATS_TEST_TMPDIR/xb" -b 2 -p "$BATS_TEST_DIRNAME/fixtures/xen-trace.txt"
	[ "$status" -eq 1 ]
	[[ "$output" == *"not ok 1 xen_batches "* ]]
}

@test "xen_batches: skips (exit 4) where there are no xen trace events" {
	[ -d /sys/kernel/tracing/events/xen ] && skip "this machine has xen trace events"
	gcc -O2 -Wall -Wextra -Werror -o "$BATS_TEST_TMPDIR/xb" "$REPO/guest/boot/xen_batches.c"
	run "$BATS_TEST_TMPDIR/xb" -b 8
	[ "$status" -eq 4 ]
	[[ "$output" == *"SKIP"* ]]
}

@test "mm_loops: built as bench-icount builds it, runs each phase between two lmm_phase_mark() calls" {
	flags=$(sed -n 's/^MM_LOOPS_CFLAGS="\(.*\)"$/\1/p' "$REPO/scripts/bench-icount")
	[ -n "$flags" ]
	# shellcheck disable=SC2086 # options, one per word
	gcc $flags -Werror -o "$BATS_TEST_TMPDIR/mm" "$REPO/guest/bench/mm_loops.c"
	# A function of its own, above /init's text at the default address.
	a=$(nm "$BATS_TEST_TMPDIR/mm" | awk '$3 == "lmm_phase_mark" { print $1 }')
	[ -n "$a" ]
	[ $((0x$a)) -ge $((0x10000000)) ]
	run "$BATS_TEST_TMPDIR/mm" 2 4
	[ "$status" -eq 0 ]
	[ "$(grep -c '^BENCH [a-z_]* [0-9]*$' <<<"$output")" -eq 5 ]
}

@test "tbcount: the QEMU plugin builds, QEMU loads it, and it writes its counts at exit" {
	gcc -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter -Werror \
		-o "$BATS_TEST_TMPDIR/tbcount.so" "$REPO/scripts/qemu/tbcount.c"
	# No CPU runs, so no block is counted: the file is written, empty.
	# A wrong declaration of the plugin API fails the load (undefined
	# symbol), and so does a missing qemu_plugin_version.
	run bash -c 'echo quit | timeout 60 qemu-system-x86_64 -M none -display none -monitor stdio \
		-plugin "$0/tbcount.so,out=$0/counts" 2>&1' "$BATS_TEST_TMPDIR"
	[ "$status" -eq 0 ]
	[[ "$output" != *"Could not load plugin"* ]]
	[ -f "$BATS_TEST_TMPDIR/counts" ]
}
