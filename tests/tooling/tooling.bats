#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Tests of the project's scripts, on small repositories made on the fly.

load helpers

setup() {
	setup_project
}

@test "base: same commit id in two folders, Debian block removed, ignored files kept" {
	other=$BATS_TEST_TMPDIR/other/linux
	run env LMM_LINUX="$other" "$REPO/scripts/base"
	[ "$status" -eq 0 ]
	[ "$(git -C "$other" rev-parse HEAD)" = "$LMM_BASE_COMMIT" ]
	[ "$(git -C "$L" rev-parse HEAD)" = "$LMM_BASE_COMMIT" ]
	! grep -q 'Debian packaging' "$other/.gitignore"
	git -C "$other" ls-files --error-unmatch mm/.kunitconfig
	# A new file is no longer ignored.
	touch "$other/mm/new.c"
	[ "$(git -C "$other" status --porcelain)" = "?? mm/new.c" ]
}

@test "base: a produced id that differs from the recorded one stops with a message" {
	run env LMM_LINUX="$BATS_TEST_TMPDIR/x/linux" \
		LMM_BASE_COMMIT=1111111111111111111111111111111111111111 "$REPO/scripts/base"
	[ "$status" -ne 0 ]
	[[ "$output" == *"differs from the recorded 1111111111111111111111111111111111111111"* ]]
	# It names the id to record for a base changed on purpose.
	id=$(git -C "$BATS_TEST_TMPDIR/x/linux.mismatch" rev-parse HEAD)
	[[ "$output" == *"BASE_COMMIT=$id"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/x/linux" ]
}

@test "base: rerun on an existing tree is quick and changes nothing" {
	before=$(tree_state "$L")
	run "$REPO/scripts/base"
	[ "$status" -eq 0 ]
	[[ "$output" == *"base exists"* ]]
	[ "$(tree_state "$L")" = "$before" ]
}

@test "base: the real work/TARGET/linux of each target holds its recorded base commit" {
	n=0
	for t in $(cd "$REPO/targets" && ls -- *.conf | sed 's/\.conf$//'); do
		[ -d "$REPO/work/$t/linux/.git" ] || continue
		run env -u LMM_TOP -u LMM_WORK -u LMM_BASE_COMMIT -u BASE_TARBALL \
			LMM_TARGET="$t" "$REPO/scripts/base"
		[ "$status" -eq 0 ]
		recorded=$(sed -n 's/^BASE_COMMIT=//p' "$REPO/targets/$t.conf")
		[ "$(git -C "$REPO/work/$t/linux" rev-parse lazy-mmu-base)" = "$recorded" ]
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || skip "no work/TARGET/linux (run make base)"
}

@test "export: the series keeps its banners; patches carry the cover letter and base" {
	make_series
	[ -f "$P/patches/0000-cover-letter.patch" ]
	[ -f "$P/patches/0001-mm-rename-a.patch" ]
	[ -f "$P/patches/0002-mm-mprotect-rename-x.patch" ]
	grep -q "^base-commit: $LMM_BASE_COMMIT$" "$P/patches/0000-cover-letter.patch"
	grep -q '^Subject: \[PATCH 0/2\] test: a series under test$' "$P/patches/0000-cover-letter.patch"
	[ "$(cat "$P/series")" = "$(printf '# header\n\n## Fixes\n0001-mm-rename-a.patch\n0002-mm-mprotect-rename-x.patch\n\n## Core\n\n## Docs')" ]
}

@test "export: apply then export is byte-identical, and a moved series line stays" {
	make_series
	# Move the second patch under '## Core': export must keep it there.
	sed -i '/0002-/d; s/^## Core$/## Core\n0002-mm-mprotect-rename-x.patch/' "$P/series"
	cp -r "$P/patches" "$BATS_TEST_TMPDIR/p1"
	cp "$P/series" "$BATS_TEST_TMPDIR/s1"
	git -C "$L" checkout -q --detach
	git -C "$L" branch -q -D lazy-mmu
	run "$REPO/scripts/apply"
	[ "$status" -eq 0 ]
	[[ "$output" == *"applied: 2 patches"* ]]
	run "$REPO/scripts/export"
	[ "$status" -eq 0 ]
	diff -r "$BATS_TEST_TMPDIR/p1" "$P/patches"
	diff "$BATS_TEST_TMPDIR/s1" "$P/series"
	grep -A1 '^## Core$' "$P/series" | grep -q 0002-
}

@test "export: a new commit joins the banner of the patch before it" {
	make_series
	sed -i 's/int b;/int b1;/' "$L/mm/memory.c"
	git -C "$L" commit -q -a -m "mm: rename b" -s
	"$REPO/scripts/export"
	[ "$(grep -v '^#' "$P/series" | sed '/^$/d')" = "$(printf '0001-mm-rename-a.patch\n0002-mm-mprotect-rename-x.patch\n0003-mm-rename-b.patch')" ]
	[ "$(sed -n '/^## Fixes/,/^## Core/p' "$P/series" | grep -c patch)" -eq 3 ]
}

@test "apply: twice is safe; a branch with unexported commits is not overwritten" {
	make_series
	run "$REPO/scripts/apply"
	[ "$status" -eq 0 ]
	[[ "$output" == *"nothing to do"* ]]
	tip=$(git -C "$L" rev-parse lazy-mmu)
	run "$REPO/scripts/apply"
	[ "$status" -eq 0 ]
	[ "$(git -C "$L" rev-parse lazy-mmu)" = "$tip" ]
	# An unexported commit: refused without FORCE, kept with it.
	sed -i 's/int c;/int c1;/' "$L/mm/memory.c"
	git -C "$L" commit -q -a -m "mm: rename c" -s
	new=$(git -C "$L" rev-parse HEAD)
	run "$REPO/scripts/apply"
	[ "$status" -ne 0 ]
	[[ "$output" == *"differs from patches/"* ]]
	[ "$(git -C "$L" rev-parse lazy-mmu)" = "$new" ]
	run "$REPO/scripts/apply" --force
	[ "$status" -eq 0 ]
	[ "$(git -C "$L" for-each-ref --format='%(objectname)' 'refs/heads/lazy-mmu.saved-*')" = "$new" ]
	[ "$(git -C "$L" rev-list --count "$LMM_BASE_COMMIT..lazy-mmu")" -eq 2 ]
}

@test "apply KDIR: applies on a new branch with --3way; a second run is safe" {
	make_series
	make_user_tree
	run "$REPO/scripts/apply" --kdir "$U" --branch try
	[ "$status" -eq 0 ]
	[[ "$output" == *"applied: 2 patches"* ]]
	[ "$(git -C "$U" symbolic-ref --short HEAD)" = try ]
	[ "$(git -C "$U" rev-list --count main..try)" -eq 2 ]
	grep -q 'int y;' "$U/mm/mprotect.c"
	run "$REPO/scripts/apply" --kdir "$U" --branch try
	[ "$status" -eq 0 ]
	[[ "$output" == *"nothing to do"* ]]
	[ "$(git -C "$U" rev-list --count main..try)" -eq 2 ]
}

@test "apply KDIR: a dirty tree is refused and left as it was" {
	make_series
	make_user_tree
	echo "int local;" >>"$U/mm/memory.c"
	refused_untouched "uncommitted changes"
}

@test "apply KDIR: a conflicting patch leaves branch, HEAD and files untouched" {
	make_series
	make_user_tree
	sed -i 's/int x;/int z;/' "$U/mm/mprotect.c"
	git -C "$U" commit -q -a -m "local change"
	refused_untouched "patch 2 of 2 does not apply: 0002-mm-mprotect-rename-x.patch"
}

@test "apply KDIR: an existing branch that does not hold the series is refused" {
	make_series
	make_user_tree
	git -C "$U" branch lazy-mmu
	refused_untouched "branch lazy-mmu exists"
}

@test "series: a missing patch is reported by check-patches and apply" {
	make_series
	echo "0003-mm-not-there.patch" >>"$P/series"
	run "$REPO/scripts/check-patches" --no-checkpatch
	[ "$status" -ne 0 ]
	[[ "$output" == *"lists 0003-mm-not-there.patch, which is not in patches/"* ]]
	run "$REPO/scripts/apply"
	[ "$status" -ne 0 ]
	[[ "$output" == *"0003-mm-not-there.patch"* ]]
}

@test "series: an extra patch in patches/ is reported" {
	make_series
	cp "$P/patches/0002-mm-mprotect-rename-x.patch" "$P/patches/0003-mm-extra.patch"
	run "$REPO/scripts/check-patches" --no-checkpatch
	[ "$status" -ne 0 ]
	[[ "$output" == *"patches/0003-mm-extra.patch is not listed in series"* ]]
}

@test "check-patches: a clean series passes the lint" {
	make_series
	run "$REPO/scripts/check-patches" --no-checkpatch
	[ "$status" -eq 0 ]
	[[ "$output" == *"PASS 0001-mm-rename-a.patch"* ]]
	[[ "$output" == *"2 patches checked, no problems"* ]]
}

@test "check-patches: bad Fixes, wrong known subject, long subject, foreign sign-off" {
	git -C "$L" checkout -q -b lazy-mmu "$LMM_BASE_COMMIT"
	sed -i 's/int a;/int a1;/' "$L/mm/memory.c"
	git -C "$L" commit -q -a -s -m "mm: fix a" -m "Fixes: 52526ca7fdb ('short id')"
	sed -i 's/int b;/int b1;/' "$L/mm/memory.c"
	git -C "$L" commit -q -a -s -m "mm: fix b" -m "Fixes: 60bae7370896 (\"mm/migrate_device.c: flush the TLB\")"
	sed -i 's/int c;/int c1;/' "$L/mm/memory.c"
	git -C "$L" commit -q -a -s -m "mm: $(printf 'x%.0s' $(seq 80))"
	sed -i 's/int x;/int y;/' "$L/mm/mprotect.c"
	git -C "$L" commit -q -a -m "mm: no sign-off" -m "Signed-off-by: Some One <one@example.invalid>"
	"$REPO/scripts/export" >/dev/null
	run "$REPO/scripts/check-patches" --no-checkpatch
	[ "$status" -ne 0 ]
	[[ "$output" == *"malformed: Fixes: 52526ca7fdb ('short id')"* ]]
	[[ "$output" == *"that commit is \"mm/migrate_device.c: flush TLB while holding PTL\""* ]]
	[[ "$output" == *"(at most 75)"* ]]
	[[ "$output" == *"0004-mm-no-sign-off.patch: Signed-off-by does not match the author"* ]]
}

@test "export/apply: a note below '---' survives apply and export" {
	make_series
	git -C "$L" notes --ref=refs/notes/lazy-mmu add -m "v2: renamed a" \
		-m "checkpatch: COMPARISON_TO_NULL: kept as in the code around it" lazy-mmu~1
	"$REPO/scripts/export" >/dev/null
	grep -q '^    checkpatch: COMPARISON_TO_NULL: kept' "$P/patches/0001-mm-rename-a.patch"
	cp -r "$P/patches" "$BATS_TEST_TMPDIR/p1"
	git -C "$L" checkout -q --detach
	git -C "$L" branch -q -D lazy-mmu
	git -C "$L" update-ref -d refs/notes/lazy-mmu
	"$REPO/scripts/apply" >/dev/null
	[ "$(git -C "$L" notes --ref=refs/notes/lazy-mmu show lazy-mmu~1)" = "$(printf 'v2: renamed a\n\ncheckpatch: COMPARISON_TO_NULL: kept as in the code around it')" ]
	"$REPO/scripts/export" >/dev/null
	diff -r "$BATS_TEST_TMPDIR/p1" "$P/patches"
}

# The head of a patch as format-patch writes it: "mm: $1", "$2".
patch_head() {
	cat <<PATCH
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: lazy-mmu test <test@lazy-mmu.invalid>
Date: Sat, 1 Nov 2025 00:00:00 +0000
Subject: [PATCH] mm: $1

$2

Signed-off-by: lazy-mmu test <test@lazy-mmu.invalid>
---
PATCH
}

# A patch that adds a uint8_t to mm/memory.c (checkpatch --strict:
# CHECK:PREFER_KERNEL_TYPES), with optional notes.
write_check_patch() {
	patch_head "add a check" "Add a check."
	cat <<PATCH
$1
 mm/memory.c | 2 ++
 1 file changed, 2 insertions(+)

diff --git a/mm/memory.c b/mm/memory.c
index 0000000..1111111 100644
--- a/mm/memory.c
+++ b/mm/memory.c
@@ -1,3 +1,5 @@
 #include <linux/kernel_stat.h>
+static uint8_t mm_check_flag;
+
 #include <linux/mm.h>
 #include <linux/mm_inline.h>
PATCH
}

@test "check-patches: checkpatch runs; a CHECK passes only when justified below '---'" {
	[ -d "$REPO/work/mainline/linux/.git" ] || skip "no work/mainline/linux (run make base)"
	export LMM_LINUX=$REPO/work/mainline/linux
	export LMM_BASE_COMMIT=$(sed -n 's/^BASE_COMMIT=//p' "$REPO/targets/mainline.conf")
	f=0001-mm-add-a-check.patch
	echo "$f" >"$P/series"
	write_check_patch "" >"$P/patches/$f"
	run "$REPO/scripts/check-patches"
	[ "$status" -ne 0 ]
	[[ "$output" == *"CHECK:PREFER_KERNEL_TYPES"*"justify it below '---' as 'checkpatch: PREFER_KERNEL_TYPES: why'"* ]]
	write_check_patch "$(printf '\nNotes (lazy-mmu):\n    checkpatch: PREFER_KERNEL_TYPES: shared with a uapi header\n')" >"$P/patches/$f"
	run "$REPO/scripts/check-patches"
	[ "$status" -eq 0 ]
	[[ "$output" == *"PASS $f"* ]]
}

@test "check-patches: checkpatch's findings stay with their patch when patches run at once" {
	[ -d "$REPO/work/mainline/linux/.git" ] || skip "no work/mainline/linux (run make base)"
	export LMM_LINUX=$REPO/work/mainline/linux
	export LMM_BASE_COMMIT=$(sed -n 's/^BASE_COMMIT=//p' "$REPO/targets/mainline.conf")
	# Only the fourth patch draws a CHECK (uint8_t); the others use u8.
	: >"$P/series"
	for i in 1 2 3 4 5; do
		f=000$i-mm-add-a-check.patch
		echo "$f" >>"$P/series"
		if [ "$i" = 4 ]; then
			write_check_patch "" >"$P/patches/$f"
		else
			write_check_patch "" | sed 's/uint8_t/u8/' >"$P/patches/$f"
		fi
	done
	run "$REPO/scripts/check-patches"
	[ "$status" -ne 0 ]
	grep -qx "FAIL 0004-mm-add-a-check.patch" <<<"$output"
	grep -q "^  0004-mm-add-a-check.patch: checkpatch: .*CHECK:PREFER_KERNEL_TYPES" <<<"$output"
	[ "$(grep -c '^PASS ' <<<"$output")" -eq 4 ]
	[ "$(grep -c 'PREFER_KERNEL_TYPES' <<<"$output")" -eq 1 ]
}

@test "coccinelle: the lazy MMU rule reports exactly the planted violations" {
	command -v spatch >/dev/null || skip "spatch not installed (make check installs it)"
	run spatch --sp-file "$REPO/scripts/coccinelle/lazy_mmu.cocci" -D report \
		--no-includes --very-quiet "$BATS_TEST_DIRNAME/lazy_mmu_sample.c"
	[ "$status" -eq 0 ]
	got=$(grep -oE '^[^:]+:[0-9]+:' <<<"$output" | cut -d: -f2 | sort -n | tr '\n' ' ')
	# bad_early_return's enter, hook_user's two hook calls, bad_pause's pause;
	# good() and madvise_like() are balanced; __lazy_mmu_mode_leave(), the
	# helpers' own out-of-line part, may call a hook.
	[ "$got" = "15 52 53 58 " ]
}

@test "coccinelle: the mainline series' checker reports each planted violation once" {
	command -v spatch >/dev/null || skip "spatch not installed (make check installs it)"
	# The checker as the series adds it (the patch is the source).
	patch=$(grep -l '^+++ b/scripts/coccinelle/api/lazy_mmu.cocci' "$REPO"/patches/*.patch)
	[ -n "$patch" ]
	d=$BATS_TEST_TMPDIR/rule
	mkdir -p "$d"
	git -C "$d" apply --include=scripts/coccinelle/api/lazy_mmu.cocci "$patch"
	cp -r "$BATS_TEST_DIRNAME/fixtures/cocci-mainline" "$d/tree"
	cd "$d/tree"
	run spatch --sp-file "$d/scripts/coccinelle/api/lazy_mmu.cocci" -D report \
		--no-includes --include-headers --very-quiet --dir .
	echo "$output"
	[ "$status" -eq 0 ]
	got=$(grep -oE '^[^:]+:[0-9]+:' <<<"$output" | sort -t: -k2n | tr '\n' ' ')
	# mm/bad.c: the two hooks, an enable left on a return, a disable, a
	# pause and a resume without their pair, a flush in a section; not
	# good(), nor arch/ calling its hooks, nor a test's misuse.
	[ "$got" = "./mm/bad.c:5: ./mm/bad.c:6: ./mm/bad.c:11: ./mm/bad.c:20: ./mm/bad.c:25: ./mm/bad.c:30: ./mm/bad.c:36: " ]
}

# A patch that adds the file $1 (checkpatch: WARNING:FILE_PATH_CHANGES).
write_new_file_patch() {
	patch_head "add a file" "Add a file."
	cat <<PATCH
 $1 | 1 +
 1 file changed, 1 insertion(+)
 create mode 100644 $1

diff --git a/$1 b/$1
new file mode 100644
index 000000000000..111111111111
--- /dev/null
+++ b/$1
@@ -0,0 +1 @@
+// SPDX-License-Identifier: GPL-2.0
PATCH
}

@test "check-patches: an added file passes only if MAINTAINERS covers it" {
	[ -d "$REPO/work/mainline/linux/.git" ] || skip "no work/mainline/linux (run make base)"
	export LMM_LINUX=$REPO/work/mainline/linux
	export LMM_BASE_COMMIT=$(sed -n 's/^BASE_COMMIT=//p' "$REPO/targets/mainline.conf")
	f=0001-mm-add-a-file.patch
	echo "$f" >"$P/series"
	write_new_file_patch mm/lazy_mmu_new.c >"$P/patches/$f"
	run "$REPO/scripts/check-patches"
	[ "$status" -eq 0 ]
	write_new_file_patch nowhere/lazy_mmu_new.c >"$P/patches/$f"
	run "$REPO/scripts/check-patches"
	[ "$status" -ne 0 ]
	[[ "$output" == *"FILE_PATH_CHANGES"*"no MAINTAINERS entry covers: nowhere/lazy_mmu_new.c"* ]]
}

@test "tree.sh: initramfs_list places programs, modules and DEST=SRC files, each folder once" {
	# shellcheck source=/dev/null
	. "$REPO/scripts/lib.sh"
	run initramfs_list /w/init /w/steps /w/stress /o/test_vmalloc.ko /bin/mm/cow=/w/mm/cow /bin/mm/ksm=/w/mm/ksm
	[ "$status" -eq 0 ]
	[ "${lines[9]}" = "file /init /w/init 0755 0 0" ]
	[ "${lines[10]}" = "file /etc/boot-test /w/steps 0644 0 0" ]
	[ "${lines[11]}" = "file /bin/stress /w/stress 0755 0 0" ]
	[ "${lines[12]}" = "file /lib/modules/test_vmalloc.ko /o/test_vmalloc.ko 0644 0 0" ]
	[ "${lines[13]}" = "dir /bin/mm 0755 0 0" ]
	[ "${lines[14]}" = "file /bin/mm/cow /w/mm/cow 0755 0 0" ]
	[ "${lines[15]}" = "file /bin/mm/ksm /w/mm/ksm 0755 0 0" ]
	[ "${#lines[@]}" -eq 16 ]
	# What guest/boot/init.c needs: the console, /proc, /sys, /tmp.
	[ "$(printf '%s\n' "${lines[@]:0:9}" | grep -c -E '^(nod /dev/console|dir /proc|dir /sys|dir /tmp) ')" -eq 4 ]
}

@test "tree.sh: a configuration's own fixups reach its builds and its stamps only" {
	make_series
	# shellcheck source=/dev/null
	. "$REPO/scripts/lib.sh"
	# The stamps' view of the fixups before x-boot/ exists.
	local other
	other=$(files_digest "$P/fixups")
	# A fixup of a header, for configuration x/boot only.
	git -C "$L" checkout -q --detach "$LMM_BASE_COMMIT"
	sed -i 's/PGTABLE 1/PGTABLE 2/' "$L/include/linux/pgtable.h"
	mkdir -p "$P/fixups/x-boot"
	git -C "$L" diff >"$P/fixups/x-boot/0001-fix.patch"
	git -C "$L" checkout -q -f lazy-mmu
	printf '# x/boot only\n0001-fix.patch\n' >"$P/fixups/x-boot/series"
	# Other builds: no fixup, and a stamp that does not read x-boot/.
	run make_test_tree "$LMM_BASE_COMMIT" x-other
	[ "$status" -eq 0 ]
	grep -qx '#define PGTABLE 1' "$LMM_TREE/include/linux/pgtable.h"
	mapfile -t fx < <(fixup_files x-other)
	[ "$(files_digest "${fx[@]}")" = "$other" ]
	mapfile -t fx < <(fixup_files)
	[ "$(files_digest "${fx[@]}")" = "$other" ]
	# x/boot: the fixup, on the base and under the series alike, and a
	# stamp that changes with it.
	run make_test_tree "$LMM_BASE_COMMIT" x-boot
	[ "$status" -eq 0 ]
	grep -qx '#define PGTABLE 2' "$LMM_TREE/include/linux/pgtable.h"
	[[ "$(git -C "$LMM_TREE" log -1 --format=%s)" == *"fixups/ and fixups/x-boot/"* ]]
	mapfile -t fx < <(fixup_files x-boot)
	[ "$(files_digest "${fx[@]}")" != "$other" ]
	run make_test_tree lazy-mmu x-boot
	[ "$status" -eq 0 ]
	grep -qx 'int a1;' "$LMM_TREE/mm/memory.c"
	grep -qx '#define PGTABLE 2' "$LMM_TREE/include/linux/pgtable.h"
	# A fixup that no longer applies stops the build and names itself.
	sed -i 's/PGTABLE 1/PGTABLE 3/' "$P/fixups/x-boot/0001-fix.patch"
	run make_test_tree lazy-mmu x-boot
	[ "$status" -ne 0 ]
	[[ "$output" == *"fixup $P/fixups/x-boot/0001-fix.patch does not apply on lazy-mmu"* ]]
}

@test "selftests.sh: the mm selftests of each boot test" {
	# shellcheck source=/dev/null
	. "$REPO/scripts/lib.sh"
	# shellcheck source=/dev/null
	. "$REPO/scripts/selftests.sh"
	run boot_selftests x86_64 ""
	[ "$output" = "mremap_test mremap_dontunmap madv_populate mkdirty cow map_fixed_noreplace mlock2-tests droppable ksm_functional_tests pagemap_ioctl soft-dirty migration" ]
	# No huge pages under Xen PV: no pagemap_ioctl, soft-dirty, migration.
	run boot_selftests x86_64 xen
	[[ "$output" == *" ksm_functional_tests" ]]
	[[ "$output" != *pagemap_ioctl* ]]
	run boot_selftests sparc64 ""
	[[ "$output" == "mremap_dontunmap "* ]]
	run boot_selftests powerpc ""
	[[ "$output" != *ksm_functional_tests* ]]
	# A boot that configs/boots.conf lacks is refused, naming those it has.
	run boot_selftests arm64 xen
	[ "$status" -ne 0 ]
	[[ "$output" == *"no boot test 'arm64-xen' (configs/boots.conf has: x86_64 x86_64-xen "* ]]
}

@test "selftests.sh: each boot's machine comes from configs/boots.conf" {
	# shellcheck source=/dev/null
	. "$REPO/scripts/lib.sh"
	# shellcheck source=/dev/null
	. "$REPO/scripts/selftests.sh"
	arch_setup x86_64
	boot_machine x86_64 ""
	# migration: two NUMA nodes, the last CPU alone on the second.
	[ "${qemu[*]}" = "qemu-system-x86_64 -M pc -cpu Westmere -smp 3 -m 1536 -object memory-backend-ram,id=m0,size=768M -object memory-backend-ram,id=m1,size=768M -numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2,memdev=m1" ]
	[ "$selftest_pkgs" = libnuma-dev ]
	boot_machine x86_64 xen
	[ "${qemu[*]}" = "qemu-system-x86_64 -M pc -cpu Westmere -smp 2 -m 1536" ]
	[ -z "$selftest_pkgs$selftest_setup" ]
	arch_setup sparc64
	boot_machine sparc64 ""
	[ "${qemu[*]}" = "qemu-system-sparc64 -M sun4u -m 1024" ]
	# One edit of the data file moves a selftest and the machine with it.
	mkdir -p "$BATS_TEST_TMPDIR/top/configs"
	cp "$REPO/configs/arches.conf" "$BATS_TEST_TMPDIR/top/configs/"
	sed 's/^\(sparc64 *\)- *1024 /\14   2048  migration /' "$REPO/configs/boots.conf" \
		>"$BATS_TEST_TMPDIR/top/configs/boots.conf"
	LMM_TOP=$BATS_TEST_TMPDIR/top boot_machine sparc64 ""
	[[ "${qemu[*]}" == "qemu-system-sparc64 -M sun4u -smp 4 -m 2048 "*"cpus=0-2,memdev=m0 -numa node,nodeid=1,cpus=3,memdev=m1" ]]
}

@test "lib.sh: a script that holds the build lock runs its builds, others wait" {
	export LMM_WORK=$BATS_TEST_TMPDIR/w
	# shellcheck disable=SC2016 # expanded by the inner shells
	run timeout 20 bash -c '. "$0/scripts/lib.sh"; take_build_lock
		bash -c ". \"$0/scripts/lib.sh\"; take_build_lock; echo child-ran" "$0"
		flock -n "$LMM_WORK/.build.lock" true || echo other-waits' "$REPO"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'child-ran\nother-waits')" ]
}

@test "lib.sh: LMM_ERROR_RE finds the errors of a build log, not file names with 'error' in them" {
	# shellcheck source=/dev/null
	. "$REPO/scripts/lib.sh"
	# Lines 1-5 are noise (a fresh arm64 build compiles fdt_strerror.o),
	# lines 6-13 errors of make (no rule), the compiler, assembler,
	# modpost, linker, make again and an OOM-killed cc1.
	run grep -nE "$LMM_ERROR_RE" "$BATS_TEST_DIRNAME/fixtures/build-errors.log"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[@]}" | cut -d: -f1 | tr '\n' ' ')" = "6 7 8 9 10 11 12 13 " ]
}

@test "scripts/README: lists every script, and nothing that is not there" {
	local f n
	for f in "$REPO"/scripts/*; do
		n=${f##*/}
		[ "$n" = README ] && continue
		[ -d "$f" ] && n=$n/
		grep -q "^  $n " "$REPO/scripts/README" || { echo "not in scripts/README: $n"; return 1; }
	done
	for n in $(awk '/^  [^ ]/ { print $1 }' "$REPO/scripts/README"); do
		[ -e "$REPO/scripts/${n%/}" ] || { echo "scripts/README lists $n, which is not in scripts/"; return 1; }
	done
}

@test "configs/arches.conf: every line is whole, and arch_setup reads it" {
	awk '!/^#/ && NF && NF != 13 { print "configs/arches.conf: " $1 ": " NF " fields"; bad = 1 } END { exit bad }' "$REPO/configs/arches.conf"
	run bash -c 'LMM_TOP=$0; . "$0/scripts/lib.sh"
		for a in x86_64 arm64 powerpc sparc64 i386; do
			arch_setup "$a"
			echo "$a|$K_ARCH|$K_SRCARCH|$K_CROSS|$K_PKG|$K_LIBC|$Q_PKG|${QEMU_BASE[*]}|$Q_CPUS|$K_CONSOLE|$K_IMAGE"
		done
		kunit_qemu sparc64; echo "${KUNIT_QEMU[*]##*/}|$KUNIT_SMP"
		kunit_qemu arm64; echo "${KUNIT_QEMU[*]}|$KUNIT_SMP"
		arches_with Q_BIN' "$REPO"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "x86_64|x86_64|x86||gcc|libc6-dev|qemu-system-x86|qemu-system-x86_64 -M pc -cpu Westmere||ttyS0|arch/x86/boot/bzImage" ]
	[ "${lines[1]}" = "arm64|arm64|arm64|aarch64-linux-gnu-|gcc-aarch64-linux-gnu|libc6-dev-arm64-cross|qemu-system-arm|qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on||ttyAMA0|arch/arm64/boot/Image" ]
	[ "${lines[2]}" = "powerpc|powerpc|powerpc|powerpc64-linux-gnu-|gcc-powerpc64-linux-gnu|libc6-dev-ppc64-cross|qemu-system-ppc|qemu-system-ppc64 -M pseries -cpu power8||hvc0|vmlinux" ]
	[ "${lines[3]}" = "sparc64|sparc64|sparc|sparc64-linux-gnu-|gcc-sparc64-linux-gnu|libc6-dev-sparc64-cross|qemu-system-sparc|qemu-system-sparc64 -M sun4u|1|ttyS0|arch/sparc/boot/image" ]
	[ "${lines[4]}" = "i386|i386|x86||gcc||||||" ]
	[ "${lines[5]}" = "sparc64.py|" ]
	[ "${lines[6]}" = "--arch=arm64|-smp 2" ]
	[ "${lines[7]}" = "x86_64 arm64 powerpc sparc64" ]
	run bash -c 'LMM_TOP=$0; . "$0/scripts/lib.sh"; arch_setup m68k' "$REPO"
	[ "$status" -ne 0 ]
	[[ "$output" == *"unknown arch 'm68k' (known: x86_64 i386 arm64 powerpc ppc64le sparc64 sparc um riscv64)"* ]]
	run "$REPO/scripts/boot-test" i386
	[ "$status" -ne 0 ]
	[[ "$output" == *"no boot test for 'i386' (configs/arches.conf has a QEMU and a C library for: x86_64 arm64 powerpc sparc64)"* ]]
}

@test "boot-test takes --tree base|series as make's TREE=; runtime refuses a row without a boot test" {
	run "$REPO/scripts/boot-test" --tree foo x86_64
	[ "$status" -ne 0 ]
	[[ "$output" == *"--tree is base or series"* ]]
	run "$REPO/scripts/boot-test" --hv kvm x86_64
	[ "$status" -ne 0 ]
	[[ "$output" == *"unknown hypervisor 'kvm' (configs/hypervisors.conf has: xen)"* ]]
	run make -s -C "$REPO" -n boot-test ARCH=x86_64 TREE=base
	[[ "$output" == *"scripts/boot-test  --tree base"*"x86_64"* ]]
	sed -i 's|^RUNTIME_ROWS=.*|RUNTIME_ROWS="x86_64 um"|' "$P/configs/sets.conf"
	run "$REPO/scripts/runtime" um
	[ "$status" -ne 0 ]
	[[ "$output" == *"no boot test 'um' (configs/boots.conf has: x86_64 x86_64-xen arm64 powerpc sparc64)"* ]]
	# A line in configs/boots.conf is not enough: the arch needs a QEMU.
	echo "um - 512 cow" >>"$P/configs/boots.conf"
	run "$REPO/scripts/runtime" um
	[ "$status" -ne 0 ]
	[[ "$output" == *"row 'um': no boot test for um (configs/arches.conf has a QEMU and a C library for: x86_64 arm64 powerpc sparc64)"* ]]
}

@test "kunit: kunit.py's QEMU runs under TCG only, whatever accelerators it asks for" {
	# shellcheck source=/dev/null
	. "$REPO/scripts/lib.sh"
	kunit_args x86_64 "$BATS_TEST_TMPDIR/out"
	[[ "$KUNIT_PATH" == "$LMM_WORK/qemu-tcg:/usr/bin:"* ]]
	[ "$(readlink "$LMM_WORK/qemu-tcg/qemu-system-x86_64")" = "$REPO/scripts/qemu/tcg" ]
	# kunit.py's own accelerators (7.3: kunit_kernel.py) and what the
	# caller adds: only tcg is left, the rest as given.
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\necho "$*"\n' >"$BATS_TEST_TMPDIR/bin/qemu-system-x86_64"
	chmod +x "$BATS_TEST_TMPDIR/bin/qemu-system-x86_64"
	run env LMM_QEMU_DIR="$BATS_TEST_TMPDIR/bin" PATH="$KUNIT_PATH" qemu-system-x86_64 -m 1024 \
		-append "a b" -accel kvm -accel hvf -accel tcg -serial stdio -smp 2
	[ "$status" -eq 0 ]
	[ "$output" = "-m 1024 -append a b -accel tcg -serial stdio -smp 2" ]
}

@test "debian.sh: a hypervisor's image is the one its line of configs/hypervisors.conf names" {
	# shellcheck source=/dev/null
	. "$REPO/scripts/lib.sh"
	hv_setup xen
	[ "$H_CONSOLE" = hvc0 ]
	[[ "$H_CMDLINE" == "console=com1 "*" dom0_max_vcpus=2 "* ]]
	# A stand-in of the package, already downloaded: only the image
	# named by the line is taken, unzipped.
	d=$BATS_TEST_TMPDIR/deb
	mkdir -p "$d/DEBIAN" "$d/$(dirname "$H_IMAGE")" "$LMM_WORKROOT/xen"
	printf 'Package: %s\nVersion: 1\nArchitecture: amd64\nMaintainer: t <t@t>\nDescription: t\n' \
		"$H_PKG" >"$d/DEBIAN/control"
	echo "the image" | gzip >"$d/$H_IMAGE"
	echo "not this" | gzip >"$d/$(dirname "$H_IMAGE")/xen-other.gz"
	dpkg-deb -b "$d" "$LMM_WORKROOT/xen/${H_PKG}_1_amd64.deb" >/dev/null
	run hv_image xen
	[ "$status" -eq 0 ]
	image=${lines[-1]}
	[ "$image" = "$LMM_WORKROOT/xen/$(basename "$H_IMAGE" .gz)" ]
	[ "$(cat "$image")" = "the image" ]
}
