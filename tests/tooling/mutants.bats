#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The mutants (mutants/TARGET/*.diff) and what scripts/mutants refuses
# before it builds anything.

load helpers

@test "mutants: every mutant names what it breaks, its tier, its killer and a KUnit arch" {
	for f in "$REPO"/mutants/*/*.diff; do
		for h in Breaks Tier Killed-by; do
			grep -q "^$h: ." "$f" || { echo "$f: no $h"; false; }
		done
		tier=$(sed -n 's/^Tier: //p' "$f")
		case "$tier" in
		kunit|boot-test|xen|bench) ;;
		*) echo "$f: unknown tier $tier"; false ;;
		esac
		grep -q '^diff --git ' "$f" || { echo "$f: no diff"; false; }
		a=$(sed -n 's/^Arch: //p' "$f")
		[ -z "$a" ] || [ -f "$REPO/configs/kunit/$a.kunitconfig" ] ||
			{ echo "$f: Arch $a has no KUnit configuration"; false; }
	done
}

@test "mutants: a kunit mutant names a case of its target's suite" {
	for f in "$REPO"/mutants/mainline/*.diff "$REPO"/mutants/6.12/*.diff; do
		[ "$(sed -n 's/^Tier: //p' "$f")" = kunit ] || continue
		c=$(sed -n 's/^Killed-by: //p' "$f")
		case "$f" in
		*/mutants/6.12/*) patches=$REPO/backports/6.12/patches ;;
		*) patches=$REPO/patches ;;
		esac
		grep -q "KUNIT_CASE($c)" "$patches"/*.patch ||
			{ echo "$f: no case $c in the series"; false; }
	done
}

@test "mutants: a xen mutant says what its boot's log must show" {
	for f in "$REPO"/mutants/*/*.diff; do
		[ "$(sed -n 's/^Tier: //p' "$f")" = xen ] || continue
		re=$(sed -n 's/^Killed-if: //p' "$f")
		[ -n "$re" ] || { echo "$f: no Killed-if"; false; }
		# A valid extended regular expression (grep exits 2 otherwise).
		run grep -Eq -- "$re" /dev/null
		[ "$status" -eq 1 ] || { echo "$f: bad Killed-if $re"; false; }
	done
}

@test "mutants: the xen tier runs on x86_64 only, and an unknown tier is refused" {
	run env LMM_TARGET=6.12 "$REPO/scripts/mutants" --tier xen --arch arm64
	[ "$status" -ne 0 ]
	[[ "$output" == *"--tier xen runs on x86_64 only"* ]]
	run env LMM_TARGET=6.12 "$REPO/scripts/mutants" --tier boot
	[ "$status" -ne 0 ]
	[[ "$output" == *"unknown tier 'boot'"* ]]
}

@test "mutants: an unknown mutant is refused before anything is built" {
	run env LMM_TARGET=mainline "$REPO/scripts/mutants" no-such-mutant
	[ "$status" -ne 0 ]
	[[ "$output" == *"no mutant 'no-such-mutant'"* ]]
}

@test "mutants: a target without mutants says so" {
	# A project with both targets and no mutants/ folder.
	P=$BATS_TEST_TMPDIR/proj
	mkdir -p "$P/scripts"
	cp -r "$REPO/targets" "$REPO/configs" "$P/"
	cp "$REPO/scripts/known-commits" "$P/scripts/"
	run env LMM_TOP="$P" LMM_WORK="$P/work" LMM_TARGET=6.12 "$REPO/scripts/mutants"
	[ "$status" -ne 0 ]
	[[ "$output" == *"has no mutants"* ]]
}
