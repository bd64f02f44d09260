#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# provider: the OpenSSL provider ocf.so (tools/provider) with unmodified
# OpenSSL tools.
#
#   - a bad configuration is refused with a clear error;
#   - ocf-prov-test: every algorithm the provider offers against OpenSSL's
#     default provider (random keys, IVs, AAD, lengths 0..64 KiB, random
#     update splits, duplicated contexts), with software drivers and with
#     hardware drivers (the VM's virtio-crypto serves AES-CBC);
#   - ocf-pipe-test: OpenSSL 3.5's cipher pipelines (AES-GCM, AES-CBC) through
#     the module's batch submission against the default provider (when built:
#     it needs Debian trixie's build root and runs with its OpenSSL);
#   - openssl enc and dgst through the provider equal the default provider;
#   - openssl speed -provider ocf -evp aes-128-cbc and openssl rand with
#     ocf alone (its CTR-DRBG; ocf-prov-test checks NIST's answers);
#   - openssl s_server and s_client, both configured only by OPENSSL_CONF,
#     complete TLS 1.3 and 1.2 handshakes (AES-GCM, ChaCha20-Poly1305,
#     AES-CBC with encrypt-then-MAC HMAC) and move SIZE bytes each way, and the module's
#     statistics show the record encryption ran through /dev/crypto;
#   - nginx serves a file over HTTPS to curl (TLS 1.3 and 1.2), both
#     unmodified and configured by OPENSSL_CONF only, through the provider
#     (when "ocf-vm --with nginx --with curl" put them in the guest).
#
# ocf.so and ocf-prov-test come from build/KVER/tools (the guest's
# /usr/bin); openssl from "ocf-vm --with openssl".  SKIP without them.
# Usage: provider.sh [SIZE]  (bytes each way per TLS case; default 256 KiB)
# TAP 13 on stdout; exit 0 pass, 1 fail, 4 skip.

# Installed as a kselftest, the tools are in ./tools.
[ -d "${0%/*}/tools" ] && PATH=$(cd "${0%/*}/tools" && pwd):$PATH

SIZE=${1:-${OCF_PROVIDER_SIZE:-262144}}
ITER=${OCF_PROVIDER_ITER:-16}
T=${TMPDIR:-/tmp}/provider.$$
PORT=${OCF_PROVIDER_PORT:-25433}
STATS=/sys/kernel/debug/ocf/stats
n=0
failed=0
skipped=0

echo "TAP version 13"
for p in openssl ocf-prov-test; do
	if ! command -v $p >/dev/null 2>&1; then
		echo "1..0 # SKIP $p not found"
		exit 4
	fi
done
MODDIR=$(dirname "$(command -v ocf-prov-test)")
if [ ! -f "$MODDIR/ocf.so" ]; then
	echo "1..0 # SKIP ocf.so not found"
	exit 4
fi
if [ ! -c /dev/crypto ]; then
	echo "1..0 # SKIP no /dev/crypto"
	exit 4
fi
export OPENSSL_MODULES="$MODDIR"
unset OCF_PROVIDER_DRIVERS

mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
: >empty.cnf
export OPENSSL_CONF="$T/empty.cnf"

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

skip() {
	n=$((n + 1))
	skipped=$((skipped + 1))
	echo "ok $n - $* # SKIP"
}

show() {
	for f in "$@"; do
		[ -s "$f" ] && tail -n 8 "$f" | sed "s|^|# $f: |"
	done
	return 0
}

# stat COLUMN CLASS [DRIVER-REGEX]: a column (ops or bytes) of the module's
# statistics, summed over the drivers of CLASS (hw, sw or any).
stat() {
	awk -v col="$1" -v cls="$2" -v re="${3:-.}" '
		NR > 1 && (cls == "any" || $3 == cls) && $2 ~ re {
			s += (col == "ops" ? $5 : $6) }
		END { print s + 0 }' "$STATS" 2>/dev/null
}

# 1. configuration errors
OCF_PROVIDER_DRIVERS=bogus openssl list -providers -provider ocf >bad.out 2>&1
st=1
if grep -q 'drivers = "bogus"' bad.out; then st=0; fi
[ $st = 0 ] || show bad.out
ok $st "a bad drivers setting is refused with a clear error"

# no /dev/crypto (an empty /dev in a private mount namespace), and a
# /dev/crypto that is not the module's (/dev/null in its place)
st=1
if unshare -m sh -c 'mount -t tmpfs none /dev && openssl list -providers -provider ocf' \
	>nodev.out 2>&1; then
	:
elif grep -q "cannot open /dev/crypto: No such file or directory (errno 2); is ocf.ko loaded?" \
	nodev.out; then
	st=0
fi
[ $st = 0 ] || show nodev.out
ok $st "without /dev/crypto the provider refuses to load, saying why"
st=1
if unshare -m sh -c 'mount -o bind /dev/null /dev/crypto && openssl list -providers -provider ocf' \
	>nodev.out 2>&1; then
	:
elif grep -q "/dev/crypto is not ocf.ko's" nodev.out; then
	st=0
fi
[ $st = 0 ] || show nodev.out
ok $st "a /dev/crypto that is not ocf.ko's is refused"

openssl list -providers -provider ocf >prov.out 2>&1
st=1
grep -q "status: active" prov.out && st=0
[ $st = 0 ] || show prov.out
ok $st "openssl list -providers -provider ocf loads it"

# 2. cross-checks against the default provider
for mode in software hardware; do
	if [ $mode = hardware ] && ! OCF_PROVIDER_DRIVERS=$mode ocf-prov-test -e AES-128-CBC; then
		skip "ocf-prov-test, $mode drivers: no hardware AES-CBC"
		continue
	fi
	OCF_PROVIDER_DRIVERS=$mode ocf-prov-test -n "$ITER" >xc.$mode 2>&1
	st=$?
	sed 's/^/# /' xc.$mode
	tot=$(sed -n 's/^# Totals: //p' xc.$mode)
	ok $st "ocf-prov-test, $mode drivers: $tot"
done

# 2b. OpenSSL 3.5's cipher pipelines: every AES-GCM and AES-CBC pipe
# against the default provider, a changed GCM tag refused (tools/provider/ocf-pipe-test,
# built in Debian trixie's build root, run with its OpenSSL 3.5 and loader
# from /usr/bin/trixie; Debian 12's OpenSSL 3.0 has no pipelines)
PIPE_TEST=$MODDIR/trixie/ocf-pipe-test
if [ -x "$PIPE_TEST" ]; then
	for mode in software hardware; do
		if [ $mode = hardware ] &&
		   ! OCF_PROVIDER_DRIVERS=$mode ocf-prov-test -e AES-128-GCM &&
		   ! OCF_PROVIDER_DRIVERS=$mode ocf-prov-test -e AES-128-CBC; then
			skip "ocf-pipe-test, $mode drivers: no hardware AES-GCM or AES-CBC"
			continue
		fi
		before=$(stat ops any)
		OCF_PROVIDER_DRIVERS=$mode "$PIPE_TEST" -n "${OCF_PROVIDER_PIPE_ITER:-3}" \
			>pipe.$mode 2>&1
		st=$?
		sed 's/^/# /' pipe.$mode
		if [ $st = 0 ] && [ "$(stat ops any)" -le "$before" ]; then
			echo "# no operation through /dev/crypto"
			st=1
		fi
		tot=$(sed -n 's/^# Totals: //p' pipe.$mode)
		ok $st "ocf-pipe-test, OpenSSL 3.5 pipelines as batches, $mode drivers: $tot"
	done
	# as nobody with 16 KiB of RLIMIT_MEMLOCK: the module cannot pin most
	# batches (ENOMEM) and the provider runs them synchronously instead
	OCF_PROVIDER_DRIVERS=software "$PIPE_TEST" -n 1 -m 16 >pipe.memlock 2>&1
	st=$?
	sed 's/^/# /' pipe.memlock
	tot=$(sed -n 's/^# Totals: //p' pipe.memlock)
	ok $st "ocf-pipe-test as nobody with RLIMIT_MEMLOCK 16 KiB (synchronous fallback): $tot"
	# the benchmark mode of make bench (bench-provider.sh), briefly: every
	# figure's first and last operations must equal the default provider's
	"$PIPE_TEST" -b -t 0.02 -d software,hardware >pipe.bench 2>&1
	st=$?
	sed 's/^/# /' pipe.bench
	if [ $st = 0 ] && { ! grep -q '"method": "pipeline32"' pipe.bench ||
			   grep -q '"ok": false' pipe.bench; }; then
		echo "# no pipeline figures, or a failed one"
		st=1
	fi
	ok $st "ocf-pipe-test -b (the pipeline benchmark) runs, outputs equal the default provider's"
else
	skip "ocf-pipe-test (OpenSSL 3.5 cipher pipelines): not built (no Debian trixie build root)"
	skip "ocf-pipe-test, synchronous fallback: not built"
	skip "ocf-pipe-test -b: not built"
fi

# 3. openssl enc and dgst
head -c 100000 /dev/urandom >data.bin
KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
IV=f0e0d0c0b0a090807060504030201000
for mode in software hardware; do
	for c in aes-256-cbc aes-128-ctr aes-192-ecb; do
		if ! OCF_PROVIDER_DRIVERS=$mode ocf-prov-test -e "$c"; then
			[ $mode = software ] && ok 1 "openssl enc -$c: not offered with software drivers"
			continue
		fi
		k=$(echo $KEY | cut -c1-$(( $(echo "$c" | cut -d- -f2) / 4 )))
		ivarg="-iv $IV"
		[ $c = aes-192-ecb ] && ivarg=
		before=$(stat ops any)
		st=1
		# shellcheck disable=SC2086
		if openssl enc -$c -K "$k" $ivarg -in data.bin -out ref.enc 2>enc.err &&
		   OCF_PROVIDER_DRIVERS=$mode openssl enc -$c -K "$k" $ivarg -provider ocf \
			-in data.bin -out ocf.enc 2>>enc.err &&
		   cmp -s ref.enc ocf.enc &&
		   OCF_PROVIDER_DRIVERS=$mode openssl enc -d -$c -K "$k" $ivarg -provider ocf \
			-in ocf.enc -out back.bin 2>>enc.err &&
		   cmp -s data.bin back.bin &&
		   [ "$(stat ops any)" -gt "$before" ]; then
			st=0
		fi
		[ $st = 0 ] || show enc.err
		ok $st "openssl enc -$c -provider ocf ($mode drivers) equals the default provider"
	done
done
for d in sha1 sha256 sha512 sha3-256; do
	ref=$(openssl dgst -$d -r data.bin 2>dgst.err | cut -d' ' -f1)
	got=$(OCF_PROVIDER_DRIVERS=software openssl dgst -$d -r -provider ocf data.bin 2>>dgst.err |
		cut -d' ' -f1)
	st=1
	[ -n "$ref" ] && [ "$ref" = "$got" ] && st=0
	[ $st = 0 ] || show dgst.err
	ok $st "openssl dgst -$d -provider ocf equals the default provider"
done
ref=$(openssl dgst -sha256 -hmac secretkey -r data.bin 2>dgst.err | cut -d' ' -f1)
got=$(OCF_PROVIDER_DRIVERS=software openssl dgst -sha256 -mac HMAC -macopt key:secretkey -r \
	-provider ocf data.bin 2>>dgst.err | cut -d' ' -f1)
st=1
[ -n "$ref" ] && [ "$ref" = "$got" ] && st=0
[ $st = 0 ] || show dgst.err
ok $st "openssl dgst -mac HMAC -provider ocf equals the default provider"

# 4. openssl speed (hardware drivers when there are, else software)
mode=hardware
OCF_PROVIDER_DRIVERS=$mode ocf-prov-test -e AES-128-CBC || mode=software
before=$(stat ops any)
st=1
# ocf alone: speed's keys come from ocf's own random generator
if OCF_PROVIDER_DRIVERS=$mode timeout 120 openssl speed -provider ocf \
	-evp aes-128-cbc -seconds 1 -bytes 4096 >speed.out 2>&1 &&
   grep -q '^AES-128-CBC' speed.out && [ "$(stat ops any)" -gt "$before" ]; then
	st=0
fi
sed -n 's/^\(AES-128-CBC.*\)/# \1/p' speed.out
[ $st = 0 ] || show speed.out
ok $st "openssl speed -provider ocf -evp aes-128-cbc ($mode drivers)"

# openssl rand with ocf as the only provider: its CTR-DRBG on its
# getrandom(2) seed source, the AES in the kernel
before=$(stat ops any)
st=1
if openssl rand -provider ocf 32 >rand1.bin 2>rand.err &&
   openssl rand -provider ocf 32 >rand2.bin 2>>rand.err &&
   [ "$(wc -c <rand1.bin)" = 32 ] && ! cmp -s rand1.bin rand2.bin &&
   openssl list -random-generators -provider ocf 2>>rand.err | grep -q 'CTR-DRBG @ ocf' &&
   [ "$(stat ops any)" -gt "$before" ]; then
	st=0
fi
[ $st = 0 ] || show rand.err
ok $st "openssl rand -provider ocf 32 (ocf's CTR-DRBG and SEED-SRC alone)"

# 5. TLS with s_server and s_client, configured by OPENSSL_CONF only
# conf DRIVERS: an openssl.cnf that loads ocf (preferred) and default.
conf() {
	cat <<CNF
openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
alg_section = algorithm_sect
[provider_sect]
ocf = ocf_sect
default = default_sect
[ocf_sect]
module = $MODDIR/ocf.so
drivers = $1
activate = 1
[default_sect]
activate = 1
[algorithm_sect]
default_properties = ?provider=ocf
CNF
}
conf software >sw.cnf
conf hardware >hw.cnf

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout key.pem -out cert.pem -days 2 -subj /CN=ocf-provider >req.log 2>&1 ||
	{ cat req.log; echo "Bail out! cannot make a certificate"; exit 1; }
# RSA for the suites with RSA key exchange (AES128-SHA, AES256-SHA256)
openssl req -x509 -newkey rsa:2048 -nodes -keyout rkey.pem -out rcert.pem \
	-days 2 -subj /CN=ocf-provider-rsa >req.log 2>&1 ||
	{ cat req.log; echo "Bail out! cannot make an RSA certificate"; exit 1; }
CERT=cert.pem
KEY=key.pem
head -c "$SIZE" /dev/urandom >up.bin
head -c "$SIZE" /dev/urandom >down.bin
mkfifo fifo cfifo

# tls CNF CLASS DRIVER-REGEX ARGS...: one connection, SIZE bytes each way.
tls() {
	cnf=$1 cls=$2 re=$3
	shift 3
	PORT=$((PORT + 1))
	rm -f srv.out cli.out
	before=$(stat bytes "$cls" "$re")
	OPENSSL_CONF=$T/$cnf openssl s_server -accept "$PORT" -cert "$CERT" -key "$KEY" \
		-naccept 1 -quiet "$@" <fifo >srv.out 2>srv.err &
	srv=$!
	(cat down.bin; exec sleep 120) >fifo &
	feed=$!
	st=1
	if wait_listen "$PORT"; then
		OPENSSL_CONF=$T/$cnf openssl s_client -connect "127.0.0.1:$PORT" \
			-quiet "$@" <cfifo >cli.out 2>cli.err &
		cli=$!
		(cat up.bin; exec sleep 120) >cfifo &
		cfeed=$!
		i=0
		while [ $i -lt 600 ]; do
			[ "$(wc -c <srv.out)" -ge "$SIZE" ] && [ "$(wc -c <cli.out)" -ge "$SIZE" ] && break
			kill -0 $srv 2>/dev/null || break
			sleep 0.2
			i=$((i + 1))
		done
		kill $cli $cfeed 2>/dev/null
		wait $cli $cfeed 2>/dev/null
		cmp -s up.bin srv.out && cmp -s down.bin cli.out && st=0
	fi
	kill $srv $feed 2>/dev/null
	wait $srv $feed 2>/dev/null
	after=$(stat bytes "$cls" "$re")
	moved=$((after - before))
	if [ $st = 0 ] && [ $moved -lt $((2 * SIZE)) ]; then
		echo "# only $moved bytes through /dev/crypto drivers matching $re ($cls)"
		st=1
	fi
	[ $st = 0 ] || show srv.err cli.err
}

# records sealed and opened in the module's TLS mode so far
tlsops() {
	awk '$1 == "records_sealed" || $1 == "records_opened" { s += $2 }
		END { print s + 0 }' /sys/kernel/debug/ocf/tls 2>/dev/null
}

wait_listen() {
	hex=$(printf ':%04X$' "$1")
	j=0
	while [ $j -lt 50 ]; do
		if cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		   awk -v p="$hex" '$2 ~ p && $4 == "0A" { f = 1 } END { exit !f }'; then
			return 0
		fi
		sleep 0.1
		j=$((j + 1))
	done
	return 1
}

tls sw.cnf sw 'gcm' -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256
ok $st "TLS 1.3 AES-128-GCM, s_server <-> s_client through ocf (software, $moved bytes)"
tls sw.cnf sw 'gcm' -tls1_3 -ciphersuites TLS_AES_256_GCM_SHA384
ok $st "TLS 1.3 AES-256-GCM, s_server <-> s_client through ocf (software, $moved bytes)"
tls sw.cnf sw 'chacha' -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256
ok $st "TLS 1.3 ChaCha20-Poly1305, s_server <-> s_client through ocf (software, $moved bytes)"
tls sw.cnf sw 'gcm' -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256
ok $st "TLS 1.2 AES-128-GCM, s_server <-> s_client through ocf (software, $moved bytes)"
tls sw.cnf sw 'chacha' -tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305
ok $st "TLS 1.2 ChaCha20-Poly1305, s_server <-> s_client through ocf (software, $moved bytes)"
tls sw.cnf sw 'cbc' -tls1_2 -cipher ECDHE-ECDSA-AES256-SHA384
ok $st "TLS 1.2 AES-256-CBC + HMAC (encrypt-then-MAC), through ocf (software, $moved bytes)"
if OCF_PROVIDER_DRIVERS=hardware ocf-prov-test -e AES-128-CBC; then
	tls hw.cnf hw 'cbc' -tls1_2 -cipher ECDHE-ECDSA-AES128-SHA256
	ok $st "TLS 1.2 AES-128-CBC + HMAC through ocf on the hardware driver ($moved bytes)"
else
	skip "TLS 1.2 AES-128-CBC on a hardware driver: none"
fi

# MAC-then-encrypt CBC (no encrypt-then-MAC): libssl's combined ciphers
# AES-xxx-CBC-HMAC-SHAx, each record one TLS-mode operation of the module
# (counted in /sys/kernel/debug/ocf/tls).
# tls_mte CNF CLASS CIPHER: tls, and at least 2 * SIZE / 16 KiB records
# in the module's TLS mode.
tls_mte() {
	tbefore=$(tlsops)
	CERT=rcert.pem KEY=rkey.pem tls "$1" "$2" cbc -tls1_2 -cipher "$3" -no_etm
	recs=$(($(tlsops) - tbefore))
	if [ $st = 0 ] && [ $recs -lt $((2 * SIZE / 16384)) ]; then
		echo "# only $recs records in the module's TLS mode"
		st=1
	fi
}
for c in AES128-SHA AES256-SHA AES128-SHA256 AES256-SHA256; do
	tls_mte sw.cnf sw $c
	ok $st "TLS 1.2 $c MAC-then-encrypt, records in the module's TLS mode (software, $moved bytes, $recs records)"
done
# a record changed on the way: the receiver's kernel rejects it, libssl
# sends a bad_record_mac alert (in memory, ocf-prov-test -a)
rbefore=$(awk '$1 == "records_rejected" { print $2 }' /sys/kernel/debug/ocf/tls)
OCF_PROVIDER_DRIVERS=software ocf-prov-test -a rcert.pem:rkey.pem >alert.out 2>&1
st=$?
rafter=$(awk '$1 == "records_rejected" { print $2 }' /sys/kernel/debug/ocf/tls)
sed -n 's/^# /# alert: /p' alert.out
if [ $st = 0 ] && [ "${rafter:-0}" -le "${rbefore:-0}" ]; then
	echo "# the module rejected no record"
	st=1
fi
ok $st "a changed AES128-SHA record (no EtM): bad_record_mac alert, rejected in the kernel"
if OCF_PROVIDER_DRIVERS=hardware ocf-prov-test -e AES-128-CBC-HMAC-SHA1; then
	tls_mte hw.cnf hw AES128-SHA
	ok $st "TLS 1.2 AES128-SHA MAC-then-encrypt on the hardware driver ($moved bytes, $recs records)"
else
	skip "TLS 1.2 AES128-SHA MAC-then-encrypt on a hardware driver: none"
fi

# 6. nginx serving a file over HTTPS and curl fetching it, both unmodified
# and configured only through OPENSSL_CONF (copied in by "ocf-vm --with")
if command -v nginx >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
	PORT=$((PORT + 1))
	mkdir -p ng/www ng/tmp ng/logs
	head -c $((4 * SIZE)) /dev/urandom >ng/www/file.bin
	cat >ng/nginx.conf <<CNF
user root;
worker_processes 1;
error_log $T/ng/error.log;
pid $T/ng/nginx.pid;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $T/ng/tmp/body;
	proxy_temp_path $T/ng/tmp/proxy;
	fastcgi_temp_path $T/ng/tmp/fastcgi;
	uwsgi_temp_path $T/ng/tmp/uwsgi;
	scgi_temp_path $T/ng/tmp/scgi;
	server {
		listen 127.0.0.1:$PORT ssl;
		ssl_certificate $T/cert.pem;
		ssl_certificate_key $T/key.pem;
		ssl_protocols TLSv1.2 TLSv1.3;
		root $T/ng/www;
	}
}
CNF
	for v in 1.3 1.2; do
		before=$(stat bytes sw gcm)
		st=1
		if OPENSSL_CONF=$T/sw.cnf nginx -p "$T/ng" -e "$T/ng/error.log" \
			-c "$T/ng/nginx.conf" 2>ng.err && wait_listen "$PORT" &&
		   OPENSSL_CONF=$T/sw.cnf curl -sSk --tlsv$v --tls-max $v \
			"https://127.0.0.1:$PORT/file.bin" -o got.bin 2>curl.err &&
		   cmp -s ng/www/file.bin got.bin; then
			st=0
		fi
		[ -f ng/nginx.pid ] && kill "$(cat ng/nginx.pid)" 2>/dev/null
		j=0
		while [ -f ng/nginx.pid ] && [ $j -lt 50 ]; do sleep 0.1; j=$((j + 1)); done
		moved=$(($(stat bytes sw gcm) - before))
		if [ $st = 0 ] && [ $moved -lt $((8 * SIZE)) ]; then
			echo "# only $moved bytes through /dev/crypto's GCM drivers"
			st=1
		fi
		[ $st = 0 ] || show ng.err curl.err ng/error.log
		ok $st "curl fetches $((4 * SIZE)) bytes from nginx over TLS $v, both through ocf ($moved bytes)"
	done
else
	skip "curl and nginx: not in the guest"
fi

echo "1..$n"
echo "# Totals: pass:$((n - failed - skipped)) fail:$failed xfail:0 xpass:0 skip:$skipped error:0"
[ $failed = 0 ]
