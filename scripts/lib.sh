# SPDX-License-Identifier: GPL-2.0
# Common bits of the project's scripts.  Source it; do not run it.
#
# Every path can be overridden from the environment, which is how the
# tooling tests point the scripts at small throw-away repositories:
#   LMM_TOP     the project checkout (patches/, series, configs/, ...)
#   LMM_WORK    the ignored work folder (default: $LMM_TOP/work)
#   LMM_LINUX   the kernel tree made by scripts/base (default: $LMM_WORK/linux)
#   LMM_BRANCH  the series branch in that tree (default: lazy-mmu)

set -euo pipefail

LMM_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LMM_TOP=${LMM_TOP:-$(cd "$LMM_SCRIPTS/.." && pwd)}
# shellcheck source=base.conf
. "$LMM_TOP/scripts/base.conf"
LMM_WORK=${LMM_WORK:-$LMM_TOP/work}
LMM_LINUX=${LMM_LINUX:-$LMM_WORK/linux}
LMM_BRANCH=${LMM_BRANCH:-lazy-mmu}
LMM_BASE_COMMIT=${LMM_BASE_COMMIT:-$BASE_COMMIT}
LMM_PATCHES=${LMM_PATCHES:-$LMM_TOP/patches}
LMM_SERIES=${LMM_SERIES:-$LMM_TOP/series}
LMM_FIXUPS=${LMM_FIXUPS:-$LMM_TOP/fixups}
# Notes below a patch's '---' live as git notes of its commit here.
LMM_NOTES=refs/notes/lazy-mmu
PROG=${PROG:-$(basename "$0")}

# Run from the project's Makefile, the variables of its command line
# (ARCH=, CONFIG=, ...) would reach the kernel's make through MAKEFLAGS.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

die() {
	echo "$PROG: error: $*" >&2
	exit 1
}

info() {
	echo "$PROG: $*"
}

# Run git with no user or system configuration, so that nobody's
# format.*, diff.* or core.* settings change what the scripts produce.
# The repository's own config (branch descriptions, identity set by the
# caller through the environment) still applies.
git_clean_env() {
	GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git "$@"
}

# in_list WORD LIST...: whether WORD is one of LIST.  Not 'printf | grep
# -q': under pipefail, grep leaving at the first match can kill printf
# with SIGPIPE, and the test then fails at random.
in_list() {
	local w=$1 x

	shift
	for x in "$@"; do
		[ "$x" = "$w" ] && return 0
	done
	return 1
}

# Print the patch file names listed in a quilt series file, in order.
series_patches() {
	local series=${1:-$LMM_SERIES}

	[ -f "$series" ] || die "no series file at $series"
	sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]].*//' \
		"$series" | sed '/^$/d'
}

# Install Debian packages that are missing.  apt-get update runs once per
# process, before the first install, as a fresh machine's lists are empty.
LMM_APT_UPDATED=${LMM_APT_UPDATED:-}
need_pkgs() {
	local missing=() p sudo=

	for p in "$@"; do
		dpkg-query -W -f='${Status}' "${p%%=*}" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null ||
			die "missing packages: ${missing[*]} (install them as root)"
		sudo=sudo
	fi
	info "installing ${missing[*]}"
	if [ -z "$LMM_APT_UPDATED" ]; then
		$sudo apt-get update -qq ||
			die "apt-get update failed; cannot install ${missing[*]}"
		LMM_APT_UPDATED=1
		export LMM_APT_UPDATED
	fi
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install ${missing[*]} failed"
}

# The base commit recorded in scripts/base.conf must exist in the tree.
require_base() {
	[ -d "$LMM_LINUX/.git" ] ||
		die "no kernel tree at $LMM_LINUX; run 'make base' first"
	git -C "$LMM_LINUX" cat-file -e "$LMM_BASE_COMMIT^{commit}" 2>/dev/null ||
		die "$LMM_LINUX lacks the base commit $LMM_BASE_COMMIT; run 'make base'"
}

# Map the project's arch names to kernel ARCH, CROSS_COMPILE, compiler
# package and SRCARCH.  Sets K_ARCH, K_CROSS, K_PKG and K_SRCARCH.
arch_setup() {
	case "$1" in
	x86_64)  K_ARCH=x86_64  K_CROSS=                     K_PKG=gcc                       K_SRCARCH=x86 ;;
	i386)    K_ARCH=i386    K_CROSS=                     K_PKG=gcc                       K_SRCARCH=x86 ;;
	um)      K_ARCH=um      K_CROSS=                     K_PKG=gcc                       K_SRCARCH=um ;;
	arm64)   K_ARCH=arm64   K_CROSS=aarch64-linux-gnu-   K_PKG=gcc-aarch64-linux-gnu     K_SRCARCH=arm64 ;;
	powerpc) K_ARCH=powerpc K_CROSS=powerpc64-linux-gnu- K_PKG=gcc-powerpc64-linux-gnu   K_SRCARCH=powerpc ;;
	ppc64le) K_ARCH=powerpc K_CROSS=powerpc64le-linux-gnu- K_PKG=gcc-powerpc64le-linux-gnu K_SRCARCH=powerpc ;;
	sparc64) K_ARCH=sparc64 K_CROSS=sparc64-linux-gnu-   K_PKG=gcc-sparc64-linux-gnu     K_SRCARCH=sparc ;;
	# 32-bit sparc, with the biarch sparc64 compiler (the kernel passes -m32).
	sparc)   K_ARCH=sparc   K_CROSS=sparc64-linux-gnu-   K_PKG=gcc-sparc64-linux-gnu     K_SRCARCH=sparc ;;
	riscv64) K_ARCH=riscv   K_CROSS=riscv64-linux-gnu-   K_PKG=gcc-riscv64-linux-gnu     K_SRCARCH=riscv ;;
	*) die "unknown arch '$1' (known: x86_64 i386 arm64 powerpc ppc64le sparc64 sparc um riscv64)" ;;
	esac
}

# The lines of a build log that report an error: the compiler's and the
# assembler's ("error:", "Error:"), modpost's ("ERROR:"), the linker's,
# and make's (a missing target or prerequisite, and the lines that name
# the target that failed).  Not file names such as
# scripts/dtc/libfdt/fdt_strerror.o or error_report-traces.o.
LMM_ERROR_RE='(^|[^[:alnum:]_])(error|Error|ERROR):|undefined reference|multiple definition|\*\*\* No rule to make target|\] Error [0-9]+$'

# Packages that every kernel build needs on the host.  gawk is optional
# in Documentation/process/changes.rst, but allmodconfig turns on
# CONFIG_BUILTIN_MODULE_RANGES, whose modules.builtin.ranges needs it.
KBUILD_PKGS=(make gcc bc bison flex libssl-dev libelf-dev perl python3 ccache cpio kmod gawk)

# The test tree: a git worktree of $LMM_LINUX at work/tree, detached at a
# revision with the test-only fixups of fixups/ committed on top.  Builds
# use it so that they never touch the developer's checkout and always
# carry the same fixups.  The fixed-up commit is made in a temporary index
# and checked out directly, so that moving between revisions rewrites only
# the files that differ (and make rebuilds only what they affect).
# Prints the tree's path.
LMM_TREE=${LMM_TREE:-$LMM_WORK/tree}
make_test_tree() {
	local sha commit tree idx f n

	sha=$(git -C "$LMM_LINUX" rev-parse -q --verify "$1^{commit}") ||
		die "no revision '$1' in $LMM_LINUX"
	idx=$(mktemp)
	rm -f "$idx"
	GIT_INDEX_FILE=$idx git -C "$LMM_LINUX" read-tree "$sha"
	while read -r n; do
		f=$LMM_FIXUPS/$n
		[ -f "$f" ] || die "fixups/series lists $n, which is not in fixups/"
		GIT_INDEX_FILE=$idx git -C "$LMM_LINUX" apply --cached "$f" ||
			{ rm -f "$idx"; die "fixup $n does not apply on $1 ($sha)"; }
	done < <(series_patches "$LMM_FIXUPS/series")
	tree=$(GIT_INDEX_FILE=$idx git -C "$LMM_LINUX" write-tree)
	rm -f "$idx"
	commit=$(GIT_AUTHOR_NAME="$BASE_IDENT_NAME" GIT_AUTHOR_EMAIL="$BASE_IDENT_EMAIL" \
		GIT_COMMITTER_NAME="$BASE_IDENT_NAME" GIT_COMMITTER_EMAIL="$BASE_IDENT_EMAIL" \
		GIT_AUTHOR_DATE="$BASE_DATE" GIT_COMMITTER_DATE="$BASE_DATE" \
		git -C "$LMM_LINUX" commit-tree "$tree" -p "$sha" \
		-m "test-only fixups of fixups/ on $(git -C "$LMM_LINUX" rev-parse --short=12 "$sha")")
	if [ ! -d "$LMM_TREE" ]; then
		git -C "$LMM_LINUX" worktree prune
		git -C "$LMM_LINUX" worktree add -q --detach "$LMM_TREE" "$commit" >&2
	elif [ "$(git -C "$LMM_TREE" rev-parse HEAD)" != "$commit" ] ||
	     [ -n "$(git -C "$LMM_TREE" status --porcelain --untracked-files=no)" ]; then
		git -C "$LMM_TREE" checkout -q -f --detach "$commit"
	fi
	echo "$LMM_TREE"
}

# The guests of boot-test and bench run tests/boot/init.c as /init, which
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

# initramfs OUT INIT-CC STEPS [DEST=SRC | FILE]...: build tests/boot/init.c
# static with INIT-CC and pack OUT as initramfs_list says, with the test
# tree's usr/gen_init_cpio.
initramfs() {
	local out=$1 cc=$2

	"$cc" -static -O2 -Wall -o "$out.init" "$LMM_TOP/tests/boot/init.c" ||
		die "cannot build /init: $cc -static -O2 -Wall -o $out.init $LMM_TOP/tests/boot/init.c"
	gcc -O2 -o "$out.gen_init_cpio" "$LMM_TREE/usr/gen_init_cpio.c" ||
		die "cannot build gen_init_cpio: gcc -O2 -o $out.gen_init_cpio $LMM_TREE/usr/gen_init_cpio.c"
	shift 2
	initramfs_list "$out.init" "$@" >"$out.list"
	"$out.gen_init_cpio" "$out.list" >"$out" || die "gen_init_cpio failed on $out.list"
}

# One build at a time per work folder: the test tree moves between
# revisions, and two builds of one output folder would corrupt each other.
take_build_lock() {
	mkdir -p "$LMM_WORK"
	exec 9>"$LMM_WORK/.build.lock"
	flock -n 9 || { info "waiting for another build (lock $LMM_WORK/.build.lock)"; flock 9; }
}

# Git configuration for b4 and the git it runs, through git's
# GIT_CONFIG_COUNT environment: b4_env KEY VALUE adds one setting.
b4_env() {
	local i=${GIT_CONFIG_COUNT:-0}

	export "GIT_CONFIG_KEY_$i=$1" "GIT_CONFIG_VALUE_$i=$2"
	export GIT_CONFIG_COUNT=$((i + 1))
}

# b4 (Debian's 0.12) installed, and an identity for it: git's own, or
# else the series' author, who is also the committer of what b4
# cherry-picks.
b4_setup() {
	local name

	need_pkgs b4
	case "$(b4 --version 2>/dev/null)" in
	0.12.*) ;;
	*) die "b4 0.12 is needed (Debian bookworm's), found: $(b4 --version 2>&1 | head -n 1)" ;;
	esac
	if [ -z "$(git -C "$LMM_LINUX" config user.email 2>/dev/null)" ]; then
		name=$(git -C "$LMM_LINUX" log -1 --format=%an "refs/heads/$LMM_BRANCH" 2>/dev/null) ||
			die "no git identity and no branch $LMM_BRANCH to take one from"
		b4_env user.name "$name"
		b4_env user.email "$(git -C "$LMM_LINUX" log -1 --format=%ae "refs/heads/$LMM_BRANCH")"
	fi
}
