# SPDX-License-Identifier: GPL-2.0
#
# debian-apt.sh: a private apt configuration for fetching Debian packages
# without installing them (sourced by fetch-kernel and tools/lint/lint).
#
# The archive URI is read from the machine's apt configuration at run time,
# so no mirror name is ever written down. Callers define log() and die() and
# may set APT_RELEASE=(-t SUITE); private_apt_setup sets APT_OPTS.

readonly KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
APT_RELEASE=()

cache_root() { echo "${OCF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ocf}"; }

# Print "URI SUITE" for each Debian archive source the machine is configured
# with. The URI is read at run time so that no mirror name is ever recorded.
machine_sources() {
	local out
	out=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
	      sort -u || true)
	if [ -n "$out" ]; then
		echo "$out"
		return
	fi
	# No index fetched yet: parse the source files themselves.
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) while ($i !~ /\]$/) i++;
		     if ($2 ~ /^\[/) i++; print $i, $(i + 1) }' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		awk 'function flush() { if (types ~ /(^| )deb( |$)/)
		       for (u in uris) for (s in suites) print uris[u], suites[s];
		       types = ""; delete uris; delete suites }
		     /^[ \t]*$/ { flush(); next }
		     /^#/ { next }
		     tolower($1) == "types:" { types = $0 }
		     tolower($1) == "uris:" { for (i = 2; i <= NF; i++) uris[i] = $i }
		     tolower($1) == "suites:" { for (i = 2; i <= NF; i++) suites[i] = $i }
		     END { flush() }' "$f"
	done
}

# Debian's code names, for telling the machine's Debian sources from others.
readonly DEBIAN_DISTS_RE='^(buster|bullseye|bookworm|trixie|forky|duke|sid|unstable|testing|stable|oldstable|experimental)(-[a-z-]+)?$'

# The URI serving a suite, with a trailing slash.
suite_uri() {
	local suite=$1
	machine_sources | awk -v s="$suite" '$2 == s { print $1; exit }' |
		sed 's:/*$:/:'
}

# The URI of the machine's Debian archive: the one serving suite $1 if
# configured, else the one serving any other Debian suite (one archive
# serves them all). $2 = "security" for the security archive.
archive_uri() {
	local suite=$1 kind=${2:-main} uri
	uri=$(suite_uri "$suite")
	if [ -z "$uri" ]; then
		uri=$(machine_sources | awk -v re="$DEBIAN_DISTS_RE" -v k="$kind" '
			$2 ~ re && (($2 ~ /-security$/) == (k == "security")) { print $1; exit }' |
			sed 's:/*$:/:')
	fi
	echo "$uri"
}

# The directory of the private apt configuration of distribution $1: the
# bookworm one is shared by fetch-kernel, tools/lint and tools/debug-kernel.
apt_dir() {
	case $1 in
	bookworm) echo "$(cache_root)/apt" ;;
	*) echo "$(cache_root)/apt-$1" ;;
	esac
}

# The suites of distribution $1 in its private configuration ("S" from the
# main archive, "security:S" from the security archive).
dist_suites() {
	case $1 in
	bullseye) echo bullseye bullseye-updates security:bullseye-security ;;
	sid|experimental) echo "$1" ;;
	*) echo "$1" "$1"-updates "$1"-backports security:"$1"-security ;;
	esac
}

# Write a private apt configuration (sources list, lists, caches) under $1
# for Debian distribution $2 (default bookworm: bookworm, its updates,
# security and backports), and update it. The archive keyring package
# (debian-archive-keyring) must know the suites' keys.
private_apt_setup() {
	local dir=$1 dist=${2:-bookworm} main sec s
	main=$(archive_uri "$dist")
	[ -n "$main" ] || die "no Debian archive found in the apt configuration"
	sec=$(archive_uri "$dist-security" security)
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/parts"
	for s in $(dist_suites "$dist"); do
		case $s in
		security:*)
			[ -z "$sec" ] ||
				echo "deb [signed-by=$KEYRING] $sec ${s#security:} main" ;;
		*) echo "deb [signed-by=$KEYRING] $main $s main" ;;
		esac
	done >"$dir/sources.list.new"
	mv "$dir/sources.list.new" "$dir/sources.list"
	APT_OPTS=(
		-o "Dir::Etc::SourceList=$dir/sources.list"
		-o "Dir::Etc::SourceParts=$dir/parts"
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::Cache=$dir/cache"
		-o "APT::Sandbox::User=root"
		-o "Debug::NoLocking=1"
	)
	[ "${APT_NO_UPDATE:-0}" = 1 ] && return 0
	log "updating the private package lists ($dist)"
	# Two fetches may share the lists: serialise the update. The output
	# is filtered: apt's messages name the mirror.
	(
		flock 8
		apt-get "${APT_OPTS[@]}" -qq update 2>&1 |
			sed -E 's@[a-z]+://[^ ]*@<archive>@g' >&2
		[ "${PIPESTATUS[0]}" = 0 ]
	) 8>"$dir/update.lock" ||
		die "apt-get update failed for $dist (is debian-archive-keyring recent enough?)"
}

# Field $2 of the candidate version of package $1 (in the selected release).
pkg_field() {
	apt-cache "${APT_OPTS[@]}" "${APT_RELEASE[@]}" show --no-all-versions "$1" 2>/dev/null |
		awk -v f="$2:" '$1 == f { sub(/^[^:]*: */, ""); print; exit }'
}

# Names of the dependencies of package $1 that match the regex $2.
pkg_deps_matching() {
	pkg_field "$1" Depends | tr ',|' '\n\n' |
		awk '{ print $1 }' | grep -E "$2" | sort -u
}

# Download packages "$@" (candidate versions) into the current directory.
pkg_download() {
	# -qq: no "Get:" lines, which would name the mirror in logs.
	log "downloading $*"
	apt-get "${APT_OPTS[@]}" "${APT_RELEASE[@]}" -qq download "$@" >&2
}
