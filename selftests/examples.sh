#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# examples: the example programs of tools/examples work (a smoke test).
#
# They are installed as ocf-cipher, ocf-hash, ocf-aead and ocf-byname in
# build/KVER/tools, which ocf-vm puts on the guest's PATH.  Each checks its
# own known answer and exits 0; ocf-hash is compared with sha256sum.
# TAP 13 on stdout; exit 0 pass, 1 fail, 4 skip.

# Installed as a kselftest, the tools are in ./tools.
[ -d "${0%/*}/tools" ] && PATH=$(cd "${0%/*}/tools" && pwd):$PATH

n=0
failed=0

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

# run NAME COMMAND...: run quietly; show its output only when it fails.
run() {
	name=$1; shift
	out=$("$@" 2>&1)
	st=$?
	[ $st = 0 ] || printf '%s\n' "$out" | sed 's/^/# /'
	ok $st "$name"
}

echo "TAP version 13"
if ! command -v ocf-cipher >/dev/null 2>&1; then
	echo "1..0 # SKIP the examples are not installed"
	exit 4
fi
echo "1..8"

run "ocf-cipher: AES-128-CBC" ocf-cipher
run "ocf-aead: AES-128-GCM" ocf-aead

want=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
have=$(printf abc | ocf-hash | cut -d' ' -f1)
[ "$have" = "$want" ]
ok $? "ocf-hash: SHA-256 of \"abc\""

tmp=${TMPDIR:-/tmp}/examples.$$
head -c 100000 /dev/urandom >"$tmp" 2>/dev/null
have=$(ocf-hash "$tmp" | cut -d' ' -f1)
want=$(sha256sum "$tmp" | cut -d' ' -f1)
rm -f "$tmp"
[ -n "$have" ] && [ "$have" = "$want" ]
ok $? "ocf-hash: 100000 random bytes, as sha256sum"

have=$(: | ocf-hash | cut -d' ' -f1)
[ "$have" = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ]
ok $? "ocf-hash: empty input"

run "ocf-byname: cbc(aes) on hardware, or software" ocf-byname "cbc(aes)" hw
run "ocf-byname: cbc(aes) in software" ocf-byname "cbc(aes)" sw
run "ocf-byname: ecb(aes), the kernel's choice" ocf-byname "ecb(aes)" any

echo "# Totals: pass:$((n - failed)) fail:$failed xfail:0 xpass:0 skip:0 error:0"
[ $failed = 0 ]
