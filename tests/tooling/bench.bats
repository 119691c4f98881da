#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Tests of scripts/bench that need no build or guest; its counting and
# tables are scripts/lmm/bench.py's, tested in tests/lmm/test_bench.py.

load helpers

@test "bench: an unknown part is refused" {
	run "$REPO/scripts/bench" nosuchpart
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
}
