/* SPDX-License-Identifier: GPL-2.0 */
/*
 * badinput.h - the bad-input engine of the ocf selftests (badinput.c,
 * libocftest.a): a table of cases, each one valid request of a scenario
 * (a known-answer AES-CBC encryption, a SHA-1 digest, a GCM encryption...)
 * with one or two things changed, and the errno the contract gives (0: the
 * request must work, and its result is checked against the known answer).
 *
 * The data buffers live in "regions" of read-write pages.  A case may
 * shift a region (misaligned and page-crossing buffers must work), point a
 * field somewhere hostile (NULL, an address nobody can map, an inaccessible
 * page, read-only memory, a kernel address, a buffer running into an
 * inaccessible page), or flip a byte of the input after it is built.
 *
 * Besides the errno, every case checks that
 *  - the read-only page is unchanged (the kernel wrote nothing there),
 *  - a failed request left its output buffers and its argument structure
 *    as they were, unless the case says a partial write is allowed (an
 *    output that faults after an earlier output was written).
 *
 * Each feature's test holds its own cases (abi.c: dispatch; session.c:
 * sessions and lookup; cipher.c, hash.c, aead.c, record.c, zerocopy.c)
 * and runs them with bad_run(), one TAP line per case.  Those tests are
 * built twice, 64-bit and _32 (i386 on the compat path), which must give
 * the same results.
 */
#ifndef _OCF_SELFTEST_BADINPUT_H
#define _OCF_SELFTEST_BADINPUT_H

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>

#include <crypto/cryptodev.h>

#include "tap.h"

#define FSIZE(T, f)	sizeof(((T *)0)->f)


/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

enum region { R_KEY, R_MACKEY, R_SRC, R_DST, R_IV, R_MAC, R_AAD, R_TAG, R_NR };

#define RB(r)		(1u << (r))
#define REGION_PAGES	4
#define RDONLY_PAGES	3
#define FILL_BYTE	0xa5	/* what an output region holds before a call */

/* Zero-copy scenarios work on this much data (see zc_threshold). */
#define ZC_LEN		8192

/* Pointer tokens: where a case points a field. */
enum ptok {
	P_NULL,
	P_LOW,		/* unmapped */
	P_NONE,		/* a PROT_NONE page */
	P_RDONLY,	/* PROT_READ pages holding kat_ecb_pt repeated */
	P_KERNEL,	/* a kernel address */
	P_EDGE,		/* 4 bytes before an inaccessible page */
	P_EDGEPAGE,	/* a single read-write page, then an inaccessible one */
	P_HIGH,		/* P_HIGH + r: region r with a high address bit set */
	P_REGION = P_HIGH + R_NR,	/* P_REGION + r: region r */
};

#define SHIFT_CROSS	(-1)	/* a region shift: 5 bytes before a page end */

/* ------------------------------------------------------------------ */
/* Sessions shared by the cases                                        */
/* ------------------------------------------------------------------ */

enum ses {
	S_CBC,		/* AES-128-CBC, kat_cbc_key */
	S_ECB,		/* AES-128-ECB, kat_cbc_key */
	S_SHA1,
	S_SHA1_B,
	S_SHA256,
	S_HMAC,		/* HMAC-SHA1, key "Jefe" */
	S_CBC_HMAC,	/* AES-128-CBC + HMAC-SHA1 */
	S_CTR_HMAC,	/* AES-128-CTR + HMAC-SHA1 */
	S_GCM,		/* AES-128-GCM, kat_gcm_key */
	S_TLS,		/* TLS 1.2 composite AES-128-CBC + HMAC-SHA256 */
	S_FREED,	/* created and freed */
	S_UNKNOWN,	/* never created */
	S_ZERO,		/* id 0 */
	S_NR
};

/* CIOCFSESSION's argument, a bare __u32, as a structure to name it by. */
struct fsession_arg {
	__u32 ses;
};

enum scen_id {
	SC_RAW, SC_KEY, SC_ASYMFEAT, SC_GSESSION, SC_GSESSION_HMAC,
	SC_FSESSION, SC_SESSINFO, SC_CRYPT, SC_CRYPT_DEC, SC_HASH, SC_HMAC,
	SC_CRYPT_MAC, SC_AEAD_ENC, SC_AEAD_DEC, SC_TLS_ENC, SC_TLS_DEC,
	SC_SRTP, SC_SRTP_DEC, SC_CPHASH, SC_OCF_GSESSION, SC_FINDDEV,
	SC_LIST, SC_FEATURES, SC_ECB_ZC, SC_HASH_ZC, SC_GCM_ZC,
	SC_GCM_ZC_DEC,
};

/* ------------------------------------------------------------------ */
/* Cases                                                               */
/* ------------------------------------------------------------------ */

enum mkind {
	M_END,
	M_SET,		/* integer field = val */
	M_SETMAX,	/* integer field = max_request + val */
	M_PTR,		/* pointer field = token val */
	M_SES,		/* session id field = session val */
	M_STR,		/* char array = str, or unterminated if str is NULL */
	M_ARG,		/* the ioctl argument pointer = token val */
	M_SHIFT,	/* region aux starts val bytes in (SHIFT_CROSS) */
	M_ALIAS,	/* region aux is region val, delta bytes on */
	M_FLIP,		/* after building, flip a bit of region aux at val */
	M_CMD,		/* the ioctl command is val */
};

struct mut {
	unsigned char kind;
	unsigned char aux;
	unsigned short off;
	unsigned short size;
	short delta;
	long long val;
	const char *str;
};

#define SET(T, f, v)	{ .kind = M_SET, .off = offsetof(T, f),		\
			  .size = FSIZE(T, f), .val = (v) }
#define SETMAX(T, f, d)	{ .kind = M_SETMAX, .off = offsetof(T, f),	\
			  .size = FSIZE(T, f), .val = (d) }
#define PTR(T, f, t)	{ .kind = M_PTR, .off = offsetof(T, f),		\
			  .size = FSIZE(T, f), .val = (t) }
#define SES(T, f, s)	{ .kind = M_SES, .off = offsetof(T, f),		\
			  .size = FSIZE(T, f), .val = (s) }
#define STR(T, f, s)	{ .kind = M_STR, .off = offsetof(T, f),		\
			  .size = FSIZE(T, f), .str = (s) }
#define ARG(t)		{ .kind = M_ARG, .val = (t) }
#define SHIFT(r, n)	{ .kind = M_SHIFT, .aux = (r), .val = (n) }
#define ALIAS(r, to)	{ .kind = M_ALIAS, .aux = (r), .val = (to) }
#define ALIAS_AT(r, to, d) { .kind = M_ALIAS, .aux = (r), .val = (to),	\
			     .delta = (d) }
#define FLIP(r, o)	{ .kind = M_FLIP, .aux = (r), .val = (o) }
#define CMD(c)		{ .kind = M_CMD, .val = (c) }

/* Shorthands for the structures. */
#define SOP	struct session_op
#define COP	struct crypt_op
#define CAOP	struct crypt_auth_op
#define SINFO	struct session_info_op
#define CPH	struct cphash_op
#define OSOP	struct ocf_session_op
#define FIND	struct ocf_find_op
#define LIST	struct ocf_alg_list
#define FSES	struct fsession_arg

/* Case flags */
#define C_NOVERIFY	(1u << 0)	/* success, but no known answer */
#define C_MAYWRITE	(1u << 1)	/* an earlier output may be written */
#define C_MISSING	(1u << 2)	/* the cipher is one the kernel lacks */
/* A known module issue makes the case fail: report it as a SKIP with why. */
#define C_KNOWN(n)	((n) << 8)
#define C_KNOWN_OF(f)	((f) >> 8)


struct ecase {
	const char *name;
	enum scen_id sc;
	int err;
	unsigned int flags;
	struct mut m[4];
};

/* The ctr(aes) driver of this kernel (/proc/crypto), for cases by name. */
extern char ctr_aes_drv[128];

/*
 * Run @n cases, one TAP result each (the caller plans them).  Bails out
 * when the device, the memory or the sessions the cases use cannot be
 * set up.
 */
void bad_run(const struct ecase *cases, size_t n);

#endif /* _OCF_SELFTEST_BADINPUT_H */
