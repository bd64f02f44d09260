#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: the kTLS step of `make demo`, run in the guest (busybox sh) as
# /demo-hooks/ktls-demo.sh.  Exit 0 passes, 4 skips, anything else fails.
#
# An unmodified "openssl s_server" (user-space TLS, copied in through
# tools/ktls/demo.with) talks to ktls-client, which does the handshake with
# OpenSSL's libssl, then hands both directions to the kernel's TLS
# (kTLS) through /dev/crypto (OCF_IOC_TLS13_SESSION from the traffic
# secrets, or a session from the TLS 1.2 key block, then
# OCF_IOC_KTLS_ATTACH) and moves DEMO_SIZE bytes each way at once with
# sendfile()/write() and read().  Proof, per connection:
#   - s_server received exactly the client's file: the kernel's records
#     are valid TLS, decrypted by user-space OpenSSL;
#   - the client received exactly s_server's file, decrypted by kTLS;
#   - /proc/net/tls_stat: TlsTxSw and TlsRxSw rose by one each (a
#     software kTLS socket keyed in each direction), TlsDecryptError not;
#   - the attach results: the bridge set the "tls" ULP, and with
#     OCF_KTLS_F_HIDE_KEY wiped kTLS's copy of the key.
#
# Environment: DEMO_SIZE (bytes each way, default 4 MiB).

SIZE=${DEMO_SIZE:-4194304}
PORT=34430
T=${TMPDIR:-/tmp}/ktls-demo.$$

skip() {
	echo "SKIP: $*"
	exit 4
}

for p in openssl ktls-client ktls-lib.sh; do
	command -v $p >/dev/null 2>&1 || skip "$p is not in the guest"
done
# wait_listen, tls_stat
# shellcheck source=tools/ktls/ktls-lib.sh
. "$(command -v ktls-lib.sh)"
[ -c /dev/crypto ] || skip "no /dev/crypto"
modprobe tls 2>/dev/null
[ -r /proc/net/tls_stat ] || skip "no kTLS in this kernel (/proc/net/tls_stat)"

mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
: >openssl.cnf
export OPENSSL_CONF="$T/openssl.cnf"

# result BITS: the OCF_KTLS_R_* bits of an attach, in words.
result() {
	r=$(($1))
	w=" keyed"
	[ $((r & 1)) = 0 ] || w="$w, set the tls ULP"
	[ $((r & 2)) = 0 ] || w="$w, key hidden from getsockopt"
	[ $((r & 4)) = 0 ] || w="$w, device offload"
	echo "$w"
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout key.pem -out cert.pem -days 1 -subj /CN=ocf-demo >req.log 2>&1 ||
	{ cat req.log; echo "cannot make a certificate"; exit 1; }
head -c "$SIZE" /dev/urandom >up.bin
head -c "$SIZE" /dev/urandom >down.bin
mkfifo fifo
failed=0

# demo VERSION CIPHER MODE SERVER-ARGS [CLIENT-FLAGS]: one connection.
demo() {
	v=$1 c=$2 mode=$3 sargs=$4 flags=$5
	PORT=$((PORT + 1))
	echo
	echo "--- TLS $v, $c: openssl s_server $sargs <-> ktls-client -m $mode${flags:+ $flags}"
	tx0=$(tls_stat TlsTxSw) rx0=$(tls_stat TlsRxSw) err0=$(tls_stat TlsDecryptError)
	rm -f srv.out cli.out
	# shellcheck disable=SC2086 # the server's options are words
	openssl s_server -accept "$PORT" -cert cert.pem -key key.pem \
		-naccept 1 -quiet $sargs <fifo >srv.out 2>srv.err &
	srv=$!
	# s_server sends its input, and ends at its end: keep the FIFO open.
	(cat down.bin; exec sleep 60) >fifo &
	feed=$!
	st=1
	t0=$(date +%s)
	# shellcheck disable=SC2086
	if wait_listen "$PORT" &&
	   timeout 120 ktls-client -V -v "$v" -c "$c" -m "$mode" $flags \
		-s up.bin -n "$SIZE" -o cli.out 127.0.0.1 "$PORT" 2>cli.err; then
		st=0
	fi
	t1=$(date +%s)
	timeout 30 sh -c "while kill -0 $srv 2>/dev/null; do sleep 0.1; done"
	kill "$srv" "$feed" 2>/dev/null
	wait "$srv" 2>/dev/null
	wait "$feed" 2>/dev/null
	tx=$(($(tls_stat TlsTxSw) - tx0)) rx=$(($(tls_stat TlsRxSw) - rx0))
	err=$(($(tls_stat TlsDecryptError) - err0))

	sed -n 's/^ktls: \(TLS.*\); tx.*/negotiated by OpenSSL: \1/p' cli.err
	txr=$(sed -n 's/.* tx bridge (result \([^)]*\)).*/\1/p' cli.err)
	rxr=$(sed -n 's/.* rx bridge (result \([^)]*\)).*/\1/p' cli.err)
	if [ -n "$txr" ] && [ -n "$rxr" ]; then
		echo "OCF_IOC_KTLS_ATTACH TX result:$(result "$txr"); RX result:$(result "$rxr")"
	else
		st=1
	fi
	echo "kTLS counters: TlsTxSw +$tx, TlsRxSw +$rx, TlsDecryptError +$err"
	[ "$tx" -ge 1 ] && [ "$rx" -ge 1 ] && [ "$err" = 0 ] || st=1
	if cmp -s up.bin srv.out; then
		echo "client -> s_server: $SIZE bytes (kTLS $mode, OpenSSL decrypts), identical"
	else
		echo "client -> s_server: $(wc -c <srv.out) of $SIZE bytes, DIFFERENT"
		st=1
	fi
	if cmp -s down.bin cli.out; then
		echo "s_server -> client: $SIZE bytes (OpenSSL encrypts, kTLS decrypts), identical"
	else
		echo "s_server -> client: $(wc -c <cli.out 2>/dev/null || echo 0) of $SIZE bytes, DIFFERENT"
		st=1
	fi
	echo "($((t1 - t0)) s under TCG)"
	if [ $st != 0 ]; then
		echo "FAILED; client and server said:"
		tail -n 5 cli.err srv.err 2>/dev/null
		failed=$((failed + 1))
	fi
}

demo 1.3 aes128gcm sendfile "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256" -H
demo 1.2 chacha20poly1305 write "-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305"

echo
if [ $failed = 0 ]; then
	cat <<EOF
Proved: after an ordinary OpenSSL handshake, the records of both
directions were made and checked by the kernel (TlsTxSw/TlsRxSw), keyed
from /dev/crypto sessions through OCF_IOC_KTLS_ATTACH (no key passed to
setsockopt), and an unmodified openssl s_server agreed byte for byte.
EOF
fi
[ $failed = 0 ]
