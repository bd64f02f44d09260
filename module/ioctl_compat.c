// SPDX-License-Identifier: GPL-2.0
/*
 * 32-bit programs on a 64-bit kernel: the 32-bit layouts of the structures
 * that carry pointers, and their converters.
 *
 * Only the legacy structures differ between the ABIs (session_op,
 * crypt_op, crypt_auth_op, crypt_kop and FreeBSD's session2_op and
 * crypt_aead); everything else, every extension structure included, has
 * one layout.  The dispatch table (ioctl.c) names the layout of each row;
 * the 32-bit command value is the native one with the 32-bit structure's
 * size, so it cannot drift from it.
 */
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <crypto/cryptodev.h>

#include "bsd.h"
#include "ioctl.h"

struct compat_session_op {
	u32 cipher;
	u32 mac;
	u32 keylen;
	compat_uptr_t key;
	u32 mackeylen;
	compat_uptr_t mackey;
	u32 ses;
};

struct compat_crypt_op {
	u32 ses;
	u16 op;
	u16 flags;
	u32 len;
	compat_uptr_t src;
	compat_uptr_t dst;
	compat_uptr_t mac;
	compat_uptr_t iv;
};

struct compat_crypt_auth_op {
	u32 ses;
	u16 op;
	u16 flags;
	u32 len;
	u32 auth_len;
	compat_uptr_t auth_src;
	compat_uptr_t src;
	compat_uptr_t dst;
	compat_uptr_t tag;
	u32 tag_len;
	compat_uptr_t iv;
	u32 iv_len;
};

struct compat_crparam {
	compat_uptr_t crp_p;
	u32 crp_nbits;
};

struct compat_crypt_kop {
	u32 crk_op;
	u32 crk_status;
	u16 crk_iparams;
	u16 crk_oparams;
	u32 crk_pad1;
	struct compat_crparam crk_param[CRK_MAXPARAM];
};

/* FreeBSD's set (bsd.c): its session_op and crypt_op are the ones above. */
struct compat_bsd_session2_op {
	u32 cipher;
	u32 mac;
	u32 keylen;
	compat_uptr_t key;
	s32 mackeylen;
	compat_uptr_t mackey;
	u32 ses;
	s32 crid;
	s32 ivlen;
	s32 maclen;
	s32 pad[2];
};

struct compat_bsd_crypt_aead {
	u32 ses;
	u16 op;
	u16 flags;
	u32 len;
	u32 aadlen;
	u32 ivlen;
	compat_uptr_t src;
	compat_uptr_t dst;
	compat_uptr_t aad;
	compat_uptr_t tag;
	compat_uptr_t iv;
};

static_assert(sizeof(struct compat_session_op) == 28);
static_assert(sizeof(struct compat_crypt_op) == 28);
static_assert(sizeof(struct compat_crypt_auth_op) == 44);
static_assert(sizeof(struct compat_crypt_kop) == 80);
static_assert(sizeof(struct compat_bsd_session2_op) == 48);
static_assert(sizeof(struct compat_bsd_crypt_aead) == 40);

/* The command values 32-bit programs have compiled in (cryptodev-linux's). */
static_assert(OCF_CMD32(CIOCGSESSION, sizeof(struct compat_session_op)) == 0xc01c6366);
static_assert(OCF_CMD32(CIOCCRYPT, sizeof(struct compat_crypt_op)) == 0xc01c6368);
static_assert(OCF_CMD32(CIOCAUTHCRYPT, sizeof(struct compat_crypt_auth_op)) == 0xc02c636d);
static_assert(OCF_CMD32(CIOCKEY, sizeof(struct compat_crypt_kop)) == 0xc0506369);
static_assert(OCF_CMD32(CIOCASYNCCRYPT, sizeof(struct compat_crypt_op)) == 0x401c636e);
static_assert(OCF_CMD32(CIOCASYNCFETCH, sizeof(struct compat_crypt_op)) == 0x801c636f);
static_assert(OCF_CMD32(BSD_CIOCCRYPT, sizeof(struct compat_crypt_op)) == 0xc01c6367);
static_assert(sizeof(struct compat_session_op) <= OCF_COMPAT_ARG_MAX);
static_assert(sizeof(struct compat_crypt_auth_op) <= OCF_COMPAT_ARG_MAX);
static_assert(sizeof(struct compat_crypt_kop) <= OCF_COMPAT_ARG_MAX);
static_assert(sizeof(struct compat_bsd_session2_op) <= OCF_COMPAT_ARG_MAX);
static_assert(sizeof(struct compat_bsd_crypt_aead) <= OCF_COMPAT_ARG_MAX);

static void sop_in(void *native, const void *c32)
{
	const struct compat_session_op *c = c32;
	struct session_op *n = native;

	n->cipher = c->cipher;
	n->mac = c->mac;
	n->keylen = c->keylen;
	n->key = compat_ptr(c->key);
	n->mackeylen = c->mackeylen;
	n->mackey = compat_ptr(c->mackey);
	n->ses = c->ses;
}

static void sop_out(void *c32, const void *native)
{
	const struct session_op *n = native;
	struct compat_session_op *c = c32;

	c->ses = n->ses;
}

const struct ocf_compat_layout ocf_c32_session_op = {
	sizeof(struct compat_session_op), sop_in, sop_out,
};

static void cop_in(void *native, const void *c32)
{
	const struct compat_crypt_op *c = c32;
	struct crypt_op *n = native;

	n->ses = c->ses;
	n->op = c->op;
	n->flags = c->flags;
	n->len = c->len;
	n->src = compat_ptr(c->src);
	n->dst = compat_ptr(c->dst);
	n->mac = compat_ptr(c->mac);
	n->iv = compat_ptr(c->iv);
}

static void cop_out(void *c32, const void *native)
{
	const struct crypt_op *n = native;
	struct compat_crypt_op *c = c32;

	c->ses = n->ses;
	c->op = n->op;
	c->flags = n->flags;
	c->len = n->len;
	c->src = ptr_to_compat(n->src);
	c->dst = ptr_to_compat(n->dst);
	c->mac = ptr_to_compat(n->mac);
	c->iv = ptr_to_compat(n->iv);
}

const struct ocf_compat_layout ocf_c32_crypt_op = {
	sizeof(struct compat_crypt_op), cop_in, cop_out,
};

static void caop_in(void *native, const void *c32)
{
	const struct compat_crypt_auth_op *c = c32;
	struct crypt_auth_op *n = native;

	n->ses = c->ses;
	n->op = c->op;
	n->flags = c->flags;
	n->len = c->len;
	n->auth_len = c->auth_len;
	n->auth_src = compat_ptr(c->auth_src);
	n->src = compat_ptr(c->src);
	n->dst = compat_ptr(c->dst);
	n->tag = compat_ptr(c->tag);
	n->tag_len = c->tag_len;
	n->iv = compat_ptr(c->iv);
	n->iv_len = c->iv_len;
}

static void caop_out(void *c32, const void *native)
{
	const struct crypt_auth_op *n = native;
	struct compat_crypt_auth_op *c = c32;

	c->len = n->len;
	c->tag_len = n->tag_len;
	c->tag = ptr_to_compat(n->tag);
}

const struct ocf_compat_layout ocf_c32_crypt_auth_op = {
	sizeof(struct compat_crypt_auth_op), caop_in, caop_out,
};

/* Asymmetric calls are refused whatever their argument says. */
const struct ocf_compat_layout ocf_c32_crypt_kop = {
	sizeof(struct compat_crypt_kop), NULL, NULL,
};

static void bsop_in(void *native, const void *c32)
{
	const struct compat_bsd_session2_op *c = c32;
	struct bsd_session2_op *n = native;

	n->cipher = c->cipher;
	n->mac = c->mac;
	n->keylen = c->keylen;
	n->key = compat_ptr(c->key);
	n->mackeylen = c->mackeylen;
	n->mackey = compat_ptr(c->mackey);
	n->ses = c->ses;
	n->crid = c->crid;
	n->ivlen = c->ivlen;
	n->maclen = c->maclen;
}

static void bsop_out(void *c32, const void *native)
{
	const struct bsd_session2_op *n = native;
	struct compat_bsd_session2_op *c = c32;

	c->ses = n->ses;
	c->crid = n->crid;
}

const struct ocf_compat_layout ocf_c32_bsd_session2_op = {
	sizeof(struct compat_bsd_session2_op), bsop_in, bsop_out,
};

static void baead_in(void *native, const void *c32)
{
	const struct compat_bsd_crypt_aead *c = c32;
	struct bsd_crypt_aead *n = native;

	n->ses = c->ses;
	n->op = c->op;
	n->flags = c->flags;
	n->len = c->len;
	n->aadlen = c->aadlen;
	n->ivlen = c->ivlen;
	n->src = compat_ptr(c->src);
	n->dst = compat_ptr(c->dst);
	n->aad = compat_ptr(c->aad);
	n->tag = compat_ptr(c->tag);
	n->iv = compat_ptr(c->iv);
}

/* CIOCCRYPTAEAD changes nothing of its argument. */
const struct ocf_compat_layout ocf_c32_bsd_crypt_aead = {
	sizeof(struct compat_bsd_crypt_aead), baead_in, NULL,
};
