# SPDX-License-Identifier: GPL-2.0
# What the scripts take from Debian's archive without installing it:
# a package of another suite, and the sparse of one.  Sourced by lib.sh;
# do not run it.

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
		printf '#!/bin/sh\n# sparse and the C library of Debian %s (scripts/debian.sh: sparse_checker)\nexec "%s/ld-linux-x86-64.so.2" --library-path "%s" "%s/usr/bin/sparse" "$@"\n' \
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

# hv_image HV: the multiboot image of hypervisor HV (hv_setup has run),
# from its package.  apt-get download keeps the machine's /boot and boot
# loader untouched.
hv_image() {
	local dir=$LMM_WORKROOT/$1 deb image

	image=${H_IMAGE##*/}
	image=$dir/${image%.gz}
	mkdir -p "$dir"
	deb=$(find "$dir" -maxdepth 1 -name "${H_PKG}_*.deb" | head -n 1)
	if [ -z "$deb" ]; then
		info "fetching $H_PKG with apt-get download into $dir" >&2
		(cd "$dir" && apt-get download "$H_PKG" >/dev/null 2>&1) ||
			{ apt-get update -qq && (cd "$dir" && apt-get download "$H_PKG" >/dev/null); } ||
			die "cannot apt-get download $H_PKG"
		deb=$(find "$dir" -maxdepth 1 -name "${H_PKG}_*.deb" | head -n 1)
	fi
	if [ ! -f "$image" ]; then
		rm -rf "$dir/pkg"
		dpkg-deb -x "$deb" "$dir/pkg"
		[ -f "$dir/pkg/$H_IMAGE" ] || die "$(basename "$deb") has no $H_IMAGE (configs/hypervisors.conf)"
		gunzip -c "$dir/pkg/$H_IMAGE" >"$image.tmp"
		mv "$image.tmp" "$image"
	fi
	info "$1: $(basename "$deb")" >&2
	echo "$image"
}
