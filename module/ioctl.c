// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl dispatch, native and 32-bit.
 *
 * One table maps each command value to its handler.  Commands match on the
 * full value (number, size and direction), so cryptodev-linux's and
 * FreeBSD's numbers can coexist.  A row whose structure carries pointers
 * names its 32-bit layout (ioctl_compat.c): a 32-bit program's value of
 * the command is the native one with that layout's size.  The dispatcher
 * finds the row once, copies the argument in (_IOC_WRITE) into a kernel
 * buffer, converting a 32-bit one, calls the handler, and copies it back
 * (_IOC_READ) only when the handler succeeded.  Handlers see kernel memory
 * only and do no crypto themselves: that is in cipher.c, hash.c and aead.c.
 */
#include <linux/compat.h>
#include <linux/file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <crypto/cryptodev.h>

#include "algs.h"
#include "async.h"
#include "bsd.h"
#include "chardev.h"
#include "compat/ktls.h"
#include "crypt.h"
#include "driver.h"
#include "ioctl.h"
#include "ktls.h"
#include "session.h"
#include "ucopy.h"
#include "tls13.h"

/* Largest key a legacy session accepts: a TLS composite's authenc key. */
#define OCF_MAX_KEY_BLOB (16 + OCF_MAX_CIPHER_KEY + OCF_MAX_MAC_KEY)

union ocf_ioctl_arg {
	u32 u32;
	struct session_op sop;
	struct crypt_op cop;
	struct crypt_auth_op caop;
	struct session_info_op sinfo;
	struct cphash_op cphash;
	struct crypt_kop kop;
	struct ocf_session_op osop;
	struct ocf_features feat;
	struct ocf_find_op find;
	struct ocf_alg_list list;
	struct ocf_submit submit;
	struct ocf_reap reap;
	struct ocf_ktls_attach ktls;
	struct ocf_tls13_session tls13;
	struct ocf_tls13_update tls13_update;
	struct bsd_session2_op bsd_sop;
	struct bsd_crypt_aead bsd_aead;
	struct bsd_find_op bsd_find;
};

/*
 * @cmd: native command value
 * @fn: the handler, on a kernel copy of the argument
 * @out_on_error: copy the argument back even when the handler fails (but
 * not with -EBUSY): CIOCASYNCFETCH reports an operation's failure and the
 * operation it was.
 * @undo: take back what the handler did when its result cannot be copied
 * back: a session whose id user space never learnt must not live on.
 * @c32: the 32-bit layout of the argument, NULL when it has one layout
 * @raw: a handler that takes the user pointer itself (CRIOGET), instead
 * of @fn
 * @in_only: @fn writes nothing into the argument of a read-write command,
 * so it is not copied back (CIOCCRYPT, the most frequent call)
 */
struct ocf_ioctl_desc {
	unsigned int cmd;
	long (*fn)(struct ocf_file *f, void *arg);
	bool out_on_error;
	void (*undo)(struct ocf_file *f, void *arg);
	const struct ocf_compat_layout *c32;
	long (*raw)(struct file *filp, void __user *uarg);
	bool in_only;
};

/* Fill the algorithm part of @p from a legacy or extension id. */
static int params_from_ids(struct ocf_session_params *p, u32 cipher, u32 mac)
{
	const struct ocf_alg *alg;

	if (cipher) {
		alg = ocf_alg_find(cipher);
		if (!alg || alg->type == OCF_TYPE_HASH)
			return -EINVAL;
		p->cipher = alg->name;
		p->cipher_type = alg->type;
		p->cipher_id = cipher;
		if (alg->flags & OCF_ALGF_TLS_COMPOSITE) {
			if (mac)
				return -EINVAL;
			p->tls_composite = true;
			p->mac = alg->mac_name;
		}
	}
	if (mac) {
		alg = ocf_alg_find(mac);
		if (!alg || alg->type != OCF_TYPE_HASH)
			return -EINVAL;
		p->mac = alg->name;
		p->mac_id = mac;
	}
	return 0;
}

static long ioc_gsession(struct ocf_file *f, void *arg)
{
	struct session_op *sop = arg;
	struct ocf_session_params p = {};
	struct ocf_user_keys uk = {
		.key = sop->key, .keylen = sop->keylen,
		.mackey = sop->mackey, .mackeylen = sop->mackeylen,
	};
	struct ocf_session *s;
	long ret;

	ret = params_from_ids(&p, sop->cipher, sop->mac);
	if (ret)
		return ret;
	uk.keymax = p.tls_composite ? OCF_MAX_KEY_BLOB : OCF_MAX_CIPHER_KEY;
	ret = ocf_session_create_user(f, &p, &uk, &s);
	if (ret)
		return ret;
	sop->ses = s->id;
	ocf_session_put(s);
	return 0;
}

static void undo_gsession(struct ocf_file *f, void *arg)
{
	ocf_session_remove(f, ((struct session_op *)arg)->ses);
}

static void undo_ocf_gsession(struct ocf_file *f, void *arg)
{
	ocf_session_remove(f, ((struct ocf_session_op *)arg)->ses);
}

static long ioc_fsession(struct ocf_file *f, void *arg)
{
	return ocf_session_remove(f, *(u32 *)arg);
}

static long ioc_crypt(struct ocf_file *f, void *arg)
{
	return ocf_crypt(f, arg);
}

static long ioc_authcrypt(struct ocf_file *f, void *arg)
{
	return ocf_authcrypt(f, arg);
}

static long ioc_cphash(struct ocf_file *f, void *arg)
{
	return ocf_cphash(f, arg);
}

static long ioc_key(struct ocf_file *f, void *arg)
{
	return -EOPNOTSUPP;
}

static long ioc_asymfeat(struct ocf_file *f, void *arg)
{
	*(u32 *)arg = 0;
	return 0;
}

static void fill_alg_info(struct alg_info *ai, struct crypto_tfm *tfm)
{
	strscpy(ai->cra_name, crypto_tfm_alg_name(tfm), sizeof(ai->cra_name));
	strscpy(ai->cra_driver_name, crypto_tfm_alg_driver_name(tfm),
		sizeof(ai->cra_driver_name));
}

static long ioc_gsessinfo(struct ocf_file *f, void *arg)
{
	struct session_info_op *si = arg;
	struct ocf_session *s = ocf_session_get(f, si->ses);
	struct crypto_tfm *tfm;
	bool hw = false;

	if (!s)
		return -EINVAL;
	memset(&si->cipher_info, 0, sizeof(si->cipher_info));
	memset(&si->hash_info, 0, sizeof(si->hash_info));
	si->alignmask = 0;
	tfm = ocf_session_cipher_tfm(s);
	if (tfm) {
		fill_alg_info(&si->cipher_info, tfm);
		si->alignmask = crypto_tfm_alg_alignmask(tfm);
		hw = ocf_tfm_is_hardware(tfm);
	}
	if (s->hash) {
		tfm = crypto_ahash_tfm(s->hash);
		fill_alg_info(&si->hash_info, tfm);
		si->alignmask = max_t(u16, si->alignmask,
				      crypto_tfm_alg_alignmask(tfm));
		if (!s->cipher)
			hw = ocf_tfm_is_hardware(tfm);
	}
	si->flags = hw ? SIOP_FLAG_KERNEL_DRIVER_ONLY : 0;
	ocf_session_put(s);
	return 0;
}

static bool name_ok(const char *name, size_t size)
{
	return name[0] && strnlen(name, size) < size;
}

static int ext_alg(u32 id, const char *name, size_t size, bool is_mac,
		   struct ocf_session_params *p)
{
	if (id != OCF_ALG_BY_NAME)
		return is_mac ? params_from_ids(p, 0, id) : params_from_ids(p, id, 0);
	if (!name_ok(name, size))
		return -EINVAL;
	if (is_mac)
		p->mac = name;
	else
		p->cipher = name;
	return 0;
}

static long ioc_ocf_gsession(struct ocf_file *f, void *arg)
{
	struct ocf_session_op *op = arg;
	struct ocf_session_params p = {};
	struct ocf_user_keys uk = {
		.key = u64_to_user_ptr(op->key), .keylen = op->keylen,
		.mackey = u64_to_user_ptr(op->mackey), .mackeylen = op->mackeylen,
	};
	struct ocf_session *s;
	struct crypto_tfm *tfm;
	unsigned int i;
	long ret;

	if (op->flags & ~OCF_SES_F_ALL)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(op->reserved); i++)
		if (op->reserved[i])
			return -EINVAL;
	if (op->cipher) {
		ret = ext_alg(op->cipher, op->cipher_name, sizeof(op->cipher_name),
			      false, &p);
		if (ret)
			return ret;
	}
	if (op->mac && !p.tls_composite) {
		ret = ext_alg(op->mac, op->mac_name, sizeof(op->mac_name), true, &p);
		if (ret)
			return ret;
	} else if (op->mac) {
		return -EINVAL;
	}
	if (op->flags & OCF_SES_F_CIPHER_DRIVER) {
		if (!name_ok(op->cipher_driver, sizeof(op->cipher_driver)))
			return -EINVAL;
		p.cipher_driver = op->cipher_driver;
	}
	if (op->flags & OCF_SES_F_MAC_DRIVER) {
		if (!name_ok(op->mac_driver, sizeof(op->mac_driver)))
			return -EINVAL;
		p.mac_driver = op->mac_driver;
	}
	p.crid = op->crid;
	p.tag_len = op->tag_len;
	uk.keymax = p.tls_composite ? OCF_MAX_KEY_BLOB : OCF_MAX_CIPHER_KEY;
	ret = ocf_session_create_user(f, &p, &uk, &s);
	if (ret)
		return ret;

	op->ses = s->id;
	op->tag_len = s->aead ? s->deftag : 0;
	op->crid = ocf_session_crid(s);
	memset(op->cipher_name, 0, sizeof(op->cipher_name));
	memset(op->cipher_driver, 0, sizeof(op->cipher_driver));
	memset(op->mac_name, 0, sizeof(op->mac_name));
	memset(op->mac_driver, 0, sizeof(op->mac_driver));
	tfm = ocf_session_cipher_tfm(s);
	if (tfm) {
		strscpy(op->cipher_name, crypto_tfm_alg_name(tfm), sizeof(op->cipher_name));
		strscpy(op->cipher_driver, crypto_tfm_alg_driver_name(tfm),
			sizeof(op->cipher_driver));
	}
	if (s->hash) {
		tfm = crypto_ahash_tfm(s->hash);
		strscpy(op->mac_name, crypto_tfm_alg_name(tfm), sizeof(op->mac_name));
		strscpy(op->mac_driver, crypto_tfm_alg_driver_name(tfm),
			sizeof(op->mac_driver));
	}
	ocf_session_put(s);
	return 0;
}

static long ioc_features(struct ocf_file *f, void *arg)
{
	struct ocf_features *feat = arg;

	memset(feat, 0, sizeof(*feat));
	feat->features = OCF_FEAT_BY_NAME | OCF_FEAT_DRIVER_SELECT |
			 OCF_FEAT_COMPAT32 | OCF_FEAT_ALG_LIST |
			 OCF_FEAT_ZEROCOPY | OCF_FEAT_ASYNC | OCF_FEAT_BATCH |
			 OCF_FEAT_KTLS | OCF_FEAT_TLS_SETLEN;
	if (ocf_ktls_can_rekey())
		feat->features |= OCF_FEAT_KEY_UPDATE;
	feat->api_version = OCF_API_VERSION;
	feat->max_sessions = ocf_limit(&ocf_max_sessions);
	feat->max_request = ocf_limit(&ocf_max_request);
	feat->max_queue = ocf_limit(&ocf_max_queue);
	feat->zc_threshold = ocf_limit(&ocf_zc_threshold);
	return 0;
}

static long ioc_finddev(struct ocf_file *f, void *arg)
{
	struct ocf_find_op *fo = arg;
	int id;

	if (fo->flags)
		return -EINVAL;
	if (fo->crid != -1) {
		if (fo->crid <= 0)
			return -EINVAL;
		memset(fo->name, 0, sizeof(fo->name));
		return ocf_driver_name(fo->crid, fo->name, sizeof(fo->name));
	}
	if (!name_ok(fo->name, sizeof(fo->name)))
		return -EINVAL;
	id = ocf_driver_id(fo->name);
	if (id < 0)
		return id;
	fo->crid = id;
	return 0;
}

static long ioc_list_algs(struct ocf_file *f, void *arg)
{
	return ocf_list_algs(arg);
}

static long ioc_async_crypt(struct ocf_file *f, void *arg)
{
	return ocf_async_crypt(f, arg);
}

static long ioc_async_fetch(struct ocf_file *f, void *arg)
{
	return ocf_async_fetch(f, arg);
}

static long ioc_submit(struct ocf_file *f, void *arg)
{
	return ocf_async_submit(f, arg);
}

static long ioc_reap(struct ocf_file *f, void *arg)
{
	return ocf_async_reap(f, arg);
}

static long ioc_ktls_attach(struct ocf_file *f, void *arg)
{
	return ocf_ktls_attach(f, arg);
}

static long ioc_tls13_session(struct ocf_file *f, void *arg)
{
	return ocf_tls13_session(f, arg);
}

static long ioc_tls13_update(struct ocf_file *f, void *arg)
{
	return ocf_tls13_update(f, arg);
}

static void undo_tls13_session(struct ocf_file *f, void *arg)
{
	ocf_session_remove(f, ((struct ocf_tls13_session *)arg)->ses);
}

static void undo_bsd_gsession2(struct ocf_file *f, void *arg)
{
	ocf_session_remove(f, ((struct bsd_session2_op *)arg)->ses);
}

/*
 * CRIOGET: another descriptor for the same open file (and so the same
 * sessions; FreeBSD's CRIOGET, which opened a fresh one, is served
 * alike).  The descriptor is installed only once user space has its
 * number, so a fault leaves no descriptor behind.
 */
static long crioget(struct file *filp, void __user *uarg)
{
	int fd = get_unused_fd_flags(O_CLOEXEC);

	if (fd < 0)
		return fd;
	if (put_user(fd, (u32 __user *)uarg)) {
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, get_file(filp));
	return 0;
}

/* The calls of the data path first. */
static const struct ocf_ioctl_desc ocf_ioctls[] = {
	{ CIOCCRYPT, ioc_crypt, .c32 = &ocf_c32_crypt_op, .in_only = true },
	{ CIOCAUTHCRYPT, ioc_authcrypt, .c32 = &ocf_c32_crypt_auth_op },
	{ OCF_IOC_SUBMIT, ioc_submit },
	{ OCF_IOC_REAP, ioc_reap },
	{ CIOCGSESSION, ioc_gsession, .undo = undo_gsession,
	  .c32 = &ocf_c32_session_op },
	{ CIOCFSESSION, ioc_fsession },
	{ CRIOGET, .raw = crioget },
	{ CIOCKEY, ioc_key, .c32 = &ocf_c32_crypt_kop },
	{ CIOCASYMFEAT, ioc_asymfeat },
	{ CIOCGSESSINFO, ioc_gsessinfo },
	{ CIOCCPHASH, ioc_cphash },
	{ CIOCASYNCCRYPT, ioc_async_crypt, .c32 = &ocf_c32_crypt_op,
	  .in_only = true },
	{ CIOCASYNCFETCH, ioc_async_fetch, true, .c32 = &ocf_c32_crypt_op },
	{ OCF_IOC_GET_FEATURES, ioc_features },
	{ OCF_IOC_GSESSION, ioc_ocf_gsession, .undo = undo_ocf_gsession },
	{ OCF_IOC_FINDDEV, ioc_finddev },
	{ OCF_IOC_LIST_ALGS, ioc_list_algs },
	{ OCF_IOC_KTLS_ATTACH, ioc_ktls_attach },
	{ OCF_IOC_TLS13_SESSION, ioc_tls13_session, .undo = undo_tls13_session },
	{ OCF_IOC_TLS13_UPDATE, ioc_tls13_update },
	/* FreeBSD's set (bsd.c): other values, other meanings. */
	{ BSD_CIOCGSESSION, ocf_bsd_gsession, .undo = undo_gsession,
	  .c32 = &ocf_c32_session_op },
	{ BSD_CIOCFSESSION, ioc_fsession },
	{ BSD_CRIOGET, .raw = crioget },
	{ BSD_CIOCCRYPT, ocf_bsd_crypt, .c32 = &ocf_c32_crypt_op },
	{ BSD_CIOCKEY, ioc_key, .c32 = &ocf_c32_crypt_kop },
	{ BSD_CIOCASYMFEAT, ioc_asymfeat },
	{ BSD_CIOCGSESSION2, ocf_bsd_gsession2, .undo = undo_bsd_gsession2,
	  .c32 = &ocf_c32_bsd_session2_op },
	{ BSD_CIOCKEY2, ioc_key, .c32 = &ocf_c32_crypt_kop },
	{ BSD_CIOCFINDDEV, ocf_bsd_finddev },
	{ BSD_CIOCCRYPTAEAD, ocf_bsd_crypt_aead, .c32 = &ocf_c32_bsd_crypt_aead },
};

/*
 * The rows by command number (_IOC_NR): the first row of each number
 * (index + 1; 0 for none) and the next row of the same number, in table
 * order.  cryptodev-linux's and FreeBSD's sets share a few numbers.
 */
static u8 ocf_ioctl_first[1 << _IOC_NRBITS];
static u8 ocf_ioctl_next[ARRAY_SIZE(ocf_ioctls)];
static_assert(ARRAY_SIZE(ocf_ioctls) < U8_MAX);

/**
 * ocf_ioctl_init() - index the dispatch table by command number
 */
void __init ocf_ioctl_init(void)
{
	int i;

	for (i = ARRAY_SIZE(ocf_ioctls) - 1; i >= 0; i--) {
		unsigned int nr = _IOC_NR(ocf_ioctls[i].cmd);

		ocf_ioctl_next[i] = ocf_ioctl_first[nr];
		ocf_ioctl_first[nr] = i + 1;
	}
}

/* The row of a command, as a native (@c32 false) or 32-bit program sends it. */
static const struct ocf_ioctl_desc *find_desc(unsigned int cmd, bool c32)
{
	unsigned int k;

	for (k = ocf_ioctl_first[_IOC_NR(cmd)]; k; k = ocf_ioctl_next[k - 1]) {
		const struct ocf_ioctl_desc *d = &ocf_ioctls[k - 1];
		unsigned int v = c32 && d->c32 ? OCF_CMD32(d->cmd, d->c32->size) :
						 d->cmd;

		if (v == cmd)
			return d;
	}
	return NULL;
}

/*
 * Run the row @d for the argument at @uarg.  Only the argument's own bytes
 * are cleared, copied and wiped: the union is as large as the largest
 * argument, and small calls are the common ones.
 */
static long dispatch(struct file *filp, const struct ocf_ioctl_desc *d,
		     unsigned int cmd, void __user *uarg, bool c32)
{
	const struct ocf_compat_layout *l = c32 ? d->c32 : NULL;
	unsigned int size = _IOC_SIZE(d->cmd);
	u8 c32arg[OCF_COMPAT_ARG_MAX] __ocf_noinit;
	union ocf_ioctl_arg karg __ocf_noinit;
	void *uside = l ? (void *)c32arg : (void *)&karg;
	bool copy_out;
	long ret;

	if (d->raw)
		return d->raw(filp, uarg);
	if (l)
		ocf_wipe(&karg, size);
	if (!(_IOC_DIR(cmd) & _IOC_WRITE)) {
		ocf_wipe(uside, _IOC_SIZE(cmd));
	} else if (ocf_copy_in(uside, uarg, _IOC_SIZE(cmd))) {
		ret = -EFAULT;
		goto out;
	}
	if (l && l->in)
		l->in(&karg, c32arg);

	ret = d->fn(filp->private_data, &karg);
	copy_out = (_IOC_DIR(cmd) & _IOC_READ) && !d->in_only &&
		   (ret >= 0 || (d->out_on_error && ret != -EBUSY));
	if (copy_out && l && l->out)
		l->out(c32arg, &karg);
	if (copy_out && ocf_copy_out(uarg, uside, _IOC_SIZE(cmd))) {
		if (ret >= 0 && d->undo)
			d->undo(filp->private_data, &karg);
		ret = -EFAULT;
	}
out:
	ocf_wipe(&karg, size);
	if (l)
		ocf_wipe(c32arg, l->size);
	return ret;
}

/**
 * ocf_ioctl() - unlocked_ioctl of /dev/crypto
 * @filp: the open file
 * @cmd: command
 * @arg: user pointer to the argument
 *
 * Return: 0 or a negative errno; -ENOTTY for an unknown command.
 */
long ocf_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	const struct ocf_ioctl_desc *d = find_desc(cmd, false);

	if (!d)
		return -ENOTTY;
	return dispatch(filp, d, cmd, (void __user *)arg, false);
}

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
	const struct ocf_ioctl_desc *d = find_desc(cmd, true);

	if (!d)
		return -ENOTTY;
	return dispatch(filp, d, cmd, compat_ptr(arg), true);
}

/*
 * The ABI's sizes: cryptodev-linux's structures as x86-64 and the other
 * 64-bit ABIs lay them out; the extensions' are multiples of 8 with one
 * layout on every ABI.  The dispatcher's union holds them all.
 */
#ifdef CONFIG_64BIT
static_assert(sizeof(struct session_op) == 48);
static_assert(sizeof(struct crypt_op) == 48);
static_assert(sizeof(struct crypt_auth_op) == 72);
static_assert(sizeof(struct crypt_kop) == 144);
static_assert(sizeof(struct bsd_session2_op) == 64);
static_assert(sizeof(struct bsd_crypt_aead) == 64);
#endif
static_assert(sizeof(struct session_info_op) == 268);
static_assert(sizeof(struct cphash_op) == 8);
static_assert(sizeof(struct bsd_find_op) == 36);
static_assert(sizeof(struct ocf_session_op) % 8 == 0);
static_assert(sizeof(struct ocf_features) % 8 == 0);
static_assert(sizeof(struct ocf_find_op) % 8 == 0);
static_assert(sizeof(struct ocf_alg_entry) % 8 == 0);
static_assert(sizeof(struct ocf_alg_list) % 8 == 0);
static_assert(sizeof(struct ocf_crypt_desc) % 8 == 0);
static_assert(sizeof(struct ocf_submit) % 8 == 0);
static_assert(sizeof(struct ocf_result) % 8 == 0);
static_assert(sizeof(struct ocf_reap) % 8 == 0);
static_assert(sizeof(struct ocf_ktls_attach) % 8 == 0);
static_assert(sizeof(struct ocf_tls13_session) % 8 == 0);
static_assert(sizeof(struct ocf_tls13_update) % 8 == 0);
static_assert(sizeof(union ocf_ioctl_arg) < (1 << _IOC_SIZEBITS));
