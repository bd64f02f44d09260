#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ktls-bench.sh: the kTLS bridge benchmark, in one boot of the guest
# (tools/ktls/run-bench starts it; it is installed as /usr/bin/ktls-bench.sh).
#
#   1. ktls-bench: plain TCP, kTLS keyed through the bridge, kTLS keyed
#      with setsockopt, and OpenSSL's SSL_write(), each with write() and
#      sendfile(), 16 KiB records (see tools/ktls/bench.c); then again
#      with the bridged session on an exact driver (-d): the default
#      session's driver by name, and the generic C one (KTLS_ROUTE=0: not);
#   2. iperf3 (stock) over loopback: plain TCP, and its data connections
#      on kTLS through libocf-ktls-preload.so, keyed through the bridge and
#      with setsockopt(), each with write() and sendfile() (-Z), 16 KiB
#      writes (-l 16K), the median of IPERF_REPS interleaved runs.
# A table per part goes to stdout, then one JSON object between the lines
# "==== JSON" and "==== END".
#
# Environment: KTLS_ROUTE (1), BENCH_MIB (per ktls-bench run, default 64), BENCH_REPS (3),
# BENCH_CIPHER (aes128gcm), BENCH_TLS (1.3), IPERF_TIME (seconds per run,
# 10), IPERF_REPS (runs per configuration, interleaved; median: 3).

MIB=${BENCH_MIB:-64}
REPS=${BENCH_REPS:-3}
CIPHER=${BENCH_CIPHER:-aes128gcm}
TLS=${BENCH_TLS:-1.3}
SECS=${IPERF_TIME:-10}
IREPS=${IPERF_REPS:-3}
PRELOAD=/usr/bin/libocf-ktls-preload.so
T=${TMPDIR:-/tmp}/ktls-bench.$$

mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT

echo "==== ktls-bench"
ktls-bench -s "$MIB" -r "$REPS" -c "$CIPHER" -v "$TLS" -j "$T/bench.json" \
	>"$T/kb.out" || { cat "$T/kb.out"; exit 1; }
cat "$T/kb.out"

# Routing (Documentation/ktls-bridge.rst): the bridged session on an exact
# driver named with -d.  First the driver the default session got, now
# chosen by name (the same code: what routing itself costs), then the
# generic C one (that driver's own speed).  Each run has its own
# setsockopt rows, so bridge/setsockopt is taken within a run.
# KTLS_ROUTE=0 skips this part.
route_run() {
	drv=$1
	nroute=$((nroute + 1))
	ktls-bench -s "$MIB" -r "$REPS" -c "$CIPHER" -v "$TLS" -d "$drv" \
		-j "$T/route.$nroute.json" >"$T/kr.out" 2>"$T/kr.err" || {
		rm -f "$T/route.$nroute.json"
		return 1
	}
	echo "==== ktls-bench route $drv"
	cat "$T/kr.out"
	cat "$T/kr.err" >&2
	echo "$drv" >"$T/route.$nroute.name"
}
nroute=0
if [ "${KTLS_ROUTE:-1}" != 0 ]; then
	def=$(sed -n 's/^bridge records ran on driver [0-9]* (\(.*\)), the session.s default$/\1/p' "$T/kb.out")
	if [ -n "$def" ]; then
		route_run "$def" || echo "# ktls-bench -d $def failed: $(tail -n 1 "$T/kr.err")"
	else
		echo "# the default session was not routed: no routing rows"
	fi
	case $CIPHER in
	aes128gcm | aes256gcm)
		generic="gcm-aes-lib gcm_base(ctr(aes-generic),ghash-generic) gcm_base(ctr-aes-lib,ghash-lib)" ;;
	aes128ccm)
		generic="ccm_base(ctr(aes-generic),cbcmac(aes-generic)) ccm-aes-lib" ;;
	chacha20poly1305)
		generic="rfc7539(chacha20-generic,poly1305-generic) rfc7539(chacha20-lib,poly1305-lib) rfc7539(chacha20-lib,poly1305-generic)" ;;
	*) generic="" ;;
	esac
	for g in $generic; do
		route_run "$g" && break
	done
fi

# iperf3_bps FILE: the receiver's bits per second from iperf3 -J output.
iperf3_bps() {
	awk '/"sum_received"/ { on = 1 }
	     on && /"bits_per_second"/ { gsub(/[,]/, ""); print $2; exit }' "$1"
}

# run NAME PORT KEYING ZEROCOPY: one iperf3 measurement (KEYING: tcp,
# bridge or setsockopt).
run() {
	name=$1 port=$2 keying=$3 z=$4
	if [ "$keying" = tcp ]; then
		iperf3 -s -1 -p "$port" >"$T/s.log" 2>&1 &
	else
		OCF_KTLS_SECRET=ktls-bench OCF_KTLS_CIPHER=$CIPHER OCF_KTLS_TLS=$TLS \
		OCF_KTLS_KEYING=$keying LD_PRELOAD=$PRELOAD \
			iperf3 -s -1 -p "$port" >"$T/s.log" 2>&1 &
	fi
	srv=$!
	sleep 1
	if [ "$keying" = tcp ]; then
		# shellcheck disable=SC2086 # $z is empty or -Z
		iperf3 -c 127.0.0.1 -p "$port" -t "$SECS" -l 16K $z -J >"$T/c.json" 2>&1
	else
		# shellcheck disable=SC2086
		OCF_KTLS_SECRET=ktls-bench OCF_KTLS_CIPHER=$CIPHER OCF_KTLS_TLS=$TLS \
		OCF_KTLS_KEYING=$keying OCF_KTLS_VERBOSE=1 LD_PRELOAD=$PRELOAD \
			iperf3 -c 127.0.0.1 -p "$port" -t "$SECS" -l 16K $z -J \
			>"$T/c.json" 2>"$T/c.err"
	fi
	st=$?
	wait "$srv"
	bps=$(iperf3_bps "$T/c.json")
	# A preloaded client must report its data connection on kTLS.
	if [ "$keying" != tcp ] && ! grep -q 'data connection on kTLS' "$T/c.err"; then
		st=1
	fi
	if [ $st != 0 ] || [ -z "$bps" ]; then
		echo "iperf3 $name failed:" >&2
		cat "$T/c.json" "$T/c.err" "$T/s.log" >&2 2>/dev/null
		bps=0
	fi
	mibs=$(awk -v b="$bps" 'BEGIN { printf "%.2f", b / 8 / 1048576 }')
	echo "# iperf3 run $rep: $name $mibs MiB/s" >&2
	echo "$name $mibs" >>"$T/runs.txt"
}

echo "==== iperf3 (-l 16K, ${SECS} s each, TLS $TLS $CIPHER, median of $IREPS)"
: >"$T/runs.txt"
port=5300
rep=0
while [ $rep -lt "$IREPS" ]; do
	rep=$((rep + 1))
	for keying in tcp bridge setsockopt; do
		for z in "" -Z; do
			port=$((port + 1))
			if [ -n "$z" ]; then name="$keying sendfile"; else name="$keying write"; fi
			run "$name" "$port" "$keying" "$z"
		done
	done
done
# The median of each configuration's runs.
awk '{ n[$1 " " $2]++; v[$1 " " $2, n[$1 " " $2]] = $3; order[++k] = $1 " " $2 }
     END {
	for (i = 1; i <= k; i++) {
		c = order[i]
		if (done[c]++) continue
		m = n[c]
		for (a = 1; a <= m; a++) x[a] = v[c, a]
		for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++)
			if (x[b] < x[a]) { t = x[a]; x[a] = x[b]; x[b] = t }
		med = m % 2 ? x[(m + 1) / 2] : (x[m / 2] + x[m / 2 + 1]) / 2
		print c, med
	}
     }' "$T/runs.txt" >"$T/iperf3.txt"
printf '%-22s %10s\n' "iperf3 (median)" "MiB/s"
awk '{ printf "%-22s %10.1f\n", $1 " " $2, $3 }' "$T/iperf3.txt"
awk '{ v[$1 " " $2] = $3 }
     END {
	printf "ratio iperf3 bridge/setsockopt write      %.3f\n", v["bridge write"] / v["setsockopt write"]
	printf "ratio iperf3 bridge/setsockopt sendfile   %.3f\n", v["bridge sendfile"] / v["setsockopt sendfile"]
	printf "ratio iperf3 bridge sendfile/tcp sendfile %.3f\n", v["bridge sendfile"] / v["tcp sendfile"]
     }' "$T/iperf3.txt"

echo "==== JSON"
printf '{"ktls_bench": '
tr -d '\n' <"$T/bench.json"
printf ',\n "ktls_route": ['
sep=""
for j in "$T"/route.*.json; do
	[ -f "$j" ] || continue
	printf '%s\n  {"driver": "%s", "ktls_bench": ' "$sep" "$(cat "${j%.json}.name")"
	tr -d '\n' <"$j"
	printf '}'
	sep=","
done
printf '],\n "iperf3": ['
awk 'BEGIN { sep = "" }
     { printf "%s\n  {\"keying\": \"%s\", \"method\": \"%s\", \"mib_s\": %s}", sep, $1, $2, $3; sep = "," }
     END { print "]}" }' "$T/iperf3.txt"
echo "==== END"
