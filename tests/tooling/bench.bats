#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Tests of the analysis in scripts/bench that needs no build or guest.

load helpers

# Functions of scripts/bench alone, with the AWK_HEX they use.
load_bench_fn() {
	eval "$(sed -n "/^AWK_HEX=/,/}'\$/p; /^$1()/,/^}/p" "$REPO/scripts/bench")"
	declare -F "$1" >/dev/null
	[ -n "$AWK_HEX" ]
}

@test "bench: text_changes sums sizes per name and lists the largest changes first" {
	load_bench_fn text_changes
	d=$BATS_TEST_TMPDIR
	# 'name size' in hex, as text_size() keeps them; two static
	# functions named c in the base.
	printf 'a 10\nb 20\nc 5\nc 5\nd 8\n' >"$d/base.nm"
	printf 'a 18\nb 10\nc 30\ne 4\n' >"$d/series.nm"
	run text_changes "$d/base" "$d/series" 3
	[ "$status" -eq 0 ]
	[ "$output" = '3 symbols grew by 50 bytes in all, 2 shrank by 24; largest: `c` +38, `b` -16, `a` +8' ]
}

@test "bench: text_changes says so when a build kept no symbol list" {
	load_bench_fn text_changes
	printf 'a 10\n' >"$BATS_TEST_TMPDIR/base.nm"
	run text_changes "$BATS_TEST_TMPDIR/base" "$BATS_TEST_TMPDIR/none" 3
	[ "$status" -eq 0 ]
	[ "$output" = "(no symbol list kept for these builds)" ]
}

@test "bench: an unknown part is refused" {
	run "$REPO/scripts/bench" nosuchpart
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
}

@test "bench: section_changes lists grown, shrunk, new and gone sections" {
	load_bench_fn section_changes
	d=$BATS_TEST_TMPDIR
	printf '.text 100\n.rodata 50\n.gone 8\n' >"$d/base.sections"
	printf '.text 100\n.rodata 62\n.orc 4\n' >"$d/series.sections"
	run section_changes "$d/base" "$d/series"
	[ "$status" -eq 0 ]
	[ "$output" = '`.rodata` +12, `.gone` -8, `.orc` +4' ]
	run section_changes "$d/base" "$d/base"
	[ "$output" = none ]
}

@test "bench: text_symbols sums a record's hex sizes, and is empty without a list" {
	load_bench_fn text_symbols
	printf 'a 10\nb ff\nc 1\n' >"$BATS_TEST_TMPDIR/r.nm"
	run text_symbols "$BATS_TEST_TMPDIR/r"
	[ "$status" -eq 0 ]
	[ "$output" = 272 ]
	run text_symbols "$BATS_TEST_TMPDIR/none"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}
