# SPDX-License-Identifier: GPL-2.0
# The boot test's machine and the mm selftests of its workload, as
# configs/boots.conf gives them, and their static build.  Sourced by
# scripts/boot-test.

# boot_selftests ARCH HV: the selftests the boot test runs there.
boot_selftests() {
	boot_row "$1" "$2"
	echo "$B_SELFTESTS"
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

# boot_machine ARCH HV: the QEMU command line of boot ARCH[-HV], as the
# array qemu: the machine and CPU of configs/arches.conf (arch_setup has
# run), the CPUs and memory of configs/boots.conf.  Sets selftest_pkgs
# and selftest_setup for what its selftests need more (packages, a line
# of the guest's script).
boot_machine() {
	boot_row "$1" "$2"
	# shellcheck disable=SC2034 # boot-test reads them
	selftest_pkgs= selftest_setup=
	qemu=("${QEMU_BASE[@]}" ${B_SMP:+-smp "$B_SMP"} -m "$B_MEM")
	# shellcheck disable=SC2086 # one word per selftest
	in_list migration $B_SELFTESTS || return 0
	# Two NUMA nodes, with the CPUs shared out so that the last is alone
	# on the second, and huge pages for migration's hugetlb cases (and
	# cow's), 8 per node: migration moves one between the nodes.
	[ "${B_SMP:-1}" -ge 2 ] || die "configs/boots.conf: '$1${2:+-$2}' runs migration, which needs two CPUs or more"
	# shellcheck disable=SC2054 # the commas are QEMU's
	qemu+=(-object "memory-backend-ram,id=m0,size=$((B_MEM / 2))M"
	       -object "memory-backend-ram,id=m1,size=$((B_MEM - B_MEM / 2))M"
	       -numa "node,nodeid=0,cpus=0-$((B_SMP - 2)),memdev=m0"
	       -numa "node,nodeid=1,cpus=$((B_SMP - 1)),memdev=m1")
	# shellcheck disable=SC2034 # boot-test reads them
	selftest_pkgs=libnuma-dev selftest_setup="write /proc/sys/vm/nr_hugepages 16"
}
