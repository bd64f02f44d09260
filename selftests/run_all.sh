#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_all.sh: run every selftest in this directory (in the guest).
#
# Each executable and each *.sh (except this one) runs in turn, from this
# directory, under a timeout taken from ./timeouts ("timeout=N", seconds;
# "timeout.NAME=N" for one test; ./settings, kselftest's, if a key is not
# there). Its TAP output is passed through as-is;
# OCF_TIMEOUT_SCALE=N multiplies every limit (a debug kernel is slower);
# a program that exits non-zero without printing any "not ok" line gets one
# here ("not ok - NAME exited N"), and exit status 4 means skipped.
# Exit status: 0 when every program passed or skipped, else 1.

cd "$(dirname "$0")" || exit 1
SELF=${0##*/}
TMP=${TMPDIR:-/tmp}/run_all.$$
mkdir -p "$TMP" || exit 1

# setting KEY DEFAULT: a value from ./timeouts, else from ./settings.
setting() {
	v=$(sed -n "s/^$1=//p" timeouts 2>/dev/null | tail -n 1)
	[ -n "$v" ] || v=$(sed -n "s/^$1=//p" settings 2>/dev/null | tail -n 1)
	echo "${v:-$2}"
}

run_one() {
	prog=$1
	limit=$(setting "timeout.$prog" "$(setting timeout 120)")
	limit=$((limit * ${OCF_TIMEOUT_SCALE:-1}))
	echo "# selftest: $prog (timeout ${limit}s)"
	{ timeout "$limit" "./$prog" 2>&1; echo $? >"$TMP/rc"; } | tee "$TMP/out"
	rc=$(cat "$TMP/rc")
	case $rc in
	0|4) return 0 ;;
	esac
	if [ "$rc" = 124 ] || [ "$rc" = 143 ]; then
		echo "not ok - $prog timed out after ${limit}s"
	elif ! grep -q '^not ok' "$TMP/out"; then
		echo "not ok - $prog exited $rc"
	fi
	return 1
}

status=0
for f in *; do
	if [ ! -f "$f" ] || [ ! -x "$f" ]; then
		continue
	fi
	case $f in
	"$SELF"|settings|config) continue ;;
	esac
	run_one "$f" || status=1
done
rm -rf "$TMP"
exit $status
