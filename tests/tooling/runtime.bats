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
