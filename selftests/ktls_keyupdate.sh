#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ktls_keyupdate: TLS 1.3 KeyUpdate done by the kernel (OCF_IOC_TLS13_UPDATE)
# against an unmodified OpenSSL, through tools/ktls.
#
#   1. "openssl s_client" <-> ktls-server: s_client's interactive "K" and
#      "k" commands (KeyUpdate with and without update_requested) between
#      the chunks it sends, and ktls-server's own KeyUpdates (with
#      update_requested, which s_client answers) every STEP bytes;
#   2. ktls-client <-> "openssl s_server": ktls-client's KeyUpdates with
#      update_requested every STEP bytes, s_server answering;
#   3. ktls-client <-> ktls-server, both bridged, both sending KeyUpdates
#      every STEP bytes, the client also on SIGUSR1.
# Each moves SIZE bytes each way, compared byte for byte.  At the end, the
# KeyUpdates the tools report, the module's counters (debugfs ocf/ktls) and
# kTLS's (/proc/net/tls_stat) must all agree.
#
# The data is decimal digits: "openssl s_client -quiet -no_ign_eof" takes
# a read from its input that starts with a command letter as a command,
# so the input holds no letters but the "K"/"k" lines, each written once
# the data before it arrived and followed by data only once s_client
# reported the KeyUpdate.  Should OpenSSL still read one along with data,
# it is sent as data: the receiving side drops K, k and newlines before
# comparing.
#
# Usage: ktls_keyupdate.sh [SIZE [STEP]]   (bytes each way per case, and
# between KeyUpdates; default 8 MiB and 1 MiB, or $KTLS_KEYUPDATE_SIZE and
# $KTLS_KEYUPDATE_STEP; the issue's 64 MiB run is SIZE=67108864 STEP=4194304,
# see Documentation/testing.rst)
# TAP 13 on stdout; exit 0 pass, 1 fail, 4 skip.

SIZE=${1:-${KTLS_KEYUPDATE_SIZE:-8388608}}
STEP=${2:-${KTLS_KEYUPDATE_STEP:-1048576}}
T=${TMPDIR:-/tmp}/ktls_keyupdate.$$
PORT=${KTLS_KEYUPDATE_PORT:-25433}
n=0
failed=0

echo "TAP version 13"
for p in openssl ktls-client ktls-server ktls-lib.sh; do
	if ! command -v $p >/dev/null 2>&1; then
		echo "1..0 # SKIP $p not found"
		exit 4
	fi
done
# shellcheck source=tools/ktls/ktls-lib.sh
. "$(command -v ktls-lib.sh)"
if [ ! -c /dev/crypto ]; then
	echo "1..0 # SKIP no /dev/crypto"
	exit 4
fi
modprobe tls 2>/dev/null
if ! grep -qw tls /proc/sys/net/ipv4/tcp_available_ulp 2>/dev/null; then
	echo "1..0 # SKIP this kernel has no kTLS (CONFIG_TLS)"
	exit 4
fi
# The kernel's own answer: its kTLS counts rekeys only where it can rekey.
if ! grep -q '^TlsTxRekeyOk' /proc/net/tls_stat 2>/dev/null; then
	echo "1..0 # SKIP this kernel's kTLS cannot rekey (TLS 1.3 KeyUpdate came in Linux 6.14)"
	exit 4
fi
OCFSTAT=/sys/kernel/debug/ocf/ktls
echo "1..4"

mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
: >openssl.cnf
export OPENSSL_CONF="$T/openssl.cnf"
ARGS="-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256"

ok() {		# ok STATUS NAME...
	st=$1; shift
	n=$((n + 1))
	if [ "$st" = 0 ]; then
		echo "ok $n - $*"
	else
		echo "not ok $n - $*"
		failed=$((failed + 1))
	fi
}

show() {
	for f in "$@"; do
		[ -s "$f" ] && tail -n 5 "$f" | sed "s|^|# $f: |"
	done
	return 0
}

# digits N: N random decimal digits.
digits() {
	head -c $(($1 / 2 + 1)) /dev/urandom | od -An -v -tx1 | tr -d ' \n' |
		tr abcdef 012345 | head -c "$1"
}

# same EXPECTED RECEIVED: equal once K, k and newlines are dropped.
same() {
	tr -d 'Kk\n' <"$2" >"$2.clean"
	if cmp -s "$1" "$2.clean"; then
		return 0
	fi
	echo "# $2 differs from $1 ($(wc -c <"$2.clean") of $(wc -c <"$1") bytes)"
	return 1
}

# upto N CMD...: until CMD succeeds, N tenths of a second at most.
upto() {
	_u=$1; shift
	while [ "$_u" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		_u=$((_u - 1))
	done
	return 1
}

# size_ge FILE N, count_gt FILE N: FILE's size, or its KEYUPDATE lines.
size_ge() { [ "$(wc -c <"$1" 2>/dev/null || echo 0)" -ge "$2" ]; }
count_gt() { [ "$(grep -c KEYUPDATE "$1" 2>/dev/null || echo 0)" -gt "$2" ]; }

# feed FILE FIFO [RECEIVED ERRFILE]: FILE into FIFO by STEP, then keep it
# open.  With RECEIVED (what the peer wrote so far) and ERRFILE (s_client's
# stderr), a "K" or "k" goes between the steps: once the peer received the
# step (so that s_client reads the command alone), and the next step once
# s_client said KEYUPDATE (so that it reads no data with the command).
feed() {
	(
		i=0
		while [ $((i * STEP)) -lt "$SIZE" ]; do
			dd if="$1" bs="$STEP" skip="$i" count=1 2>/dev/null
			i=$((i + 1))
			if [ -n "$3" ] && [ $((i * STEP)) -lt "$SIZE" ]; then
				upto 600 size_ge "$3" $((i * STEP))
				k=$(grep -c KEYUPDATE "$4" 2>/dev/null)
				if [ $((i % 2)) = 1 ]; then echo K; else echo k; fi
				upto 600 count_gt "$4" "${k:-0}"
			fi
		done
		exec sleep 300
	) >"$2" &
	FEED=$!
}

unfeed() {
	kill "$FEED" 2>/dev/null
	wait "$FEED" 2>/dev/null
}

# ku FILE WHAT: "sent" or "received" KeyUpdates from a tool's -V report.
ku() {
	sed -n "s/.*KeyUpdate: sent \([0-9]*\) .*received \([0-9]*\) .*/\1 \2/p" "$1" |
		awk -v w="$2" '{ print (w == "sent" ? $1 : $2) }' | tail -n 1
}

# counter FILE NAME
counter() {
	awk -v n="$2" '$1 == n { print $2; f = 1 } END { if (!f) print 0 }' "$1" 2>/dev/null
}

tools_sent=0
tools_received=0
account() {	# account ERRFILE: add a tool's KeyUpdates to the totals
	s=$(ku "$1" sent)
	r=$(ku "$1" received)
	tools_sent=$((tools_sent + ${s:-0}))
	tools_received=$((tools_received + ${r:-0}))
}

ktx0=$(tls_stat TlsTxRekeyOk)
krx0=$(tls_stat TlsRxRekeyOk)
otx0=$(counter $OCFSTAT key_updates_tx)
orx0=$(counter $OCFSTAT key_updates_rx)

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout key.pem -out cert.pem -days 2 -subj /CN=ocf-ktls >req.log 2>&1 ||
	{ cat req.log; echo "Bail out! cannot make a certificate"; exit 1; }
digits "$SIZE" >up.bin
digits "$SIZE" >down.bin
mkfifo fifo
steps=$(( (SIZE + STEP - 1) / STEP ))
echo "# $SIZE bytes each way, a KeyUpdate every $STEP bytes"

# 1. openssl s_client (K and k) <-> ktls-server (KeyUpdate every STEP)
PORT=$((PORT + 1))
timeout 900 ktls-server -C cert.pem -K key.pem -m write -s down.bin \
	-n "$SIZE" -o srv.out -u "$STEP" -R -V "$PORT" 127.0.0.1 2>srv.err &
srv=$!
st=1
if wait_listen "$PORT"; then
	# shellcheck disable=SC2086
	timeout 900 openssl s_client -connect "127.0.0.1:$PORT" -quiet \
		-no_ign_eof $ARGS <fifo >cli.out 2>cli.err &
	cli=$!
	feed up.bin fifo srv.out cli.err
	# s_client stops at the server's close_notify
	wait "$srv" && st=0
	wait "$cli"
	unfeed
else
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
fi
account srv.err
cmds=$(grep -c KEYUPDATE cli.err)
rcv=$(ku srv.err received)
snt=$(ku srv.err sent)
if [ $st = 0 ] && same up.bin srv.out && same down.bin cli.out &&
   [ "$cmds" -ge 1 ] && [ "${rcv:-0}" -ge "$cmds" ] &&
   [ "${snt:-0}" -ge $((steps - 1)) ]; then
	st=0
else
	st=1
	show srv.err cli.err
fi
echo "# s_client sent $cmds KeyUpdates (K/k); ktls-server received ${rcv:-?}, sent ${snt:-?}"
ok $st "openssl s_client (K, k) <-> ktls-server (KeyUpdate every $STEP bytes, update_requested): data identical"

# 2. ktls-client (KeyUpdate every STEP, update_requested) <-> openssl s_server
PORT=$((PORT + 1))
# shellcheck disable=SC2086
openssl s_server -accept "$PORT" -cert cert.pem -key key.pem -naccept 1 \
	-quiet $ARGS <fifo >srv.out 2>srv.err &
srv=$!
feed down.bin fifo
st=1
if wait_listen "$PORT" &&
   timeout 900 ktls-client -m sendfile -s up.bin -n "$SIZE" -o cli.out \
	-u "$STEP" -R -V 127.0.0.1 "$PORT" 2>cli.err; then
	st=0
fi
timeout 30 sh -c "while kill -0 $srv 2>/dev/null; do sleep 0.1; done"
kill "$srv" 2>/dev/null
wait "$srv" 2>/dev/null
unfeed
account cli.err
rcv=$(ku cli.err received)
snt=$(ku cli.err sent)
if [ $st = 0 ] && same up.bin srv.out && same down.bin cli.out &&
   [ "${snt:-0}" -ge $((steps - 1)) ] && [ "${rcv:-0}" -ge 1 ]; then
	st=0
else
	st=1
	show cli.err srv.err
fi
echo "# ktls-client sent ${snt:-?} KeyUpdates, received ${rcv:-?} (s_server's answers)"
ok $st "ktls-client (KeyUpdate every $STEP bytes, update_requested) <-> openssl s_server: data identical"

# 3. ktls-client <-> ktls-server, both bridged, both updating; SIGUSR1 too
PORT=$((PORT + 1))
timeout 900 ktls-server -C cert.pem -K key.pem -m splice -s down.bin \
	-n "$SIZE" -o srv.out -u "$STEP" -H -V "$PORT" 127.0.0.1 2>srv.err &
srv=$!
st=1
if wait_listen "$PORT"; then
	timeout 900 ktls-client -m write -s up.bin -n "$SIZE" -o cli.out \
		-u $((STEP * 2)) -R -H -V 127.0.0.1 "$PORT" 2>cli.err &
	cli=$!
	for _ in 1 2 3; do
		sleep 1
		kill -USR1 "$(pidof ktls-client || echo "$cli")" 2>/dev/null
	done
	wait "$cli" && wait "$srv" && st=0
else
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
fi
account srv.err
account cli.err
cs=$(ku cli.err sent)
cr=$(ku cli.err received)
ss=$(ku srv.err sent)
sr=$(ku srv.err received)
# A KeyUpdate that arrives after the peer read its last byte of data is
# never read (the peer is done): each side received at most what the other
# sent, and at least one; the data is identical whatever the timing.
if [ $st = 0 ] && same up.bin srv.out && same down.bin cli.out &&
   [ "${sr:-0}" -ge 1 ] && [ "${sr:-0}" -le "${cs:-0}" ] &&
   [ "${cr:-0}" -ge 1 ] && [ "${cr:-0}" -le "${ss:-0}" ] &&
   [ "${cs:-0}" -ge 1 ] && [ "${ss:-0}" -ge $((steps - 1)) ]; then
	st=0
else
	st=1
	show srv.err cli.err
fi
echo "# ktls-client sent ${cs:-?}, received ${cr:-?}; ktls-server sent ${ss:-?}, received ${sr:-?}"
ok $st "ktls-client <-> ktls-server, both bridged, KeyUpdates from both (and SIGUSR1): data identical, each side received what the other sent before its end"

# 4. the counters
ktx=$(($(tls_stat TlsTxRekeyOk) - ktx0))
krx=$(($(tls_stat TlsRxRekeyOk) - krx0))
echo "# tools: sent $tools_sent received $tools_received; kTLS: TX $ktx RX $krx rekeys"
if [ -r $OCFSTAT ]; then
	otx=$(($(counter $OCFSTAT key_updates_tx) - otx0))
	orx=$(($(counter $OCFSTAT key_updates_rx) - orx0))
	echo "# ocf: TX $otx RX $orx updates"
else
	otx=$ktx
	orx=$krx
	echo "# no $OCFSTAT: the module's counters are not compared"
fi
st=1
if [ "$ktx" = "$tools_sent" ] && [ "$krx" = "$tools_received" ] &&
   [ "$otx" = "$ktx" ] && [ "$orx" = "$krx" ] && [ "$ktx" -gt 0 ]; then
	st=0
fi
ok $st "KeyUpdates counted alike by the tools, the module and kTLS"

echo "# Totals: pass:$((n - failed)) fail:$failed xfail:0 xpass:0 skip:0 error:0"
[ $failed = 0 ]
