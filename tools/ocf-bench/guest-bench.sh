#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest-bench.sh PLAN [ocf-bench options]: runs inside the VM (busybox sh).
#
# Prepares the guest (architecture-optimised crypto modules, so the kernel
# uses the same instructions OpenSSL does; room for large AF_ALG requests),
# runs ocf-bench on PLAN, then every hook /bench-hooks/bench-*.sh, and
# prints each output file between "@@@file NAME" and "@@@end" lines for
# the host to pick up.
#
# Hooks (tools/*/bench-*.sh on the host, copied to /bench-hooks): run with
# BENCH_OUT (a directory for extra files, e.g. NAME.json or plots' data)
# and BENCH_QUICK set; what a hook prints on stdout is Markdown appended
# to the kernel's results; a non-zero exit is reported, not fatal.

plan=$1
shift
out=/tmp/bench-out
mkdir -p "$out/extra"

for m in sha256_ssse3 sha512_ssse3 ghash_clmulni_intel chacha_x86_64 \
	poly1305_x86_64 chacha20poly1305 crc32c_intel; do
	modprobe "$m" 2>/dev/null
done
# The virtio-crypto device's interrupts go to CPU 0, where the plans run
# its figures.
for irq in $(awk -F: '/virtio.*(crypto|dataq|virtio0)/ { print $1 }' /proc/interrupts); do
	echo 1 >"/proc/irq/${irq## }/smp_affinity" 2>/dev/null
done
# AF_ALG keeps a whole request in socket memory; 1 MiB needs more than
# the default option memory.
sysctl -w net.core.optmem_max=4194304 >/dev/null 2>&1

echo "== ocf-bench on $(uname -r)"
note=
[ -f /bench-note ] && note=$(cat /bench-note)
ocf-bench --plan "$plan" --json "$out/ocf.json" --md "$out/ocf.md" \
	--plots "$out/plots" --note "$note" "$@"
status=$?

for h in /bench-hooks/bench-*.sh; do
	[ -x "$h" ] || continue
	name=${h##*/}
	name=${name%.sh}
	echo "== hook $name"
	mkdir -p "$out/extra/$name"
	if BENCH_OUT=$out/extra/$name BENCH_QUICK=${BENCH_QUICK:-0} \
		"$h" >"$out/hook-$name.md"; then
		:
	else
		echo "hook $name failed: exit $?"
		echo "(hook failed)" >>"$out/hook-$name.md"
	fi
	cat "$out/hook-$name.md"
done

cd "$out" || exit 1
for f in $(find . -type f | sort); do
	echo "@@@file ${f#./}"
	cat "$f"
	echo "@@@end"
done
exit $status
