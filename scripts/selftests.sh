# SPDX-License-Identifier: GPL-2.0
# The boot test's machine and the mm selftests of its workload: which
# run where, and their static build.  Sourced by scripts/boot-test.

# The mm selftests of the workload, from the tree's
# tools/testing/selftests/mm (the series does not touch tools/), built
# static against the uapi headers of the kernel just built.  What they
# exercise of the series: mremap_test, mremap_dontunmap: move_ptes();
# mkdirty, soft-dirty, ksm_functional_tests: change_pte_range() (and
# KSM's unsharing); madv_populate: the fault paths; pagemap_ioctl:
# PAGEMAP_SCAN's PTE walk, which write-protects in a lazy section; cow:
# fork (copy_pte_range()) and COW, with MADV_PAGEOUT and MADV_DONTNEED;
# droppable: MADV_FREE-like reclaim of MAP_DROPPABLE;
# map_fixed_noreplace, mlock2-tests: munmap/mlock; migration:
# move_pages() and the migration entries.  Where each runs:
# - mremap_test not on sparc64, which refuses its MAP_SHARED|MAP_FIXED
#   mappings at odd pages (EINVAL: SHMLBA is two pages, for the D-cache);
# - pagemap_ioctl and ksm_functional_tests where userfaultfd has
#   write-protect (x86_64, arm64); without it ksm_functional_tests
#   reports "not ok 4 UFFDIO_API failed" rather than a skip (powerpc);
# - pagemap_ioctl and soft-dirty not where there are no huge pages:
#   under Xen PV pagemap_ioctl's memfd_create(MFD_HUGETLB) fails with
#   ENOENT and it bails out, and soft-dirty without THP (Xen PV, and
#   QEMU's pseries, which offers the hash MMU no 16M pages) reports one
#   result where it planned two ("Planned tests != run tests (15 != 14)");
# - migration on bare x86_64 only: it links libnuma, whose static library
#   Debian has for the build machine's arch (libnuma-dev) but in no
#   -cross package, and needs two NUMA nodes and three CPUs.
# boot_selftests ARCH HV: the selftests the boot test runs there.
boot_selftests() {
	local arch=$1 hv=$2 selftests

	selftests="mremap_dontunmap madv_populate mkdirty cow map_fixed_noreplace mlock2-tests droppable"
	[ "$arch" = sparc64 ] || selftests="mremap_test $selftests"
	case "$arch" in
	x86_64) selftests+=" ksm_functional_tests"
		[ -n "$hv" ] || selftests+=" pagemap_ioctl soft-dirty migration" ;;
	arm64) selftests+=" pagemap_ioctl ksm_functional_tests" ;;
	esac
	echo "$selftests"
}

# build_selftests CC OUT WORK REPRODUCE SELFTEST...: build each selftest
# static with CC into WORK/mm/, against the uapi headers of the kernel
# built in OUT.
build_selftests() {
	local cc=$1 out=$2 work=$3 reproduce=$4 mm helpers t libs

	shift 4
	mm=$LMM_TREE/tools/testing/selftests/mm
	mkdir -p "$work/mm" "$work/mm-include"
	# cow.c includes local_config.h (7.3: local_config.h_gen), which
	# check_config.sh writes; empty means no liburing.
	: >"$work/mm-include/local_config.h"
	: >"$work/mm-include/local_config.h_gen"
	# The helpers every selftest links, as the selftests' Makefile names
	# them (6.12: vm_util.c thp_settings.c; 7.3: vm_util.c
	# hugepage_settings.c).
	helpers=$(sed -n 's/^\$(TEST_GEN_PROGS):[[:space:]]*//p' "$mm/Makefile")
	[ -n "$helpers" ] || die "no '\$(TEST_GEN_PROGS): ...' helper line in $mm/Makefile"
	# Relative source names: pagemap_ioctl creates a file named after its
	# __FILE__, which must be a path that exists in the guest.
	for t in "$@"; do
		libs=(-lrt -lpthread -lm)
		[ "$t" != migration ] || libs=(-lnuma "${libs[@]}")
		# shellcheck disable=SC2086 # $helpers: one word per helper source
		(cd "$mm" && "$cc" -static -O2 -Wall -U_FORTIFY_SOURCE -D_GNU_SOURCE \
			-I "$work/mm-include" -I "$LMM_TREE/tools/testing/selftests" \
			-isystem "$out/usr/include" -I "$LMM_TREE/tools/include" \
			-o "$work/mm/$t" "$t.c" $helpers "${libs[@]}" \
			>"$work/mm/$t.build.log" 2>&1) ||
			die "cannot build the selftest mm/$t with $cc ($work/mm/$t.build.log); reproduce with: $reproduce"
	done
}

# boot_machine ARCH HV: the QEMU command line of ARCH's boot test, as
# the array qemu: the machine and CPU of configs/arches.conf (arch_setup
# has run), and the CPUs and memory that the workload needs.  Sets
# selftest_pkgs and selftest_setup for what the selftests of that
# machine need more (packages, a line of the guest's script).
boot_machine() {
	local arch=$1 hv=$2

	# shellcheck disable=SC2034 # boot-test reads them
	selftest_pkgs= selftest_setup=
	qemu=("${QEMU_BASE[@]}")
	case "$arch" in
	arm64)
		qemu+=(-smp 2 -m 1024) ;;
	x86_64)
		qemu+=(-m 1536)
		if [ -n "$hv" ]; then
			qemu+=(-smp 2)
		else
			# Two NUMA nodes for the migration selftest, which also
			# wants three CPUs (two threads touch the pages it moves).
			# shellcheck disable=SC2054 # the commas are QEMU's
			qemu+=(-smp 3
			       -object memory-backend-ram,id=m0,size=768M
			       -object memory-backend-ram,id=m1,size=768M
			       -numa node,nodeid=0,cpus=0-1,memdev=m0
			       -numa node,nodeid=1,cpus=2,memdev=m1)
			# shellcheck disable=SC2034 # boot-test reads it
			selftest_pkgs=libnuma-dev
			# Huge pages for migration's hugetlb cases (and cow's),
			# 8 per node: migration moves one between the nodes.
			# shellcheck disable=SC2034 # boot-test reads it
			selftest_setup="write /proc/sys/vm/nr_hugepages 16"
		fi ;;
	powerpc)
		# 2 GiB: with 64K pages, test_vmalloc's long_busy_list_alloc_test
		# alone allocates close to 1 GiB.
		qemu+=(-smp 2 -m 2048) ;;
	sparc64)
		# One CPU; the kernel powers off (a reboot panics under OpenBIOS).
		qemu+=(-m 1024) ;;
	*) die "no boot test for '$arch' yet" ;;
	esac
}
