#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest-demo.sh: the steps of `make demo`, run inside the VM (busybox sh)
# by tools/vm/demo.  Each step says what it proves and ends with PASS, FAIL
# or SKIP; the exit status is non-zero when a step failed.
#
# Hooks: /demo-hooks/ktls-demo.sh (tools/ktls/demo.sh on the host, when it
# exists) is the TLS step: exit 0 passes, 4 skips, anything else fails.

# The x86 implementations OpenSSL's counterparts use (the VM's /init loads
# only aesni_intel among them).
for m in sha256_ssse3 ghash_clmulni_intel chacha_x86_64 poly1305_x86_64 \
	chacha20poly1305; do
	modprobe "$m" 2>/dev/null
done

n=0
passed=0
failed=0
skipped=0
failures=

step() {
	n=$((n + 1))
	printf '\n=== Step %d: %s ===\n' "$n" "$1"
	printf 'Proves: %s\n\n' "$2"
}

# verdict STATUS TEXT: 0 passes, 4 skips, anything else fails.
verdict() {
	case $1 in
	0) passed=$((passed + 1)); printf '\n[PASS] %s\n' "$2" ;;
	4) skipped=$((skipped + 1)); printf '\n[SKIP] %s\n' "$2" ;;
	*) failed=$((failed + 1)); failures="$failures $n"
	   printf '\n[FAIL] %s (status %s)\n' "$2" "$1" ;;
	esac
}

step "ocf.ko is loaded and /dev/crypto is there" \
	"the module builds against and loads into Debian's $(uname -r) kernel"
uname -sr
ls -l /dev/crypto
printf '\nmodule parameters:\n'
for p in /sys/module/ocf/parameters/*; do
	printf '  %-14s %s\n' "${p##*/}" "$(cat "$p")"
done
[ -c /dev/crypto ] && grep -q '^ocf ' /proc/modules
verdict $? "/dev/crypto is a character device of ocf.ko"

step "Algorithms and drivers" \
	"/dev/crypto sees every implementation the kernel has, hardware and software"
if command -v ocfctl >/dev/null; then
	ocfctl list >/tmp/list
	st=$?
	printf '%s implementations (ocfctl list); those of the demo'"'"'s algorithms:\n\n' \
		"$(($(grep -c . /tmp/list) - 1))"
	head -1 /tmp/list
	grep -E '(^| )(cbc\(aes\)|gcm\(aes\)|rfc7539\(chacha20,poly1305\)|sha256|hmac\(sha256\)) ' /tmp/list
	verdict $st "ocfctl list"
else
	ocf-demo list
	verdict $? "OCF_IOC_LIST_ALGS"
fi

step "AES-GCM through /dev/crypto, checked against OpenSSL" \
	"the kernel's AES-128-GCM, reached with the cryptodev ABI, computes what OpenSSL computes"
ocf-demo gcm
verdict $? "AES-128-GCM equals OpenSSL"

step "A session on the virtio-crypto accelerator next to one on AES-NI" \
	"OCF_IOC_GSESSION picks hardware or software drivers, CIOCGSESSINFO names them, results agree; AF_ALG on the same driver reaches it (before 7.2) or is refused (7.2 on)"
ocf-demo hw
verdict $? "hardware and software sessions"

step "Zero-copy, asynchronous and batched paths" \
	"pinned user pages (any alignment, in place, read-only), CIOCASYNCCRYPT with poll(), OCF_IOC_SUBMIT/REAP"
ocf-demo paths
verdict $? "zero-copy, async and batched"

step "TLS through the kTLS bridge" \
	"a TLS connection to openssl s_server whose records the kernel encrypts, keyed through /dev/crypto"
if [ -x /demo-hooks/ktls-demo.sh ]; then
	/demo-hooks/ktls-demo.sh
	verdict $? "kTLS bridge"
else
	echo "tools/ktls/demo.sh is not in this tree yet: nothing to run."
	verdict 4 "kTLS bridge (not available)"
fi

step "A short benchmark (BENCH_QUICK)" \
	"the paths' speed against AF_ALG, user-space OpenSSL and tcrypt, in this boot (TCG: compare rows, not absolute numbers)"
sysctl -w net.core.optmem_max=4194304 >/dev/null 2>&1
ocf-bench --plan /demo-plan -r 3 -t 100 -w 30 >/tmp/bench.txt
st=$?
# The live lines, then the tables without the repeated ratio sections.
grep -E '^(aes|#)' /tmp/bench.txt | grep -v '^# plan'
awk '/^== Targets/ { t = 1 } t' /tmp/bench.txt
verdict $st "ocf-bench"

printf '\n=== Summary ===\n%d passed, %d failed, %d skipped\n' \
	"$passed" "$failed" "$skipped"
[ -z "$failures" ] || printf 'failed steps:%s\n' "$failures"
[ "$failed" = 0 ]
