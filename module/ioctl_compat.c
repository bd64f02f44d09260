// SPDX-License-Identifier: GPL-2.0
/*
 * 32-bit programs on a 64-bit kernel.
 *
 * Only the legacy structures that carry pointers differ between the ABIs
 * (session_op, crypt_op, crypt_auth_op, crypt_kop); everything else,
 * including every extension structure, has one layout and goes straight to
 * the native dispatcher.  Each translated command is converted to the
 * native structure in kernel memory, run by the same handler, and converted
 * back.  The 32-bit command values come from the same macros with the
 * 32-bit structures, so they cannot drift from the native ones.
 * FreeBSD's commands (bsd.c) are translated the same way.
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

#define COMPAT_CIOCGSESSION	_IOWR('c', 102, struct compat_session_op)
#define COMPAT_CIOCCRYPT	_IOWR('c', 104, struct compat_crypt_op)
#define COMPAT_CIOCKEY		_IOWR('c', 105, struct compat_crypt_kop)
#define COMPAT_CIOCAUTHCRYPT	_IOWR('c', 109, struct compat_crypt_auth_op)
#define COMPAT_CIOCASYNCCRYPT	_IOW('c', 110, struct compat_crypt_op)
#define COMPAT_CIOCASYNCFETCH	_IOR('c', 111, struct compat_crypt_op)
#define COMPAT_BSD_CIOCGSESSION	_IOWR('c', 101, struct compat_session_op)
#define COMPAT_BSD_CIOCCRYPT	_IOWR('c', 103, struct compat_crypt_op)
#define COMPAT_BSD_CIOCKEY	_IOWR('c', 104, struct compat_crypt_kop)
#define COMPAT_BSD_CIOCGSESSION2 _IOWR('c', 106, struct compat_bsd_session2_op)
#define COMPAT_BSD_CIOCKEY2	_IOWR('c', 107, struct compat_crypt_kop)
#define COMPAT_BSD_CIOCCRYPTAEAD _IOWR('c', 109, struct compat_bsd_crypt_aead)

static_assert(sizeof(struct compat_session_op) == 28);
static_assert(sizeof(struct compat_crypt_op) == 28);
static_assert(sizeof(struct compat_crypt_auth_op) == 44);
static_assert(sizeof(struct compat_crypt_kop) == 80);
static_assert(sizeof(struct compat_bsd_session2_op) == 48);
static_assert(sizeof(struct compat_bsd_crypt_aead) == 40);

union compat_arg {
	struct compat_session_op sop;
	struct compat_crypt_op cop;
	struct compat_crypt_auth_op caop;
	struct compat_bsd_session2_op bsop;
	struct compat_bsd_crypt_aead baead;
};

union native_arg {
	struct session_op sop;
	struct crypt_op cop;
	struct crypt_auth_op caop;
	struct bsd_session2_op bsop;
	struct bsd_crypt_aead baead;
};

static void sop_in(union native_arg *n, const union compat_arg *c)
{
	n->sop.cipher = c->sop.cipher;
	n->sop.mac = c->sop.mac;
	n->sop.keylen = c->sop.keylen;
	n->sop.key = compat_ptr(c->sop.key);
	n->sop.mackeylen = c->sop.mackeylen;
	n->sop.mackey = compat_ptr(c->sop.mackey);
	n->sop.ses = c->sop.ses;
}

static void sop_out(union compat_arg *c, const union native_arg *n)
{
	c->sop.ses = n->sop.ses;
}

static void cop_in(union native_arg *n, const union compat_arg *c)
{
	n->cop.ses = c->cop.ses;
	n->cop.op = c->cop.op;
	n->cop.flags = c->cop.flags;
	n->cop.len = c->cop.len;
	n->cop.src = compat_ptr(c->cop.src);
	n->cop.dst = compat_ptr(c->cop.dst);
	n->cop.mac = compat_ptr(c->cop.mac);
	n->cop.iv = compat_ptr(c->cop.iv);
}

static void cop_out(union compat_arg *c, const union native_arg *n)
{
	c->cop.ses = n->cop.ses;
	c->cop.op = n->cop.op;
	c->cop.flags = n->cop.flags;
	c->cop.len = n->cop.len;
	c->cop.src = ptr_to_compat(n->cop.src);
	c->cop.dst = ptr_to_compat(n->cop.dst);
	c->cop.mac = ptr_to_compat(n->cop.mac);
	c->cop.iv = ptr_to_compat(n->cop.iv);
}

static void caop_in(union native_arg *n, const union compat_arg *c)
{
	n->caop.ses = c->caop.ses;
	n->caop.op = c->caop.op;
	n->caop.flags = c->caop.flags;
	n->caop.len = c->caop.len;
	n->caop.auth_len = c->caop.auth_len;
	n->caop.auth_src = compat_ptr(c->caop.auth_src);
	n->caop.src = compat_ptr(c->caop.src);
	n->caop.dst = compat_ptr(c->caop.dst);
	n->caop.tag = compat_ptr(c->caop.tag);
	n->caop.tag_len = c->caop.tag_len;
	n->caop.iv = compat_ptr(c->caop.iv);
	n->caop.iv_len = c->caop.iv_len;
}

static void caop_out(union compat_arg *c, const union native_arg *n)
{
	c->caop.len = n->caop.len;
	c->caop.tag_len = n->caop.tag_len;
	c->caop.tag = ptr_to_compat(n->caop.tag);
}

static void bsop_in(union native_arg *n, const union compat_arg *c)
{
	n->bsop.cipher = c->bsop.cipher;
	n->bsop.mac = c->bsop.mac;
	n->bsop.keylen = c->bsop.keylen;
	n->bsop.key = compat_ptr(c->bsop.key);
	n->bsop.mackeylen = c->bsop.mackeylen;
	n->bsop.mackey = compat_ptr(c->bsop.mackey);
	n->bsop.ses = c->bsop.ses;
	n->bsop.crid = c->bsop.crid;
	n->bsop.ivlen = c->bsop.ivlen;
	n->bsop.maclen = c->bsop.maclen;
}

static void bsop_out(union compat_arg *c, const union native_arg *n)
{
	c->bsop.ses = n->bsop.ses;
	c->bsop.crid = n->bsop.crid;
}

static void baead_in(union native_arg *n, const union compat_arg *c)
{
	n->baead.ses = c->baead.ses;
	n->baead.op = c->baead.op;
	n->baead.flags = c->baead.flags;
	n->baead.len = c->baead.len;
	n->baead.aadlen = c->baead.aadlen;
	n->baead.ivlen = c->baead.ivlen;
	n->baead.src = compat_ptr(c->baead.src);
	n->baead.dst = compat_ptr(c->baead.dst);
	n->baead.aad = compat_ptr(c->baead.aad);
	n->baead.tag = compat_ptr(c->baead.tag);
	n->baead.iv = compat_ptr(c->baead.iv);
}

/* CIOCCRYPTAEAD changes nothing of its argument. */
static void baead_out(union compat_arg *c, const union native_arg *n)
{
}

struct compat_desc {
	unsigned int cmd;
	unsigned int native;
	void (*in)(union native_arg *n, const union compat_arg *c);
	void (*out)(union compat_arg *c, const union native_arg *n);
};

static const struct compat_desc compat_cmds[] = {
	{ COMPAT_CIOCGSESSION, CIOCGSESSION, sop_in, sop_out },
	{ COMPAT_CIOCCRYPT, CIOCCRYPT, cop_in, cop_out },
	{ COMPAT_CIOCAUTHCRYPT, CIOCAUTHCRYPT, caop_in, caop_out },
	{ COMPAT_CIOCASYNCCRYPT, CIOCASYNCCRYPT, cop_in, cop_out },
	{ COMPAT_CIOCASYNCFETCH, CIOCASYNCFETCH, cop_in, cop_out },
	{ COMPAT_BSD_CIOCGSESSION, BSD_CIOCGSESSION, sop_in, sop_out },
	{ COMPAT_BSD_CIOCCRYPT, BSD_CIOCCRYPT, cop_in, cop_out },
	{ COMPAT_BSD_CIOCGSESSION2, BSD_CIOCGSESSION2, bsop_in, bsop_out },
	{ COMPAT_BSD_CIOCCRYPTAEAD, BSD_CIOCCRYPTAEAD, baead_in, baead_out },
};

/**
 * ocf_compat_ioctl() - compat_ioctl of /dev/crypto
 * @filp: the open file
 * @cmd: command, as a 32-bit program encodes it
 * @arg: 32-bit user pointer to the argument
 *
 * Return: as ocf_ioctl().
 */
long ocf_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = compat_ptr(arg);
	const struct compat_desc *d = NULL;
	union native_arg n;
	union compat_arg c;
	unsigned int i;
	long ret;

	if (cmd == COMPAT_CIOCKEY || cmd == COMPAT_BSD_CIOCKEY ||
	    cmd == COMPAT_BSD_CIOCKEY2)
		return -EOPNOTSUPP;
	for (i = 0; i < ARRAY_SIZE(compat_cmds); i++)
		if (compat_cmds[i].cmd == cmd)
			d = &compat_cmds[i];
	if (!d)
		return ocf_ioctl(filp, cmd, (unsigned long)uarg);

	memset(&c, 0, sizeof(c));
	if ((_IOC_DIR(cmd) & _IOC_WRITE) && copy_from_user(&c, uarg, _IOC_SIZE(cmd)))
		return -EFAULT;
	memset(&n, 0, sizeof(n));
	d->in(&n, &c);
	ret = ocf_ioctl_call(filp, d->native, &n);
	if (ocf_ioctl_copy_out(d->native, ret)) {
		d->out(&c, &n);
		if (copy_to_user(uarg, &c, _IOC_SIZE(cmd))) {
			if (ret >= 0)
				ocf_ioctl_undo(filp, d->native, &n);
			ret = -EFAULT;
		}
	}
	return ret;
}
