// SPDX-License-Identifier: GPL-2.0
/*
 * abi: the binary interface of <crypto/cryptodev.h>, checked twice.
 *
 * At compile time every size, offset, ioctl value and constant that
 * cryptodev-linux programs are built with is asserted (_Static_assert), for
 * the ABI this file is compiled for: x86-64 (-m64, "abi") or i386 (-m32,
 * "abi_32": the legacy structures carry 4-byte pointers there).  The
 * extension structures must have one layout on every ABI, a multiple of 8
 * bytes, and extension ioctl numbers start at 192.  A header that drifts
 * does not compile.
 *
 * At run time the same tables are printed as TAP lines, and the module is
 * asked to agree: each command is issued with its argument flush against an
 * inaccessible page (the kernel must copy exactly the ABI size), the fields
 * the kernel does not own must come back unchanged, and
 * OCF_IOC_GET_FEATURES must describe this module.
 *
 * Bad input to the dispatch (badinput.h): unknown and malformed command
 * numbers, CIOCKEY, CIOCASYMFEAT and CRIOGET with bad arguments.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "badinput.h"
#include "cdev.h"
#include "procdrv.h"
#include "tap.h"

/* The software sha1 driver ("sha1-generic", "sha1-lib", ...). */
static char sha1_drv[128];

#define PARAM_DIR	"/sys/module/ocf/parameters/"

#define ABI_OTHER64	"i386"
#define ABI_OTHER32	"x86-64"

#if __SIZEOF_POINTER__ == 8
#define ABI_NAME	"x86-64"
#define ABI(v64, v32)	(v64)
#elif __SIZEOF_POINTER__ == 4
#define ABI_NAME	"i386"
#define ABI(v64, v32)	(v32)
#else
#error "unknown ABI"
#endif

/* ------------------------------------------------------------------ */
/* The tables: X(...) lists, used for _Static_assert and for TAP       */
/* ------------------------------------------------------------------ */

/* Legacy structures: X(type, x86-64 size, i386 size) */
#define LEGACY_SIZES(X)						\
	X(struct session_op,		48,	28)		\
	X(struct alg_info,		128,	128)		\
	X(struct session_info_op,	268,	268)		\
	X(struct crypt_op,		48,	28)		\
	X(struct crypt_auth_op,		72,	44)		\
	X(struct cphash_op,		8,	8)		\
	X(struct crparam,		16,	8)		\
	X(struct crypt_kop,		144,	80)

/* Legacy fields: X(type, field, x86-64 offset, i386 offset) */
#define LEGACY_OFFSETS(X)					\
	X(struct session_op, cipher,		0,	0)	\
	X(struct session_op, mac,		4,	4)	\
	X(struct session_op, keylen,		8,	8)	\
	X(struct session_op, key,		16,	12)	\
	X(struct session_op, mackeylen,		24,	16)	\
	X(struct session_op, mackey,		32,	20)	\
	X(struct session_op, ses,		40,	24)	\
	X(struct alg_info, cra_name,		0,	0)	\
	X(struct alg_info, cra_driver_name,	64,	64)	\
	X(struct session_info_op, ses,		0,	0)	\
	X(struct session_info_op, cipher_info,	4,	4)	\
	X(struct session_info_op, hash_info,	132,	132)	\
	X(struct session_info_op, alignmask,	260,	260)	\
	X(struct session_info_op, flags,	264,	264)	\
	X(struct crypt_op, ses,			0,	0)	\
	X(struct crypt_op, op,			4,	4)	\
	X(struct crypt_op, flags,		6,	6)	\
	X(struct crypt_op, len,			8,	8)	\
	X(struct crypt_op, src,			16,	12)	\
	X(struct crypt_op, dst,			24,	16)	\
	X(struct crypt_op, mac,			32,	20)	\
	X(struct crypt_op, iv,			40,	24)	\
	X(struct crypt_auth_op, ses,		0,	0)	\
	X(struct crypt_auth_op, op,		4,	4)	\
	X(struct crypt_auth_op, flags,		6,	6)	\
	X(struct crypt_auth_op, len,		8,	8)	\
	X(struct crypt_auth_op, auth_len,	12,	12)	\
	X(struct crypt_auth_op, auth_src,	16,	16)	\
	X(struct crypt_auth_op, src,		24,	20)	\
	X(struct crypt_auth_op, dst,		32,	24)	\
	X(struct crypt_auth_op, tag,		40,	28)	\
	X(struct crypt_auth_op, tag_len,	48,	32)	\
	X(struct crypt_auth_op, iv,		56,	36)	\
	X(struct crypt_auth_op, iv_len,		64,	40)	\
	X(struct cphash_op, dst_ses,		0,	0)	\
	X(struct cphash_op, src_ses,		4,	4)	\
	X(struct crparam, crp_p,		0,	0)	\
	X(struct crparam, crp_nbits,		8,	4)	\
	X(struct crypt_kop, crk_op,		0,	0)	\
	X(struct crypt_kop, crk_status,		4,	4)	\
	X(struct crypt_kop, crk_iparams,	8,	8)	\
	X(struct crypt_kop, crk_oparams,	10,	10)	\
	X(struct crypt_kop, crk_pad1,		12,	12)	\
	X(struct crypt_kop, crk_param,		16,	16)

/* Legacy commands: X(macro, x86-64 value, i386 value) */
#define LEGACY_IOCTLS(X)					\
	X(CRIOGET,		0xc0046365u,	0xc0046365u)	\
	X(CIOCGSESSION,		0xc0306366u,	0xc01c6366u)	\
	X(CIOCFSESSION,		0x40046367u,	0x40046367u)	\
	X(CIOCCRYPT,		0xc0306368u,	0xc01c6368u)	\
	X(CIOCKEY,		0xc0906369u,	0xc0506369u)	\
	X(CIOCASYMFEAT,		0x8004636au,	0x8004636au)	\
	X(CIOCGSESSINFO,	0xc10c636bu,	0xc10c636bu)	\
	X(CIOCAUTHCRYPT,	0xc048636du,	0xc02c636du)	\
	X(CIOCASYNCCRYPT,	0x4030636eu,	0x401c636eu)	\
	X(CIOCASYNCFETCH,	0x8030636fu,	0x801c636fu)	\
	X(CIOCCPHASH,		0x40086370u,	0x40086370u)

/*
 * Extension structures.  Their layout is not frozen by another project, so
 * it is checked for its properties, not against numbers: every field is
 * naturally aligned, the size is a multiple of 8, and the layout is the
 * same on both ABIs (compared at run time with the sibling binary).
 */
#define EXT_STRUCTS(X)						\
	X(struct ocf_session_op)				\
	X(struct ocf_features)					\
	X(struct ocf_find_op)					\
	X(struct ocf_alg_entry)					\
	X(struct ocf_alg_list)					\
	X(struct ocf_crypt_desc)				\
	X(struct ocf_submit)					\
	X(struct ocf_result)					\
	X(struct ocf_reap)

/* Extension fields: X(type, field) */
#define EXT_FIELDS(X)						\
	X(struct ocf_session_op, cipher)			\
	X(struct ocf_session_op, mac)				\
	X(struct ocf_session_op, keylen)			\
	X(struct ocf_session_op, mackeylen)			\
	X(struct ocf_session_op, key)				\
	X(struct ocf_session_op, mackey)			\
	X(struct ocf_session_op, flags)				\
	X(struct ocf_session_op, crid)				\
	X(struct ocf_session_op, ses)				\
	X(struct ocf_session_op, tag_len)			\
	X(struct ocf_session_op, cipher_name)			\
	X(struct ocf_session_op, mac_name)			\
	X(struct ocf_session_op, cipher_driver)			\
	X(struct ocf_session_op, mac_driver)			\
	X(struct ocf_session_op, reserved)			\
	X(struct ocf_features, features)			\
	X(struct ocf_features, api_version)			\
	X(struct ocf_features, max_sessions)			\
	X(struct ocf_features, max_request)			\
	X(struct ocf_features, reserved)			\
	X(struct ocf_find_op, crid)				\
	X(struct ocf_find_op, flags)				\
	X(struct ocf_find_op, name)				\
	X(struct ocf_alg_entry, name)				\
	X(struct ocf_alg_entry, driver)				\
	X(struct ocf_alg_entry, module)				\
	X(struct ocf_alg_entry, priority)			\
	X(struct ocf_alg_entry, type)				\
	X(struct ocf_alg_entry, flags)				\
	X(struct ocf_alg_entry, crid)				\
	X(struct ocf_alg_entry, alg_id)				\
	X(struct ocf_alg_entry, blocksize)			\
	X(struct ocf_alg_entry, ivsize)				\
	X(struct ocf_alg_entry, min_keysize)			\
	X(struct ocf_alg_entry, max_keysize)			\
	X(struct ocf_alg_entry, digestsize)			\
	X(struct ocf_alg_entry, reserved)			\
	X(struct ocf_alg_list, capacity)			\
	X(struct ocf_alg_list, count)				\
	X(struct ocf_alg_list, entries)				\
	X(struct ocf_alg_list, filter)				\
	X(struct ocf_crypt_desc, ses)				\
	X(struct ocf_crypt_desc, op)				\
	X(struct ocf_crypt_desc, flags)				\
	X(struct ocf_crypt_desc, len)				\
	X(struct ocf_crypt_desc, auth_len)			\
	X(struct ocf_crypt_desc, src)				\
	X(struct ocf_crypt_desc, dst)				\
	X(struct ocf_crypt_desc, mac)				\
	X(struct ocf_crypt_desc, iv)				\
	X(struct ocf_crypt_desc, auth_src)			\
	X(struct ocf_crypt_desc, tag_len)			\
	X(struct ocf_crypt_desc, iv_len)			\
	X(struct ocf_crypt_desc, user_data)			\
	X(struct ocf_submit, count)				\
	X(struct ocf_submit, flags)				\
	X(struct ocf_submit, descs)				\
	X(struct ocf_submit, submitted)				\
	X(struct ocf_result, user_data)				\
	X(struct ocf_result, status)				\
	X(struct ocf_result, len)				\
	X(struct ocf_result, tag_len)				\
	X(struct ocf_reap, count)				\
	X(struct ocf_reap, min)					\
	X(struct ocf_reap, results)				\
	X(struct ocf_reap, reaped)				\
	X(struct ocf_reap, flags)

/* Extension commands: X(macro, argument type) */
#define EXT_IOCTLS(X)						\
	X(OCF_IOC_GET_FEATURES,	struct ocf_features)		\
	X(OCF_IOC_GSESSION,	struct ocf_session_op)		\
	X(OCF_IOC_FINDDEV,	struct ocf_find_op)		\
	X(OCF_IOC_LIST_ALGS,	struct ocf_alg_list)		\
	X(OCF_IOC_SUBMIT,	struct ocf_submit)		\
	X(OCF_IOC_REAP,		struct ocf_reap)

/* Constants: X(macro, value) */
#define CONSTANTS(X)						\
	X(COP_ENCRYPT,			0)			\
	X(COP_DECRYPT,			1)			\
	X(COP_FLAG_NONE,		0)			\
	X(COP_FLAG_UPDATE,		1 << 0)			\
	X(COP_FLAG_FINAL,		1 << 1)			\
	X(COP_FLAG_WRITE_IV,		1 << 2)			\
	X(COP_FLAG_NO_ZC,		1 << 3)			\
	X(COP_FLAG_AEAD_TLS_TYPE,	1 << 4)			\
	X(COP_FLAG_AEAD_SRTP_TYPE,	1 << 5)			\
	X(COP_FLAG_RESET,		1 << 6)			\
	X(SIOP_FLAG_KERNEL_DRIVER_ONLY,	1)			\
	X(CRYPTO_ALG_FLAG_SUPPORTED,	1)			\
	X(CRYPTO_ALG_FLAG_RNG_ENABLE,	2)			\
	X(CRYPTO_ALG_FLAG_DSA_SHA,	4)			\
	X(CRK_MOD_EXP,			0)			\
	X(CRK_MOD_EXP_CRT,		1)			\
	X(CRK_DSA_SIGN,			2)			\
	X(CRK_DSA_VERIFY,		3)			\
	X(CRK_DH_COMPUTE_KEY,		4)			\
	X(CRF_MOD_EXP,			1 << 0)			\
	X(CRF_MOD_EXP_CRT,		1 << 1)			\
	X(CRF_DSA_SIGN,			1 << 2)			\
	X(CRF_DSA_VERIFY,		1 << 3)			\
	X(CRF_DH_COMPUTE_KEY,		1 << 4)			\
	X(CRK_MAXPARAM,			8)			\
	X(CRYPTO_HMAC_MAX_KEY_LEN,	512)			\
	X(CRYPTO_CIPHER_MAX_KEY_LEN,	64)			\
	X(EALG_MAX_BLOCK_LEN,		16)			\
	X(AALG_MAX_RESULT_LEN,		64)			\
	X(HASH_MAX_LEN,			64)			\
	X(CRYPTODEV_MAX_ALG_NAME,	64)			\
	X(DES_BLOCK_LEN,		8)			\
	X(DES3_BLOCK_LEN,		8)			\
	X(BLOWFISH_BLOCK_LEN,		8)			\
	X(CAST128_BLOCK_LEN,		8)			\
	X(SKIPJACK_BLOCK_LEN,		8)			\
	X(RIJNDAEL128_BLOCK_LEN,	16)			\
	X(AES_BLOCK_LEN,		16)			\
	X(CAMELLIA_BLOCK_LEN,		16)			\
	X(CRIOGET_NOT_NEEDED,		1)			\
	X(CRYPTO_DES_CBC,		1)			\
	X(CRYPTO_3DES_CBC,		2)			\
	X(CRYPTO_BLF_CBC,		3)			\
	X(CRYPTO_CAST_CBC,		4)			\
	X(CRYPTO_SKIPJACK_CBC,		5)			\
	X(CRYPTO_MD5_HMAC,		6)			\
	X(CRYPTO_SHA1_HMAC,		7)			\
	X(CRYPTO_RIPEMD160_HMAC,	8)			\
	X(CRYPTO_MD5_KPDK,		9)			\
	X(CRYPTO_SHA1_KPDK,		10)			\
	X(CRYPTO_RIJNDAEL128_CBC,	11)			\
	X(CRYPTO_AES_CBC,		11)			\
	X(CRYPTO_ARC4,			12)			\
	X(CRYPTO_MD5,			13)			\
	X(CRYPTO_SHA1,			14)			\
	X(CRYPTO_DEFLATE_COMP,		15)			\
	X(CRYPTO_NULL,			16)			\
	X(CRYPTO_LZS_COMP,		17)			\
	X(CRYPTO_SHA2_256_HMAC,		18)			\
	X(CRYPTO_SHA2_384_HMAC,		19)			\
	X(CRYPTO_SHA2_512_HMAC,		20)			\
	X(CRYPTO_AES_CTR,		21)			\
	X(CRYPTO_AES_XTS,		22)			\
	X(CRYPTO_AES_ECB,		23)			\
	X(CRYPTO_AES_CFB,		24)			\
	X(CRYPTO_AES_OFB,		25)			\
	X(CRYPTO_AES_GCM,		50)			\
	X(CRYPTO_AES_CCM,		51)			\
	X(CRYPTO_CAMELLIA_CBC,		101)			\
	X(CRYPTO_RIPEMD160,		102)			\
	X(CRYPTO_SHA2_224,		103)			\
	X(CRYPTO_SHA2_256,		104)			\
	X(CRYPTO_SHA2_384,		105)			\
	X(CRYPTO_SHA2_512,		106)			\
	X(CRYPTO_SHA2_224_HMAC,		107)			\
	X(CRYPTO_TLS11_AES_CBC_HMAC_SHA1, 108)			\
	X(CRYPTO_TLS12_AES_CBC_HMAC_SHA256, 109)		\
	X(CRYPTO_ALGORITHM_ALL,		110)				\
	X(OCF_CRID_HARDWARE,		0x01000000)			\
	X(OCF_CRID_SOFTWARE,		0x02000000)

/* ------------------------------------------------------------------ */
/* Compile time                                                        */
/* ------------------------------------------------------------------ */

#define ASSERT_LEGACY_SIZE(T, s64, s32)					\
	_Static_assert(sizeof(T) == ABI(s64, s32),			\
		       "sizeof(" #T ") on " ABI_NAME);
#define ASSERT_LEGACY_OFFSET(T, f, o64, o32)				\
	_Static_assert(offsetof(T, f) == ABI(o64, o32),			\
		       "offsetof(" #T ", " #f ") on " ABI_NAME);
#define ASSERT_LEGACY_IOCTL(cmd, v64, v32)				\
	_Static_assert((unsigned int)(cmd) == ABI(v64, v32),		\
		       #cmd " on " ABI_NAME);
/* The alignment a field has on x86-64 (__alignof__: u64 is 8 on i386 too). */
#define NATURAL_ALIGN(T, f)	__alignof__(((T *)0)->f)
#define ASSERT_EXT_STRUCT(T)						\
	_Static_assert(sizeof(T) % 8 == 0, "sizeof(" #T ") % 8");
#define ASSERT_EXT_FIELD(T, f)						\
	_Static_assert(offsetof(T, f) % NATURAL_ALIGN(T, f) == 0,	\
		       #T "." #f " is naturally aligned");
#define ASSERT_EXT_IOCTL(cmd, T)					\
	_Static_assert(_IOC_TYPE(cmd) == 'c' && _IOC_NR(cmd) >= 192 &&	\
		       _IOC_SIZE(cmd) == sizeof(T), #cmd);
#define ASSERT_CONSTANT(name, v)					\
	_Static_assert((name) == (v), #name);

LEGACY_SIZES(ASSERT_LEGACY_SIZE)
LEGACY_OFFSETS(ASSERT_LEGACY_OFFSET)
LEGACY_IOCTLS(ASSERT_LEGACY_IOCTL)
EXT_STRUCTS(ASSERT_EXT_STRUCT)
EXT_FIELDS(ASSERT_EXT_FIELD)
EXT_IOCTLS(ASSERT_EXT_IOCTL)
CONSTANTS(ASSERT_CONSTANT)

/* Arrays and members whose size is part of the ABI. */
_Static_assert(sizeof(((struct crypt_kop *)0)->crk_param) ==
	       CRK_MAXPARAM * sizeof(struct crparam), "crk_param");
_Static_assert(sizeof(((struct session_info_op *)0)->alignmask) == 2,
	       "alignmask is 16 bits");
_Static_assert(sizeof(((struct crypt_op *)0)->op) == 2 &&
	       sizeof(((struct crypt_op *)0)->flags) == 2, "op, flags");
_Static_assert(CRYPTO_AES_CBC == CRYPTO_RIJNDAEL128_CBC, "AES is Rijndael");
#ifdef CRYPTO_ALGORITHM_MAX
_Static_assert(CRYPTO_ALGORITHM_MAX == 109, "CRYPTO_ALGORITHM_MAX");
#endif

/* ------------------------------------------------------------------ */
/* Run time: the tables as TAP                                         */
/* ------------------------------------------------------------------ */

struct abi_fact {
	const char *what;
	unsigned long long have;
	unsigned long long want;
	bool hex;
};

#define FACT(name, h, w, x)	{ .what = (name), .have = (h), .want = (w), .hex = (x) },
#define FACT_LEGACY_SIZE(T, s64, s32)					\
	FACT("sizeof(" #T ")", sizeof(T), ABI(s64, s32), false)
#define FACT_LEGACY_OFFSET(T, f, o64, o32)				\
	FACT("offsetof(" #T ", " #f ")", offsetof(T, f), ABI(o64, o32), false)
#define FACT_LEGACY_IOCTL(cmd, v64, v32)				\
	FACT(#cmd, (unsigned int)(cmd), ABI(v64, v32), true)
#define FACT_EXT_STRUCT(T)						\
	FACT("sizeof(" #T ") % 8", sizeof(T) % 8, 0, false)
#define FACT_EXT_FIELD(T, f)						\
	FACT("offsetof(" #T ", " #f ") % alignment",			\
	     offsetof(T, f) % NATURAL_ALIGN(T, f), 0, false)
#define FACT_EXT_IOCTL(cmd, T)						\
	FACT("_IOC_NR(" #cmd ") >= 192", _IOC_NR(cmd) >= 192, 1, false)
#define FACT_CONSTANT(name, v)						\
	FACT(#name, (name), (v), false)

static const struct abi_fact abi_facts[] = {
	LEGACY_SIZES(FACT_LEGACY_SIZE)
	LEGACY_OFFSETS(FACT_LEGACY_OFFSET)
	LEGACY_IOCTLS(FACT_LEGACY_IOCTL)
	EXT_STRUCTS(FACT_EXT_STRUCT)
	EXT_FIELDS(FACT_EXT_FIELD)
	EXT_IOCTLS(FACT_EXT_IOCTL)
	CONSTANTS(FACT_CONSTANT)
};

static void check_facts(void)
{
	const struct abi_fact *f;

	for (f = abi_facts; f < abi_facts + ARRAY_SIZE(abi_facts); f++) {
		if (!tap_ok(f->have == f->want,
			    f->hex ? "%s: %s == %#llx" : "%s: %s == %llu",
			    ABI_NAME, f->what, f->want))
			tap_diag("have %#llx", f->have);
	}
}

/* Every command value is distinct (dispatch is on the full value). */
static void check_distinct(void)
{
	static const unsigned int cmds[] = {
#define CMD_VALUE(cmd, ...) (unsigned int)(cmd),
		LEGACY_IOCTLS(CMD_VALUE)
		EXT_IOCTLS(CMD_VALUE)
#undef CMD_VALUE
	};
	unsigned int i, j, dups = 0;

	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		for (j = i + 1; j < ARRAY_SIZE(cmds); j++)
			if (cmds[i] == cmds[j] ||
			    _IOC_NR(cmds[i]) == _IOC_NR(cmds[j]))
				dups++;
	tap_ok(!dups, "%zu command values and numbers are distinct",
	       ARRAY_SIZE(cmds));
}

static void check_algorithm_max(void)
{
#ifdef CRYPTO_ALGORITHM_MAX
	tap_ok(CRYPTO_ALGORITHM_MAX == 109, "CRYPTO_ALGORITHM_MAX == 109");
#else
	tap_skip("not defined by the header",
		 "CRYPTO_ALGORITHM_MAX == 109");
#endif
}

/*
 * The extension layout as text: abi and abi_32 must print the same.  Each
 * runs the other with --layout and compares.
 */
static void print_layout(FILE *out)
{
#define PRINT_STRUCT(T)	fprintf(out, "sizeof(%s) = %zu\n", #T, sizeof(T));
#define PRINT_FIELD(T, f)						\
	fprintf(out, "offsetof(%s, %s) = %zu\n", #T, #f, offsetof(T, f));
#define PRINT_IOCTL(cmd, T)	fprintf(out, "%s = %#x\n", #cmd, (unsigned int)(cmd));
	EXT_STRUCTS(PRINT_STRUCT)
	EXT_FIELDS(PRINT_FIELD)
	EXT_IOCTLS(PRINT_IOCTL)
#undef PRINT_STRUCT
#undef PRINT_FIELD
#undef PRINT_IOCTL
}

/* The other ABI's build of this program: abi <-> abi_32, same directory. */
static bool sibling_path(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 4);
	size_t len;

	if (n <= 0)
		return false;
	buf[n] = '\0';
	len = n;
	if (len > 3 && !strcmp(buf + len - 3, "_32"))
		buf[len - 3] = '\0';
	else
		strcat(buf, "_32");
	return access(buf, X_OK) == 0;
}

static void check_cross_abi(void)
{
	char path[4096], cmd[4200], mine[256], theirs[256];
	const char *other = ABI(ABI_OTHER64, ABI_OTHER32);
	FILE *self, *sib;
	int lines = 0, diffs = 0;

	if (!sibling_path(path, sizeof(path))) {
		tap_skip("no sibling binary", "extension layout: %s == %s",
			 ABI_NAME, other);
		return;
	}
	snprintf(cmd, sizeof(cmd), "'%s' --layout", path);
	self = tmpfile();
	sib = popen(cmd, "r");
	if (!self || !sib) {
		tap_fail("extension layout: %s == %s (%s)", ABI_NAME, other,
			 strerror(errno));
		return;
	}
	print_layout(self);
	rewind(self);
	while (fgets(mine, sizeof(mine), self)) {
		lines++;
		if (!fgets(theirs, sizeof(theirs), sib)) {
			diffs++;
			break;
		}
		if (strcmp(mine, theirs)) {
			if (!diffs++)
				tap_diag("%s: %s%s: %s", ABI_NAME, mine, other,
					 theirs);
		}
	}
	if (fgets(theirs, sizeof(theirs), sib))
		diffs++;
	fclose(self);
	if (pclose(sib))
		diffs++;
	tap_ok(lines && !diffs, "extension layout: %s == %s (%d lines)",
	       ABI_NAME, other, lines);
}

/* ------------------------------------------------------------------ */
/* Run time: the module agrees                                         */
/* ------------------------------------------------------------------ */

static long page_size;

/*
 * Two pages: a read-write one followed by an inaccessible one.  An argument
 * placed at edge(size) ends exactly where access ends, so any byte the
 * kernel reads or writes beyond the ABI size faults.
 */
static unsigned char *guard;

static void *edge(size_t size)
{
	return guard + page_size - size;
}

static bool guard_init(void)
{
	guard = mmap(NULL, 2 * page_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (guard == MAP_FAILED)
		return false;
	return mprotect(guard + page_size, page_size, PROT_NONE) == 0;
}

static const unsigned char aes_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};

/* Canary values for fields the kernel must not change. */
#define CANARY32	0x5a5a5a5au

struct edge_ctx {
	int fd;
	__u32 aes;		/* AES-128-CBC session */
	__u32 gcm;		/* AES-128-GCM session */
	__u32 sha1_a;		/* two SHA-1 sessions, for CIOCCPHASH */
	__u32 sha1_b;
	unsigned char buf[64];
	unsigned char out[64];
	unsigned char iv[16];
};

/* Create a legacy session with its argument at the page edge. */
static int edge_gsession(struct edge_ctx *c, __u32 cipher, __u32 mac,
			 const void *key, __u32 keylen, __u32 *ses)
{
	struct session_op *sop = edge(sizeof(*sop));

	memset(sop, 0, sizeof(*sop));
	sop->cipher = cipher;
	sop->mac = mac;
	sop->keylen = keylen;
	sop->key = (__u8 *)key;
	if (ioctl(c->fd, CIOCGSESSION, sop))
		return -errno;
	*ses = sop->ses;
	return 0;
}

static bool edge_session(struct edge_ctx *c)
{
	return !edge_gsession(c, CRYPTO_AES_CBC, 0, aes_key, 16, &c->aes) &&
	       c->aes != 0;
}

static bool edge_crypt(struct edge_ctx *c)
{
	struct crypt_op *cop = edge(sizeof(*cop));

	memset(cop, 0, sizeof(*cop));
	cop->ses = c->aes;
	cop->op = COP_ENCRYPT;
	cop->len = 16;
	cop->src = c->buf;
	cop->dst = c->out;
	cop->iv = c->iv;
	if (ioctl(c->fd, CIOCCRYPT, cop))
		return false;
	/* The kernel hands the structure back as it was. */
	return cop->ses == c->aes && cop->op == COP_ENCRYPT && !cop->flags &&
	       cop->len == 16 && cop->src == c->buf && cop->dst == c->out &&
	       !cop->mac && cop->iv == c->iv;
}

static bool edge_authcrypt(struct edge_ctx *c)
{
	struct crypt_auth_op *caop = edge(sizeof(*caop));

	if (edge_gsession(c, CRYPTO_AES_GCM, 0, aes_key, 16, &c->gcm))
		return false;
	memset(caop, 0, sizeof(*caop));
	caop->ses = c->gcm;
	caop->op = COP_ENCRYPT;
	caop->len = 16;
	caop->auth_len = 8;
	caop->auth_src = c->iv;
	caop->src = c->buf;
	caop->dst = c->out;
	caop->iv = c->iv;
	caop->iv_len = 12;
	if (ioctl(c->fd, CIOCAUTHCRYPT, caop))
		return false;
	/* len, tag and tag_len are outputs; the rest is unchanged. */
	return caop->len == 32 && caop->tag_len == 16 &&
	       caop->tag == c->out + 16 && caop->ses == c->gcm &&
	       caop->auth_len == 8 && caop->auth_src == c->iv &&
	       caop->src == c->buf && caop->dst == c->out &&
	       caop->iv == c->iv && caop->iv_len == 12;
}

static bool edge_sessinfo(struct edge_ctx *c)
{
	struct session_info_op *si = edge(sizeof(*si));

	memset(si, 0xff, sizeof(*si));
	si->ses = c->aes;
	if (ioctl(c->fd, CIOCGSESSINFO, si))
		return false;
	return !strcmp(si->cipher_info.cra_name, "cbc(aes)") &&
	       si->cipher_info.cra_driver_name[0] &&
	       !si->hash_info.cra_name[0] && !si->hash_info.cra_driver_name[0] &&
	       (si->flags & ~SIOP_FLAG_KERNEL_DRIVER_ONLY) == 0;
}

static bool edge_cphash(struct edge_ctx *c)
{
	struct cphash_op *cp = edge(sizeof(*cp));

	if (edge_gsession(c, 0, CRYPTO_SHA1, NULL, 0, &c->sha1_a) ||
	    edge_gsession(c, 0, CRYPTO_SHA1, NULL, 0, &c->sha1_b))
		return false;
	cp->dst_ses = c->sha1_b;
	cp->src_ses = c->sha1_a;
	return ioctl(c->fd, CIOCCPHASH, cp) == 0;
}

static bool edge_asymfeat(struct edge_ctx *c)
{
	__u32 *feat = edge(sizeof(*feat));

	*feat = CANARY32;
	return ioctl(c->fd, CIOCASYMFEAT, feat) == 0 && *feat == 0;
}

static bool edge_crioget(struct edge_ctx *c)
{
	__u32 *fd = edge(sizeof(*fd));
	int ret;

	*fd = CANARY32;
	ret = ioctl(c->fd, CRIOGET, fd);
	if (ret || *fd == CANARY32)
		return false;
	return close(*fd) == 0;
}

static bool edge_fsession(struct edge_ctx *c)
{
	__u32 *ses = edge(sizeof(*ses));
	bool ok = true;

	*ses = c->aes;
	ok &= ioctl(c->fd, CIOCFSESSION, ses) == 0;
	*ses = c->gcm;
	ok &= ioctl(c->fd, CIOCFSESSION, ses) == 0;
	*ses = c->sha1_a;
	ok &= ioctl(c->fd, CIOCFSESSION, ses) == 0;
	*ses = c->sha1_b;
	ok &= ioctl(c->fd, CIOCFSESSION, ses) == 0;
	return ok;
}

static bool edge_ocf_gsession(struct edge_ctx *c)
{
	struct ocf_session_op *op = edge(sizeof(*op));
	__u32 ses;

	memset(op, 0, sizeof(*op));
	op->cipher = OCF_ALG_BY_NAME;
	strcpy(op->cipher_name, "cbc(aes)");
	op->keylen = 16;
	op->key = (uintptr_t)aes_key;
	if (ioctl(c->fd, OCF_IOC_GSESSION, op))
		return false;
	ses = op->ses;
	return ses && !strcmp(op->cipher_name, "cbc(aes)") &&
	       op->cipher_driver[0] && op->crid && !op->reserved[3] &&
	       ioctl(c->fd, CIOCFSESSION, &ses) == 0;
}

static bool edge_finddev(struct edge_ctx *c)
{
	struct ocf_find_op *fo = edge(sizeof(*fo));
	int crid;

	memset(fo, 0, sizeof(*fo));
	fo->crid = -1;
	strcpy(fo->name, sha1_drv);
	if (ioctl(c->fd, OCF_IOC_FINDDEV, fo) || fo->crid <= 0)
		return false;
	crid = fo->crid;
	memset(fo->name, 0, sizeof(fo->name));
	if (ioctl(c->fd, OCF_IOC_FINDDEV, fo))
		return false;
	return fo->crid == crid && !strcmp(fo->name, sha1_drv);
}

static bool edge_list_algs(struct edge_ctx *c)
{
	struct ocf_alg_list *l = edge(sizeof(*l));
	struct ocf_alg_entry e;

	memset(l, 0, sizeof(*l));
	memset(&e, 0, sizeof(e));
	l->capacity = 1;
	l->entries = (uintptr_t)&e;
	strcpy(l->filter, sha1_drv);
	if (ioctl(c->fd, OCF_IOC_LIST_ALGS, l))
		return false;
	return l->count == 1 && !strcmp(e.driver, sha1_drv) &&
	       !strcmp(e.name, "sha1") && e.type == OCF_TYPE_HASH &&
	       e.digestsize == 20 && e.alg_id == CRYPTO_SHA1;
}

static bool edge_features(struct edge_ctx *c)
{
	struct ocf_features *feat = edge(sizeof(*feat));

	memset(feat, 0xff, sizeof(*feat));
	return ioctl(c->fd, OCF_IOC_GET_FEATURES, feat) == 0 &&
	       feat->api_version == OCF_API_VERSION;
}

/* In order: later steps use the sessions earlier ones created. */
static const struct edge_test {
	const char *cmd;
	bool (*run)(struct edge_ctx *c);
} edge_tests[] = {
	{ "CIOCGSESSION", edge_session },
	{ "CIOCCRYPT", edge_crypt },
	{ "CIOCAUTHCRYPT", edge_authcrypt },
	{ "CIOCGSESSINFO", edge_sessinfo },
	{ "CIOCCPHASH", edge_cphash },
	{ "CIOCASYMFEAT", edge_asymfeat },
	{ "CRIOGET", edge_crioget },
	{ "CIOCFSESSION", edge_fsession },
	{ "OCF_IOC_GSESSION", edge_ocf_gsession },
	{ "OCF_IOC_FINDDEV", edge_finddev },
	{ "OCF_IOC_LIST_ALGS", edge_list_algs },
	{ "OCF_IOC_GET_FEATURES", edge_features },
};

static void check_edges(int fd)
{
	struct edge_ctx c = { .fd = fd };
	const struct edge_test *t;

	for (t = edge_tests; t < edge_tests + ARRAY_SIZE(edge_tests); t++) {
		errno = 0;
		if (!tap_ok(t->run(&c), "%s: %s argument at a page edge",
			    ABI_NAME, t->cmd))
			tap_diag("errno %d (%s)", errno, strerror(errno));
	}
}

static long read_param(const char *name)
{
	char path[128], buf[32];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 0);
	fclose(f);
	return v;
}

static void check_features(int fd)
{
	struct ocf_features feat;
	const __u64 want = OCF_FEAT_BY_NAME | OCF_FEAT_DRIVER_SELECT |
			   OCF_FEAT_COMPAT32 | OCF_FEAT_ALG_LIST;
	unsigned int i;
	bool zero = true;

	memset(&feat, 0xff, sizeof(feat));
	if (!TAP_CHECK(ioctl(fd, OCF_IOC_GET_FEATURES, &feat) == 0,
		       "OCF_IOC_GET_FEATURES")) {
		tap_skip("no features", "features");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(feat.reserved); i++)
		zero &= !feat.reserved[i];
	zero &= !feat.reserved0;
	if (!tap_ok(feat.api_version == OCF_API_VERSION &&
		    (feat.features & want) == want && zero &&
		    (long)feat.max_sessions == read_param("max_sessions") &&
		    (long)feat.max_request == read_param("max_request"),
		    "features: api %u, compat32, limits match the parameters",
		    OCF_API_VERSION))
		tap_diag("features %#llx api %u sessions %u request %u",
			 (unsigned long long)feat.features, feat.api_version,
			 feat.max_sessions, feat.max_request);
}

static const struct ecase bad_cases[] = {
	/* Dispatch */
	{ "unknown command _IO('c', 250)", SC_RAW, ENOTTY, 0,
	  { CMD(_IO('c', 250)) } },
	{ "CIOCGSESSION number with another size", SC_RAW, ENOTTY, 0,
	  { CMD(_IOWR('c', 102, char[40])) } },
	{ "CIOCCRYPT number without direction", SC_RAW, ENOTTY, 0,
	  { CMD(_IO('c', 104)) } },
	{ "unused number 108", SC_RAW, ENOTTY, 0,
	  { CMD(_IOWR('c', 108, __u32)) } },
	{ "number 191, below the extensions", SC_RAW, ENOTTY, 0,
	  { CMD(_IOWR('c', 191, char[16])) } },
	{ "CIOCKEY", SC_KEY, EOPNOTSUPP, 0, { } },
	{ "CIOCASYMFEAT reports no features", SC_ASYMFEAT, 0, 0, { } },
	{ "CIOCASYMFEAT into read-only memory", SC_ASYMFEAT, EFAULT, 0,
	  { ARG(P_RDONLY) } },
	{ "CRIOGET into read-only memory", SC_RAW, EFAULT, 0,
	  { CMD(CRIOGET), ARG(P_RDONLY) } },
	{ "CRIOGET to NULL", SC_RAW, EFAULT, 0, { CMD(CRIOGET), ARG(P_NULL) } },
};

/*
 * Where sha1 is a module nothing has loaded yet, /proc/crypto does not
 * list it: a session loads it, as any first user would.
 */
static void load_sha1(void)
{
	int fd = cdev_open();
	__u32 ses;

	if (fd < 0)
		return;
	if (!cdev_session(fd, 0, NULL, 0, CRYPTO_SHA1, NULL, 0, &ses))
		cdev_fsession(fd, ses);
	close(fd);
}

int main(int argc, char **argv)
{
	int fd;

	if (argc > 1 && !strcmp(argv[1], "--layout")) {
		print_layout(stdout);
		return 0;
	}
	page_size = sysconf(_SC_PAGESIZE);
	load_sha1();
	procdrv_lowest("sha1", "sha1-generic", sha1_drv, sizeof(sha1_drv));
	tap_plan(ARRAY_SIZE(abi_facts) + 3 + ARRAY_SIZE(edge_tests) + 2 +
		 ARRAY_SIZE(bad_cases));

	check_facts();
	check_distinct();
	check_algorithm_max();
	check_cross_abi();
	bad_run(bad_cases, ARRAY_SIZE(bad_cases));

	fd = open(CDEV_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0 || !guard_init()) {
		tap_diag("setup: %s", strerror(errno));
		return tap_finish();	/* the plan reports what did not run */
	}
	check_edges(fd);
	check_features(fd);
	close(fd);
	return tap_finish();
}
