// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl dispatch.
 *
 * One table maps each command value to its handler.  Legacy commands match
 * on the full value (number, size and direction), so cryptodev-linux's and
 * FreeBSD's numbers can coexist.  The dispatcher copies the argument in
 * (_IOC_WRITE) into a kernel buffer, calls the handler, and copies it back
 * (_IOC_READ) only when the handler succeeded.  Handlers see kernel memory
 * only and do no crypto themselves: that is in cipher.c, hash.c and aead.c.
 * ioctl_compat.c turns 32-bit structures into native ones and calls
 * ocf_ioctl_call().
 */
#include <linux/file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <crypto/cryptodev.h>

#include "algs.h"
#include "async.h"
#include "bsd.h"
#include "chardev.h"
#include "crypt.h"
#include "driver.h"
#include "ioctl.h"
#include "ktls.h"
#include "session.h"
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
	struct bsd_session2_op bsd_sop;
	struct bsd_crypt_aead bsd_aead;
	struct bsd_find_op bsd_find;
};

/*
 * @out_on_error: copy the argument back even when the handler fails (but
 * not with -EBUSY): CIOCASYNCFETCH reports an operation's failure and the
 * operation it was.
 * @undo: take back what the handler did when its result cannot be copied
 * back: a session whose id user space never learnt must not live on.
 */
struct ocf_ioctl_desc {
	unsigned int cmd;
	long (*fn)(struct ocf_file *f, void *arg);
	bool out_on_error;
	void (*undo)(struct ocf_file *f, void *arg);
};

/* Kernel copies of the keys of a new session. */
struct session_keys {
	u8 *key;
	u8 *mackey;
};

static int copy_keys(struct session_keys *k, const struct ocf_user_keys *uk)
{
	k->key = NULL;
	k->mackey = NULL;
	if (uk->keylen > uk->keymax || uk->mackeylen > OCF_MAX_MAC_KEY)
		return -EINVAL;
	if (uk->keylen) {
		k->key = memdup_user(uk->key, uk->keylen);
		if (IS_ERR(k->key))
			return PTR_ERR(k->key);
	}
	if (uk->mackeylen) {
		k->mackey = memdup_user(uk->mackey, uk->mackeylen);
		if (IS_ERR(k->mackey)) {
			kfree_sensitive(k->key);
			return PTR_ERR(k->mackey);
		}
	}
	return 0;
}

static void free_keys(struct session_keys *k, const struct ocf_user_keys *uk)
{
	if (k->key) {
		memzero_explicit(k->key, uk->keylen);
		kfree(k->key);
	}
	if (k->mackey) {
		memzero_explicit(k->mackey, uk->mackeylen);
		kfree(k->mackey);
	}
}

/**
 * ocf_session_create_user() - create a session keyed from user memory
 * @f: the open file
 * @p: what to create; its key fields are set here
 * @uk: where the keys are, their lengths, the longest cipher key accepted
 * @out: the session, with a reference for the caller
 *
 * The keys are copied in, used and wiped.
 *
 * Return: as ocf_session_create(), and -EINVAL for a key too long,
 * -EFAULT for a key that cannot be read.
 */
int ocf_session_create_user(struct ocf_file *f, struct ocf_session_params *p,
			    const struct ocf_user_keys *uk,
			    struct ocf_session **out)
{
	struct session_keys k;
	int ret = copy_keys(&k, uk);

	if (ret)
		return ret;
	p->key = k.key;
	p->keylen = uk->keylen;
	p->mackey = k.mackey;
	p->mackeylen = uk->mackeylen;
	ret = ocf_session_create(f, p, out);
	free_keys(&k, uk);
	p->key = NULL;
	p->mackey = NULL;
	return ret;
}

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
			 OCF_FEAT_KTLS;
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

static void undo_tls13_session(struct ocf_file *f, void *arg)
{
	ocf_session_remove(f, ((struct ocf_tls13_session *)arg)->ses);
}

static void undo_bsd_gsession2(struct ocf_file *f, void *arg)
{
	ocf_session_remove(f, ((struct bsd_session2_op *)arg)->ses);
}

static const struct ocf_ioctl_desc ocf_ioctls[] = {
	{ CIOCGSESSION, ioc_gsession, .undo = undo_gsession },
	{ CIOCFSESSION, ioc_fsession },
	{ CIOCCRYPT, ioc_crypt },
	{ CIOCKEY, ioc_key },
	{ CIOCASYMFEAT, ioc_asymfeat },
	{ CIOCGSESSINFO, ioc_gsessinfo },
	{ CIOCAUTHCRYPT, ioc_authcrypt },
	{ CIOCCPHASH, ioc_cphash },
	{ CIOCASYNCCRYPT, ioc_async_crypt },
	{ CIOCASYNCFETCH, ioc_async_fetch, true },
	{ OCF_IOC_GET_FEATURES, ioc_features },
	{ OCF_IOC_GSESSION, ioc_ocf_gsession, .undo = undo_ocf_gsession },
	{ OCF_IOC_FINDDEV, ioc_finddev },
	{ OCF_IOC_LIST_ALGS, ioc_list_algs },
	{ OCF_IOC_SUBMIT, ioc_submit },
	{ OCF_IOC_REAP, ioc_reap },
	{ OCF_IOC_KTLS_ATTACH, ioc_ktls_attach },
	{ OCF_IOC_TLS13_SESSION, ioc_tls13_session, .undo = undo_tls13_session },
	/* FreeBSD's set (bsd.c): other values, other meanings. */
	{ BSD_CIOCGSESSION, ocf_bsd_gsession, .undo = undo_gsession },
	{ BSD_CIOCFSESSION, ioc_fsession },
	{ BSD_CIOCCRYPT, ocf_bsd_crypt },
	{ BSD_CIOCKEY, ioc_key },
	{ BSD_CIOCASYMFEAT, ioc_asymfeat },
	{ BSD_CIOCGSESSION2, ocf_bsd_gsession2, .undo = undo_bsd_gsession2 },
	{ BSD_CIOCKEY2, ioc_key },
	{ BSD_CIOCFINDDEV, ocf_bsd_finddev },
	{ BSD_CIOCCRYPTAEAD, ocf_bsd_crypt_aead },
};

static const struct ocf_ioctl_desc *find_desc(unsigned int cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ocf_ioctls); i++)
		if (ocf_ioctls[i].cmd == cmd)
			return &ocf_ioctls[i];
	return NULL;
}

/*
 * CRIOGET: another descriptor for the same open file (and so the same
 * sessions; FreeBSD's CRIOGET, which opened a fresh one, is served
 * alike).  The descriptor is installed only once user space has its
 * number, so a fault leaves no descriptor behind.
 */
static long crioget(struct file *filp, u32 __user *uarg)
{
	int fd = get_unused_fd_flags(O_CLOEXEC);

	if (fd < 0)
		return fd;
	if (put_user(fd, uarg)) {
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, get_file(filp));
	return 0;
}

/**
 * ocf_ioctl_call() - run a command on a kernel copy of its argument
 * @filp: the open file
 * @cmd: native command value
 * @karg: the argument, in kernel memory, of the native layout
 *
 * Return: the handler's result, or -ENOTTY for an unknown command.
 */
long ocf_ioctl_call(struct file *filp, unsigned int cmd, void *karg)
{
	const struct ocf_ioctl_desc *d = find_desc(cmd);

	if (!d)
		return -ENOTTY;
	return d->fn(filp->private_data, karg);
}

/**
 * ocf_ioctl_undo() - the result of a successful command could not be
 * copied back: take back what it did
 * @filp: the open file
 * @cmd: native command value
 * @karg: the argument as the handler left it
 */
void ocf_ioctl_undo(struct file *filp, unsigned int cmd, void *karg)
{
	const struct ocf_ioctl_desc *d = find_desc(cmd);

	if (d && d->undo)
		d->undo(filp->private_data, karg);
}

/**
 * ocf_ioctl_copy_out() - should the argument go back to user space?
 * @cmd: native command value
 * @ret: what the handler returned
 */
bool ocf_ioctl_copy_out(unsigned int cmd, long ret)
{
	const struct ocf_ioctl_desc *d = find_desc(cmd);

	if (!(_IOC_DIR(cmd) & _IOC_READ))
		return false;
	return ret >= 0 || (d && d->out_on_error && ret != -EBUSY);
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
	void __user *uarg = (void __user *)arg;
	union ocf_ioctl_arg karg;
	unsigned int size = _IOC_SIZE(cmd);
	long ret;

	if (cmd == CRIOGET || cmd == BSD_CRIOGET)
		return crioget(filp, uarg);
	if (!find_desc(cmd) || size > sizeof(karg))
		return -ENOTTY;

	memset(&karg, 0, sizeof(karg));
	if ((_IOC_DIR(cmd) & _IOC_WRITE) && copy_from_user(&karg, uarg, size))
		return -EFAULT;
	ret = ocf_ioctl_call(filp, cmd, &karg);
	if (ocf_ioctl_copy_out(cmd, ret) && copy_to_user(uarg, &karg, size)) {
		if (ret >= 0)
			ocf_ioctl_undo(filp, cmd, &karg);
		ret = -EFAULT;
	}
	memzero_explicit(&karg, sizeof(karg));
	return ret;
}
