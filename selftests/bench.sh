#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench: ocf-bench (tools/ocf-bench) on a short preset, so that a kselftest
# run gives the numbers too.  Its tables (MB/s, operations/s, ratios to
# OpenSSL and to AF_ALG) are printed as TAP diagnostics ("# ...").
#
# One result per algorithm, driver class and path: it fails only when the
# path cannot run (ocf-bench measured no figure and gave an errno); speed is
# never judged here.  The hardware line is skipped without a hardware driver,
# and AF_ALG where the kernel refuses the algorithm to it (7.2 on: no
# asynchronous or driver-only algorithms).
# A few seconds under QEMU TCG: one timed round of 100 ms per figure.
# TAP 13 on stdout; exit 0 pass, 1 fail, 4 skip.

dir=$(cd "$(dirname "$0")" && pwd)
[ -d "$dir/tools" ] && PATH=$dir/tools:$PATH

echo "TAP version 13"
if ! command -v ocf-bench >/dev/null 2>&1; then
	echo "1..0 # SKIP ocf-bench not installed"
	exit 4
fi
if [ ! -c /dev/crypto ]; then
	echo "1..0 # SKIP no /dev/crypto (ocf not loaded)"
	exit 4
fi

tmp=${TMPDIR:-/tmp}/bench.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT

# The preset: plan.quick's first two lines, fewer sizes and depths, no
# tcrypt (it loads a module per mode and takes minutes under TCG).
cat >"$tmp/plan" <<'EOF'
-a aes-128-gcm,aes-128-cbc -s 64,4k -p copy,zc,batch,afalg,openssl -d 8
-c hw -a aes-128-cbc -s 64 -p zc,batch -d 8
EOF

ocf-bench -r 1 -t 100 -w 20 --plan "$tmp/plan" --json "$tmp/b.json" \
	>"$tmp/out" 2>&1
st=$?
# (ocf-bench's own notes already start with "# ")
sed -e 's/^# //' -e 's/^/# /' "$tmp/out"
if [ $st != 0 ] || [ ! -s "$tmp/b.json" ]; then
	echo "1..1"
	echo "not ok 1 - ocf-bench exited $st"
	exit 1
fi

# One line per figure: "alg class path depth size error-or-empty"; then one
# TAP result per alg/class/path (and depth), the first error it met.
sed -n 's/^ *{"alg": "\([^"]*\)", "class": "\([^"]*\)", "path": "\([^"]*\)", "depth": \([0-9]*\), "size": \([0-9]*\),.*/\1 \2 \3 \4 \5 &/p' \
	"$tmp/b.json" |
	awk '{
		key = $1 " " $2 " " $3 ($4 != "0" ? " depth " $4 : "")
		if (!(key in err)) { order[n++] = key; err[key] = "" }
		if (match($0, /"error": "[^"]*"/) && err[key] == "")
			err[key] = "size " $5 ": " substr($0, RSTART + 10, RLENGTH - 11)
	}
	END {
		for (i = 0; i < n; i++)
			print order[i] "\t" err[order[i]]
	}' >"$tmp/res"

total=$(wc -l <"$tmp/res")
if [ "$total" = 0 ]; then
	echo "1..1"
	echo "not ok 1 - ocf-bench measured nothing"
	exit 1
fi
echo "1..$total"
n=0
failed=0
while IFS='	' read -r key e; do
	n=$((n + 1))
	case $key in
	*" hw "*) class=hw ;;
	*" afalg"*) class=afalg ;;
	*) class= ;;
	esac
	if [ -z "$e" ]; then
		echo "ok $n - bench: $key runs"
	elif [ "$class" = hw ]; then
		echo "ok $n - bench: $key runs # SKIP no hardware driver ($e)"
	elif [ "$class" = afalg ] && [ "${e#*No such file}" != "$e" ]; then
		# Linux 7.2 keeps asynchronous and driver-only algorithms out of
		# AF_ALG (AF_ALG_CRYPTOAPI_MASK): the kernel's policy, not a fault.
		echo "ok $n - bench: $key runs # SKIP AF_ALG refuses this algorithm here ($e)"
	else
		echo "not ok $n - bench: $key runs ($e)"
		failed=$((failed + 1))
	fi
done <"$tmp/res"
[ $failed = 0 ]
