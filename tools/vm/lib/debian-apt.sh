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

# The URI serving a suite, with a trailing slash.
suite_uri() {
	local suite=$1
	machine_sources | awk -v s="$suite" '$2 == s { print $1; exit }' |
		sed 's:/*$:/:'
}

# Write a private apt configuration (sources list, lists, caches) under $1
# covering bookworm, its updates, security and backports, and update it.
private_apt_setup() {
	local dir=$1 main sec
	main=$(suite_uri bookworm)
	[ -n "$main" ] || die "no Debian bookworm source found in the apt configuration"
	sec=$(suite_uri bookworm-security)
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/parts"
	{
		local s
		for s in bookworm bookworm-updates bookworm-backports; do
			echo "deb [signed-by=$KEYRING] $main $s main"
		done
		if [ -n "$sec" ]; then
			echo "deb [signed-by=$KEYRING] $sec bookworm-security main"
		fi
	} >"$dir/sources.list"
	APT_OPTS=(
		-o "Dir::Etc::SourceList=$dir/sources.list"
		-o "Dir::Etc::SourceParts=$dir/parts"
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::Cache=$dir/cache"
		-o "APT::Sandbox::User=root"
		-o "Debug::NoLocking=1"
	)
	log "updating the private package lists"
	# Two fetches may share the lists: serialise the update.
	(
		flock 8
		apt-get "${APT_OPTS[@]}" -qq update >&2
	) 8>"$dir/update.lock" || die "apt-get update failed"
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
