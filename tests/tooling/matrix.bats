#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Tests of scripts/matrix (with stand-ins for the builds and checks it
# runs) and of the comparisons of scripts/sparse-delta and
# scripts/cocci-delta.

load helpers

# scripts/matrix with its lib.sh, and stand-ins for scripts/build,
# sparse-delta, cocci and cocci-delta that log their arguments
# to $LMM_WORK/calls and fail when they contain $FAIL_ON.
setup_matrix() {
	setup_project
	make_series
	S=$BATS_TEST_TMPDIR/scripts
	mkdir -p "$S" "$P/configs/x86_64" "$P/configs/um" "$P/scripts/coccinelle"
	cp "$REPO/scripts/matrix" "$REPO/scripts/touched" "$REPO"/scripts/*.sh "$S/"
	cp -r "$REPO/scripts/lmm" "$S/"
	# The stand-in cocci cells run where the target has the rule.
	sed -i 's/^CHECK_RULES=.*/CHECK_RULES="cocci arch-state"/' "$P/targets/mainline.conf"
	# The sets of configs/sets.conf, not the target's own.
	sed -i '/^MATRIX_SPARSE=/d' "$P/targets/mainline.conf"
	printf '# base: defconfig\nCONFIG_XEN_PV=y\n' >"$P/configs/x86_64/xen.config"
	printf '# base: defconfig\nCONFIG_UML=y\n' >"$P/configs/um/defconfig.config"
	mkdir -p "$P/configs/arm64"
	printf '# base: defconfig\n' >"$P/configs/arm64/defconfig.config"
	echo '@r@ @@ x' >"$P/scripts/coccinelle/lazy_mmu.cocci"
	for s in build sparse-delta cocci cocci-delta; do
		cat >"$S/$s" <<'EOT'
#!/bin/bash
echo "$(basename "$0") $*" >>"$LMM_WORK/calls"
if [ "$(basename "$0")" = build ]; then
	# HOLD: wait until the file it names is gone.
	while [ -n "${HOLD:-}" ] && [ -e "$HOLD" ]; do sleep 0.1; done
	mkdir -p "$LMM_WORK/build/um-defconfig" "$LMM_WORK/build/x86_64-xen"
	echo CONFIG_MODULES=y >"$LMM_WORK/build/x86_64-xen/.config"
	: >"$LMM_WORK/build/um-defconfig/.config"
fi
if [ -n "${FAIL_ON:-}" ] && [[ "$(basename "$0") $*" == *"$FAIL_ON"* ]]; then
	echo "mm/memory.c:1:5: error: stand-in failure"
	exit 1
fi
echo "$(basename "$0"): ok"
EOT
		chmod +x "$S/$s"
	done
	chmod +x "$S/matrix"
}

@test "matrix: every cell runs once, a rerun keeps them, the report is green" {
	setup_matrix
	run "$S/matrix" x86_64/xen um/defconfig
	echo "$output"
	[ "$status" -eq 0 ]
	# 3 prefixes x 2 configurations, final: vmlinux (+ modules where
	# the configuration has them), 2 sparse, 3 Coccinelle.
	# The prefixes: prepare, and what the series touches as optional.
	[ "$(grep -c '^build .* prepare -- mm/memory.o mm/mprotect.o$' "$P/work/calls")" -eq 6 ]
	grep -q "^build --rev $(git -C "$L" rev-parse lazy-mmu) x86_64 xen modules$" "$P/work/calls"
	! grep -q "um defconfig modules" "$P/work/calls"
	[ "$(grep -c '^sparse-delta' "$P/work/calls")" -eq 2 ]
	[ "$(grep -Ec '^cocci(-delta)? ' "$P/work/calls")" -eq 3 ]
	[[ "$output" == *"x86_64/xen         ...  pass"* ]]
	[[ "$output" == *"; 0 failed, 0 not run; this run"* ]]
	[ -f "$P/work/matrix/report.txt" ]

	: >"$P/work/calls"
	run "$S/matrix" x86_64/xen um/defconfig
	[ "$status" -eq 0 ]
	[ ! -s "$P/work/calls" ]
	[[ "$output" == *"pass (kept)"* ]]

	# The summary adds up the build times of the verdicts shown.
	for k in x86_64-xen-final um-defconfig-0; do
		f=$P/work/results/matrix/$k
		awk -F'\t' -v OFS='\t' '{ $3 = 1830; print }' "$f" >"$f.new"
		mv "$f.new" "$f"
	done
	run "$S/matrix" x86_64/xen um/defconfig
	[ "$status" -eq 0 ]
	[[ "$output" == *"the verdicts shown took 1 h 1 min to build"* ]]

	# The stamps name trees: a reworded commit message rebuilds
	# nothing, a changed file rebuilds its prefix and what follows.
	git -C "$L" commit -q --amend -m "mm/mprotect: rename x, reworded"
	: >"$P/work/calls"
	run "$S/matrix" x86_64/xen um/defconfig
	[ "$status" -eq 0 ]
	[ ! -s "$P/work/calls" ]
	echo "int z;" >>"$L/mm/mprotect.c"
	git -C "$L" commit -q -a --amend -m "mm/mprotect: rename x, changed"
	run "$S/matrix" --only prefixes x86_64/xen um/defconfig
	[ "$status" -eq 0 ]
	[ "$(grep -c '^build .* prepare -- ' "$P/work/calls")" -eq 2 ]
}

@test "matrix: --list prints every cell of the plan and builds nothing" {
	setup_matrix
	run "$S/matrix" --list x86_64/xen um/defconfig
	[ "$status" -eq 0 ]
	# 3 prefixes x 2 configurations, 2 finals, 2 sparse, 3 Coccinelle.
	echo "$output"
	[ "${#lines[@]}" -eq 13 ]
	[ "$(printf '%s\n' "${lines[@]}" | cut -f1 | sort | uniq -c | tr -s ' ' | paste -sd,)" = " 3 cocci, 2 final, 6 prefixes, 2 sparse" ]
	[[ "${lines[0]}" == "prefixes"$'\t'"x86_64/xen"$'\t'"0"$'\t'"x86_64-xen-0"$'\t'* ]]
	[ ! -e "$P/work/calls" ]
}

@test "matrix: --report prints the kept verdicts and builds nothing" {
	setup_matrix
	run "$S/matrix" --only final x86_64/xen
	[ "$status" -eq 0 ]
	: >"$P/work/calls"
	run "$S/matrix" --report x86_64/xen
	echo "$output"
	# The prefixes have no verdict yet: the report counts them.
	[ "$status" -ne 0 ]
	[ ! -s "$P/work/calls" ]
	[[ "$output" == *"x86_64/xen         ---  pass"* ]]
	[[ "$output" == *"0 failed, 8 not run;"* ]]
}

@test "matrix: a run started while another runs leaves the other's plan alone" {
	setup_matrix
	: >"$BATS_TEST_TMPDIR/hold"
	HOLD=$BATS_TEST_TMPDIR/hold "$S/matrix" --only final um/defconfig >"$BATS_TEST_TMPDIR/first.out" 2>&1 &
	first=$!
	for _ in $(seq 100); do
		grep -q "um defconfig vmlinux" "$P/work/calls" 2>/dev/null && break
		sleep 0.1
	done
	# Its plan is rewritten with more cells while its first cell builds.
	run "$S/matrix" --report x86_64/xen um/defconfig
	rm "$BATS_TEST_TMPDIR/hold"
	rc=0
	wait "$first" || rc=$?
	cat "$BATS_TEST_TMPDIR/first.out"
	[ "$rc" -eq 0 ]
	[ "$(grep -c '^build ' "$P/work/calls")" -eq 1 ]
	! grep -q "x86_64" "$P/work/calls"
}

@test "matrix: the time of a run cut off before its verdict still counts" {
	setup_matrix
	run "$S/matrix" --only final um/defconfig
	[ "$status" -eq 0 ]
	[ ! -e "$P/work/results/matrix/um-defconfig-final.run" ]
	# As a build killed 400 s after its start would leave it, after an
	# earlier run cut off at 200 s.
	rec=$P/work/results/matrix/um-defconfig-final
	read -r stamp _ <"$rec"
	rm "$rec"
	now=$(date +%s)
	echo "$stamp $((now - 1000)) 200" >"$rec.run"
	touch -d "@$((now - 600))" "$P/work/logs/matrix/um-defconfig-final.log"
	run "$S/matrix" --only final um/defconfig
	echo "$output"
	[ "$status" -eq 0 ]
	[ ! -e "$rec.run" ]
	read -r s v t _ <"$rec"
	[ "$s $v" = "$stamp pass" ]
	[ "$t" -ge 600 ]
	[ "$t" -le 605 ]
	[[ "$output" == *"with the runs cut off before)"* ]]

	# A cut-off run of another commit or configuration does not count.
	rm "$rec"
	echo "0123456789ab-000000000000 $((now - 1000)) 200" >"$rec.run"
	run "$S/matrix" --only final um/defconfig
	[ "$status" -eq 0 ]
	read -r s v t _ <"$rec"
	[ "$t" -le 5 ]
}

@test "matrix: a failing cell is reported with its command and error, and alone rebuilt" {
	setup_matrix
	p2=$(git -C "$L" rev-parse lazy-mmu)
	FAIL_ON="--rev $p2 um defconfig prepare" run "$S/matrix" --only prefixes x86_64/xen um/defconfig
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" == *"um/defconfig       ..F  -"* ]]
	[[ "$output" == *"FAIL um-defconfig-2: reproduce with: scripts/build --rev ${p2:0:12} um defconfig prepare -- mm/memory.o mm/mprotect.o"* ]]
	[[ "$output" == *"| mm/memory.c:1:5: error: stand-in failure"* ]]
	# Stages that did not run show '-' but do not fail a --only run;
	# the summary counts them apart: 2 finals, 2 sparse, 3 cocci.
	[[ "$output" == *"; 1 failed, 0 not run in the stages run (prefixes), 7 in the others;"* ]]

	: >"$P/work/calls"
	run "$S/matrix" --only prefixes x86_64/xen um/defconfig
	[ "$status" -eq 0 ]
	[ "$(cat "$P/work/calls")" = "build --rev $p2 um defconfig prepare -- mm/memory.o mm/mprotect.o" ]
	[[ "$output" == *"; 0 failed, 0 not run in the stages run (prefixes), 7 in the others;"* ]]
}

@test "matrix: a changed configuration fragment rebuilds its cells" {
	setup_matrix
	run "$S/matrix" --only prefixes x86_64/xen um/defconfig
	[ "$status" -eq 0 ]
	echo 'CONFIG_HOSTFS=y' >>"$P/configs/um/defconfig.config"
	: >"$P/work/calls"
	run "$S/matrix" --only prefixes x86_64/xen um/defconfig
	[ "$status" -eq 0 ]
	[ "$(grep -c ' um defconfig prepare -- ' "$P/work/calls")" -eq 3 ]
	! grep -q 'x86_64' "$P/work/calls"
}

@test "sparse-delta --compare: moved messages match, new ones are listed" {
	d=$BATS_TEST_TMPDIR
	cat >"$d/base.log" <<'EOT'
  CHECK   /w/tree/mm/mprotect.c
/w/tree/arch/x86/include/asm/paravirt.h:564:9: warning: context imbalance in 'change_pte_range' - unexpected unlock
/w/tree/mm/memory.c:10:5: warning: symbol 'a' was not declared. Should it be static?
/w/tree/mm/memory.c:10:5: warning: symbol 'a' was not declared. Should it be static?
EOT
	cat >"$d/series.log" <<'EOT'
/w/tree/mm/mprotect.c:291:9: warning: context imbalance in 'change_pte_range' - unexpected unlock
/w/tree/mm/memory.c:12:5: warning: symbol 'a' was not declared. Should it be static?
../mm/vmalloc.c:7:1: error: incompatible types in comparison expression (different address spaces):
   unsigned long [noderef] __rcu *
   unsigned long *
EOT
	run "$REPO/scripts/sparse-delta" --compare "$d/base.log" "$d/series.log"
	echo "$output"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "mm/vmalloc.c:7: error: incompatible types in comparison expression (different address spaces): | unsigned long [noderef] __rcu * | unsigned long *" ]
	[ "${lines[1]}" = "sparse series: 2 on the base, 3 on the series, 1 new" ]

	head -n 2 "$d/series.log" >"$d/series2.log"
	run "$REPO/scripts/sparse-delta" --compare "$d/base.log" "$d/series2.log"
	[ "$status" -eq 0 ]
	[[ "$output" == *", 0 new" ]]
}

@test "sparse-delta --compare: only the last pass of scripts/build counts" {
	# scripts/build skips an object that the configuration does not
	# build and builds the rest again (C=2 checks them all again): the
	# skipped object's compiler errors of the first pass are not new
	# sparse warnings, and the last pass's warnings are still counted.
	d=$BATS_TEST_TMPDIR
	printf '%s\n' '/w/tree/mm/memory.c:10:5: warning: symbol '"'a'"' was not declared. Should it be static?' >"$d/base.log"
	cat >"$d/series.log" <<'EOT'
/w/tree/mm/memory.c:10:5: warning: symbol 'a' was not declared. Should it be static?
/w/tree/mm/tests/t.c:136:48: error: 'struct s' has no member named 'x'
build: building again without mm/tests/t.o: prepare mm/memory.o
/w/tree/mm/memory.c:10:5: warning: symbol 'a' was not declared. Should it be static?
/w/tree/mm/memory.c:20:5: warning: symbol 'b' was not declared. Should it be static?
build: skipped mm/tests/t.o: its Makefile builds it only with CONFIG_T, unset in this configuration
EOT
	run "$REPO/scripts/sparse-delta" --compare "$d/base.log" "$d/series.log"
	echo "$output"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "mm/memory.c:20: warning: symbol 'b' was not declared. Should it be static?" ]
	[ "${lines[1]}" = "sparse series: 1 on the base, 2 on the series, 1 new" ]
}

@test "sparse-delta: a build in which kbuild refused sparse fails, not 0 warnings" {
	setup_matrix
	cp "$REPO/scripts/sparse-delta" "$S/"
	# What kbuild prints when scripts/checker-valid.sh refuses the
	# checker; it then builds without checking and make succeeds.
	cat >"$S/build" <<'EOT'
#!/bin/bash
echo "Makefile:1311: C=2 specified, but sparse is not available or not up to date"
echo "  CC      mm/memory.o"
EOT
	run "$S/sparse-delta" x86_64 xen
	echo "$output"
	[ "$status" -ne 0 ]
	[[ "$output" == *"kbuild did not run sparse on the base"*"reproduce with: scripts/build --rev $LMM_BASE_COMMIT --make C=2 --make CHECK=sparse x86_64 xen prepare -- mm/memory.o mm/mprotect.o"* ]]

	# A build that checked its files is compared.
	cat >"$S/build" <<'EOT'
#!/bin/bash
echo "  CHECK   mm/memory.c"
EOT
	run "$S/sparse-delta" x86_64 xen
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"sparse x86_64-xen: 0 on the base, 0 on the series, 0 new" ]]
}

@test "cocci-delta --compare: line numbers aside, only added reports count" {
	d=$BATS_TEST_TMPDIR
	printf '%s\n' 'mm/a.c:10:1-5: WARNING: x at line 12' 'mm/b.c:3:2-4: ERROR: y' >"$d/base"
	printf '%s\n' 'mm/a.c:20:1-5: WARNING: x at line 22' 'mm/b.c:3:2-4: ERROR: y' \
		'mm/b.c:9:2-4: ERROR: y' >"$d/series"
	run "$REPO/scripts/cocci-delta" --compare "$d/base" "$d/series"
	echo "$output"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "mm/b.c:9: ERROR: y" ]
	[ "${lines[1]}" = "coccicheck: 2 reports on the base, 3 on the series, 1 new" ]
}
