# SPDX-License-Identifier: GPL-2.0
# Fixtures for the tooling tests: a tiny "kernel" tarball, a project
# folder pointing the real scripts at it, and user trees for KDIR mode.
# bats's 'run' sets $status and $output.
# shellcheck disable=SC2154

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

# Identity of the commits the tests make (a role, not a person).
export GIT_AUTHOR_NAME="lazy-mmu test" GIT_AUTHOR_EMAIL="test@lazy-mmu.invalid"
export GIT_COMMITTER_NAME="lazy-mmu test" GIT_COMMITTER_EMAIL="test@lazy-mmu.invalid"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

# A tarball laid out like Debian's linux-source, Debian .gitignore block
# included.
make_tarball() {
	local d=$BATS_TEST_TMPDIR/src/linux-source-6.12

	mkdir -p "$d/mm" "$d/include/linux" "$d/scripts"
	# The version 'make apply KDIR=' reads: the mainline target's.
	printf 'VERSION = 7\nPATCHLEVEL = 3\nSUBLEVEL = 4\nEXTRAVERSION =\n' >"$d/Makefile"
	printf 'int a;\nint b;\nint c;\n' >"$d/mm/memory.c"
	printf 'int x;\n' >"$d/mm/mprotect.c"
	printf '#define PGTABLE 1\n' >"$d/include/linux/pgtable.h"
	if [ -n "${WITH_GET_MAINTAINER:-}" ]; then
		# What b4 and scripts/send-dry-run ask: maintainers with
		# --nol, lists with --nom, both otherwise.
		cat >"$d/scripts/get_maintainer.pl" <<'EOT'
#!/usr/bin/perl
my $args = join(' ', @ARGV);
print "Mm Maintainer <mm-maintainer\@lazy-mmu.invalid>\n" unless $args =~ /--nom\b/;
print "linux-mm-test\@lazy-mmu.invalid\n" unless $args =~ /--nol\b/;
EOT
		chmod +x "$d/scripts/get_maintainer.pl"
		# A checkpatch that logs what it checked and reports
		# $CHECKPATCH_SAYS on each file (scripts/check-patches).
		cat >"$d/scripts/checkpatch.pl" <<'EOT'
#!/usr/bin/perl
open(my $log, '>>', "$ENV{LMM_WORK}/checkpatch.calls");
print $log "$ARGV[-1]\n";
print "$ARGV[-1]:1: $ENV{CHECKPATCH_SAYS}\n" if $ENV{CHECKPATCH_SAYS};
EOT
		: >"$d/scripts/spelling.txt"
		: >"$d/scripts/const_structs.checkpatch"
	fi
	printf '.*\n*.o\n!.gitignore\n' >"$d/.gitignore"
	printf 'kunit\n' >"$d/mm/.kunitconfig"	# ignored by '.*', tracked upstream
	printf '\n#\n# Debian packaging: ignore everything at the top level, since it isn'"'"'t\n# included in our repository\n#\n/*\n!/debian/\n' >>"$d/.gitignore"
	tar -C "$BATS_TEST_TMPDIR/src" -cJf "$BATS_TEST_TMPDIR/linux.tar.xz" linux-source-6.12
	echo "$BATS_TEST_TMPDIR/linux.tar.xz"
}

# A project folder (targets/, patches/, series, ...) whose scripts are
# the repository's own, working on a tiny base tree as target mainline.
setup_project() {
	# Nothing of the caller's LMM_* settings may reach the scripts.
	# shellcheck disable=SC2046 # one word per variable name
	unset $(compgen -v LMM_) BASE_TARBALL TARGET
	P=$BATS_TEST_TMPDIR/proj
	mkdir -p "$P/scripts" "$P/patches" "$P/fixups" "$P/targets" "$P/configs"
	cp "$REPO/scripts/known-commits" "$P/scripts/"
	cp "$REPO/configs/sets.conf" "$REPO/configs/arches.conf" "$REPO/configs/boots.conf" \
		"$REPO/configs/hypervisors.conf" "$P/configs/"
	cp "$REPO"/targets/*.conf "$P/targets/"
	printf 'test: a series under test\n\nBody of the cover letter.\n' >"$P/cover-letter.txt"
	printf '# header\n\n## Fixes\n\n## Core\n\n## Docs\n' >"$P/series"
	: >"$P/fixups/series"
	export LMM_TOP=$P LMM_WORK=$P/work BASE_TARBALL
	BASE_TARBALL=$(make_tarball)
	# The tiny base's id, as scripts/base reports on a mismatch.
	run env LMM_BASE_COMMIT=0000000000000000000000000000000000000000 "$REPO/scripts/base"
	[ "$status" -ne 0 ]
	LMM_BASE_COMMIT=$(sed -n 's/.*base commit \([0-9a-f]\{40\}\) differs.*/\1/p' <<<"$output")
	[ -n "$LMM_BASE_COMMIT" ]
	export LMM_BASE_COMMIT
	rm -rf "$P/work/linux.mismatch"
	"$REPO/scripts/base" >/dev/null
	L=$P/work/linux
}

# Two commits on branch lazy-mmu of the project tree, exported to patches/.
make_series() {
	git -C "$L" checkout -q -b lazy-mmu "$LMM_BASE_COMMIT"
	sed -i 's/int a;/int a1;/' "$L/mm/memory.c"
	git -C "$L" commit -q -a -m "mm: rename a" -m "Why it matters." -s
	sed -i 's/int x;/int y;/' "$L/mm/mprotect.c"
	git -C "$L" commit -q -a -m "mm/mprotect: rename x" -m "Why it matters." -s
	"$REPO/scripts/export" >/dev/null
}

# The user's own kernel tree: a clone of the tiny base on branch 'main'.
make_user_tree() {
	U=$BATS_TEST_TMPDIR/user
	git init -q "$U"
	git -C "$U" fetch -q "$L" refs/tags/lazy-mmu-base
	git -C "$U" checkout -q -b main FETCH_HEAD
	echo "untracked" >"$U/notes.txt"
}

# Everything that identifies a tree's state: HEAD, branch, refs, files.
tree_state() {
	git -C "$1" symbolic-ref -q HEAD || true
	git -C "$1" rev-parse HEAD
	git -C "$1" for-each-ref --format='%(refname) %(objectname)' refs/heads
	git -C "$1" status --porcelain --untracked-files=all
	(cd "$1" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha1sum)
}

# apply --kdir on $U must fail, saying $1, and leave the tree as it was,
# with no git am in progress.
refused_untouched() {
	local before

	before=$(tree_state "$U")
	run "$REPO/scripts/apply" --kdir "$U"
	[ "$status" -ne 0 ]
	[[ "$output" == *"$1"* ]]
	[ "$(tree_state "$U")" = "$before" ]
	[ ! -e "$(git -C "$U" rev-parse --absolute-git-dir)/rebase-apply" ]
}
