#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ocfctl: the command-line view of /dev/crypto (tools/ocfctl, on the
# guest's PATH) lists the drivers, marks virtio-crypto as hardware and AES-NI
# as software, maps names to ids and shows statistics.
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

echo "TAP version 13"
if ! command -v ocfctl >/dev/null 2>&1; then
	echo "1..0 # SKIP ocfctl not installed"
	exit 4
fi
echo "1..8"

list=$(ocfctl list)
ok $? "ocfctl list runs"
echo "$list" | grep -Eq '^cipher +cbc\(aes\) +virtio_crypto_aes_cbc +[0-9]+ hw '
ok $? "ocfctl list shows virtio_crypto_aes_cbc as hw"
echo "$list" | grep -Eq '^cipher +cbc\(aes\) +cbc-aes-aesni +[0-9]+ sw '
ok $? "ocfctl list shows cbc-aes-aesni as sw"
ocfctl list --json | grep -q '"driver": "virtio_crypto_aes_cbc", "module": "virtio_crypto", "priority": 150, "hardware": true'
ok $? "ocfctl list --json describes the accelerator"
ocfctl info 'cbc(aes)' | grep -q '^  class       hardware, asynchronous'
ok $? "ocfctl info cbc(aes) includes a hardware driver"
id=$(ocfctl finddev virtio_crypto_aes_cbc | cut -d' ' -f1)
[ -n "$id" ] && [ "$(ocfctl finddev "$id")" = "$id virtio_crypto_aes_cbc" ]
ok $? "ocfctl finddev maps the driver to id $id and back"
ocfctl features | grep -q 'async'
ok $? "ocfctl features lists the extensions"
# A GCM session instantiates gcm_base(ctr-aes-aesni,ghash-clmulni), whose
# ghash is an asynchronous cryptd wrapper: all of it is software.
command -v ocf-aead >/dev/null 2>&1 && ocf-aead >/dev/null 2>&1
hw=$(ocfctl list | awk 'NR > 1 && $5 == "hw" { print $3 }' | grep -v '^virtio' | tr '\n' ' ')
[ -z "$hw" ]
ok $? "only the virtio-crypto device's drivers are hardware${hw:+ (also: $hw)}"

[ $failed = 0 ] || exit 1
exit 0
