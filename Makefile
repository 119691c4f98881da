# SPDX-License-Identifier: GPL-2.0
# Entry point of the lazy MMU series project: 'make help' lists the jobs.
# Each job is one script in scripts/, which says more with --help.

S := scripts
# The target: one of targets/*.conf (default mainline, scripts/lib.sh).
TARGET ?=
ifneq ($(TARGET),)
export LMM_TARGET := $(TARGET)
endif
ARCH ?=
CONFIG ?=
TARGETS ?=
REV ?=
KDIR ?=
BRANCH ?=
FORCE ?=

.DEFAULT_GOAL := apply
.PHONY: help apply base export check check-patches build touched \
	kunit mutants boot-test cocci arch-state prefixes test-tooling test-python shellcheck clean \
	b4-prep send-dry-run runtime matrix allmodconfig bench

help:
	@echo 'Every job takes TARGET=<name>, one of targets/*.conf (default: mainline):'
	@echo '  $(patsubst targets/%.conf,%,$(wildcard targets/*.conf))'
	@echo 'Its work folder is work/TARGET (work/mainline/linux, ...).'
	@echo
	@echo 'Jobs (default: apply):'
	@echo '  apply          make the base if needed and git am the series onto'
	@echo '                 branch lazy-mmu of work/TARGET/linux; FORCE=1 replaces a'
	@echo '                 branch that differs from the patches (the old one is kept)'
	@echo '  apply KDIR=/path/to/linux [BRANCH=name]'
	@echo '                 apply onto a new branch of your own kernel tree, with'
	@echo '                 the target that serves its version'
	@echo '  base           make work/TARGET/linux: the reproducible base commit'
	@echo '  export         regenerate the target'"'"'s patches and series from lazy-mmu'
	@echo '  check          the fast test tier of every target (what CI runs): lint,'
	@echo '                 tooling tests, builds of what the series touches on 4'
	@echo '                 arches, KUnit; TARGET= runs one target'
	@echo '  check-patches  checkpatch --strict and the series lint'
	@echo '  build ARCH=a CONFIG=c [TARGETS="..."] [REV=rev]'
	@echo '                 build configs/ARCH/CONFIG.config in work/TARGET/build/ARCH-CONFIG'
	@echo '                 (TARGETS default: vmlinux; REV default: lazy-mmu)'
	@echo '  touched ARCH=a list the kbuild targets the series touches on ARCH'
	@echo '  kunit ARCH=a   run the lazy MMU KUnit suite under QEMU'
	@echo '                 (x86_64, arm64, powerpc, sparc64)'
	@echo '  boot-test ARCH=a [HV=xen] [TREE=base] [SECONDS=n]'
	@echo '                 boot a debug kernel under QEMU (x86_64, arm64, powerpc,'
	@echo '                 sparc64; HV=xen:'
	@echo '                 x86_64 as the PV dom0 of Xen) and run test_vmalloc'
	@echo '                 alongside tests/stress; TREE=base boots the base tree'
	@echo '  mutants [ARCH=a] [ONLY="name ..."]'
	@echo '                 break the series on purpose (mutants/TARGET/*.diff) and'
	@echo '                 check that the KUnit suite names the case each breaks'
	@echo '  runtime [ROWS="x86_64 x86_64-xen arm64 powerpc sparc64"] [SECONDS=n]'
	@echo '                 kunit and boot-test on base and series, one table'
	@echo '  b4-prep        make branch b4/NAME of work/TARGET/linux for b4: the cover'
	@echo '                 letter of cover-letter.txt, To/Cc from get_maintainer.pl,'
	@echo '                 name, revision and prefixes from posting.conf; the'
	@echo '                 poster (POSTER="Name <addr>", else git) signs every patch'
	@echo '  send-dry-run [OUT=dir]'
	@echo '                 b4 send -o: write every message (nothing is sent), list'
	@echo '                 subjects and recipients, check identity, checkpatch and'
	@echo '                 the git am round trip; INSPECT=1 lets a placeholder'
	@echo '                 identity through, for messages that are not to be sent'
	@echo '  cocci          the Coccinelle lazy MMU rule on the series'
	@echo '  arch-state     no private arch lazy MMU flag left on the series'
	@echo '  prefixes [CONFIGS="arch/config ..."]'
	@echo '                 build what the series touches at every prefix of it'
	@echo '                 (the prefixes stage of matrix)'
	@echo '  matrix [CONFIGS="arch/config ..."] [ONLY="prefixes final sparse cocci"] [FRESH=1]'
	@echo '                 the full build matrix: every prefix x ten configurations'
	@echo '                 and riscv64, full builds of the last patch, sparse and'
	@echo '                 Coccinelle deltas; resumable; report in work/TARGET/matrix/'
	@echo '  allmodconfig ARCH=a [SCOPE=touched|full]'
	@echo '                 allmodconfig build of what the series touches, or of all'
	@echo '  bench [PARTS="barriers text icount"] [RUNS=5]'
	@echo '                 what the series saves and costs, counted: arm64 barriers'
	@echo '                 per vmalloc call, vmlinux text sizes, x86_64 instructions'
	@echo '                 (QEMU -icount); report in work/TARGET/bench/report.md'
	@echo '  test-tooling   the tests of the scripts themselves (bats, and test-python)'
	@echo '  test-python    the unit tests of the Python modules (scripts/lmm/)'
	@echo '  shellcheck     shellcheck the shell scripts (settings: .shellcheckrc)'
	@echo '  clean          remove build output and logs (work/*/build, work/*/logs)'
	@echo '  help           this text'
	@echo
	@echo 'Configs (ARCH/CONFIG):' $(filter-out boot/%,$(patsubst configs/%.config,%,$(wildcard configs/*/*.config)))
	@echo
	@echo 'Sets (configs/sets.conf, then targets/$(or $(TARGET),mainline).conf):'
	@. configs/sets.conf && . targets/$(or $(TARGET),mainline).conf && \
		for s in MATRIX_CONFIGS MATRIX_SPARSE TEXT_CONFIGS RUNTIME_ROWS CHECK_BUILDS CHECK_SPARSE CHECK_KUNIT; do \
			eval "echo \"  $$s: \$${$$s:-(none)}\""; done

apply:
	$(S)/apply $(if $(KDIR),--kdir "$(KDIR)") $(if $(BRANCH),--branch "$(BRANCH)") \
		$(if $(FORCE),--force)

base:
	$(S)/base

export:
	$(S)/export

check:
	$(S)/check $(if $(TARGET),--target $(TARGET))

check-patches:
	$(S)/check-patches

build:
	@test -n "$(ARCH)" -a -n "$(CONFIG)" || \
		{ echo 'usage: make build ARCH=<arch> CONFIG=<config> [TARGETS=...] [REV=...]'; exit 2; }
	$(S)/build $(if $(REV),--rev $(REV)) $(ARCH) $(CONFIG) $(TARGETS)

touched:
	@test -n "$(ARCH)" || { echo 'usage: make touched ARCH=<arch>'; exit 2; }
	$(S)/touched $(ARCH)

kunit:
	@test -n "$(ARCH)" || { echo 'usage: make kunit ARCH=<x86_64|arm64|powerpc|sparc64>'; exit 2; }
	$(S)/kunit $(if $(REV),--rev $(REV)) $(ARCH)

mutants:
	$(S)/mutants $(if $(ARCH),--arch $(ARCH)) $(if $(REV),--rev $(REV)) $(ONLY)

SECONDS ?=
HV ?=
TREE ?=
boot-test:
	@test -n "$(ARCH)" || { echo 'usage: make boot-test ARCH=<x86_64|arm64|powerpc|sparc64> [HV=xen] [TREE=base] [SECONDS=n]'; exit 2; }
	@test -z "$(TREE)" -o "$(TREE)" = base -o "$(TREE)" = series || \
		{ echo 'TREE is base or series'; exit 2; }
	$(S)/boot-test $(if $(REV),--rev $(REV)) $(if $(TREE),--tree $(TREE)) \
		$(if $(SECONDS),--seconds $(SECONDS)) $(if $(HV),--hv $(HV)) $(ARCH)

ROWS ?=
runtime:
	$(S)/runtime $(if $(SECONDS),--seconds $(SECONDS)) $(ROWS)

b4-prep:
	$(S)/b4-prep

OUT ?=
send-dry-run:
	$(S)/send-dry-run $(if $(OUT),--out $(OUT))

cocci:
	$(S)/cocci $(REV)

arch-state:
	$(S)/arch-state $(REV)

CONFIGS ?=
prefixes:
	$(S)/matrix --only prefixes $(CONFIGS)

ONLY ?=
FRESH ?=
matrix:
	$(S)/matrix $(foreach s,$(ONLY),--only $(s)) $(if $(FRESH),--fresh) $(CONFIGS)

SCOPE ?= touched
allmodconfig:
	@test -n "$(ARCH)" || { echo 'usage: make allmodconfig ARCH=<x86_64|arm64|powerpc|sparc64> [SCOPE=touched|full]'; exit 2; }
	$(S)/allmodconfig $(ARCH) $(SCOPE)

PARTS ?=
RUNS ?=
bench:
	$(S)/bench $(if $(RUNS),--runs $(RUNS)) $(PARTS)

test-tooling: test-python
	bats tests/tooling

# The unit tests of the Python modules of scripts/lmm/.
test-python:
	PYTHONPATH=scripts python3 -m unittest discover -s tests/lmm -t tests/lmm

# The bash scripts of scripts/ and .ci/ (scripts/lib.sh is checked as
# they source it) and the tooling tests' helpers.  Warnings fail; the
# deliberate idioms are disabled in .shellcheckrc or where they are.
SHELL_SCRIPTS = $(shell grep -ls '^\#!/usr/bin/env bash' scripts/* .ci/run) tests/tooling/helpers.bash
shellcheck:
	shellcheck -S warning $(SHELL_SCRIPTS)

clean:
	rm -rf $(foreach t,$(patsubst targets/%.conf,%,$(wildcard targets/*.conf)),work/$(t)/build work/$(t)/logs)
