# shellcheck shell=sh
# SPDX-License-Identifier: GPL-2.0
#
# ktls-lib.sh: shell helpers shared by the kTLS demo (tools/ktls/demo.sh)
# and selftests/ktls_interop.sh.  Installed next to ktls-client on the
# guest's PATH; a script loads it with
#
#	lib=$(command -v ktls-lib.sh) && . "$lib"
#
# POSIX sh only (the guest's shell is busybox ash).

# wait_listen PORT: until something listens on TCP PORT, over IPv4 or IPv6
# (openssl s_server listens on :: when it can); 5 s at most.
wait_listen() {
	_wl_hex=$(printf ':%04X$' "$1")
	_wl_i=0
	while [ "$_wl_i" -lt 50 ]; do
		if cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		   awk -v p="$_wl_hex" '$2 ~ p && $4 == "0A" { f = 1 } END { exit !f }'; then
			return 0
		fi
		sleep 0.1
		_wl_i=$((_wl_i + 1))
	done
	return 1
}

# tls_stat NAME: a counter of /proc/net/tls_stat (0 when it is absent).
tls_stat() {
	awk -v n="$1" '$1 == n { print $2; f = 1 } END { if (!f) print 0 }' \
		/proc/net/tls_stat 2>/dev/null
}
