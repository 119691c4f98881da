#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# scripts/b4-prep and scripts/send-dry-run on a tiny series.

load helpers

setup() {
	WITH_GET_MAINTAINER=1 setup_project
	make_series
	cat >"$P/posting.conf" <<EOT
NAME=test-series
CHANGE_ID=20260101-test-series-0123456789ab
REVISION=1
PREFIXES=
EXTRA_TO=
EXTRA_CC=extra-list@lazy-mmu.invalid
EOT
}

@test "posting: b4-prep and send-dry-run write the series and check the round trip" {
	run "$REPO/scripts/b4-prep"
	[ "$status" -eq 0 ]
	[[ "$output" == *"b4-prep: change-id: 20260101-test-series-0123456789ab"* ]]
	[ "$(git -C "$L" rev-list --count "$LMM_BASE_COMMIT..b4/test-series")" -eq 3 ]
	run "$REPO/scripts/send-dry-run" --out "$BATS_TEST_TMPDIR/out"
	[ "$status" -eq 0 ]
	[[ "$output" == *"[PATCH 0/2] test: a series under test"* ]]
	[[ "$output" == *"[PATCH 1/2] mm: rename a"* ]]
	[[ "$output" == *"[PATCH 2/2] mm/mprotect: rename x"* ]]
	[[ "$output" == *"To: mm-maintainer@lazy-mmu.invalid"* ]]
	[[ "$output" == *"linux-mm-test@lazy-mmu.invalid"* ]]
	[[ "$output" == *"extra-list@lazy-mmu.invalid"* ]]
	[[ "$output" == *"Messages: 3 (the cover letter and 2 patches)"* ]]
	[[ "$output" == *"round trip: the 2 messages applied onto $LMM_BASE_COMMIT give the tree of lazy-mmu"* ]]
	[ "$(ls "$BATS_TEST_TMPDIR/out" | wc -l)" -eq 3 ]
	grep -q "^base-commit: $LMM_BASE_COMMIT" "$BATS_TEST_TMPDIR"/out/0000-*.eml
	# A folder that holds something is refused.
	run "$REPO/scripts/send-dry-run" --out "$BATS_TEST_TMPDIR/out"
	[ "$status" -ne 0 ]
	[[ "$output" == *"is not empty"* ]]
}

@test "posting: a new revision and a prefix are one edit of posting.conf" {
	sed -i 's/^REVISION=1/REVISION=2/; s/^PREFIXES=/PREFIXES=RFC/' "$P/posting.conf"
	"$REPO/scripts/b4-prep" >/dev/null
	run "$REPO/scripts/send-dry-run"
	[ "$status" -eq 0 ]
	[[ "$output" == *"[PATCH RFC v2 0/2] test: a series under test"* ]]
	[[ "$output" == *"[PATCH RFC v2 2/2] mm/mprotect: rename x"* ]]
}

@test "posting: --verify fails on a changed, a missing or a misnumbered message" {
	"$REPO/scripts/b4-prep" >/dev/null
	out=$BATS_TEST_TMPDIR/out
	"$REPO/scripts/send-dry-run" --out "$out" >/dev/null
	run "$REPO/scripts/send-dry-run" --verify "$out"
	[ "$status" -eq 0 ]

	cp -r "$out" "$BATS_TEST_TMPDIR/changed"
	sed -i 's/^+int y;/+int z;/' "$BATS_TEST_TMPDIR"/changed/0002-*.eml
	run "$REPO/scripts/send-dry-run" --verify "$BATS_TEST_TMPDIR/changed"
	[ "$status" -ne 0 ]
	[[ "$output" == *"applied onto the base give tree"*"branch lazy-mmu has"* ]]

	cp -r "$out" "$BATS_TEST_TMPDIR/missing"
	rm "$BATS_TEST_TMPDIR"/missing/0002-*.eml
	run "$REPO/scripts/send-dry-run" --verify "$BATS_TEST_TMPDIR/missing"
	[ "$status" -ne 0 ]
	[[ "$output" == *"2 messages, expected 3"* ]]

	cp -r "$out" "$BATS_TEST_TMPDIR/numbering"
	sed -i 's|^Subject: \[PATCH 2/2\]|Subject: [PATCH 3/2]|' "$BATS_TEST_TMPDIR"/numbering/0002-*.eml
	run "$REPO/scripts/send-dry-run" --verify "$BATS_TEST_TMPDIR/numbering"
	[ "$status" -ne 0 ]
	[[ "$output" == *'subject does not start with "[PATCH 2/2] "'* ]]

	# The cover letter text changed since b4-prep.
	echo "A new paragraph." >>"$P/cover-letter.txt"
	run "$REPO/scripts/send-dry-run" --verify "$out"
	[ "$status" -ne 0 ]
	[[ "$output" == *"the cover letter is not the text of $P/cover-letter.txt"* ]]

	# The branch no longer holds the series: b4-prep must run again.
	git -C "$L" checkout -q lazy-mmu
	git -C "$L" commit -q --allow-empty -m "mm: empty"
	sed -i 's/^int a1;/int a2;/' "$L/mm/memory.c"
	git -C "$L" commit -q -a -m "mm: rename a again"
	run "$REPO/scripts/send-dry-run" --verify "$out"
	[ "$status" -ne 0 ]
	[[ "$output" == *"run scripts/b4-prep again"* ]]
}
