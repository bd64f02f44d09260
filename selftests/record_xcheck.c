// SPDX-License-Identifier: GPL-2.0
/*
 * record_xcheck: the TLS and SRTP modes of CIOCAUTHCRYPT against OpenSSL
 * (xcheck_aead.c, xcheck_util.c): TLS records (COP_FLAG_AEAD_TLS_TYPE and
 * the TLS composite ids) and SRTP packets (COP_FLAG_AEAD_SRTP_TYPE).
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
	xcheck_tls();
	xcheck_srtp();
	return xcheck_finish();
}
