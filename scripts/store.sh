# SPDX-License-Identifier: GPL-2.0
# The step runner and the result store that scripts/check, matrix,
# runtime and mutants share.  Sourced by lib.sh; do not run it.
#
# A store is a folder, $LMM_WORK/results/NAME, with one file per step,
# named by its key: one line of tab-separated fields
#	stamp verdict seconds log reproduce note
# ('-' for an empty one).  The stamp names what the verdict depends on
# (the tree built, the digest of a configuration): a step whose record
# has the same stamp and verdict pass is not run again.  A step without
# a stamp always runs.  Verdicts: pass, fail, blocked (not run: a step it
# needs failed), skipped (not run here by design), and the mutants'
# killed, killed-other and survived.  scripts/lmm/store.py reads the
# same records for the tables and the counts.

# store_open NAME [--fresh]: use the store NAME of this target's work
# folder (--fresh: forget its records) and zero the counters.
store_open() {
	STORE=$LMM_WORK/results/$1
	[ "${2:-}" != --fresh ] || rm -rf "$STORE"
	mkdir -p "$STORE"
	STEPS_PASSED=0 STEPS_FAILED=0
}

# store_put KEY STAMP VERDICT SECONDS LOG REPRODUCE NOTE: write a record.
store_put() {
	local key=$1 f fields=()

	shift
	for f in "$@"; do
		f=${f//[$'\t\n']/ }
		fields+=("${f:--}")
	done
	(IFS=$'\t'; echo "${fields[*]}") >"$STORE/$key.tmp"
	mv "$STORE/$key.tmp" "$STORE/$key"
}

# store_get KEY [STAMP]: read a record into R_STAMP, R_VERDICT,
# R_SECONDS, R_LOG, R_REPRO and R_NOTE.  R_VERDICT is '-' when there is
# none, or when STAMP is given and the record's differs; returns 1 then.
store_get() {
	R_STAMP=- R_VERDICT=- R_SECONDS=0 R_LOG=- R_REPRO=- R_NOTE=-
	[ -f "$STORE/$1" ] || return 1
	IFS=$'\t' read -r R_STAMP R_VERDICT R_SECONDS R_LOG R_REPRO R_NOTE <"$STORE/$1"
	if [ $# -gt 1 ] && [ "$R_STAMP" != "${2:--}" ]; then
		R_VERDICT=- R_SECONDS=0
		return 1
	fi
}

# cat_files PATH...: the files, folders read whole, in name order; paths
# that do not exist count as empty.
cat_files() {
	[ $# -gt 0 ] || return 0
	find "$@" -type f -print0 2>/dev/null | sort -z | xargs -0r cat
}

# files_digest PATH...: 12 hex digits of cat_files PATH....
files_digest() {
	cat_files "$@" | sha1sum | cut -c1-12
}

# config_digest ARCH/CONFIG [PATH...]: 12 hex digits of the fragment
# configs/ARCH/CONFIG.config, the fragments it includes, in the order
# they are merged, and the PATHs as cat_files reads them: the part of
# a stamp that is not a commit.
config_digest() {
	local c=$1 frags list

	shift
	list=$(lmm_py kconfig fragments "$LMM_TOP/configs/$c.config") ||
		die "cannot read the fragments of configs/$c.config"
	mapfile -t frags <<<"$list"
	{
		cat "${frags[@]}" /dev/null
		cat_files "$@"
	} | sha1sum | cut -c1-12
}

# step_run KEY STAMP REPRODUCE LOG -- COMMAND...: run COMMAND with its
# output in LOG, unless KEY passed before with the same (non-empty)
# STAMP, and record the verdict: pass or fail by COMMAND's exit status,
# or the word COMMAND wrote to the file $STEP_VERDICT (the mutants:
# killed, survived, killed-other), which 'killed' passes.  The note is
# the last line of LOG (200 characters at most).  Returns 0 if it passed.  Sets
# STEP_KEPT (1: the kept verdict stands, nothing ran), STEP_SECONDS and
# STEP_EARLIER: a run of the same stamp that was cut off before its
# verdict (STORE/KEY.run left behind) adds its time, up to the last write
# to LOG, so that a build that takes several sessions counts them all.
step_run() {
	local key=$1 stamp=$2 repro=$3 log=$4 run rs rt re end t0 rc note verdict
	shift 5

	STEP_KEPT=0 STEP_EARLIER=0 STEP_SECONDS=0
	run=$STORE/$key.run
	if [ -n "$stamp" ] && store_get "$key" "$stamp" &&
	   { [ "$R_VERDICT" = pass ] || [ "$R_VERDICT" = killed ]; }; then
		STEP_KEPT=1 STEP_SECONDS=$R_SECONDS
		STEPS_PASSED=$((STEPS_PASSED + 1))
		return 0
	fi
	if [ -n "$stamp" ] && [ -f "$run" ] && read -r rs rt re <"$run" && [ "$rs" = "$stamp" ]; then
		end=$(stat -c %Y "$log" 2>/dev/null || echo "$rt")
		[ "$end" -gt "$rt" ] || end=$rt
		STEP_EARLIER=$((re + end - rt))
	fi
	t0=$(date +%s)
	echo "${stamp:--} $t0 $STEP_EARLIER" >"$run"
	export STEP_VERDICT=$STORE/$key.verdict
	rm -f "$STEP_VERDICT"
	set +e
	(set -e; "$@") >"$log" 2>&1
	rc=$?
	set -e
	STEP_SECONDS=$(($(date +%s) - t0 + STEP_EARLIER))
	rm -f "$run"
	note=$(tail -n 1 "$log" | cut -c1-200)
	verdict=fail
	[ $rc -ne 0 ] || verdict=pass
	if [ -s "$STEP_VERDICT" ]; then
		verdict=$(cat "$STEP_VERDICT")
		rc=1
		[ "$verdict" != killed ] || rc=0
	fi
	rm -f "$STEP_VERDICT"
	unset STEP_VERDICT
	if [ $rc -eq 0 ]; then
		STEPS_PASSED=$((STEPS_PASSED + 1))
	else
		STEPS_FAILED=$((STEPS_FAILED + 1))
	fi
	store_put "$key" "$stamp" "$verdict" "$STEP_SECONDS" "$log" "$repro" "$note"
	return $rc
}

# step_blocked KEY NEEDS REPRODUCE: record that KEY did not run because
# NEEDS failed; it counts as a failure.
step_blocked() {
	STEPS_FAILED=$((STEPS_FAILED + 1))
	store_put "$1" "" blocked 0 "" "$3" "not run: needs $2"
}
