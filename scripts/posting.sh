# SPDX-License-Identifier: GPL-2.0
# Who the series goes out as, and b4's settings.  Sourced by lib.sh; do not run it.

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
