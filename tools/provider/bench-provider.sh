#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench-provider.sh: the OpenSSL provider rows of `make bench`, a hook run
# in the guest (busybox sh) after ocf-bench, in the same boot
# (tools/ocf-bench/bench; bench-provider.with copies openssl in, and
# tools/provider's Makefile builds ocf.so into the guest's /usr/bin).
#
# "openssl speed -elapsed -evp" (wall-clock time: ocf's work runs in the
# kernel, which speed's default user-time measure would not see) for
# AES-128-CBC, AES-128-GCM and SHA-256, 16 B to 64 KiB: OpenSSL's default
# provider, the ocf provider on software drivers, and the ocf provider on
# hardware drivers where the guest has one for the algorithm
# (virtio-crypto: AES-128-CBC).  Markdown on stdout, MB/s; the
# raw "speed -mr" output goes to $BENCH_OUT/provider-speed.log.
#
# Then OpenSSL 3.5's cipher pipelines (/usr/bin/trixie/ocf-pipe-test -b,
# ocf-pipe-bench.c): AES-128-GCM and AES-128-CBC messages per second,
# pipelines of 8 and 32 messages against one message per call through ocf
# and through the default provider, with the same driver classes; its
# output goes to $BENCH_OUT/provider-pipeline.log.  Skipped, saying why,
# when ocf-pipe-test was not built (no Debian trixie build root).
#
# $BENCH_OUT/provider.json: both, {"speed": [rows], "pipeline": {...}}.
# BENCH_QUICK=1: 1 second per size and 0.3 s per pipeline figure, else 3
# and 1.  Exit 1 when it cannot run.

OUT=${BENCH_OUT:-/tmp/bench-provider}
mkdir -p "$OUT" || exit 1
SECS=3 PSECS=1
[ "${BENCH_QUICK:-0}" = 1 ] && SECS=1 PSECS=0.3
LOG=$OUT/provider-speed.log
ROWS=$OUT/provider-speed.rows
: >"$LOG"
: >"$ROWS"

if ! command -v openssl >/dev/null 2>&1; then
	echo "openssl is not in the guest: no provider rows."
	exit 1
fi
MODDIR=$(dirname "$(command -v ocf.so 2>/dev/null || echo /usr/bin/ocf.so)")
if [ ! -f "$MODDIR/ocf.so" ] || [ ! -c /dev/crypto ]; then
	echo "ocf.so or /dev/crypto missing: no provider rows."
	exit 1
fi
export OPENSSL_MODULES="$MODDIR"
: >"$OUT/empty.cnf"
export OPENSSL_CONF="$OUT/empty.cnf"

# speed WHO ALG: "+H"/"+F" lines of openssl speed -mr, default sizes and
# 64 KiB; WHO is default, software or hardware.
speed() {
	who=$1 alg=$2
	if [ "$who" = default ]; then
		set --
	else
		set -- -provider ocf -provider default -propquery '?provider=ocf'
	fi
	for b in "" 65536; do
		OCF_PROVIDER_DRIVERS=$who openssl speed -mr -elapsed -seconds "$SECS" \
			${b:+-bytes $b} "$@" -evp "$alg" 2>>"$LOG"
	done | tee -a "$LOG" | grep -E '^\+(H|F):'
}

# offered WHO ALG: does the ocf provider offer ALG with WHO drivers?
offered() {
	OCF_PROVIDER_DRIVERS=$1 openssl list -provider ocf -cipher-algorithms \
		-digest-algorithms 2>/dev/null | grep -i "@ ocf" | grep -qi -- "$2"
}

echo "openssl speed -elapsed -evp, MB/s (10^6 bytes/s), $SECS s per size; kernel $(uname -r)."
echo "\"ocf software\"/\"ocf hardware\": the ocf provider with drivers = software or hardware,"
echo "through /dev/crypto; \"default\": OpenSSL's own code."
echo
echo "| algorithm | provider | 16 B | 64 B | 256 B | 1 KiB | 8 KiB | 16 KiB | 64 KiB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for alg in aes-128-cbc aes-128-gcm sha256; do
	for who in default software hardware; do
		if [ $who != default ] && ! offered $who "$alg"; then
			continue
		fi
		name=$who
		[ $who = default ] || name="ocf $who"
		speed $who "$alg" | awk -F: -v alg="$alg" -v who="$name" -v rows="$ROWS" '
			/^\+H:/ { nh = NF - 1; for (i = 2; i <= NF; i++) h[i - 1] = $i; next }
			/^\+F:/ { for (i = 4; i <= NF; i++) v[h[i - 3]] = $i }
			END {
				n = split("16 64 256 1024 8192 16384 65536", s, " ")
				line = "| " toupper(alg) " | " who " |"
				js = ""
				for (i = 1; i <= n; i++) {
					line = line ((s[i] in v) ? sprintf(" %.1f |", v[s[i]] / 1e6) : " - |")
					js = js sprintf("%s\"%s\": %s", i > 1 ? ", " : "", s[i],
							(s[i] in v) ? sprintf("%.0f", v[s[i]]) : "null")
				}
				print line
				printf "{\"algorithm\": \"%s\", \"provider\": \"%s\", \"bytes_per_s\": {%s}}\n",
				       toupper(alg), who, js >>rows
			}'
	done
done
echo
echo "Each ocf operation is one system call into the module: small blocks"
echo "measure the call, large ones the driver; TCG emulation makes all of it slow."

# Cipher pipelines: ocf-pipe-test -b prints Markdown, then its JSON between
# "==== JSON" and "==== END".
PIPE=$MODDIR/trixie/ocf-pipe-test
PLOG=$OUT/provider-pipeline.log
PJSON=$OUT/provider-pipeline.json
pst=0
echo
echo "### Cipher pipelines (OpenSSL 3.5)"
echo
if [ ! -x "$PIPE" ]; then
	echo "Skipped: $PIPE was not built (it needs Debian trixie's build root:"
	echo "make -C tools/provider pipe-test)."
	echo null >"$PJSON"
else
	drivers=software
	if offered hardware aes-128-cbc || offered hardware aes-128-gcm; then
		drivers=software,hardware
	fi
	echo "ocf-pipe-test -b -t $PSECS -d $drivers (tools/provider/ocf-pipe-bench.c):"
	echo "AES-128-GCM (no AAD, the tag fetched) and AES-128-CBC (no padding) encryption."
	echo
	"$PIPE" -b -t "$PSECS" -d "$drivers" >"$PLOG" 2>"$OUT/provider-pipeline.err"
	pst=$?
	sed -n '/^==== JSON/,/^==== END/p' "$PLOG" | sed '1d;$d' >"$PJSON"
	grep -q '^==== END' "$PLOG" || : >"$PJSON"
	sed '/^==== JSON/,$d' "$PLOG"
	if [ $pst != 0 ] || [ ! -s "$PJSON" ]; then
		echo "ocf-pipe-test -b failed (exit $pst):"
		echo
		echo '```'
		tail -n 20 "$OUT/provider-pipeline.err"
		echo '```'
		echo
		[ -s "$PJSON" ] || echo null >"$PJSON"
		pst=1
	fi
	echo "A pipeline is one OCF_IOC_SUBMIT and one OCF_IOC_REAP for N messages,"
	echo "where one message per call costs a system call each."
fi

{
	printf '{\n  "kernel": "%s",\n  "seconds_per_size": %s,\n  "speed": [\n' "$(uname -r)" "$SECS"
	sed -e 's/^/    /' -e '$!s/$/,/' "$ROWS"
	printf '  ],\n  "pipeline": '
	cat "$PJSON"
	printf '}\n'
} >"$OUT/provider.json"
rm -f "$ROWS"
exit $pst
