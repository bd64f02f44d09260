#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench-ktls.sh: the kTLS rows of `make bench`, a hook run in the guest
# (busybox sh) after ocf-bench, in the same boot (tools/ocf-bench/bench).
#
# It runs ktls-bench.sh (tools/ktls/bench.sh: ktls-bench, then stock iperf3
# with and without libocf-ktls-preload.so; tools/ocf-bench/bench builds
# them into build/KVER/tools, the guest's /usr/bin, and bench-ktls.with
# copies iperf3 in), keeps its log and JSON in $BENCH_OUT (ktls.log,
# ktls.json), and prints the results as Markdown on stdout, with the
# ratios the kTLS bridge is judged by:
#   bridge / setsockopt-keyed kTLS, write() and sendfile()   target >= 0.97
#   bridge sendfile() / user-space TLS (read() + SSL_write()) target >= 1.3
#
# BENCH_QUICK=1: 16 MiB per ktls-bench run, median of 3, and one 3-second
# iperf3 run per configuration (about a minute under TCG); otherwise 64 MiB,
# median of 5, and the median of three 10-second iperf3 runs (about 10
# minutes).  BENCH_MIB, BENCH_REPS, BENCH_CIPHER, BENCH_TLS, IPERF_TIME and
# IPERF_REPS override (see bench.sh).
# Exit status: 0, or 1 when the benchmark could not run (the targets are
# reported, not enforced: timings under TCG are noisy).

OUT=${BENCH_OUT:-/tmp/bench-ktls}
mkdir -p "$OUT" || exit 1

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	: "${BENCH_MIB:=16}" "${BENCH_REPS:=3}" "${IPERF_TIME:=3}" "${IPERF_REPS:=1}"
else
	: "${BENCH_MIB:=64}" "${BENCH_REPS:=5}" "${IPERF_TIME:=10}" "${IPERF_REPS:=3}"
fi
export BENCH_MIB BENCH_REPS IPERF_TIME IPERF_REPS
export BENCH_CIPHER="${BENCH_CIPHER:-aes128gcm}" BENCH_TLS="${BENCH_TLS:-1.3}"

for p in ktls-bench ktls-bench.sh iperf3; do
	if ! command -v $p >/dev/null 2>&1; then
		echo "$p is not in the guest: no kTLS rows (build tools/ktls; bench-ktls.with lists iperf3)."
		exit 1
	fi
done
modprobe tls 2>/dev/null

# bench.sh's progress goes to stderr (the serial console): keep it too.
ktls-bench.sh >"$OUT/ktls.log" 2>"$OUT/ktls.err"
st=$?
sed -n '/^==== JSON/,/^==== END/p' "$OUT/ktls.log" | sed '1d;$d' >"$OUT/ktls.json"
if [ $st != 0 ] || [ ! -s "$OUT/ktls.json" ]; then
	echo "ktls-bench.sh failed (exit $st):"
	echo
	echo '```'
	tail -n 20 "$OUT/ktls.log" "$OUT/ktls.err"
	echo '```'
	exit 1
fi

case $BENCH_CIPHER in
aes128gcm) cname=AES-128-GCM ;;
aes256gcm) cname=AES-256-GCM ;;
aes128ccm) cname=AES-128-CCM ;;
chacha20poly1305) cname=ChaCha20-Poly1305 ;;
*) cname=$BENCH_CIPHER ;;
esac

# The tables, from bench.sh's text output: ktls-bench's lines are
# "SENDER METHOD MIB/S CPU", iperf3's medians "KEYING METHOD MIB/S" after
# the "iperf3 (median)" heading.
awk -v tls="$BENCH_TLS" -v cipher="$cname" -v mib="$BENCH_MIB" \
    -v reps="$BENCH_REPS" -v secs="$IPERF_TIME" -v ireps="$IPERF_REPS" \
    -v kernel="$(uname -r)" '
function verdict(r, t) { return r >= t ? "met" : "**missed**" }
/^==== ktls-bench route / { part = "kr"; nr++; rdrv[nr] = $4; next }
/^==== ktls-bench/ { part = "kb"; next }
/^bridge records ran on driver / && part == "kb" { defdrv = $0; sub(/^bridge records ran on driver [0-9]* [(]/, "", defdrv); sub(/[)], the session.*$/, "", defdrv) }
part == "kr" && NF == 4 && $3 ~ /^[0-9.]+$/ { kr[nr, $1, $2] = $3; next }
/^iperf3 \(median\)/ { part = "ip"; next }
/^====/ { part = ""; next }
part == "kb" && NF == 4 && $3 ~ /^[0-9.]+$/ { kb[$1, $2] = $3; cpu[$1, $2] = $4 }
part == "ip" && NF == 3 && $3 ~ /^[0-9.]+$/ { ip[$1, $2] = $3; have_ip = 1 }
END {
	split("tcp bridge setsockopt openssl openssl-both", s, " ")
	name["tcp"] = "plain TCP (no TLS)"
	name["bridge"] = "kTLS keyed through the bridge (OCF_IOC_KTLS_ATTACH)"
	name["setsockopt"] = "kTLS keyed with setsockopt(SOL_TLS)"
	name["openssl"] = "user-space TLS: SSL_write() (sendfile: read() + SSL_write())"
	name["openssl-both"] = "user-space TLS both ends (SSL_read() receives)"
	printf "kTLS on %s: TLS %s %s, 16 KiB records, loopback TCP in one VM; ", kernel, tls, cipher
	printf "MiB/s of the application data (higher is better) and the sender'"'"'s CPU time per GiB. "
	printf "Under TCG compare rows, not absolute numbers (Documentation/benchmarks.rst).\n\n"
	printf "### ktls-bench (%s MiB per run, median of %s interleaved repetitions; receiver: a kTLS socket)\n\n", mib, reps
	print "| sender | write() MiB/s | sendfile() MiB/s | write() CPU s/GiB | sendfile() CPU s/GiB |"
	print "|---|---:|---:|---:|---:|"
	for (i = 1; i <= 5; i++)
		printf "| %s | %.1f | %.1f | %.2f | %.2f |\n", name[s[i]],
		       kb[s[i], "write"], kb[s[i], "sendfile"],
		       cpu[s[i], "write"], cpu[s[i], "sendfile"]
	r1 = kb["bridge", "write"] / kb["setsockopt", "write"]
	r2 = kb["bridge", "sendfile"] / kb["setsockopt", "sendfile"]
	r3 = kb["bridge", "sendfile"] / kb["openssl", "sendfile"]
	r4 = kb["bridge", "sendfile"] / kb["openssl-both", "sendfile"]
	if (have_ip) {
		i1 = ip["bridge", "write"] / ip["setsockopt", "write"]
		i2 = ip["bridge", "sendfile"] / ip["setsockopt", "sendfile"]
		printf "\n### iperf3 (stock, -l 16K, %s s per run, median of %s; kTLS through libocf-ktls-preload.so)\n\n", secs, ireps
		print "| data connections | iperf3 -c (write) MiB/s | iperf3 -c -Z (sendfile) MiB/s |"
		print "|---|---:|---:|"
		printf "| plain TCP | %.1f | %.1f |\n", ip["tcp", "write"], ip["tcp", "sendfile"]
		printf "| kTLS keyed through the bridge | %.1f | %.1f |\n", ip["bridge", "write"], ip["bridge", "sendfile"]
		printf "| kTLS keyed with setsockopt | %.1f | %.1f |\n", ip["setsockopt", "write"], ip["setsockopt", "sendfile"]
	}
	print "\n### Targets (issue 5)\n"
	print "| ratio | measured | target | |"
	print "|---|---:|---:|---|"
	printf "| bridge / setsockopt, write() (ktls-bench) | %.3f | >= 0.97 | %s |\n", r1, verdict(r1, 0.97)
	printf "| bridge / setsockopt, sendfile() (ktls-bench) | %.3f | >= 0.97 | %s |\n", r2, verdict(r2, 0.97)
	if (have_ip) {
		printf "| bridge / setsockopt, write() (iperf3) | %.3f | >= 0.97 | %s |\n", i1, verdict(i1, 0.97)
		printf "| bridge / setsockopt, sendfile() (iperf3 -Z) | %.3f | >= 0.97 | %s |\n", i2, verdict(i2, 0.97)
	}
	printf "| bridge sendfile() / user-space TLS (ktls-bench) | %.3f | >= 1.30 | %s |\n", r3, verdict(r3, 1.3)
	printf "| bridge sendfile() / user-space TLS both ends | %.3f | | |\n", r4
	if (!nr)
		exit
	print "\n### Routing (issue 19): the bridged session on an exact driver\n"
	print "Each row is one ktls-bench run (ktls-bench -d DRIVER), with its own setsockopt-keyed reference (kTLS'"'"'s own choice of driver). "
	print "The first routed row names the default session'"'"'s driver exactly: the same code, so its ratio is what routing costs. "
	print "The generic row runs the records on the generic C code: its ratio is that driver'"'"'s own speed.\n"
	print "| bridged session | bridge write() MiB/s | setsockopt write() MiB/s | ratio | bridge sendfile() MiB/s | setsockopt sendfile() MiB/s | ratio |"
	print "|---|---:|---:|---:|---:|---:|---:|"
	printf "| default (%s) | %.1f | %.1f | %.3f | %.1f | %.1f | %.3f |\n", defdrv,
	       kb["bridge", "write"], kb["setsockopt", "write"], r1,
	       kb["bridge", "sendfile"], kb["setsockopt", "sendfile"], r2
	for (i = 1; i <= nr; i++) {
		w = kr[i, "setsockopt", "write"] ? kr[i, "bridge", "write"] / kr[i, "setsockopt", "write"] : 0
		f = kr[i, "setsockopt", "sendfile"] ? kr[i, "bridge", "sendfile"] / kr[i, "setsockopt", "sendfile"] : 0
		printf "| -d %s | %.1f | %.1f | %.3f | %.1f | %.1f | %.3f |\n", rdrv[i],
		       kr[i, "bridge", "write"], kr[i, "setsockopt", "write"], w,
		       kr[i, "bridge", "sendfile"], kr[i, "setsockopt", "sendfile"], f
		if (i == 1 && rdrv[1] == defdrv) { rw = w; rf = f }
	}
	if (rw) {
		print "\n| routing cost (session on the default driver by name) | measured | target | |"
		print "|---|---:|---:|---|"
		printf "| bridge / setsockopt, write() | %.3f | >= 0.97 | %s |\n", rw, verdict(rw, 0.97)
		printf "| bridge / setsockopt, sendfile() | %.3f | >= 0.97 | %s |\n", rf, verdict(rf, 0.97)
	}
}' "$OUT/ktls.log"
echo
echo "Raw output: ktls.log; JSON: ktls.json (bench/results/KVER/bench-ktls/)."
