# SPDX-License-Identifier: GPL-2.0
# The test tree the builds use, and the initramfs of the guests.  Sourced by lib.sh; do not run it.

# The test tree: a git worktree of $LMM_LINUX at work/tree, detached at a
# revision with the test-only fixups of fixups/ committed on top.  Builds
# use it so that they never touch the developer's checkout and always
# carry the same fixups.  The fixed-up commit is made in a temporary index
# and checked out directly, so that moving between revisions rewrites only
# the files that differ (and make rebuilds only what they affect).
#
# A configuration may need fixups that no other build wants: those of
# fixups/ARCH-CONFIG/ (its own series and patches) apply after the common
# ones, to the builds of configs/ARCH/CONFIG.config only.  The stamps of
# the other builds (fixup_files) do not read them, so adding such a
# folder leaves every other kept verdict standing.
#
# test_commit REV [ARCH-CONFIG]: prints the commit of REV with the
# fixups on top, made in a temporary index: no checkout, no lock.
test_commit() {
	local sha tree idx f n d fdirs=("$LMM_FIXUPS") msg=fixups/

	sha=$(git -C "$LMM_LINUX" rev-parse -q --verify "$1^{commit}") ||
		die "no revision '$1' in $LMM_LINUX"
	if [ -n "${2:-}" ] && [ -f "$LMM_FIXUPS/$2/series" ]; then
		fdirs+=("$LMM_FIXUPS/$2")
		msg+=" and fixups/$2/"
	fi
	idx=$(mktemp)
	rm -f "$idx"
	GIT_INDEX_FILE=$idx git -C "$LMM_LINUX" read-tree "$sha"
	for d in "${fdirs[@]}"; do
		while read -r n; do
			f=$d/$n
			[ -f "$f" ] || { rm -f "$idx"; die "$d/series lists $n, which is not in $d/"; }
			GIT_INDEX_FILE=$idx git -C "$LMM_LINUX" apply --cached "$f" ||
				{ rm -f "$idx"; die "fixup $f does not apply on $1 ($sha)"; }
		done < <(series_patches "$d/series")
	done
	tree=$(GIT_INDEX_FILE=$idx git -C "$LMM_LINUX" write-tree)
	rm -f "$idx"
	GIT_AUTHOR_NAME="$BASE_IDENT_NAME" GIT_AUTHOR_EMAIL="$BASE_IDENT_EMAIL" \
		GIT_COMMITTER_NAME="$BASE_IDENT_NAME" GIT_COMMITTER_EMAIL="$BASE_IDENT_EMAIL" \
		GIT_AUTHOR_DATE="$BASE_DATE" GIT_COMMITTER_DATE="$BASE_DATE" \
		git -C "$LMM_LINUX" commit-tree "$tree" -p "$sha" \
		-m "test-only fixups of $msg on $(git -C "$LMM_LINUX" rev-parse --short=12 "$sha")"
}

# make_test_tree REV [ARCH-CONFIG]: prints the tree's path.
LMM_TREE=${LMM_TREE:-$LMM_WORK/tree}
make_test_tree() {
	local commit

	commit=$(test_commit "$@") || exit 1
	if [ ! -d "$LMM_TREE" ]; then
		git -C "$LMM_LINUX" worktree prune
		git -C "$LMM_LINUX" worktree add -q --detach "$LMM_TREE" "$commit" >&2
	elif [ "$(git -C "$LMM_TREE" rev-parse HEAD)" != "$commit" ] ||
	     [ -n "$(git -C "$LMM_TREE" status --porcelain --untracked-files=no)" ]; then
		git -C "$LMM_TREE" checkout -q -f --detach "$commit"
	fi
	echo "$LMM_TREE"
}

# fixup_files [ARCH-CONFIG]: the files a build's stamp reads of the
# target's fixups: the common ones, and fixups/ARCH-CONFIG/ when given
# and there.  One path per line; none when the target has no fixups/.
fixup_files() {
	[ -d "$LMM_FIXUPS" ] || return 0
	find "$LMM_FIXUPS" -maxdepth 1 -type f
	[ -z "${1:-}" ] || [ ! -d "$LMM_FIXUPS/$1" ] || echo "$LMM_FIXUPS/$1"
}

# The guests of boot-test and bench run guest/boot/init.c as /init, which
# mounts /proc and /sys and reads its steps from /etc/boot-test.
# initramfs_list INIT STEPS [DEST=SRC | FILE]...: the gen_init_cpio list
# of such an initramfs, INIT and STEPS being host files: each FILE goes
# to /bin/NAME, or /lib/modules/NAME for a .ko; DEST=SRC puts SRC at DEST
# (mode 0755), making DEST's folder if the list has none yet.
initramfs_list() {
	local f dest src mode dirs=" /dev /proc /sys /tmp /etc /bin /lib /lib/modules "

	cat <<EOT
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
dir /sys 0755 0 0
dir /tmp 1777 0 0
dir /etc 0755 0 0
dir /bin 0755 0 0
dir /lib 0755 0 0
dir /lib/modules 0755 0 0
file /init $1 0755 0 0
file /etc/boot-test $2 0644 0 0
EOT
	shift 2
	for f in "$@"; do
		case "$f" in
		*=*) dest=${f%%=*} src=${f#*=} mode=0755 ;;
		*.ko) dest=/lib/modules/${f##*/} src=$f mode=0644 ;;
		*) dest=/bin/${f##*/} src=$f mode=0755 ;;
		esac
		if [[ "$dirs" != *" ${dest%/*} "* ]]; then
			echo "dir ${dest%/*} 0755 0 0"
			dirs+="${dest%/*} "
		fi
		echo "file $dest $src $mode 0 0"
	done
}

# initramfs OUT INIT-CC STEPS [DEST=SRC | FILE]...: build guest/boot/init.c
# static with INIT-CC and pack OUT as initramfs_list says, with the test
# tree's usr/gen_init_cpio.
initramfs() {
	local out=$1 cc=$2

	"$cc" -static -O2 -Wall -o "$out.init" "$LMM_TOP/guest/boot/init.c" ||
		die "cannot build /init: $cc -static -O2 -Wall -o $out.init $LMM_TOP/guest/boot/init.c"
	gcc -O2 -o "$out.gen_init_cpio" "$LMM_TREE/usr/gen_init_cpio.c" ||
		die "cannot build gen_init_cpio: gcc -O2 -o $out.gen_init_cpio $LMM_TREE/usr/gen_init_cpio.c"
	shift 2
	initramfs_list "$out.init" "$@" >"$out.list"
	"$out.gen_init_cpio" "$out.list" >"$out" || die "gen_init_cpio failed on $out.list"
}
