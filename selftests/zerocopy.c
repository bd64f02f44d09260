// SPDX-License-Identifier: GPL-2.0
/*
 * zerocopy: bad input on the zero-copy paths (ZC_LEN bytes, at or above
 * zc_threshold): CIOCCRYPT (ECB, SHA-1) and CIOCAUTHCRYPT (GCM) whose
 * pinned buffers are unmapped, read-only, misaligned, across pages or
 * overlapping; each must give the contract's errno and leave its outputs
 * alone, or work and give the known answer (badinput.h).
 *
 * That every path (copy, zero-copy, async, batched) gives OpenSSL's
 * result, at every offset: zerocopy_xcheck.c.  Built twice: zerocopy
 * (x86-64) and zerocopy_32 (the compat path).
 */
#include "badinput.h"

static const struct ecase bad_cases[] = {
	/* Zero-copy (ZC_LEN bytes, at or above zc_threshold) */
	{ "encrypt", SC_ECB_ZC, 0, 0, { } },
	{ "NO_ZC", SC_ECB_ZC, 0, 0, { SET(COP, flags, COP_FLAG_NO_ZC) } },
	{ "src in read-only memory", SC_ECB_ZC, 0, 0,
	  { PTR(COP, src, P_RDONLY) } },
	{ "dst in read-only memory", SC_ECB_ZC, EFAULT, 0,
	  { PTR(COP, dst, P_RDONLY) } },
	{ "in place in read-only memory", SC_ECB_ZC, EFAULT, 0,
	  { PTR(COP, src, P_RDONLY), PTR(COP, dst, P_RDONLY) } },
	{ "src unmapped", SC_ECB_ZC, EFAULT, 0, { PTR(COP, src, P_LOW) } },
	{ "src runs into an inaccessible page", SC_ECB_ZC, EFAULT, 0,
	  { PTR(COP, src, P_EDGEPAGE) } },
	{ "dst runs into an inaccessible page", SC_ECB_ZC, EFAULT, 0,
	  { PTR(COP, dst, P_EDGEPAGE) } },
	{ "dst at a kernel address", SC_ECB_ZC, EFAULT, 0,
	  { PTR(COP, dst, P_KERNEL) } },
	{ "len not a block multiple", SC_ECB_ZC, EINVAL, 0,
	  { SET(COP, len, ZC_LEN + 1) } },
	{ "src and dst misaligned", SC_ECB_ZC, 0, 0,
	  { SHIFT(R_SRC, 1), SHIFT(R_DST, SHIFT_CROSS) } },
	{ "in place", SC_ECB_ZC, 0, 0, { ALIAS(R_DST, R_SRC) } },
	{ "in place, misaligned", SC_ECB_ZC, 0, 0,
	  { SHIFT(R_SRC, 3), ALIAS(R_DST, R_SRC) } },
	{ "dst overlaps src, 16 bytes on", SC_ECB_ZC, 0, 0,
	  { ALIAS_AT(R_DST, R_SRC, 16) } },
	{ "dst overlaps src, 16 bytes before", SC_ECB_ZC, 0, 0,
	  { SHIFT(R_SRC, 32), ALIAS_AT(R_DST, R_SRC, -16) } },
	{ "SHA-1", SC_HASH_ZC, 0, 0, { } },
	{ "SHA-1 of read-only memory", SC_HASH_ZC, 0, 0,
	  { PTR(COP, src, P_RDONLY) } },
	{ "SHA-1, src misaligned", SC_HASH_ZC, 0, 0,
	  { SHIFT(R_SRC, SHIFT_CROSS) } },
	{ "SHA-1, src runs into an inaccessible page", SC_HASH_ZC, EFAULT, 0,
	  { PTR(COP, src, P_EDGEPAGE) } },
	{ "SHA-1, mac in read-only memory", SC_HASH_ZC, EFAULT, 0,
	  { PTR(COP, mac, P_RDONLY) } },
	{ "GCM encrypt", SC_GCM_ZC, 0, 0, { } },
	{ "GCM encrypt from read-only memory", SC_GCM_ZC, 0, 0,
	  { PTR(CAOP, src, P_RDONLY) } },
	{ "GCM encrypt, tag_len 12", SC_GCM_ZC, 0, 0,
	  { SET(CAOP, tag_len, 12) } },
	{ "GCM encrypt, misaligned", SC_GCM_ZC, 0, 0,
	  { SHIFT(R_SRC, 1), SHIFT(R_DST, 7) } },
	{ "GCM encrypt, dst in read-only memory", SC_GCM_ZC, EFAULT, 0,
	  { PTR(CAOP, dst, P_RDONLY) } },
	{ "GCM encrypt, dst runs into an inaccessible page", SC_GCM_ZC,
	  EFAULT, 0, { PTR(CAOP, dst, P_EDGEPAGE) } },
	{ "GCM decrypt", SC_GCM_ZC_DEC, 0, 0, { } },
	{ "GCM decrypt in place", SC_GCM_ZC_DEC, 0, 0,
	  { ALIAS(R_DST, R_SRC) } },
	{ "GCM decrypt with a bad tag", SC_GCM_ZC_DEC, EBADMSG, C_KNOWN(1),
	  { FLIP(R_SRC, ZC_LEN + 15) } },
	{ "GCM decrypt with bad AAD", SC_GCM_ZC_DEC, EBADMSG, C_KNOWN(1),
	  { FLIP(R_AAD, 0) } },
};

int main(void)
{
	tap_plan(ARRAY_SIZE(bad_cases));
	bad_run(bad_cases, ARRAY_SIZE(bad_cases));
	return tap_finish();
}
