# SPDX-License-Identifier: GPL-2.0
# The two tiers of scripts/mutants: the KUnit suite on the scratch
# worktree, and Xen PV dom0 boots of mutant branches.  Sourced by
# scripts/mutants, whose variables they use (src, out, logs, commit, rev,
# arch, mdir, KUNIT_ARGS, KUNIT_PATH) with its field and stamp; do not run it.

run_suite() {	# LOG [KERNEL-ARGS]: kunit.py on the scratch tree; prints nothing
	local -a args=("${KUNIT_ARGS[@]}")
	local i

	# A mutant's Kernel-args: replace the target's command line.
	if [ $# -gt 1 ]; then
		for i in "${!args[@]}"; do
			case "${args[$i]}" in --kernel_args=*) unset "args[$i]" ;; esac
		done
		args+=(--kernel_args="$2")
	fi
	# The console log of the last run (kunit.py's test.log): a run that
	# boots nothing must not leave the one before it.
	rm -f "$out/test.log"
	(cd "$src" && PATH=$KUNIT_PATH timeout 1800 python3 tools/testing/kunit/kunit.py "${args[@]}") \
		>"$1" 2>&1 || true
}

# The build is incremental by mtime: a header put back as it was must
# not make every object that includes it stale.
keep_header_mtimes() {
	local f

	for f in "${files[@]}"; do
		case "$f" in
		*.h) touch -d "@${mtime[$f]}" "$src/$f" ;;
		esac
	done
}

# each_mutant KEY COMMAND FUNCTION NAME...: FUNCTION NAME for each
# mutant, as step KEY-NAME of the store; COMMAND ONLY=NAME reproduces it.
each_mutant() {
	local key=$1 cmd=$2 fn=$3 n

	shift 3
	for n in "$@"; do
		info "mutant $n: breaks $(field "$mdir/$n.diff" Breaks) (log: $logs/$n.log)"
		step_run "$key-$n" "$(stamp "$mdir/$n.diff")" "$cmd ONLY=$n" \
			"$logs/$n.log" -- "$fn" "$n" || true
		store_get "$key-$n"
		info "mutant $n: $R_VERDICT ($R_NOTE)"
	done
}

# kunit_mutant NAME: run the suite on the scratch tree with the mutant
# applied, put the tree back, and give the verdict (step_run's
# STEP_VERDICT); the failing cases, or the console line that killed it,
# are the last line.
#
# A mutant may boot the suite with a command line of its own
# (Kernel-args:, instead of the target's KUNIT_KERNEL_ARGS) and be
# killed by what the kernel printed rather than by a failed case
# (Killed-if: an extended regular expression that the console log,
# kunit.py's test.log, must match): a case that is meant to stay quiet
# unless asked.  The unmutated suite then runs first, with the same
# command line, and must pass without matching: a line that the kernel
# prints anyway proves nothing.
kunit_mutant() {
	local n=$1 diff=$mdir/$1.diff want f headers failed suite=$logs/$1.kunit.log
	local kargs re control=$logs/$1.control.log
	local -a files run=("$suite")
	local -A mtime

	want=$(field "$diff" Killed-by)
	kargs=$(field "$diff" Kernel-args)
	re=$(field "$diff" Killed-if)
	if [ -n "$kargs" ] || [ -n "$re" ]; then
		[ -z "$kargs" ] || run+=("$kargs")
		echo "mutant $n: the control${kargs:+ with kernel args '$kargs'} (log: $control)"
		run_suite "$control" ${kargs:+"$kargs"}
		kunit_passed "$control" ||
			die "the control${kargs:+ with kernel args '$kargs'} failed (log: $control)"
		if [ -n "$re" ] && grep -Eq -- "$re" "$out/test.log" 2>/dev/null; then
			die "the control${kargs:+ with kernel args '$kargs'} already prints '$re' (console log: $out/test.log)"
		fi
	fi
	mapfile -t files < <(git -C "$src" apply --numstat "$diff" | cut -f3)
	[ ${#files[@]} -gt 0 ] || die "mutant $n changes no file"
	for f in "${files[@]}"; do
		mtime[$f]=$(stat -c %Y "$src/$f")
	done
	git -C "$src" apply "$diff" || die "mutant $n does not apply on $commit"
	headers=$(printf '%s\n' "${files[@]}" | grep -c '\.h$' || true)
	keep_header_mtimes
	[ "$headers" = 0 ] || rm -f "$out/$KUNIT_OBJECT"
	echo "mutant $n: breaks $(field "$diff" Breaks); the suite's log: $suite"
	run_suite "${run[@]}"
	git -C "$src" checkout -q -f -- "${files[@]}"
	keep_header_mtimes
	[ "$headers" = 0 ] || rm -f "$out/$KUNIT_OBJECT"
	failed=$(kunit_failed_cases "$suite")
	if [ -n "$re" ]; then
		if grep -Eq -- "$re" "$out/test.log" 2>/dev/null; then
			echo killed >"$STEP_VERDICT"
			grep -Eo -m1 -- "$re" "$out/test.log"
			return
		fi
		if kunit_passed "$suite"; then
			echo survived >"$STEP_VERDICT"
		else
			echo killed-other >"$STEP_VERDICT"
		fi
		echo "no console line matches Killed-if; failing cases: ${failed:--}"
		return
	fi
	if kunit_passed "$suite"; then
		echo survived >"$STEP_VERDICT"
	elif [ -n "$want" ] && in_list "$want" ${failed//,/ }; then
		echo killed >"$STEP_VERDICT"
	else
		echo killed-other >"$STEP_VERDICT"
	fi
	echo "${failed:--}"
}

# kunit_tier NAME...: the kunit mutants, after the control, into the
# store.
kunit_tier() {
	# A run cut short may have left the suite built from a mutated header.
	rm -f "$out/$KUNIT_OBJECT"
	[ $# -gt 0 ] || return 0
	info "control: the unmutated series of target $LMM_TARGET on $arch (log: $logs/control.log)"
	run_suite "$logs/control.log"
	kunit_passed "$logs/control.log" ||
		die "the control failed: the suite must pass on the unmutated tree first (log: $logs/control.log)"
	each_mutant "$arch" "make mutants TARGET=$LMM_TARGET ARCH=$arch" kunit_mutant "$@"
}

# xen_mutant NAME: commit the mutant onto REV as branch lmm-mutant/NAME,
# boot it and give the verdict (step_run's STEP_VERDICT); what killed it
# is the last line.
xen_mutant() {
	local n=$1 diff=$mdir/$1.diff re branch=lmm-mutant/$1 console index tree c
	local -a id

	re=$(field "$diff" Killed-if)
	[ -n "$re" ] || die "mutant $n: a xen mutant needs a Killed-if: line"
	# The commit is made in a scratch index: the kunit worktree and its
	# build keep their files and timestamps.
	index=$(mktemp)
	GIT_INDEX_FILE=$index git -C "$LMM_LINUX" read-tree "$rev"
	GIT_INDEX_FILE=$index git -C "$LMM_LINUX" apply --cached "$diff" ||
		{ rm -f "$index"; die "mutant $n does not apply on $rev"; }
	tree=$(GIT_INDEX_FILE=$index git -C "$LMM_LINUX" write-tree)
	rm -f "$index"
	id=(-c "user.name=$(git config user.name || echo scripts/mutants)"
	    -c "user.email=$(git config user.email || echo mutants@invalid)")
	c=$(git -C "$LMM_LINUX" "${id[@]}" commit-tree "$tree" -p "$rev" -m "mutant $n")
	git -C "$LMM_LINUX" branch -f "$branch" "$c"
	console=$logs/$n.console.log
	# A boot that fails before QEMU starts writes no console log: the
	# last run's must not be read for this one.
	rm -f "$console"
	if "$LMM_SCRIPTS/boot-test" --rev "$branch" --seconds 10 --hv xen --log "$console" "$arch"; then
		echo survived >"$STEP_VERDICT"
		echo "the boot test passed"
	elif [ -f "$console" ] && grep -Eq -- "$re" "$console"; then
		echo killed >"$STEP_VERDICT"
		grep -Eo -m1 -- "$re" "$console"
	else
		echo killed-other >"$STEP_VERDICT"
		echo "boot failed, no match for Killed-if (log: $logs/$n.log)"
	fi
}

# xen_tier NAME...: the xen mutants, after the control boot, into the
# store.
xen_tier() {
	[ $# -gt 0 ] || return 0
	info "control: the unmutated series of target $LMM_TARGET as Xen PV dom0 (log: $logs/control-xen.log)"
	"$LMM_SCRIPTS/boot-test" --rev "$rev" --seconds 10 --hv xen "$arch" >"$logs/control-xen.log" 2>&1 ||
		die "the control failed: the Xen PV dom0 boot must pass on the unmutated series first (log: $logs/control-xen.log)"
	each_mutant xen "make mutants TARGET=$LMM_TARGET TIER=xen" xen_mutant "$@"
}
