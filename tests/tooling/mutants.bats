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

@test "mutants: a xen mutant says what its boot's log must show; every Killed-if is a valid expression" {
	for f in "$REPO"/mutants/*/*.diff; do
		re=$(sed -n 's/^Killed-if: //p' "$f")
		if [ "$(sed -n 's/^Tier: //p' "$f")" != xen ]; then
			[ -n "$re" ] || continue
		fi
		[ -n "$re" ] || { echo "$f: no Killed-if"; false; }
		# A valid extended regular expression (grep exits 2 otherwise).
		run grep -Eq -- "$re" /dev/null
		[ "$status" -eq 1 ] || { echo "$f: bad Killed-if $re"; false; }
	done
}

@test "mutants: the xen tier runs where configs/boots.conf has a Xen boot only, and an unknown tier is refused" {
	run env LMM_TARGET=6.12 "$REPO/scripts/mutants" --tier xen --arch arm64
	[ "$status" -ne 0 ]
	[[ "$output" == *"no boot test 'arm64-xen' (configs/boots.conf has: "* ]]
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

# A project with four mutants of the tiny base's mm/memory.c and
# stand-ins for kunit.py (in the tree: the suite fails case_a when
# memory.c says MUTANT_A) and scripts/boot-test (the dom0 boot fails with
# "BUG: xen" in its console log, --log FILE, when the revision's
# memory.c says MUTANT_X).  Each logs its
# calls to $LMM_WORK/calls.
setup_harness() {
	setup_project
	make_series
	mkdir -p "$L/tools/testing/kunit"
	cat >"$L/tools/testing/kunit/kunit.py" <<'EOT'
import os, sys
open(os.environ["LMM_WORK"] + "/calls", "a").write("kunit.py " + os.getcwd() + "\n")
open(os.environ["LMM_WORK"] + "/kunit-args", "a").write(" ".join(sys.argv[1:]) + "\n")
src = open("mm/memory.c").read()
# The console log: the kernel warns when the source says MUTANT_W or
# the command line says loud=1.
out = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--build_dir=")][0]
os.makedirs(out, exist_ok=True)
loud = "MUTANT_W" in src or any(a.startswith("--kernel_args=") and "loud=1" in a for a in sys.argv)
open(out + "/test.log", "w").write("WARNING: CPU: 0 at include/linux/pgtable.h:9\n" if loud else "ok 1 case_a\n")
if "MUTANT_A" in src:
    print("[FAILED] case_a")
    print("[FAILED] lazy_mmu_mode")
elif "MUTANT_C" in src:
    # case_c's expectations fail, then the kernel dies before its
    # result line.
    print("[PASSED] case_a")
    print("    # case_c: EXPECTATION FAILED at mm/tests/x.c:12")
    print("Kernel panic - not syncing: stack-protector")
    print("[CRASHED] ")
    print("================= [CRASHED] lazy_mmu_mode ==================")
else:
    print("[PASSED] lazy_mmu_mode")
EOT
	git -C "$L" add tools && git -C "$L" commit -q -m "kunit.py stand-in"
	S=$BATS_TEST_TMPDIR/scripts
	cp -r "$REPO/scripts" "$S"
	cat >"$S/boot-test" <<'EOT'
#!/bin/bash
echo "boot-test $*" >>"$LMM_WORK/calls"
rev=$2
log=$LMM_WORK/logs/boot-x86_64-xen-$(echo "$rev" | tr -c 'A-Za-z0-9._\n-' _).log
while [ $# -gt 0 ]; do
	[ "$1" != --log ] || log=$2
	shift
done
mkdir -p "$LMM_WORK/logs" "$(dirname "$log")"
if git -C "$LMM_WORK/linux" show "$rev:mm/memory.c" | grep -q MUTANT_X; then
	echo "BUG: xen" >"$log"
	exit 1
fi
echo "boot ok" >"$log"
EOT
	chmod +x "$S/boot-test"
	M=$P/mutants/mainline
	mkdir -p "$M"
	# mutant NAME TIER KILLED-BY SED [HEADER]: the diff that SED makes
	# of mm/memory.c.
	mutant() {
		local f=$M/$1.diff

		printf 'Breaks: a test property\nTier: %s\nKilled-by: %s\n%s\n\n' "$2" "$3" "${5:-}" >"$f"
		sed -i "$4" "$L/mm/memory.c"
		git -C "$L" diff >>"$f"
		git -C "$L" checkout -q -- mm/memory.c
	}
	mutant kill kunit case_a 's/int b;/int MUTANT_A;/'
	mutant arm kunit case_a 's/int b;/int MUTANT_A;/' "Arch: arm64"
	mutant xen xen dom0 's/int c;/int MUTANT_X;/' "Killed-if: BUG: xen"
	: >"$P/work/calls"
}

@test "mutants: the kunit tier runs its own mutants only; Arch and Tier keep the others out" {
	setup_harness
	run "$S/mutants"
	echo "$output"
	[ "$status" -eq 0 ]
	# The control and one mutant; the arm64 and xen mutants never run.
	[ "$(grep -c kunit.py "$P/work/calls")" -eq 2 ]
	! grep -q boot-test "$P/work/calls"
	[[ "$output" =~ kill\ +kunit\ +killed\ +case_a ]]
	[[ "$output" =~ arm\ +kunit\ on\ arm64\ +skipped ]]
	[[ "$output" =~ xen\ +xen\ +skipped ]]
	# In the test tree of scripts/kunit, left as it was; never in
	# work/linux.
	[ "$(grep -c "^kunit.py $P/work/tree$" "$P/work/calls")" -eq 2 ]
	[ -z "$(git -C "$P/work/tree" status --porcelain --untracked-files=no)" ]
	[ -z "$(git -C "$L" status --porcelain --untracked-files=no)" ]
	# A hung guest is given up on after 300 s, not kunit.py's 900.
	[ "$(grep -Ec -- "--timeout=300( |$)" "$P/work/kunit-args")" -eq 2 ]
	# A rerun keeps the verdict: nothing runs; nor after a reworded
	# commit message (the same tree).
	: >"$P/work/calls"
	run "$S/mutants"
	[ "$status" -eq 0 ]
	[ ! -s "$P/work/calls" ]
	git -C "$L" commit -q --amend -m "kunit.py stand-in, reworded"
	run "$S/mutants"
	[ "$status" -eq 0 ]
	[ ! -s "$P/work/calls" ]
}

@test "mutants: the xen tier boots the control and its mutants only, and keeps the kunit verdicts" {
	setup_harness
	run "$S/mutants" kill
	[ "$status" -eq 0 ]
	: >"$P/work/calls"
	run "$S/mutants" --tier xen
	echo "$output"
	[ "$status" -eq 0 ]
	! grep -q kunit.py "$P/work/calls"
	[ "$(grep -c "^boot-test .*--hv xen .*x86_64$" "$P/work/calls")" -eq 2 ]
	# The mutant's console log is the one it names, not a path rebuilt
	# from boot-test's own.
	grep -q "^boot-test --rev lmm-mutant/xen .*--log $P/work/mutants/logs/x86_64/xen.console.log x86_64$" "$P/work/calls"
	grep -q "^boot-test --rev lmm-mutant/xen " "$P/work/calls"
	[[ "$output" =~ xen\ +xen\ +killed\ +BUG:\ xen ]]
	[[ "$output" =~ kill\ +kunit\ +killed\ +case_a ]]
}

@test "mutants: a case whose expectations failed before the kernel died killed the mutant" {
	setup_harness
	mutant crash kunit case_c 's/int b;/int MUTANT_C;/'
	run "$S/mutants" crash
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" =~ crash\ +kunit\ +killed\ +case_c ]]
	# The same crash named for another case is no kill.
	sed -i 's/^Killed-by: case_c/Killed-by: case_a/' "$M/crash.diff"
	run "$S/mutants" crash
	[ "$status" -ne 0 ]
	[[ "$output" =~ crash\ +kunit\ +killed-other\ +case_c ]]
}

@test "mutants: a survivor, or a kill by another case or log line, fails the run" {
	setup_harness
	sed -i 's/^Killed-by: case_a/Killed-by: case_b/' "$M/kill.diff"
	run "$S/mutants" kill
	echo "$output"
	[ "$status" -ne 0 ]
	[[ "$output" =~ kill\ +kunit\ +killed-other ]]
	sed -i 's/^Killed-if: .*/Killed-if: Kernel panic/' "$M/xen.diff"
	run "$S/mutants" --tier xen xen
	[ "$status" -ne 0 ]
	[[ "$output" =~ xen\ +xen\ +killed-other ]]
	# The mutant that changes nothing the stand-ins see.
	sed -i 's/MUTANT_A/MUTANT_Z/' "$M/kill.diff"
	run "$S/mutants" kill
	[ "$status" -ne 0 ]
	[[ "$output" =~ kill\ +kunit\ +survived ]]
	# A mutant that does not apply fails, with the reason in its log.
	sed -i 's/^-\(.*\)int b;/-\1int nothing_here;/' "$M/kill.diff"
	run "$S/mutants" kill
	echo "$output"
	[ "$status" -ne 0 ]
	[[ "$output" =~ kill\ +kunit\ +fail ]]
	grep -q "mutant kill does not apply" "$P/work/mutants/logs/x86_64/kill.log"
}

@test "mutants: a mutant with Kernel-args runs with them after a control of its own, and Killed-if reads the console log" {
	setup_harness
	mutant quiet kunit case_a 's/int b;/int MUTANT_W;/' \
		$'Kernel-args: lazy=0\nKilled-if: WARNING: .*pgtable\\.h:[0-9]+'
	run "$S/mutants" quiet
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" =~ quiet\ +kunit\ +killed\ +WARNING:\ CPU:\ 0\ at\ include/linux/pgtable.h:9 ]]
	# The suite's control, then the mutant's own control and the mutant,
	# both with the mutant's command line only.
	[ "$(grep -c kunit.py "$P/work/calls")" -eq 3 ]
	[ "$(grep -c -- "--kernel_args=lazy=0" "$P/work/kunit-args")" -eq 2 ]
	# A console log that does not match is no kill: the suite passed.
	sed -i 's/^Killed-if: .*/Killed-if: no such line/' "$M/quiet.diff"
	run "$S/mutants" quiet
	[ "$status" -ne 0 ]
	[[ "$output" =~ quiet\ +kunit\ +survived ]]
	# A control that prints the line already proves nothing: refused.
	sed -i 's/^Kernel-args: .*/Kernel-args: loud=1/; s/^Killed-if: .*/Killed-if: WARNING:/' "$M/quiet.diff"
	run "$S/mutants" quiet
	[ "$status" -ne 0 ]
	[[ "$output" =~ quiet\ +kunit\ +fail ]]
	grep -q "already prints 'WARNING:'" "$P/work/mutants/logs/x86_64/quiet.log"
	# Killed-if alone: the control of its own runs with the target's
	# command line.
	mutant loud kunit case_a 's/int b;/int MUTANT_W;/' 'Killed-if: WARNING:'
	: >"$P/work/calls"
	: >"$P/work/kunit-args"
	run "$S/mutants" loud
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" =~ loud\ +kunit\ +killed\ +WARNING: ]]
	[ "$(grep -c kunit.py "$P/work/calls")" -eq 3 ]
	! grep -q -- "--kernel_args=" "$P/work/kunit-args"
}

@test "mutants --check: every mutant applies, without a build or a boot; one whose context moved is named" {
	setup_harness
	run "$S/mutants" --check
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"mutant kill: applies (kunit)"* ]]
	[[ "$output" == *"mutant arm: applies (kunit)"* ]]
	[[ "$output" == *"mutant xen: applies (xen)"* ]]
	[[ "$output" == *"mutants: 3 of 3 apply"* ]]
	[ ! -s "$P/work/calls" ]
	[ ! -e "$P/work/tree" ]
	# A patch rewords a line of the mutants' context (in this
	# three-line file, every mutant's): none applies, and the check
	# says so of each, with where it applied it.
	sed -i 's/int a1;/int a2;/' "$L/mm/memory.c"
	git -C "$L" commit -q -a -m "mm: rename a1"
	run "$S/mutants" --check
	echo "$output"
	[ "$status" -ne 0 ]
	[[ "$output" == *"mutant kill: FAIL: does not apply onto refs/heads/lazy-mmu with the fixups: "* ]]
	[[ "$output" == *"mutant xen: FAIL: does not apply onto refs/heads/lazy-mmu: "* ]]
	[[ "$output" == *"make mutants TARGET=mainline CHECK=1 ONLY=xen"* ]]
	[[ "$output" == *"mutants: 0 of 3 apply"* ]]
	[ ! -s "$P/work/calls" ]
}
