# SPDX-License-Identifier: GPL-2.0
# Applying the series onto a kernel tree with git am: the tree's version
# and the target that serves it, whether a branch holds the series, and
# a git am that leaves nothing half done, committed as the series' author
# with the notes of its patches.  Sourced by scripts/apply,
# after it has set files (the series' patch files), names and npatches.

# The kernel version of a tree, from its top-level Makefile: "7.3.4".
tree_version() {
	awk -F'[[:space:]]*=[[:space:]]*' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { s = $2 }
		END { if (v != "" && p != "") print v "." p (s != "" ? "." s : "") }' "$1/Makefile" 2>/dev/null || true
}

# The target that serves kernel version $1 (by VERSION.PATCHLEVEL).
target_for_version() {
	local t

	for t in $(lmm_targets); do
		[ "$(target_field "$t" TARGET_KERNEL)" = "${1%.*}" ] && { echo "$t"; return 0; }
		[ "$(target_field "$t" TARGET_KERNEL)" = "$1" ] && { echo "$t"; return 0; }
	done
	return 1
}

supported_versions() {
	local t

	for t in $(lmm_targets); do
		printf '%s (TARGET=%s)\n' "$(target_field "$t" TARGET_KERNEL)" "$t"
	done | paste -s -d, - | sed 's/,/, /g'
}

# The patch ids of the series' patches, one a line, in order: what the
# changes are, whatever their context line numbers and commit metadata.
series_patch_ids() {
	local f

	for f in "${files[@]}"; do
		git patch-id --stable <"$f" | cut -d' ' -f1
	done
}

# True if the last $npatches commits of $2 in repo $1 make the same
# changes as the series' patches, in order, on top of $3 (when given).
holds_series() {
	local dir=$1 rev=$2 start=${3:-}

	if [ -n "$start" ]; then
		[ "$(git -C "$dir" rev-list --count "$start..$rev")" -eq "$npatches" ] || return 1
	fi
	[ "$npatches" -eq 0 ] && return 0
	[ "$(git -C "$dir" rev-list --count "$rev")" -ge "$npatches" ] || return 1
	[ "$(git -C "$dir" log -p --no-merges --reverse -n "$npatches" "$rev" |
		git patch-id --stable | cut -d' ' -f1)" = "$(series_patch_ids)" ]
}

# in_progress DIR: what git operation is going on in DIR, with the way
# out, or nothing.
in_progress() {
	local gd

	gd=$(git -C "$1" rev-parse --absolute-git-dir)
	if [ -d "$gd/rebase-apply" ] && [ -f "$gd/rebase-apply/applying" ]; then
		echo "a git am is in progress in $1: finish it with 'git am --continue' or drop it with 'git am --abort'"
	elif [ -d "$gd/rebase-apply" ] || [ -d "$gd/rebase-merge" ]; then
		echo "a git rebase is in progress in $1: finish it with 'git rebase --continue' or drop it with 'git rebase --abort'"
	elif [ -f "$gd/MERGE_HEAD" ]; then
		echo "a git merge is in progress in $1: commit it or drop it with 'git merge --abort'"
	elif [ -f "$gd/CHERRY_PICK_HEAD" ]; then
		echo "a git cherry-pick is in progress in $1: finish it with 'git cherry-pick --continue' or drop it with 'git cherry-pick --abort'"
	elif [ -f "$gd/REVERT_HEAD" ]; then
		echo "a git revert is in progress in $1: finish it with 'git revert --continue' or drop it with 'git revert --abort'"
	fi
}

# refuse_unclean DIR ADVICE: stop if DIR has a git operation going on or
# uncommitted changes to tracked files.
refuse_unclean() {
	local op

	op=$(in_progress "$1")
	[ -z "$op" ] || die "$op; then rerun"
	[ -z "$(git -C "$1" status --porcelain --untracked-files=no)" ] ||
		die "$1 has uncommitted changes; $2"
}

# git am that leaves no half-applied state: on failure, abort and name
# the patch and the files that failed.  git's advice to resolve and run
# 'git am --continue' is not shown: the am is aborted here.
am_series() {
	local dir=$1 mode=$2 log i where

	[ "$npatches" -eq 0 ] && return 0
	log=$(mktemp)
	if git -C "$dir" am -q $mode "${files[@]}" >"$log" 2>&1; then
		rm -f "$log"
		return 0
	fi
	i=$(sed -n 's/^Patch failed at 0*\([0-9][0-9]*\) .*/\1/p' "$log" | head -n 1)
	where=$( (sed -n -e 's/^error: patch failed: \(.*\):[0-9]*$/\1/p' \
		-e 's/^CONFLICT ([^)]*): .* in \(.*\)$/\1/p' \
		-e 's/^error: \(.*\): does not exist in index$/\1/p' \
		-e 's/^error: \(.*\): patch does not apply$/\1/p' "$log"
		git -C "$dir" diff --name-only --diff-filter=U 2>/dev/null) | sort -u | tr '\n' ' ')
	grep -v -e '^hint:' -e 'git am --continue' -e 'git am --skip' -e 'git am --abort' \
		-e '^When you have resolved' -e '^If you prefer to skip' -e '^To restore the original' \
		-e '^Use .git am --show-current-patch' "$log" | sed 's/^/  /' >&2
	rm -f "$log"
	git -C "$dir" am --abort >/dev/null 2>&1 || true
	if [ -n "$i" ]; then
		echo "$PROG: patch $i of $npatches does not apply: ${names[$((i - 1))]}${where:+ (conflict in: ${where% })}" >&2
	else
		echo "$PROG: git am failed${where:+ (in: ${where% })}" >&2
	fi
	return 1
}

# Commit as the series' author with the author's dates, so that the
# branch has the same commit ids on every machine and needs no identity.
am_as_author() {
	local ident

	[ "$npatches" -gt 0 ] || return 0
	ident=$(git mailinfo /dev/null /dev/null <"${files[0]}")
	GIT_COMMITTER_NAME=$(sed -n 's/^Author: //p' <<<"$ident")
	GIT_COMMITTER_EMAIL=$(sed -n 's/^Email: //p' <<<"$ident")
	GIT_AUTHOR_NAME=$GIT_COMMITTER_NAME GIT_AUTHOR_EMAIL=$GIT_COMMITTER_EMAIL
	export GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL
}

# git am drops what is below a patch's '---'; export writes the commit's
# note there ('Notes (lazy-mmu):', indented), so restore it as that note
# on branch $2 of tree $1.
restore_notes() {
	local dir=$1 branch=$2 i=$npatches f note

	for f in "${files[@]}"; do
		i=$((i - 1))
		note=$(sed -n '/^---$/,/^diff --git /{/^Notes (lazy-mmu):$/,/^$/p}' "$f" |
			sed -e '1d' -e '$d' -e 's/^    //')
		[ -z "$note" ] || git -C "$dir" notes --ref="$LMM_NOTES" add -f \
			-m "$note" "$branch~$i" 2>/dev/null
	done
}
