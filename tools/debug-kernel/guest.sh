#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh: the debug kernel's checks around a test command, in the guest
# (tools/debug-kernel/check-debug copies it to /lane.sh).
#
#   lane.sh start    forget what kmemleak suspects from boot (scan + clear)
#   lane.sh finish   a kmemleak scan, then rmmod ocf: TAP, one line each
#
# Any unreferenced object found by the final scan fails, whoever
# allocated it; the report follows as "# " lines.

KML=/sys/kernel/debug/kmemleak

start() {
	if [ -w $KML ]; then
		echo scan >$KML
		echo clear >$KML
		echo "# kmemleak: boot-time suspects cleared"
	else
		echo "# kmemleak: not available"
	fi
}

finish() {
	n=1
	# Scan first, while ocf's symbols still resolve in the backtraces;
	# what leaked stays leaked after rmmod.
	if [ ! -w $KML ]; then
		echo "ok $n - debug: kmemleak scan # SKIP no $KML"
	else
		# An object must be at least 5 s old and be found unreferenced
		# by a scan; two scans some seconds apart settle the grey ones.
		sleep 6
		echo scan >$KML
		sleep 6
		echo scan >$KML
		report=$(cat $KML)
		if [ -z "$report" ]; then
			echo "ok $n - debug: kmemleak: no unreferenced object"
		else
			echo "not ok $n - debug: kmemleak: $(echo "$report" |
				grep -c 'unreferenced object') unreferenced object(s)"
			echo "$report" | head -n 300 | sed 's/^/# /'
		fi
	fi
	if grep -q '^ocf ' /proc/modules; then
		n=$((n + 1))
		if rmmod ocf; then
			echo "ok $n - debug: rmmod ocf"
		else
			echo "not ok $n - debug: rmmod ocf"
			grep '^ocf ' /proc/modules | sed 's/^/# /'
		fi
	fi
}

case ${1:-} in
start) start ;;
finish) finish ;;
*) echo "usage: $0 start|finish" >&2; exit 2 ;;
esac
