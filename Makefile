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

# The arches of the usage lines, from the data: those with a QEMU
# (configs/arches.conf), the boots (configs/boots.conf), those with an
# allmodconfig fragment.
QEMU_ARCHES := $(shell awk 'NF && substr($$1, 1, 1) != "#" && $$8 != "-" { printf "%s%s", s, $$1; s = "|" }' configs/arches.conf)
BOOTS := $(shell awk 'NF && substr($$1, 1, 1) != "#" { printf "%s%s", s, $$1; s = "|" }' configs/boots.conf)
ALLMOD_ARCHES := $(subst $(eval) ,|,$(patsubst configs/%/allmodconfig.config,%,$(wildcard configs/*/allmodconfig.config)))

.DEFAULT_GOAL := apply
.PHONY: help apply base export check check-patches build touched \
	kunit mutants boot-test cocci docs-delta arch-state prefixes test-tooling test-python \
	shellcheck clean b4-prep send-dry-run runtime matrix allmodconfig bench

# The jobs 'make help' lists: each runs scripts/JOB (prefixes: scripts/matrix
# --only prefixes), and help prints the script's line of scripts/README
# and the first line of its own --help.
JOBS := apply base export check check-patches build touched kunit mutants \
	boot-test runtime b4-prep send-dry-run cocci docs-delta arch-state prefixes \
	matrix allmodconfig bench

help:
	@echo 'Every job takes TARGET=<name>, one of targets/*.conf (default: mainline):'
	@for t in $(patsubst targets/%.conf,%,$(wildcard targets/*.conf)); do \
		( . targets/$$t.conf && printf '  %-9s %s: %s %s (%s), base commit %.12s\n' \
			"$$t" "$$TARGET_DESC" "$$BASE_PKG" "$$BASE_PKG_VERSION" "$$BASE_SUITE" "$$BASE_COMMIT" ); done
	@echo 'Its work folder is work/TARGET (work/mainline/linux, ...).'
	@echo
	@echo 'Jobs (default: apply).  make JOB runs scripts/JOB, whose usage line follows;'
	@echo 'make passes ARCH, CONFIG, TARGETS, REV, KDIR, BRANCH, FORCE=1, CHECK=1, ONLY, TIER, HV,'
	@echo 'TREE, TEST, SECONDS, ROWS, OUT, CONFIGS, FRESH=1, LIST=1, REPORT=1, SCOPE, PARTS'
	@echo 'and RUNS on as the options and arguments of the same names (scripts/JOB --help'
	@echo 'says more):'
	@for j in $(JOBS); do \
		s=$$j; [ $$j != prefixes ] || s=matrix; \
		d=$$(awk -v j=$$j '$$1 == j { sub(/^ *[^ ]+ +/, ""); print }' $(S)/README); \
		[ $$j != prefixes ] || d='every prefix of the series on each configuration'; \
		printf '  %-14s %s\n' "$$j" "$$d"; \
		$(S)/$$s --help 2>&1 | sed -n "1s/^usage: $$s/                 scripts\/$$s/p"; \
	done
	@echo '  test-tooling   the tests of the scripts themselves (bats, and test-python)'
	@echo '  test-python    the unit tests of the Python modules (scripts/lmm/)'
	@echo '  shellcheck     shellcheck the shell scripts (settings: .shellcheckrc)'
	@echo '  clean          remove build output and logs (work/*/build, work/*/logs)'
	@echo '  help           this text'
	@echo
	@echo 'Configs (ARCH/CONFIG) of target $(or $(TARGET),mainline):' $$(LMM_TOP=$(CURDIR) $(S)/build --configs)
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
	@test -n "$(ARCH)" || { echo 'usage: make touched ARCH=<arch> [REV=...]'; exit 2; }
	$(S)/touched $(ARCH) $(REV)

kunit:
	@test -n "$(ARCH)" || { echo 'usage: make kunit ARCH=<$(QEMU_ARCHES)>'; exit 2; }
	$(S)/kunit $(if $(REV),--rev $(REV)) $(ARCH)

mutants:
	$(S)/mutants $(if $(CHECK),--check) $(if $(ARCH),--arch $(ARCH)) $(if $(TIER),--tier $(TIER)) $(if $(REV),--rev $(REV)) $(ONLY)

SECONDS ?=
HV ?=
TREE ?=
boot-test:
	@test -n "$(ARCH)" || { echo 'usage: make boot-test ARCH=<arch> [HV=<hv>] [TREE=base] [SECONDS=n], boots ARCH[-HV]: $(BOOTS)'; exit 2; }
	@test -z "$(TREE)" -o "$(TREE)" = base -o "$(TREE)" = series || \
		{ echo 'TREE is base or series'; exit 2; }
	$(S)/boot-test $(if $(REV),--rev $(REV)) $(if $(TREE),--tree $(TREE)) \
		$(if $(SECONDS),--seconds $(SECONDS)) $(if $(HV),--hv $(HV)) $(ARCH)

ROWS ?=
TEST ?=
runtime:
	@test -z "$(TREE)" -o "$(TREE)" = base -o "$(TREE)" = series || \
		{ echo 'TREE is base or series'; exit 2; }
	@test -z "$(TEST)" -o "$(TEST)" = kunit -o "$(TEST)" = boot || \
		{ echo 'TEST is kunit or boot'; exit 2; }
	$(S)/runtime $(if $(SECONDS),--seconds $(SECONDS)) $(if $(FRESH),--fresh) \
		$(if $(TREE),--tree $(TREE)) $(if $(TEST),--test $(TEST)) $(ROWS)

b4-prep:
	$(S)/b4-prep

OUT ?=
send-dry-run:
	$(S)/send-dry-run $(if $(OUT),--out $(OUT))

cocci:
	$(S)/cocci $(REV)

docs-delta:
	$(S)/docs-delta $(REV)

arch-state:
	$(S)/arch-state $(REV)

CONFIGS ?=
prefixes:
	$(S)/matrix --only prefixes $(CONFIGS)

ONLY ?=
FRESH ?=
LIST ?=
REPORT ?=
matrix:
	$(S)/matrix $(foreach s,$(ONLY),--only $(s)) $(if $(FRESH),--fresh) $(if $(LIST),--list) $(if $(REPORT),--report) $(CONFIGS)

SCOPE ?= touched
allmodconfig:
	@test -n "$(ARCH)" || { echo 'usage: make allmodconfig ARCH=<$(ALLMOD_ARCHES)> [SCOPE=touched|full]'; exit 2; }
	$(S)/allmodconfig $(if $(REV),--rev $(REV)) $(if $(LIST),--list) $(ARCH) $(SCOPE)

PARTS ?=
RUNS ?=
bench:
	$(S)/bench $(if $(RUNS),--runs $(RUNS)) $(PARTS)

test-tooling: test-python
	bats tests/tooling

# The unit tests of the Python modules of scripts/lmm/.
test-python:
	PYTHONPATH=scripts python3 -m unittest discover -s tests/lmm -t tests/lmm

# The bash scripts of scripts/ and .ci/ and the tooling tests' helpers;
# then the files they source (scripts/*.sh) on their own, which the
# first pass follows but does not report on: there a variable set for
# the scripts that source the file (SC2034) or set by them (SC2154) is
# the design.  Warnings fail; the deliberate idioms are disabled in
# .shellcheckrc or where they are.
SHELL_SCRIPTS = $(shell grep -ls '^\#!/usr/bin/env bash' scripts/* scripts/qemu/* .ci/run) tests/tooling/helpers.bash
shellcheck:
	shellcheck -S warning $(SHELL_SCRIPTS)
	shellcheck -S warning -s bash -e SC2034,SC2154 scripts/*.sh

clean:
	rm -rf $(foreach t,$(patsubst targets/%.conf,%,$(wildcard targets/*.conf)),work/$(t)/build work/$(t)/logs)
