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
LMM_WORKROOT=${LMM_WORKROOT:-$LMM_TOP/work}
lmm_work_default=${LMM_WORK:-1}
LMM_WORK=${LMM_WORK:-$LMM_WORKROOT/$LMM_TARGET}
LMM_LINUX=${LMM_LINUX:-$LMM_WORK/linux}
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
export CCACHE_DIR=${CCACHE_DIR:-$LMM_WORKROOT/ccache}
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

# arch_setup ARCH: the line of configs/arches.conf for ARCH.  Sets
# K_ARCH, K_SRCARCH, K_CROSS, K_PKG (compiler package), K_LIBC, Q_PKG,
# Q_BIN, Q_MACHINE, Q_CPU, Q_CPUS, K_CONSOLE and K_IMAGE ('' for '-'),
# and QEMU_BASE, the array "Q_BIN -M Q_MACHINE [-cpu Q_CPU]" (empty
# for an arch that is built only).
arch_setup() {
	local line v table=$LMM_TOP/configs/arches.conf

	line=$(awk -v a="$1" '$1 == a && !/^#/' "$table")
	[ -n "$line" ] ||
		die "unknown arch '$1' (known: $(awk '!/^#/ && NF { printf "%s ", $1 }' "$table"))"
	read -r _ K_ARCH K_SRCARCH K_CROSS K_PKG K_LIBC Q_PKG Q_BIN Q_MACHINE \
		Q_CPU Q_CPUS K_CONSOLE K_IMAGE <<<"$line"
	[ -n "$K_IMAGE" ] || die "configs/arches.conf: the line of '$1' lacks fields"
	for v in K_CROSS K_LIBC Q_PKG Q_BIN Q_MACHINE Q_CPU Q_CPUS K_CONSOLE K_IMAGE; do
		[ "${!v}" != - ] || printf -v "$v" ''
	done
	QEMU_BASE=()
	[ -z "$Q_BIN" ] || QEMU_BASE=("$Q_BIN" -M "$Q_MACHINE" ${Q_CPU:+-cpu "$Q_CPU"})
}

# arches_with FIELD: the arches whose FIELD (a K_/Q_ variable that
# arch_setup sets) is not empty, on one line.  A subshell: the caller's
# K_* and Q_* stay as they are.
arches_with() (
	local a found=()

	for a in $(awk '!/^#/ && NF { print $1 }' "$LMM_TOP/configs/arches.conf"); do
		arch_setup "$a"
		[ -z "${!1}" ] || found+=("$a")
	done
	echo "${found[*]}"
)

# kunit_qemu ARCH: how kunit.py runs ARCH under QEMU.  Sets KUNIT_QEMU,
# kunit.py's own --arch, or the project's configs/kunit/qemu/ARCH.py
# where kunit.py has none (sparc64), and KUNIT_SMP, '-smp 2' unless the
# machine has one CPU.  Calls arch_setup.
kunit_qemu() {
	local py=$LMM_TOP/configs/kunit/qemu/$1.py

	arch_setup "$1"
	[ -n "$Q_BIN" ] || die "no QEMU for '$1' in configs/arches.conf (have: $(arches_with Q_BIN))"
	KUNIT_QEMU=(--arch="$1")
	[ ! -f "$py" ] || KUNIT_QEMU=(--qemu_config="$py")
	KUNIT_SMP="-smp 2"
	[ "$Q_CPUS" != 1 ] || KUNIT_SMP=
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

# The step runner and the result store.
# shellcheck source=store.sh
. "$LMM_SCRIPTS/store.sh"

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

# is_placeholder_addr ADDRESS: true for an address that no one reads: a
# no-reply address, or one in a domain reserved for examples and tests
# (RFC 2606: .example, .invalid, .test, .localhost, example.com/.net/.org).
is_placeholder_addr() {
	local a=${1,,}

	[[ $a =~ (^|[.@+_-])no-?reply([.@+_-]|$) ||
	   $a =~ \.(example|invalid|test|localhost)$ ||
	   $a =~ @(.+\.)?example\.(com|net|org)$ ]]
}

# poster_identity: set POSTER_NAME and POSTER_EMAIL, the identity the
# series goes out under: POSTER ('Name <address>', make POSTER=...), else
# git's user.name and user.email (the kernel tree's config, which
# includes the global one).  A placeholder (is_placeholder_addr), or no
# identity at all, is refused unless INSPECT=1 says that the messages
# are for inspection only; the series' author is then used when there is
# no identity.  POSTER_INSPECT is 1 when the identity is a placeholder.
poster_identity() {
	POSTER_INSPECT=0
	if [ -n "${POSTER:-}" ]; then
		[[ $POSTER =~ ^([^<>]*[^<> ])\ +\<([^<>@ ]+@[^<> ]+)\>$ ]] ||
			die "POSTER must be 'Name <address>', not: $POSTER"
		POSTER_NAME=${BASH_REMATCH[1]} POSTER_EMAIL=${BASH_REMATCH[2]}
	else
		POSTER_NAME=$(git -C "$LMM_LINUX" config user.name 2>/dev/null || true)
		POSTER_EMAIL=$(git -C "$LMM_LINUX" config user.email 2>/dev/null || true)
	fi
	if [ -z "$POSTER_NAME" ] || [ -z "$POSTER_EMAIL" ]; then
		[ "${INSPECT:-}" = 1 ] ||
			die "no identity to post the series under: set POSTER='Your Name <you@your.domain>' (or git's user.name and user.email), or INSPECT=1 for messages to inspect only"
		POSTER_NAME=$(git -C "$LMM_LINUX" log -1 --format=%an "refs/heads/$LMM_BRANCH" 2>/dev/null) ||
			die "no identity and no branch $LMM_BRANCH to take one from"
		POSTER_EMAIL=$(git -C "$LMM_LINUX" log -1 --format=%ae "refs/heads/$LMM_BRANCH")
	fi
	if is_placeholder_addr "$POSTER_EMAIL"; then
		[ "${INSPECT:-}" = 1 ] ||
			die "$POSTER_NAME <$POSTER_EMAIL> is a placeholder or no-reply address, which no list takes mail from and no one can answer: set POSTER='Your Name <you@your.domain>' (or git's user.name and user.email), or INSPECT=1 for messages to inspect only"
		POSTER_INSPECT=1
	fi
}

# b4 (Debian's 0.12) installed, and the poster's identity for it
# (poster_identity): b4 sends from user.email and commits what it
# cherry-picks as user.name and user.email.
b4_setup() {
	need_pkgs b4
	case "$(b4 --version 2>/dev/null)" in
	0.12.*) ;;
	*) die "b4 0.12 is needed (Debian bookworm's), found: $(b4 --version 2>&1 | head -n 1)" ;;
	esac
	poster_identity
	b4_env user.name "$POSTER_NAME"
	b4_env user.email "$POSTER_EMAIL"
}

# debian_mirror SUITE: the Debian archive of the machine's own apt
# sources that serves SUITE (no host name is kept in the project): the
# base URI of the machine's index for SUITE when it has one (a security
# suite lives in an archive of its own), else that of its first Debian
# index that is not a security one.
debian_mirror() {
	apt-get indextargets --format '$(ORIGIN) $(CODENAME) $(BASE_URI)' 2>/dev/null |
		awk -v suite="$1" '$1 == "Debian" { sub(/\/dists\/.*/, "", $3) }
			$1 == "Debian" && $2 == suite { print $3; found = 1; exit }
			$1 == "Debian" && $3 !~ /security/ && other == "" { other = $3 }
			END { if (!found && other != "") print other }'
}

# fetch_deb PKG VERSION SUITE: download PKG=VERSION from SUITE of the
# machine's Debian mirror into $LMM_WORKROOT/dl and print the .deb's
# path.  The suite is added for this download only, with apt state of
# its own under $LMM_WORKROOT/dl/apt-SUITE: the machine's sources and
# lists stay as they are, and nothing is installed.  If VERSION is not
# in the suite, stop and name the versions that are.  An empty VERSION
# takes the one the suite has (for a tool, not for a base).
fetch_deb() {
	local pkg=$1 ver=$2 suite=$3 dl=$LMM_WORKROOT/dl st deb mirror have
	local -a o debs

	if [ -n "$ver" ]; then
		debs=("$dl/${pkg}_${ver/:/%3a}"_*.deb)
		[ -f "${debs[0]}" ] && { echo "${debs[0]}"; return 0; }
	fi
	mirror=$(debian_mirror "$suite")
	[ -n "$mirror" ] || die "no Debian mirror in the machine's apt sources (apt-get indextargets)"
	st=$dl/apt-$suite
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
		>"$st/sources.list"
	o=(-o "Dir::Etc::SourceList=$st/sources.list" -o Dir::Etc::SourceParts=/dev/null
	   -o "Dir::State::Lists=$st/lists" -o "Dir::Cache=$st/cache"
	   -o APT::Sandbox::User=root)
	info "fetching $pkg ${ver:-(the version there)} from Debian's $suite" >&2
	apt-get -qq "${o[@]}" update >&2 ||
		die "apt-get update of suite $suite failed (mirror of the machine's apt sources)"
	have=$(apt-cache "${o[@]}" madison "$pkg" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | paste -s -d' ' -)
	if [ -z "$ver" ]; then
		ver=${have%% *}
		[ -n "$ver" ] || die "Debian's $suite has no package $pkg"
	fi
	in_list "$ver" $have ||
		die "$pkg $ver is no longer in Debian's $suite; versions there: ${have:-none}.
Pick one of them in targets/$LMM_TARGET.conf (BASE_PKG_VERSION), which changes BASE_COMMIT too"
	(cd "$dl" && apt-get -qq "${o[@]}" download "$pkg=$ver" >&2) ||
		die "apt-get download $pkg=$ver from $suite failed"
	debs=("$dl/${pkg}_${ver/:/%3a}"_*.deb)
	[ -f "${debs[0]}" ] || die "apt-get download did not write $dl/${pkg}_${ver/:/%3a}_*.deb"
	echo "${debs[0]}"
}

# sparse_checker ARCH: print the sparse command to pass as CHECK= to a
# build of the target's base, for ARCH's checker flags.  The machine's
# sparse when the base's scripts/checker-valid.sh accepts it; otherwise
# (Linux 7.3 wants __typeof_unqual__, which bookworm's sparse 0.6.4
# lacks, and kbuild then only warns and checks nothing) the sparse of
# CHECKER_SUITE run with that suite's C library through its own loader,
# both unpacked under $LMM_WORKROOT/dl/checker, never installed.  Dies
# when neither passes the base's test.
sparse_checker() {
	local arch=$1 valid dir lib deb p
	valid=$(mktemp)
	git -C "$LMM_LINUX" show "$LMM_BASE_COMMIT:scripts/checker-valid.sh" >"$valid" 2>/dev/null || {
		# Bases before checker-valid.sh took any sparse.
		rm -f "$valid"
		echo sparse
		return 0
	}
	if [ "$(sh "$valid" sparse --arch="$arch" -m64 2>/dev/null)" = 1 ]; then
		rm -f "$valid"
		echo sparse
		return 0
	fi
	[ -n "${CHECKER_SUITE:-}" ] || {
		rm -f "$valid"
		die "the machine's sparse ($(sparse --version 2>&1)) fails scripts/checker-valid.sh of $LMM_BASE_COMMIT and targets/$LMM_TARGET.conf names no CHECKER_SUITE"
	}
	dir=$LMM_WORKROOT/dl/checker-$CHECKER_SUITE
	lib=$dir/usr/lib/x86_64-linux-gnu
	if [ ! -x "$dir/sparse" ]; then
		rm -rf "$dir.tmp"
		mkdir -p "$dir.tmp"
		for p in sparse libc6; do
			deb=$(fetch_deb "$p" "" "$CHECKER_SUITE")
			dpkg-deb -x "$deb" "$dir.tmp" || die "cannot unpack $deb (dpkg-deb -x)"
			info "checker: $(basename "$deb")" >&2
		done
		printf '#!/bin/sh\n# sparse and the C library of Debian %s (scripts/lib.sh: sparse_checker)\nexec "%s/ld-linux-x86-64.so.2" --library-path "%s" "%s/usr/bin/sparse" "$@"\n' \
			"$CHECKER_SUITE" "$lib" "$lib" "$dir" >"$dir.tmp/sparse"
		chmod +x "$dir.tmp/sparse"
		rm -rf "$dir"
		mv "$dir.tmp" "$dir"
	fi
	[ "$(sh "$valid" "$dir/sparse" --arch="$arch" -m64 2>/dev/null)" = 1 ] || {
		rm -f "$valid"
		die "neither the machine's sparse nor $dir/sparse passes scripts/checker-valid.sh of $LMM_BASE_COMMIT"
	}
	rm -f "$valid"
	echo "$dir/sparse"
}
