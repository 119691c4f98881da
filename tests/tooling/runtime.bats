#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Tests of scripts/runtime, with stand-ins for scripts/kunit and
# scripts/boot-test: its table, and what is a regression.

load helpers

# scripts/runtime with lib.sh and store.sh, and stand-ins that log their
# arguments to $LMM_WORK/calls and fail when they contain $FAIL_ON.
setup_runtime() {
	setup_project
	make_series
	S=$BATS_TEST_TMPDIR/scripts
	mkdir -p "$S"
	cp "$REPO/scripts/runtime" "$REPO"/scripts/*.sh "$S/"
	cp -r "$REPO/scripts/lmm" "$S/"
	cp -r "$REPO/configs/x86_64" "$REPO/configs/fragments" "$REPO/configs/kunit" "$P/configs/"
	for s in kunit boot-test; do
		cat >"$S/$s" <<'EOT'
#!/bin/bash
echo "$(basename "$0") $*" >>"$LMM_WORK/calls"
for f in ${FAIL_ON:-}; do
	[[ "$(basename "$0") $*" != *"${f//_/ }"* ]] || { echo "stand-in failure"; exit 1; }
done
echo ok
EOT
		chmod +x "$S/$s"
	done
}

@test "runtime: every cell runs, the table shows each, all pass" {
	setup_runtime
	run "$S/runtime" --seconds 5 x86_64 x86_64-xen
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(wc -l <"$P/work/calls")" -eq 5 ]
	grep -qx "boot-test --tree base --seconds 5 --hv xen x86_64" "$P/work/calls"
	# The times depend on the machine's load: any number of seconds.
	[[ "$output" =~ x86_64\ +n/a\ +PASS\ [0-9]+s\ +PASS\ [0-9]+s\ +PASS\ [0-9]+s ]]
	[[ "$output" =~ x86_64-xen\ +n/a\ +n/a\ +PASS\ [0-9]+s\ +PASS\ [0-9]+s ]]
	[[ "$output" == *"OK: no regression"* ]]
}

@test "runtime: a cell failing on the series only is a regression, with its command" {
	setup_runtime
	FAIL_ON="series_--seconds_5_--hv_xen" run "$S/runtime" --seconds 5 x86_64-xen
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" =~ x86_64-xen\ +n/a\ +n/a\ +PASS\ [0-9]+s\ +FAIL\ [0-9]+s ]]
	[[ "$output" == *"x86_64-xen boot: FAIL on the series only (regression):"*"reproduce with: make TARGET=mainline boot-test ARCH=x86_64 HV=xen TREE=series SECONDS=5"* ]]
}

@test "runtime: a cell failing on the base too is pre-existing, not a regression" {
	setup_runtime
	FAIL_ON="--hv_xen" run "$S/runtime" --seconds 5 x86_64-xen
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"x86_64-xen boot: fails on the base too (pre-existing)"* ]]
	# And a failing suite is a regression: the base has none.
	FAIL_ON="kunit" run "$S/runtime" --seconds 5 x86_64
	[ "$status" -eq 1 ]
	[[ "$output" == *"x86_64 kunit: FAIL on the series only"* ]]
}

@test "runtime: a rerun keeps the cells that passed with the same stamp, and the table keeps earlier rows" {
	setup_runtime
	run "$S/runtime" --seconds 5 x86_64-xen
	[ "$status" -eq 0 ]
	# Another row: the first row's cells stay in the table, not rerun.
	FAIL_ON="kunit" run "$S/runtime" --seconds 5 x86_64
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" =~ x86_64-xen\ +n/a\ +n/a\ +PASS\ [0-9]+s\ +PASS\ [0-9]+s ]]
	[[ "$output" =~ x86_64\ +n/a\ +FAIL\ [0-9]+s\ +PASS ]]
	# Again: only the cell that failed runs.
	: >"$P/work/calls"
	run "$S/runtime" --seconds 5 x86_64
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(cat "$P/work/calls")" = "kunit x86_64" ]
	[[ "$output" == *"x86_64-boot-series: kept, it passed with the same stamp"* ]]
	# A reworded commit message is the same tree: nothing runs.
	git -C "$L" commit -q --amend -m "mm/mprotect: rename x, reworded"
	: >"$P/work/calls"
	run "$S/runtime" --seconds 5 x86_64
	[ "$status" -eq 0 ]
	[ ! -s "$P/work/calls" ]
	# Another stress time, or a changed guest program, is another stamp
	# for the boots, not for the suite.
	: >"$P/work/calls"
	run "$S/runtime" --seconds 6 x86_64
	[ "$status" -eq 0 ]
	[ "$(wc -l <"$P/work/calls")" -eq 2 ]
	! grep -q kunit "$P/work/calls"
	[[ "$output" != *x86_64-xen* ]]
	mkdir -p "$P/guest/bench" "$P/guest/stress"
	echo changed >>"$P/guest/bench/changed.c"
	: >"$P/work/calls"
	run "$S/runtime" --seconds 6 x86_64
	[ ! -s "$P/work/calls" ]
	echo changed >>"$P/guest/stress/changed.c"
	: >"$P/work/calls"
	run "$S/runtime" --seconds 6 x86_64
	[ "$(wc -l <"$P/work/calls")" -eq 2 ]
	grep -qx "boot-test --tree base --seconds 6 x86_64" "$P/work/calls"
	# --fresh forgets every verdict.
	: >"$P/work/calls"
	run "$S/runtime" --fresh --seconds 6 x86_64
	[ "$status" -eq 0 ]
	[ "$(wc -l <"$P/work/calls")" -eq 3 ]
}

@test "runtime: --tree series runs the series cells only and keeps the base's verdicts" {
	setup_runtime
	FAIL_ON="--hv_xen" run "$S/runtime" --seconds 5 x86_64-xen
	[ "$status" -eq 0 ]
	# A new series tree: its cells run, the base's failure is still read.
	sed -i 's/int y;/int z;/' "$L/mm/mprotect.c"
	git -C "$L" commit -q -a -m "mm/mprotect: rename y" -m "Why it matters." -s
	: >"$P/work/calls"
	run "$S/runtime" --tree series --seconds 5 x86_64-xen
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(cat "$P/work/calls")" = "boot-test --tree series --seconds 5 --hv xen x86_64" ]
	[[ "$output" =~ x86_64-xen\ +n/a\ +n/a\ +FAIL\ [0-9]+s\ +PASS\ [0-9]+s ]]
	# Even with --fresh, the other tree is not booted.
	FAIL_ON="--hv_xen" run "$S/runtime" --fresh --tree series --seconds 5 x86_64
	[ "$status" -eq 0 ]
	! grep -q -- "--tree base" "$P/work/calls"
	run "$S/runtime" --tree both x86_64
	[ "$status" -ne 0 ]
	[[ "$output" == *"--tree is base or series"* ]]
}

@test "runtime: --test runs one test's cells only" {
	setup_runtime
	run "$S/runtime" --tree series --test kunit --seconds 5 x86_64
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(cat "$P/work/calls")" = "kunit x86_64" ]
	[[ "$output" =~ x86_64\ +n/a\ +PASS\ [0-9]+s\ +-\ +- ]]
	: >"$P/work/calls"
	run "$S/runtime" --test boot --seconds 5 x86_64
	[ "$status" -eq 0 ]
	[ "$(wc -l <"$P/work/calls")" -eq 2 ]
	! grep -q "^kunit" "$P/work/calls"
	run "$S/runtime" --test both x86_64
	[[ "$output" == *"--test is kunit or boot"* ]]
}
