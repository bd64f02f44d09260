#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ktls_interop: the kTLS bridge against an unmodified OpenSSL.
#
# For TLS 1.3 and 1.2 and each cipher (AES-128-GCM, AES-256-GCM,
# AES-128-CCM, ChaCha20-Poly1305):
#   - ktls-client (bridged) against "openssl s_server",
#   - "openssl s_client" against ktls-server (bridged),
#   - ktls-client against ktls-server (both bridged),
# each moving SIZE bytes both ways at once, compared byte for byte.  The
# bridged side sends with write(), sendfile() or splice() in turn and
# receives with recvmsg() (record types).  ktls-client and ktls-server come
# from tools/ktls (build/KVER/tools, on the guest's PATH); openssl is copied
# in by "ocf-vm --with openssl" (make check does).  SKIP without them.
#
# Usage: ktls_interop.sh [SIZE]   (bytes each way per case; default
# 1 MiB, or $KTLS_INTEROP_SIZE)
# TAP 13 on stdout; exit 0 pass, 1 fail, 4 skip.

# Installed as a kselftest, the tools are in ./tools.
[ -d "${0%/*}/tools" ] && PATH=$(cd "${0%/*}/tools" && pwd):$PATH

SIZE=${1:-${KTLS_INTEROP_SIZE:-1048576}}
T=${TMPDIR:-/tmp}/ktls_interop.$$
PORT=${KTLS_INTEROP_PORT:-24433}
n=0
failed=0
skipped=0

echo "TAP version 13"
for p in openssl ktls-client ktls-server ktls-lib.sh; do
	if ! command -v $p >/dev/null 2>&1; then
		echo "1..0 # SKIP $p not found"
		exit 4
	fi
done
# wait_listen (tools/ktls/ktls-lib.sh, next to ktls-client)
# shellcheck source=tools/ktls/ktls-lib.sh
. "$(command -v ktls-lib.sh)"
if [ ! -c /dev/crypto ]; then
	echo "1..0 # SKIP no /dev/crypto"
	exit 4
fi
# selftests/ktls checks that the bridge answers ENOPKG there.
modprobe tls 2>/dev/null
if ! grep -qw tls /proc/sys/net/ipv4/tcp_available_ulp 2>/dev/null; then
	echo "1..0 # SKIP this kernel has no kTLS (CONFIG_TLS)"
	exit 4
fi

VERSIONS="1.3 1.2"
CIPHERS="aes128gcm aes256gcm aes128ccm chacha20poly1305"
MODES="write sendfile splice"
echo "1..$((3 * 2 * 4))"

mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
# openssl needs no configuration file here; an empty one keeps it quiet.
: >openssl.cnf
export OPENSSL_CONF="$T/openssl.cnf"

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

# show FILE...: the files' last lines as diagnostics.
show() {
	for f in "$@"; do
		[ -s "$f" ] && tail -n 5 "$f" | sed "s|^|# $f: |"
	done
	return 0
}

# OpenSSL's options for version $1 and cipher $2.
ossl_args() {
	if [ "$1" = 1.3 ]; then
		case $2 in
		aes128gcm) s=TLS_AES_128_GCM_SHA256 ;;
		aes256gcm) s=TLS_AES_256_GCM_SHA384 ;;
		aes128ccm) s=TLS_AES_128_CCM_SHA256 ;;
		chacha20poly1305) s=TLS_CHACHA20_POLY1305_SHA256 ;;
		esac
		echo "-tls1_3 -ciphersuites $s"
	else
		case $2 in
		aes128gcm) s=ECDHE-ECDSA-AES128-GCM-SHA256 ;;
		aes256gcm) s=ECDHE-ECDSA-AES256-GCM-SHA384 ;;
		aes128ccm) s=ECDHE-ECDSA-AES128-CCM ;;
		chacha20poly1305) s=ECDHE-ECDSA-CHACHA20-POLY1305 ;;
		esac
		echo "-tls1_2 -cipher $s"
	fi
}

# feed FILE FIFO: FILE into FIFO, then keep it open (OpenSSL's s_server and
# s_client end the connection at the end of their input).
feed() {
	(cat "$1"; exec sleep 120) >"$2" &
	FEED=$!
}

unfeed() {
	kill "$FEED" 2>/dev/null
	wait "$FEED" 2>/dev/null
}

# same A B: byte-for-byte comparison with a diagnostic.
same() {
	if cmp -s "$1" "$2"; then
		return 0
	fi
	echo "# $2 differs from $1 ($(wc -c <"$2" 2>/dev/null || echo 0) of $(wc -c <"$1") bytes)"
	return 1
}

# check_both: st stays 0 only if both directions arrived intact.
check_both() {
	if [ $st = 0 ] && same up.bin srv.out && same down.bin cli.out; then
		return 0
	fi
	st=1
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout key.pem -out cert.pem -days 2 -subj /CN=ocf-ktls >req.log 2>&1 ||
	{ cat req.log; echo "Bail out! cannot make a certificate"; exit 1; }
head -c "$SIZE" /dev/urandom >up.bin
head -c "$SIZE" /dev/urandom >down.bin
mkfifo fifo

# shellcheck disable=SC2086 # one word per mode
set -- $MODES
for v in $VERSIONS; do
	for c in $CIPHERS; do
		args=$(ossl_args "$v" "$c")
		mode=$1; shift; set -- "$@" "$mode"

		# 1. ktls-client -> openssl s_server
		PORT=$((PORT + 1))
		rm -f srv.out cli.out
		# shellcheck disable=SC2086
		openssl s_server -accept "$PORT" -cert cert.pem -key key.pem \
			-naccept 1 -quiet $args <fifo >srv.out 2>srv.err &
		srv=$!
		feed down.bin fifo
		st=1
		if wait_listen "$PORT" &&
		   timeout 120 ktls-client -v "$v" -c "$c" -m "$mode" -s up.bin \
			-n "$SIZE" -o cli.out 127.0.0.1 "$PORT" 2>cli.err; then
			st=0
		fi
		timeout 30 sh -c "while kill -0 $srv 2>/dev/null; do sleep 0.1; done"
		kill "$srv" 2>/dev/null
		wait "$srv" 2>/dev/null
		unfeed
		check_both
		[ $st = 0 ] || show cli.err srv.err
		ok $st "TLS $v $c: ktls-client ($mode) <-> openssl s_server"

		# 2. openssl s_client -> ktls-server
		PORT=$((PORT + 1))
		rm -f srv.out cli.out
		timeout 120 ktls-server -C cert.pem -K key.pem -v "$v" -c "$c" \
			-m "$mode" -s down.bin -n "$SIZE" -o srv.out \
			"$PORT" 127.0.0.1 2>srv.err &
		srv=$!
		st=1
		if wait_listen "$PORT"; then
			# shellcheck disable=SC2086
			timeout 120 openssl s_client -connect "127.0.0.1:$PORT" \
				-quiet $args <fifo >cli.out 2>cli.err &
			cli=$!
			feed up.bin fifo
			wait "$cli"
			wait "$srv" && st=0
			unfeed
		else
			kill "$srv" 2>/dev/null
			wait "$srv" 2>/dev/null
		fi
		check_both
		[ $st = 0 ] || show srv.err cli.err
		ok $st "TLS $v $c: openssl s_client <-> ktls-server ($mode)"

		# 3. ktls-client -> ktls-server, both bridged
		PORT=$((PORT + 1))
		rm -f srv.out cli.out
		timeout 120 ktls-server -C cert.pem -K key.pem -v "$v" -c "$c" \
			-m "$mode" -s down.bin -n "$SIZE" -o srv.out -H \
			"$PORT" 127.0.0.1 2>srv.err &
		srv=$!
		st=1
		if wait_listen "$PORT" &&
		   timeout 120 ktls-client -v "$v" -c "$c" -m "$mode" -s up.bin \
			-n "$SIZE" -o cli.out -H 127.0.0.1 "$PORT" 2>cli.err &&
		   wait "$srv"; then
			st=0
		else
			kill "$srv" 2>/dev/null
			wait "$srv" 2>/dev/null
		fi
		check_both
		[ $st = 0 ] || show srv.err cli.err
		ok $st "TLS $v $c: ktls-client <-> ktls-server ($mode, keys hidden)"
	done
done

echo "# Totals: pass:$((n - failed - skipped)) fail:$failed xfail:0 xpass:0 skip:$skipped error:0"
[ $failed = 0 ]
