#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rmmod: ocf unloads cleanly after use and loads again.
#
# After /dev/crypto has been opened and closed, "rmmod ocf" must succeed,
# remove the device node and leave no ocf line in /proc/modules; a second
# "modprobe ocf", with the module's self-tests of its pure helpers
# (selftest=1: TLS padding, HKDF-Expand-Label, authenc key split, the
# hardware rule), must pass them and bring everything back.
# TAP 13 on stdout; exit 0 pass, 1 fail, 4 skip.

DEV=/dev/crypto
n=0
failed=0

ok() {		# ok CONDITION-STATUS NAME...
	st=$1; shift
	n=$((n + 1))
	if [ "$st" = 0 ]; then
		echo "ok $n - $*"
	else
		echo "not ok $n - $*"
		failed=$((failed + 1))
	fi
}

# wait_for TEST-ARGS...: up to 2 s for a condition the kernel sets
# asynchronously (devtmpfs nodes come and go from a kernel thread).
wait_for() {
	i=0
	while [ $i -lt 20 ]; do
		test "$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

loaded() { grep -q '^ocf ' /proc/modules; }

echo "TAP version 13"
if ! grep -q '/ocf\.ko:' "/lib/modules/$(uname -r)/modules.dep"; then
	echo "1..0 # SKIP ocf is not installed"
	exit 4
fi
echo "1..7"

loaded || modprobe ocf || echo "# modprobe ocf failed"
# Use the device first: open it and close it again (in a subshell, where a
# failed redirection cannot end this script).
[ -c $DEV ] && (: <$DEV)
ok $? "open and close $DEV"

rmmod ocf
ok $? "rmmod ocf"
wait_for ! -e $DEV
ok $? "$DEV is gone"
! loaded
ok $? "no ocf in /proc/modules"

passes() { dmesg | grep -c 'ocf: self-tests: pass'; }
before=$(passes)
modprobe ocf selftest=1
ok $? "modprobe ocf selftest=1 again"
[ "$(passes)" -gt "$before" ]
ok $? "the module's self-tests pass"
wait_for -c $DEV
ok $? "$DEV is back"

echo "# Totals: pass:$((n - failed)) fail:$failed xfail:0 xpass:0 skip:0 error:0"
[ $failed = 0 ]
