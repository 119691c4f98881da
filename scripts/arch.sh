# SPDX-License-Identifier: GPL-2.0
# The per-arch facts of configs/arches.conf, the boots of
# configs/boots.conf and the hypervisors of configs/hypervisors.conf, for
# the scripts.  Sourced by lib.sh; do not run it.

# arch_setup ARCH: the line of configs/arches.conf for ARCH.  Sets
# K_ARCH, K_SRCARCH, K_CROSS, K_PKG (compiler package), K_LIBC, Q_PKG,
# Q_BIN, Q_MACHINE, Q_CPU, Q_CPUS, K_CONSOLE and K_IMAGE ('' for '-'),
# and QEMU_BASE, the array "Q_BIN -M Q_MACHINE [-cpu Q_CPU]" (empty
# for an arch that is built only).
arch_setup() {
	local line v table=$LMM_TOP/configs/arches.conf

	line=$(awk -v a="$1" '$1 == a && !/^#/' "$table")
	[ -n "$line" ] ||
		die "unknown arch '$1' (known: $(awk '!/^#/ && NF { print $1 }' "$table" | paste -sd' ' -))"
	read -r _ K_ARCH K_SRCARCH K_CROSS K_PKG K_LIBC Q_PKG Q_BIN Q_MACHINE \
		Q_CPU Q_CPUS K_CONSOLE K_IMAGE <<<"$line"
	[ -n "$K_IMAGE" ] || die "configs/arches.conf: the line of '$1' lacks fields"
	for v in K_CROSS K_LIBC Q_PKG Q_BIN Q_MACHINE Q_CPU Q_CPUS K_CONSOLE K_IMAGE; do
		[ "${!v}" != - ] || printf -v "$v" ''
	done
	QEMU_BASE=()
	[ -z "$Q_BIN" ] || QEMU_BASE=("$Q_BIN" -M "$Q_MACHINE" ${Q_CPU:+-cpu "$Q_CPU"})
}

# boot_row ARCH HV: read the line of boot ARCH[-HV] from
# configs/boots.conf into B_SMP, B_MEM and B_SELFTESTS; a boot with no
# line is refused.
boot_row() {
	local name=$1${2:+-$2} table=$LMM_TOP/configs/boots.conf line

	line=$(awk -v b="$name" '$1 == b && !/^#/' "$table")
	[ -n "$line" ] ||
		die "no boot test '$name' (configs/boots.conf has: $(awk '!/^#/ && NF { print $1 }' "$table" | paste -sd' ' -))"
	read -r _ B_SMP B_MEM B_SELFTESTS <<<"$line"
	[ -n "$B_SELFTESTS" ] || die "configs/boots.conf: the line of '$name' lacks fields"
	[ "$B_SMP" != - ] || B_SMP=
}

# hv_setup HV: the line of configs/hypervisors.conf for HV into H_PKG,
# H_IMAGE, H_CONSOLE and H_CMDLINE; an unknown one is refused.
hv_setup() {
	local table=$LMM_TOP/configs/hypervisors.conf line

	line=$(awk -v h="$1" '$1 == h && !/^#/' "$table")
	[ -n "$line" ] ||
		die "unknown hypervisor '$1' (configs/hypervisors.conf has: $(awk '!/^#/ && NF { print $1 }' "$table" | paste -sd' ' -))"
	read -r _ H_PKG H_IMAGE H_CONSOLE H_CMDLINE <<<"$line"
	[ -n "$H_CMDLINE" ] || die "configs/hypervisors.conf: the line of '$1' lacks fields"
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

# kunit_args ARCH OUT: set KUNIT_ARGS, the arguments of kunit.py that
# build the target's suite in OUT and run it under QEMU on ARCH, with
# the target's KUNIT_KERNEL_ARGS on the kernel command line (calls
# kunit_qemu, and so arch_setup), and KUNIT_PATH, the PATH to run it
# with: Debian's python3, and its QEMU through scripts/qemu/tcg.
kunit_args() {	# ARCH BUILD_DIR [TIMEOUT: seconds the run may take]
	kunit_qemu "$1"
	KUNIT_ARGS=(run "${KUNIT_QEMU[@]}" --build_dir="$2" --jobs="${JOBS:-$(nproc)}"
		    --kunitconfig="$LMM_TOP/$KUNIT_CONFIG"
		    --kunitconfig="$LMM_TOP/configs/kunit/$1.kunitconfig"
		    --make_options="CC=ccache ${K_CROSS}gcc"
		    ${KUNIT_SMP:+--qemu_args="$KUNIT_SMP"} --timeout="${3:-900}")
	[ -z "$K_CROSS" ] || KUNIT_ARGS+=(--cross_compile="$K_CROSS")
	[ -z "${KUNIT_KERNEL_ARGS:-}" ] || KUNIT_ARGS+=(--kernel_args="$KUNIT_KERNEL_ARGS")
	mkdir -p "$LMM_WORK/qemu-tcg"
	ln -sfn "$LMM_SCRIPTS/qemu/tcg" "$LMM_WORK/qemu-tcg/$Q_BIN"
	KUNIT_PATH=$LMM_WORK/qemu-tcg:/usr/bin:$PATH
}

# kunit_passed LOG: whether kunit.py's LOG says the suite passed.
kunit_passed() {
	grep -qE "\\[PASSED\\] $KUNIT_SUITE( |\$)" "$1"
}

# A kernel report in a console log: a warning (lockdep's included), a
# BUG, an oops or panic, a KASAN or KFENCE report, a stall.  An extended
# regular expression, for grep -E and awk.
KERNEL_REPORT_RE='(WARNING:|(^|[^A-Z_])BUG[: ]|Oops|Kernel panic|KFENCE:|KASAN|Unable to handle kernel|detected stall|INFO: task .* blocked)'

# kunit_unexpected_reports RAW: the kernel reports of the suite's console
# log RAW, with their line numbers, but those of a case that announced
# them: a case whose warnings cannot be suppressed (6.12's KUnit has no
# suppression) first prints "# CASE: the WARNINGs ... that follow are
# expected", and its own result line ends what it announced.  Warnings
# that KUnit suppresses are not printed at all.
kunit_unexpected_reports() {
	awk -v re="$KERNEL_REPORT_RE" '
	/ the WARNINGs .* that follow are expected/ {
		c = $0
		sub(/^[^#]*#[ \t]*/, "", c)
		sub(/:.*/, "", c)
		next
	}
	c != "" && $0 ~ ("^[ \t]*(not )?ok [0-9]+ " c "([ \t]|$)") { c = ""; next }
	c == "" && $0 ~ re { print FNR ": " $0 }
	' "$1"
}

# kunit_failed_cases LOG: the cases kunit.py's LOG says failed, comma
# separated: those with a FAILED result line, and those whose
# expectation or assertion failed before a crash cut the run short of
# their result line.
kunit_failed_cases() {
	sed -n -e 's/.*\[FAILED\] \([a-z0-9_]*\)$/\1/p' \
		-e 's/^.*# \([a-z0-9_]*\): \(EXPECTATION\|ASSERTION\) FAILED.*/\1/p' "$1" |
		{ grep -vx "$KUNIT_SUITE" || true; } | sort -u | paste -sd, -
}
