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
	# Who posts: not the series' author, test@lazy-mmu.invalid, which
	# is a placeholder (a domain reserved for tests).
	export POSTER="Lazy MMU Poster <poster@lazy-mmu-poster.org>"
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

@test "posting: the messages carry the poster, never the series' placeholder identity" {
	run "$REPO/scripts/b4-prep"
	[ "$status" -eq 0 ]
	[[ "$output" == *"patches signed off by Lazy MMU Poster <poster@lazy-mmu-poster.org>"* ]]
	out=$BATS_TEST_TMPDIR/out
	run "$REPO/scripts/send-dry-run" --out "$out"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"OK: 3 messages in $out from Lazy MMU Poster <poster@lazy-mmu-poster.org>"* ]]
	for m in "$out"/*.eml; do
		grep -q '^From: Lazy MMU Poster <poster@lazy-mmu-poster.org>$' "$m"
		! grep -q 'test@lazy-mmu.invalid' "$m"
	done
	for m in "$out"/000[12]-*.eml; do
		[ "$(grep '^Signed-off-by: ' "$m" | tail -n 1)" = "Signed-off-by: Lazy MMU Poster <poster@lazy-mmu-poster.org>" ]
	done
	# checkpatch ran on the two patch mails, and its complaint fails the run.
	[ "$(grep -c '\.eml$' "$P/work/checkpatch.calls")" -eq 2 ]
	run env CHECKPATCH_SAYS="WARNING:TYPO_SPELLING: 'teh' may be misspelled" \
		"$REPO/scripts/send-dry-run" --verify "$out"
	[ "$status" -ne 0 ]
	[[ "$output" == *"TYPO_SPELLING"*"checkpatch finds problems in the messages of $out"* ]]

	# A message from someone else, or with a placeholder, fails --verify.
	cp -r "$out" "$BATS_TEST_TMPDIR/other"
	sed -i 's/^From: Lazy MMU Poster <poster@lazy-mmu-poster.org>$/From: lazy-mmu test <test@lazy-mmu.invalid>/' \
		"$BATS_TEST_TMPDIR"/other/0001-*.eml
	run "$REPO/scripts/send-dry-run" --verify "$BATS_TEST_TMPDIR/other"
	[ "$status" -ne 0 ]
	[[ "$output" == *"0001-"*"from test@lazy-mmu.invalid, not the poster"* ]]
	[[ "$output" == *"placeholder address in a message: 0001-"*"From test@lazy-mmu.invalid"* ]] ||
		[[ "$output" == *"do not match the series"* ]]
}

@test "posting: a placeholder or missing identity is refused unless INSPECT=1" {
	# The series' own identity, a domain reserved for tests.
	run env POSTER="lazy-mmu test <test@lazy-mmu.invalid>" "$REPO/scripts/b4-prep"
	[ "$status" -ne 0 ]
	[[ "$output" == *"test@lazy-mmu.invalid> is a placeholder or no-reply address"*"INSPECT=1"* ]]
	run env POSTER="Bot <noreply@lazy-mmu-poster.org>" "$REPO/scripts/b4-prep"
	[ "$status" -ne 0 ]
	[[ "$output" == *"is a placeholder or no-reply address"* ]]
	run env POSTER="no address" "$REPO/scripts/b4-prep"
	[ "$status" -ne 0 ]
	[[ "$output" == *"POSTER must be 'Name <address>'"* ]]
	# No POSTER, and git has no identity (helpers.bash): the series'
	# author would be used, which is a placeholder too.
	run env -u POSTER "$REPO/scripts/b4-prep"
	[ "$status" -ne 0 ]
	[[ "$output" == *"no identity to post the series under"* ]]

	run env -u POSTER INSPECT=1 "$REPO/scripts/b4-prep"
	[ "$status" -eq 0 ]
	[[ "$output" == *"INSPECT=1: lazy-mmu test <test@lazy-mmu.invalid> is a placeholder"* ]]
	run env -u POSTER INSPECT=1 "$REPO/scripts/send-dry-run"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"OK, FOR INSPECTION ONLY: 3 messages"*"do not send them"* ]]
	# Without INSPECT=1 the same messages do not pass.
	run env -u POSTER "$REPO/scripts/send-dry-run" --verify "$P/work/send-dry-run"
	[ "$status" -ne 0 ]
}
