#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Targets (targets/*.conf): selection with TARGET=, the version of a
# user's tree picking one, and what 'make apply KDIR=' refuses.

load helpers

setup() {
	setup_project
}

# lib.sh's view of target $1, in the test project with no LMM_WORK set.
target_view() {
	env -u LMM_WORK -u LMM_BASE_COMMIT LMM_TARGET="$1" bash -c \
		'. "$0"; echo "$LMM_TARGET $LMM_WORK $LMM_LINUX $LMM_SERIES $LMM_FIXUPS $CCACHE_DIR $BASE_PKG $LMM_BASE_COMMIT"' \
		"$REPO/scripts/lib.sh"
}

# The project's Makefile, running the repository's scripts on $P.
make_p() {
	[ -e "$P/Makefile" ] || { cp "$REPO/Makefile" "$P/"; rm -rf "$P/scripts"; ln -s "$REPO/scripts" "$P/scripts"; }
	make -s -C "$P" "$@"
}

# A 6.12 series in the test project: the mainline one under backports/6.12.
make_612_series() {
	mkdir -p "$P/backports/6.12"
	cp -r "$P/patches" "$P/series" "$P/cover-letter.txt" "$P/fixups" "$P/backports/6.12/"
}

# Make $U's top-level Makefile say version $1.$2.$3, committed.
set_version() {
	printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = %s\n' "$1" "$2" "$3" >"$U/Makefile"
	git -C "$U" commit -q -a -m "Linux $1.$2.$3"
}

@test "targets: each target file has the fields the scripts read" {
	for f in "$REPO"/targets/*.conf; do
		run bash -c '. "$0"; for v in TARGET_DESC TARGET_KERNEL SERIES_DIR BASE_RELEASE BASE_PKG BASE_PKG_VERSION BASE_SUITE BASE_FROM BASE_DATE BASE_COMMIT KUNIT_CONFIG KUNIT_SUITE KUNIT_OBJECT; do [ -n "${!v}" ] || echo "$0: $v unset"; done; [[ $BASE_COMMIT =~ ^[0-9a-f]{40}$ ]] || echo "$0: BASE_COMMIT"; [ -f "'"$REPO"'/$KUNIT_CONFIG" ] || echo "$0: no $KUNIT_CONFIG"; [ -f "'"$REPO"'/$SERIES_DIR/series" ] || echo "$0: no series"' "$f"
		[ "$status" -eq 0 ]
		[ -z "$output" ]
	done
}

@test "targets: the named sets come from configs/sets.conf, and a target may set them again" {
	local sets=$P/configs/sets.conf
	sed -i 's|^MATRIX_CONFIGS=.*|MATRIX_CONFIGS="um/defconfig"|; s|^CHECK_KUNIT=.*|CHECK_KUNIT="arm64"|' "$sets"
	run env -u LMM_WORK LMM_TARGET=mainline bash -c '. "$0"; echo "$MATRIX_CONFIGS|$CHECK_KUNIT|$CHECK_SPARSE"' "$REPO/scripts/lib.sh"
	# (lib.sh may first say that it moved the test project's work folder.)
	[ "$(tail -n 1 <<<"$output")" = "um/defconfig|arm64|x86_64/xen" ]
	# 6.12 sets CHECK_SPARSE and CHECK_KUNIT again, to nothing.
	run env -u LMM_WORK LMM_TARGET=6.12 bash -c '. "$0"; echo "$MATRIX_CONFIGS|$CHECK_KUNIT|$CHECK_SPARSE|$(target_field 6.12 CHECK_BUILDS)"' "$REPO/scripts/lib.sh"
	[ "$(tail -n 1 <<<"$output")" = "um/defconfig|||$(. "$sets"; echo "$CHECK_BUILDS")" ]
}

@test "targets: mainline by default, TARGET picks another, each with its own work folder" {
	read -r t work linux series fixups ccache pkg base <<<"$(target_view "")"
	[ "$t" = mainline ]
	[ "$work" = "$P/work/mainline" ] && [ "$linux" = "$P/work/mainline/linux" ]
	[ "$series" = "$P/series" ] && [ "$fixups" = "$P/fixups" ]
	[ "$ccache" = "$P/work/ccache" ] && [ "$pkg" = linux-source-7.3 ]
	[ "$base" = "$(sed -n 's/^BASE_COMMIT=//p' "$REPO/targets/mainline.conf")" ]
	read -r t work linux series fixups ccache pkg base <<<"$(target_view 6.12)"
	[ "$t" = 6.12 ]
	[ "$work" = "$P/work/6.12" ] && [ "$linux" = "$P/work/6.12/linux" ]
	[ "$series" = "$P/backports/6.12/series" ] && [ "$fixups" = "$P/backports/6.12/fixups" ]
	[ "$ccache" = "$P/work/ccache" ] && [ "$pkg" = linux-source-6.12 ]
	[ "$base" = 395f9c2c8252969dc82b6468cc30770a640d4ccb ]
}

@test "targets: a relative LMM_WORK, LMM_LINUX or CCACHE_DIR is made absolute against the caller's folder" {
	cd "$BATS_TEST_TMPDIR"
	run env LMM_WORK=w/x LMM_LINUX=l CCACHE_DIR=c LMM_TARGET=6.12 bash -c \
		'. "$0"; cd /; echo "$LMM_WORK $LMM_LINUX $CCACHE_DIR"' "$REPO/scripts/lib.sh"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "$BATS_TEST_TMPDIR/w/x $BATS_TEST_TMPDIR/l $BATS_TEST_TMPDIR/c" ]
}

@test "targets: an unknown TARGET is refused with the list, by scripts and make" {
	run env LMM_TARGET=6.8 "$REPO/scripts/apply"
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown target '6.8' (targets: 6.12 mainline )"* ]]
	run make_p apply TARGET=6.8
	[ "$status" -ne 0 ]
	[[ "$output" == *"unknown target '6.8'"* ]]
}

@test "apply KDIR: a 7.3 tree gets the mainline target, a 6.12 tree the 6.12 one" {
	make_series
	make_612_series
	make_user_tree
	run "$REPO/scripts/apply" --kdir "$U" --branch t73
	[ "$status" -eq 0 ]
	[[ "$output" == *"is Linux 7.3.4: target mainline"* ]]
	[ "$(git -C "$U" rev-list --count main..t73)" -eq 2 ]
	git -C "$U" checkout -q main
	set_version 6 12 80
	# The 6.12 series differs: one patch less.
	sed -i '/0002-/d' "$P/backports/6.12/series"
	run "$REPO/scripts/apply" --kdir "$U" --branch t612
	[ "$status" -eq 0 ]
	[[ "$output" == *"is Linux 6.12.80: target 6.12"* ]]
	[[ "$output" == *"applied: 1 patches"* ]]
	[ "$(git -C "$U" rev-list --count main..t612)" -eq 1 ]
}

@test "apply KDIR: a version no target serves is refused, naming the supported ones" {
	make_series
	make_user_tree
	set_version 6 8 12
	refused_untouched "is Linux 6.8.12, which no target serves; supported: 6.12 (TARGET=6.12), 7.3 (TARGET=mainline)"
	rm -f "$U/Makefile"
	git -C "$U" commit -q -a -m "no Makefile"
	refused_untouched "cannot read VERSION and PATCHLEVEL from $U/Makefile"
}

@test "apply KDIR: a TARGET that does not serve the tree is refused" {
	make_series
	make_612_series
	make_user_tree
	before=$(tree_state "$U")
	run env LMM_TARGET=6.12 "$REPO/scripts/apply" --kdir "$U"
	[ "$status" -ne 0 ]
	[[ "$output" == *"is Linux 7.3.4, served by target mainline, not by TARGET=6.12"* ]]
	[ "$(tree_state "$U")" = "$before" ]
}

@test "apply KDIR: 'nothing to do' needs the same changes, not just the same subjects" {
	make_series
	make_user_tree
	git -C "$U" checkout -q -b try
	echo 'int other;' >>"$U/mm/memory.c"
	git -C "$U" commit -q -a -m "mm: rename a"
	echo 'int other;' >>"$U/mm/mprotect.c"
	git -C "$U" commit -q -a -m "mm/mprotect: rename x"
	git -C "$U" checkout -q main
	run "$REPO/scripts/apply" --kdir "$U" --branch try
	[ "$status" -ne 0 ]
	[[ "$output" == *"branch try exists in $U and does not hold the series"* ]]
	[[ "$output" != *"nothing to do"* ]]
}

@test "apply KDIR: a failed patch names the file, without git's --continue advice" {
	make_series
	make_user_tree
	sed -i 's/int x;/int z;/' "$U/mm/mprotect.c"
	git -C "$U" commit -q -a -m "local change"
	refused_untouched "(conflict in: mm/mprotect.c)"
	[[ "$output" != *"--continue"* ]]
	[[ "$output" != *"--skip"* ]]
	[[ "$output" == *"branch lazy-mmu was removed"* ]]
}

@test "apply KDIR: an am or a rebase in progress is named, with its own way out" {
	make_series
	make_user_tree
	sed -i 's/int x;/int z;/' "$U/mm/mprotect.c"
	git -C "$U" commit -q -a -m "local change"
	! git -C "$U" am -q "$P/patches/0002-mm-mprotect-rename-x.patch" 2>/dev/null
	before=$(tree_state "$U")
	run "$REPO/scripts/apply" --kdir "$U"
	[ "$status" -ne 0 ]
	[[ "$output" == *"a git am is in progress in $U: finish it with 'git am --continue' or drop it with 'git am --abort'"* ]]
	[ "$(tree_state "$U")" = "$before" ]
	# Still the user's am, which they can go on with.
	[ -f "$(git -C "$U" rev-parse --absolute-git-dir)/rebase-apply/applying" ]
	git -C "$U" am --abort
	git -C "$U" checkout -q -b side HEAD~1
	sed -i 's/int x;/int w;/' "$U/mm/mprotect.c"
	git -C "$U" commit -q -a -m "side change"
	! git -C "$U" rebase -q main >/dev/null 2>&1
	run "$REPO/scripts/apply" --kdir "$U"
	[ "$status" -ne 0 ]
	[[ "$output" == *"a git rebase is in progress in $U: finish it with 'git rebase --continue' or drop it with 'git rebase --abort'"* ]]
}

@test "make apply: a KDIR with a space works; BRANCH without KDIR and FORCE with KDIR are refused" {
	make_series
	make_user_tree
	mv "$U" "$BATS_TEST_TMPDIR/my tree"
	run make_p apply KDIR="$BATS_TEST_TMPDIR/my tree" BRANCH=try
	[ "$status" -eq 0 ]
	[ "$(git -C "$BATS_TEST_TMPDIR/my tree" rev-list --count main..try)" -eq 2 ]
	run make_p apply BRANCH=try
	[ "$status" -ne 0 ]
	[[ "$output" == *"needs --kdir (KDIR=)"* ]]
	run make_p apply KDIR="$BATS_TEST_TMPDIR/my tree" FORCE=1
	[ "$status" -ne 0 ]
	[[ "$output" == *"choose a new branch with BRANCH=name"* ]]
}

@test "targets: a work folder of the old layout becomes its target's, once, kept cells and worktree included" {
	make_series
	git -C "$L" worktree add -q --detach "$P/work/tree" lazy-mmu
	mkdir -p "$P/work/matrix/cells" "$P/work/ccache"
	echo "kept verdict" >"$P/work/matrix/cells/um-defconfig-1"
	run env -u LMM_WORK "$REPO/scripts/apply"
	[ "$status" -eq 0 ]
	[[ "$output" == *"moved the work folders of the layout before targets (linux tree matrix) from $P/work to $P/work/mainline"* ]]
	[[ "$output" == *"nothing to do"* ]]
	[ "$(cat "$P/work/mainline/matrix/cells/um-defconfig-1")" = "kept verdict" ]
	[ -d "$P/work/ccache" ] && [ ! -e "$P/work/linux" ]
	# The worktree still belongs to the moved tree.
	[ "$(git -C "$P/work/mainline/tree" rev-parse HEAD)" = "$(git -C "$P/work/mainline/linux" rev-parse lazy-mmu)" ]
	git -C "$P/work/mainline/linux" worktree list | grep -q "$P/work/mainline/tree "
	# Once: a second run moves nothing.
	run env -u LMM_WORK "$REPO/scripts/apply"
	[ "$status" -eq 0 ]
	[[ "$output" != *"moved the work folders"* ]]
}

@test "targets: an old work/linux of another base is left where it is" {
	run env -u LMM_WORK LMM_TARGET=6.12 LMM_BASE_COMMIT=1111111111111111111111111111111111111111 \
		bash -c '. "$0"; echo "$LMM_WORK"' "$REPO/scripts/lib.sh"
	[ "$status" -eq 0 ]
	[ "$output" = "$P/work/6.12" ]
	[ -d "$P/work/linux/.git" ] && [ ! -e "$P/work/6.12" ]
}

@test "targets: make help lists every target with the base of its file" {
	run make -s -C "$REPO" help
	[ "$status" -eq 0 ]
	for f in "$REPO"/targets/*.conf; do
		t=$(basename "$f" .conf)
		c=$(. "$f" && echo "${BASE_COMMIT:0:12}")
		v=$(. "$f" && echo "$BASE_PKG_VERSION")
		line=$(echo "$output" | grep "^  $t ")
		[[ $line == *" $v "*", base commit $c" ]]
	done
}

@test "targets: make help offers a configuration only to the targets its fragment names" {
	for f in "$REPO"/configs/*/*.config; do
		[[ $f != */configs/fragments/* ]] || continue
		only=$(sed -n 's/^# targets:[[:space:]]*//p' "$f")
		[ -n "$only" ] || continue
		c=${f#"$REPO"/configs/}; c=${c%.config}
		for t in "$REPO"/targets/*.conf; do
			t=$(basename "$t" .conf)
			line=$(make -s -C "$REPO" help TARGET="$t" | grep '^Configs')
			if [[ " $only " == *" $t "* ]]; then
				[[ "$line " == *" $c "* ]]
			else
				[[ "$line " != *" $c "* ]]
			fi
		done
	done
}

@test "targets: build refuses a configuration its fragment limits to other targets" {
	run env LMM_TOP="$REPO" LMM_TARGET=mainline "$REPO/scripts/build" powerpc kunit-module
	[ "$status" -ne 0 ]
	[[ "$output" == *"kunit-module.config is for target(s) 6.12 only, not mainline"* ]]
}

@test "series-tree: the tree of each revision's series, and the files outside documentation and tests it changes" {
	make_series
	git -C "$P" init -q
	git -C "$P" add series patches
	git -C "$P" commit -q -m one
	# The next version changes code and adds a document...
	echo 'int z;' >>"$L/mm/mprotect.c"
	mkdir -p "$L/Documentation"
	echo 'a document' >"$L/Documentation/x.rst"
	git -C "$L" add -A
	git -C "$L" commit -q --amend --no-edit
	"$REPO/scripts/export" >/dev/null
	git -C "$P" add -A series patches
	git -C "$P" commit -q -m two
	local two
	two=$(git -C "$L" rev-parse 'HEAD^{tree}')
	# ...and the last one only the document.
	echo 'reworded' >"$L/Documentation/x.rst"
	git -C "$L" commit -q -a --amend --no-edit
	"$REPO/scripts/export" >/dev/null
	git -C "$P" add -A series patches
	git -C "$P" commit -q -m three
	local before
	before=$(tree_state "$L")

	run "$REPO/scripts/series-tree" HEAD
	[ "$status" -eq 0 ]
	[ "$output" = "HEAD $(git -C "$L" rev-parse 'lazy-mmu^{tree}')" ]

	run "$REPO/scripts/series-tree" --code HEAD~1 HEAD~2
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "HEAD~1 $two" ]
	[ "${lines[1]}" = "  none" ]
	[[ "${lines[2]}" == "HEAD~2 "* ]]
	[ "${lines[3]}" = "  mm/mprotect.c" ]
	[ "${#lines[@]}" -eq 4 ]
	# Nothing in the tree moved.
	[ "$(tree_state "$L")" = "$before" ]

	run "$REPO/scripts/series-tree" no-such-rev
	[ "$status" -ne 0 ]
	[[ "$output" == *"no-such-rev: not a revision of $P"* ]]
}
