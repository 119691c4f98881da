# SPDX-License-Identifier: GPL-2.0
# Which optional targets of scripts/build are skipped, and why.  Sourced
# by scripts/build, whose variables (arch, config, rev, src, out, stamp,
# kmake, log, rc, targets, optional) and run_make these functions use
# and set.
#
# kbuild compiles a single object whatever the configuration says, so an
# optional object that this configuration does not build may not compile.
# An object whose Makefile needs an option this configuration lacks, or
# that fails on the base too, is such a file, not a failure of the
# series: skip it, and build the rest again.

# base_fails OBJ...: the objects of OBJ that do not compile on the base
# in this configuration.  Kept in the result store base-objects, per
# object, stamped with the base, the configuration and the target's
# fixups (the test tree carries them): computed on the
# base once (the build of the base itself records its own failures),
# not by moving the test tree back and forth at every prefix.
base_fails() {
	local o key todo=() on_base= bstamp fx

	mapfile -t fx < <(fixup_files "$arch-$config")
	bstamp=${LMM_BASE_COMMIT:0:12}-$({ echo "$stamp"; cat_files "${fx[@]}"; } | sha1sum | cut -c1-12)

	store_open base-objects
	for o; do
		key=$arch-$config-${o//\//_}
		if store_get "$key" "$bstamp"; then
			[ "$R_VERDICT" = pass ] || echo "$o"
		else
			todo+=("$o")
		fi
	done
	[ ${#todo[@]} -gt 0 ] || return 0
	[ "$(git -C "$LMM_LINUX" rev-parse "$rev^{commit}")" != "$(git -C "$LMM_LINUX" rev-parse "$LMM_BASE_COMMIT^{commit}")" ] ||
		on_base=1
	[ -n "$on_base" ] || {
		info "checking on the base whether ${todo[*]} compile(s) in this configuration" >&2
		make_test_tree "$LMM_BASE_COMMIT" "$arch-$config" >/dev/null
	}
	for o in "${todo[@]}"; do
		key=$arch-$config-${o//\//_}
		# On the base, this build's failure is the base's.
		if [ -z "$on_base" ] && "${kmake[@]}" "$o" >/dev/null 2>&1; then
			store_put "$key" "$bstamp" pass 0 "" "scripts/build --rev $LMM_BASE_COMMIT $arch $config $o" ""
		else
			store_put "$key" "$bstamp" fail 0 "" "scripts/build --rev $LMM_BASE_COMMIT $arch $config $o" ""
			echo "$o"
		fi
	done
	[ -n "$on_base" ] || make_test_tree "$rev" "$arch-$config" >/dev/null
}

# skip_unconfigured: while the build fails on optional objects, skip
# those that this configuration does not build (their Makefile wants an
# unset option, or they fail on the base too) and build the rest again.
# Sets notcfg_why, one 'OBJ: why' per skipped object.
skip_unconfigured() {
	local failed cand new rest why w o notcfg=()

	notcfg_why=()
	# kbuild builds single targets one by one and stops at the first that
	# fails, -k or not: classify, build again, until nothing new is found.
	while [ "$rc" -ne 0 ] && [ ${#optional[@]} -gt 0 ] && [ -n "$rev" ]; do
		mapfile -t failed < <(sed -n 's/.*Makefile\.build:[0-9]*: \(.*\.o\)\] Error [0-9]*$/\1/p' "$log" | sort -u)
		cand=()
		for o in "${failed[@]}"; do
			in_list "$o" "${optional[@]}" && cand+=("$o")
		done
		[ ${#cand[@]} -gt 0 ] || break
		new=()
		# First, objects that their Makefile builds only under an option
		# this configuration does not set; then those that fail on the base.
		mapfile -t why < <(kconfig not-configured "$src" "$out/.config" "${cand[@]}")
		for w in "${why[@]}"; do
			new+=("${w%%: *}")
			notcfg_why+=("$w")
		done
		rest=()
		for o in "${cand[@]}"; do
			in_list "$o" "${new[@]}" || rest+=("$o")
		done
		while read -r o; do
			new+=("$o")
			notcfg_why+=("$o: does not compile in configs/$arch/$config.config on the base either (the configuration does not build it)")
		done < <(base_fails "${rest[@]}")
		[ ${#new[@]} -gt 0 ] || break
		notcfg+=("${new[@]}")
		rest=()
		for o in "${targets[@]}"; do
			in_list "$o" "${notcfg[@]}" || rest+=("$o")
		done
		targets=("${rest[@]}")
		info "building again without ${new[*]}: ${targets[*]}"
		run_make "${targets[@]}"
	done
}

# skip_norule: an optional target that kbuild has no rule for is
# skipped, and the rest built again.  Sets skipped.
skip_norule() {
	local norule rest o

	# An optional target that kbuild has no rule for (a file that this
	# revision does not have yet) is skipped too, and the rest built again:
	# the verdict is make's exit status, not a guess from the log's words.
	skipped=()
	if [ "$rc" -ne 0 ] && [ ${#optional[@]} -gt 0 ]; then
		mapfile -t norule < <(sed -n "s/.*No rule to make target '\([^']*\)'.*/\1/p" "$log" | sort -u)
		rest=()
		for o in "${targets[@]}"; do
			if in_list "$o" "${norule[@]}" && in_list "$o" "${optional[@]}"; then
				skipped+=("$o")
			else
				rest+=("$o")
			fi
		done
		if [ ${#skipped[@]} -gt 0 ]; then
			targets=("${rest[@]}")
			info "building again without ${skipped[*]}: ${targets[*]}"
			run_make "${targets[@]}"
		fi
	fi
}
