// SPDX-License-Identifier: GPL-2.0
/*
 * aead_xcheck: AEAD sessions through CIOCAUTHCRYPT against OpenSSL
 * (xcheck_aead.c, xcheck_util.c): every tag length, and a flipped bit in
 * the tag, the AAD or the ciphertext gives EBADMSG with dst untouched.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include "tap.h"
#include "xcheck.h"

int main(void)
{
	xcheck_start();
	xcheck_aead();
	return xcheck_finish();
}
