# SPDX-License-Identifier: GPL-2.0
# Common bits of the project's scripts.  Source it; do not run it.
#
# The target (make TARGET=, environment LMM_TARGET; default mainline)
# is one file, targets/$LMM_TARGET.conf: its base, where its series
# lives, and what differs between bases.
#
# Every path can be overridden from the environment, which is how the
# tooling tests point the scripts at small throw-away repositories:
#   LMM_TOP      the project checkout (targets/, configs/, scripts/, ...)
#   LMM_WORKROOT the ignored work folder (default: $LMM_TOP/work), shared
#                by the targets: ccache, downloads
#   LMM_WORK     the target's work folder (default: $LMM_WORKROOT/$LMM_TARGET)
#   LMM_LINUX    the kernel tree made by scripts/base (default: $LMM_WORK/linux)
#   LMM_BRANCH   the series branch in that tree (default: lazy-mmu)
#   LMM_PATCHES, LMM_SERIES, LMM_COVER, LMM_POSTING, LMM_FIXUPS: the
#                target's series (default: in its SERIES_DIR)

set -euo pipefail

LMM_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LMM_TOP=${LMM_TOP:-$(cd "$LMM_SCRIPTS/.." && pwd)}
PROG=${PROG:-$(basename "$0")}
# Whether the caller chose the target (scripts/apply --kdir picks one).
LMM_TARGET_CHOSEN=${LMM_TARGET:+1}
LMM_TARGET=${LMM_TARGET:-mainline}

# The fixed identity of the commits the scripts make (base, test tree).
BASE_TAG=lazy-mmu-base
BASE_IDENT_NAME="lazy-mmu base"
BASE_IDENT_EMAIL="base@lazy-mmu.invalid"

# The targets' names, from targets/*.conf.
lmm_targets() {
	local f

	for f in "$LMM_TOP"/targets/*.conf; do
		[ -f "$f" ] && basename "$f" .conf
	done
}

# target_field TARGET VAR: VAR of targets/TARGET.conf, read in a subshell.
target_field() {
	# shellcheck disable=SC1090
	(. "$LMM_TOP/configs/sets.conf" && . "$LMM_TOP/targets/$1.conf" &&
	 eval "printf '%s\\n' \"\${$2:-}\"")
}

if [ ! -f "$LMM_TOP/targets/$LMM_TARGET.conf" ]; then
	echo "$PROG: error: unknown target '$LMM_TARGET' (targets: $(lmm_targets | tr '\n' ' '))" >&2
	exit 2
fi
# The named sets of configurations, then the target, which may set them again.
# shellcheck source=../configs/sets.conf
. "$LMM_TOP/configs/sets.conf"
# shellcheck source=../targets/mainline.conf
. "$LMM_TOP/targets/$LMM_TARGET.conf"
# lmm_abs PATH: PATH made absolute against the caller's folder.  The
# scripts run make -C in a tree, where a relative O= or LMM_WORK would
# name another folder and a stale build could be measured unnoticed.
lmm_abs() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s\n' "$PWD/$1" ;;
	esac
}
LMM_WORKROOT=$(lmm_abs "${LMM_WORKROOT:-$LMM_TOP/work}")
lmm_work_default=${LMM_WORK:-1}
LMM_WORK=$(lmm_abs "${LMM_WORK:-$LMM_WORKROOT/$LMM_TARGET}")
LMM_LINUX=$(lmm_abs "${LMM_LINUX:-$LMM_WORK/linux}")
LMM_BRANCH=${LMM_BRANCH:-lazy-mmu}
LMM_BASE_COMMIT=${LMM_BASE_COMMIT:-$BASE_COMMIT}
case "$SERIES_DIR" in
.|"") LMM_SERIES_DIR=$LMM_TOP ;;
*) LMM_SERIES_DIR=$LMM_TOP/$SERIES_DIR ;;
esac
LMM_PATCHES=${LMM_PATCHES:-$LMM_SERIES_DIR/patches}
LMM_SERIES=${LMM_SERIES:-$LMM_SERIES_DIR/series}
LMM_COVER=${LMM_COVER:-$LMM_SERIES_DIR/cover-letter.txt}
LMM_POSTING=${LMM_POSTING:-$LMM_SERIES_DIR/posting.conf}
LMM_FIXUPS=${LMM_FIXUPS:-$LMM_SERIES_DIR/fixups}
CCACHE_DIR=$(lmm_abs "${CCACHE_DIR:-$LMM_WORKROOT/ccache}")
export CCACHE_DIR
# A work folder of the layout before targets (work/linux, work/build,
# ... for the one base there was) becomes the work folder of the target
# whose base commit its tree holds, once: so its kept builds, matrix
# cells and logs go on being used.  The worktrees of that tree are
# repaired after the move; nothing is deleted.
migrate_old_work() {
	local old=$LMM_WORKROOT f moved=() wts

	[ "$lmm_work_default" = 1 ] && [ -d "$old/linux/.git" ] && [ ! -e "$LMM_WORK" ] || return 0
	git -C "$old/linux" cat-file -e "$LMM_BASE_COMMIT^{commit}" 2>/dev/null || return 0
	mkdir -p "$LMM_WORK"
	for f in linux tree build logs kunit boot bench matrix cocci b4 b4-cover-editor \
		 b4-prep.log send-dry-run send-dry-run.log send-dry-run-am allmodconfig .build.lock; do
		[ -e "$old/$f" ] || [ -L "$old/$f" ] || continue
		mv "$old/$f" "$LMM_WORK/$f"
		moved+=("$f")
	done
	wts=()
	for f in tree b4 send-dry-run-am; do
		[ -e "$LMM_WORK/$f/.git" ] && wts+=("$LMM_WORK/$f")
	done
	git -C "$LMM_WORK/linux" worktree repair "${wts[@]}" >/dev/null 2>&1 || true
	echo "$PROG: moved the work folders of the layout before targets (${moved[*]}) from $old to $LMM_WORK: its tree holds the base of target $LMM_TARGET" >&2
}
migrate_old_work

# Notes below a patch's '---' live as git notes of its commit here.
LMM_NOTES=refs/notes/lazy-mmu

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

# The base commit recorded in the target file must exist in the tree.
require_base() {
	[ -d "$LMM_LINUX/.git" ] ||
		die "no kernel tree at $LMM_LINUX; run 'make base' first"
	git -C "$LMM_LINUX" cat-file -e "$LMM_BASE_COMMIT^{commit}" 2>/dev/null ||
		die "$LMM_LINUX lacks the base commit $LMM_BASE_COMMIT; run 'make base'"
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

# The python3 that the scripts run: Debian's (KBUILD_PKGS).  A version
# manager's shim found first on PATH takes longer to start than most of
# the modules take to run, and the result store runs one for every
# verdict it reads or writes.
LMM_PYTHON=${LMM_PYTHON:-/usr/bin/python3}

# lmm_py MODULE ARG...: run the Python module scripts/lmm/MODULE.py.
lmm_py() {
	PYTHONPATH="$LMM_SCRIPTS${PYTHONPATH:+:$PYTHONPATH}" "$LMM_PYTHON" -m "lmm.$1" "${@:2}"
}

# bench_init: for scripts/bench and its parts: BENCH_BASE and
# BENCH_SERIES, the commits measured, and BENCH_DIR, work/TARGET/bench.
bench_init() {
	require_base
	BENCH_BASE=$(git -C "$LMM_LINUX" rev-parse "$LMM_BASE_COMMIT")
	BENCH_SERIES=$(git -C "$LMM_LINUX" rev-parse "refs/heads/$LMM_BRANCH")
	BENCH_DIR=$LMM_WORK/bench
	mkdir -p "$BENCH_DIR"
}

# bench_section PART TITLE: write the standard input as the section of a
# part of the bench, BENCH_DIR/PART.md, under TITLE, the date and the
# commits measured.
bench_section() {
	{
		printf '## %s\n\nMeasured %s, base %s, series %s.\n\n' "$2" \
			"$(date -u '+%Y-%m-%d %H:%M UTC')" "${BENCH_BASE:0:12}" "${BENCH_SERIES:0:12}"
		cat
		echo
	} >"$BENCH_DIR/$1.md.tmp"
	mv "$BENCH_DIR/$1.md.tmp" "$BENCH_DIR/$1.md"
}

# One build at a time per work folder: the test tree moves between
# revisions, and two builds of one output folder would corrupt each other.
# A script that uses the test tree after its builds (boot-test, the
# bench parts) holds the lock for the whole of that use: the scripts it
# runs inherit the locked descriptor, and LMM_BUILD_LOCK_HELD tells
# them not to wait for their own parent.
take_build_lock() {
	[ "${LMM_BUILD_LOCK_HELD:-}" != "$LMM_WORK" ] || return 0
	mkdir -p "$LMM_WORK"
	exec 9>"$LMM_WORK/.build.lock"
	flock -n 9 || { info "waiting for another build (lock $LMM_WORK/.build.lock)"; flock 9; }
	export LMM_BUILD_LOCK_HELD=$LMM_WORK
}

# The rest, one file per subject, all sourced here: per-arch facts, the
# test tree and the guests' initramfs, the step runner and the result
# store, the poster's identity and b4, Debian's archive.
# shellcheck source=arch.sh
. "$LMM_SCRIPTS/arch.sh"
# shellcheck source=tree.sh
. "$LMM_SCRIPTS/tree.sh"
# shellcheck source=store.sh
. "$LMM_SCRIPTS/store.sh"
# shellcheck source=posting.sh
. "$LMM_SCRIPTS/posting.sh"
# shellcheck source=debian.sh
. "$LMM_SCRIPTS/debian.sh"
