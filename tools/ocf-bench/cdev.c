// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-bench: the /dev/crypto paths.
 *
 *   copy   CIOCCRYPT / CIOCAUTHCRYPT with COP_FLAG_NO_ZC: data copied in
 *          and out of the kernel, one system call per operation
 *   zc     the same without COP_FLAG_NO_ZC: the module pins the caller's
 *          pages from its zc_threshold on (below it, this is "copy")
 *   async  one operation per submission, depth D kept in flight:
 *          CIOCASYNCCRYPT + CIOCASYNCFETCH (poll() when nothing is ready);
 *          AEAD sessions, which CIOCASYNCCRYPT refuses, use OCF_IOC_SUBMIT
 *          and OCF_IOC_REAP with one entry each
 *   batch  OCF_IOC_SUBMIT of every free slot in one call, then OCF_IOC_REAP
 *          of at least half the depth in one call, D slots in all
 *   nop    CIOCASYMFEAT, the cheapest ioctl there is: the cost of one
 *          kernel crossing with no crypto (a floor for the others; its
 *          MB/s mean nothing)
 *
 * Only the cryptodev ABI and its extensions are used, so any module with
 * the same ABI can be measured; extension paths are skipped when
 * OCF_IOC_GET_FEATURES does not announce them.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "bench.h"

uint64_t cdev_features;
uint32_t cdev_zc_threshold;
bool cdev_present;

struct cdev_state {
	unsigned int inflight;
	unsigned int nfree;
	unsigned int *free;		/* stack of free slots */
	struct ocf_crypt_desc *descs;
	struct ocf_result *res;
};

void cdev_probe(void)
{
	struct ocf_features f;
	int fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return;
	cdev_present = true;
	memset(&f, 0, sizeof(f));
	if (!ioctl(fd, OCF_IOC_GET_FEATURES, &f)) {
		cdev_features = f.features;
		cdev_zc_threshold = f.zc_threshold;
	}
	close(fd);
}

/* 0 if path @p can measure @a here, else an errno for the report. */
int cdev_check(const struct alg *a, enum path_id p)
{
	if (!cdev_present)
		return ENODEV;
	if (p == P_ASYNC && !(cdev_features & OCF_FEAT_ASYNC))
		return ENOTSUP;
	if (p == P_ASYNC && a->kind == K_AEAD && !(cdev_features & OCF_FEAT_BATCH))
		return ENOTSUP;
	if (p == P_BATCH && !(cdev_features & OCF_FEAT_BATCH))
		return ENOTSUP;
	return 0;
}

static int open_session(struct worker *w)
{
	const struct alg *a = w->alg;
	struct session_info_op si;
	uint32_t cipher = 0, mac = 0;

	if (a->kind == K_HASH || a->kind == K_HMAC)
		mac = a->cdev_id;
	else
		cipher = a->cdev_id;

	if (w->crid != CLASS_ANY) {
		struct ocf_session_op so;

		if (!(cdev_features & OCF_FEAT_DRIVER_SELECT))
			return ENOTSUP;
		memset(&so, 0, sizeof(so));
		so.cipher = cipher;
		so.mac = mac;
		so.crid = w->crid == CLASS_HW ? OCF_CRID_HARDWARE :
						OCF_CRID_SOFTWARE;
		if (cipher) {
			so.keylen = a->keylen;
			so.key = (uintptr_t)w->key;
		} else if (a->keylen) {
			so.mackeylen = a->keylen;
			so.mackey = (uintptr_t)w->key;
		}
		if (ioctl(w->fd, OCF_IOC_GSESSION, &so))
			return errno;
		w->ses = so.ses;
	} else {
		struct session_op so;

		memset(&so, 0, sizeof(so));
		so.cipher = cipher;
		so.mac = mac;
		if (cipher) {
			so.keylen = a->keylen;
			so.key = w->key;
		} else if (a->keylen) {
			so.mackeylen = a->keylen;
			so.mackey = w->key;
		}
		if (ioctl(w->fd, CIOCGSESSION, &so))
			return errno;
		w->ses = so.ses;
	}
	memset(&si, 0, sizeof(si));
	si.ses = w->ses;
	if (!ioctl(w->fd, CIOCGSESSINFO, &si))
		snprintf(w->driver, sizeof(w->driver), "%s", cipher ?
			 si.cipher_info.cra_driver_name :
			 si.hash_info.cra_driver_name);
	return 0;
}

static uint8_t *slot_iv(struct worker *w, unsigned int i)
{
	return slot_dst(w, i) + w->size + TAG_MAX;
}

static uint8_t *slot_mac(struct worker *w, unsigned int i)
{
	return slot_iv(w, i) + 16;
}

static int cdev_setup(struct worker *w)
{
	struct cdev_state *st;
	unsigned int i;
	int err;

	w->fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (w->fd < 0)
		return errno;
	err = open_session(w);
	if (err)
		return err;
	st = calloc(1, sizeof(*st));
	if (!st)
		return ENOMEM;
	w->priv = st;
	st->free = calloc(w->depth, sizeof(*st->free));
	st->descs = calloc(w->depth, sizeof(*st->descs));
	st->res = calloc(w->depth, sizeof(*st->res));
	if (!st->free || !st->descs || !st->res)
		return ENOMEM;
	for (i = 0; i < w->depth; i++) {
		st->free[i] = w->depth - 1 - i;
		memcpy(slot_iv(w, i), w->iv, 16);
	}
	st->nfree = w->depth;
	return 0;
}

static void cdev_teardown(struct worker *w)
{
	struct cdev_state *st = w->priv;

	if (w->fd >= 0) {
		if (w->ses)
			ioctl(w->fd, CIOCFSESSION, &w->ses);
		close(w->fd);
	}
	if (st) {
		free(st->free);
		free(st->descs);
		free(st->res);
		free(st);
	}
	w->priv = NULL;
	w->fd = -1;
}

/* One synchronous operation on slot 0: CIOCAUTHCRYPT or CIOCCRYPT. */
static int sync_aead(struct worker *w, uint16_t flags)
{
	struct crypt_auth_op cao = {
		.ses = w->ses, .op = COP_ENCRYPT, .flags = flags,
		.len = w->size, .auth_len = opt.aad_len,
		.auth_src = w->aad, .src = slot_src(w, 0),
		.dst = slot_dst(w, 0), .iv = slot_iv(w, 0),
	};

	return ioctl(w->fd, CIOCAUTHCRYPT, &cao) ? errno : 0;
}

static int sync_op(struct worker *w, uint16_t flags)
{
	const struct alg *a = w->alg;
	struct crypt_op co = {
		.ses = w->ses, .op = COP_ENCRYPT, .flags = flags,
		.len = w->size, .src = slot_src(w, 0),
	};

	if (a->kind == K_AEAD)
		return sync_aead(w, flags);
	if (a->kind == K_CIPHER) {
		co.dst = slot_dst(w, 0);
		co.iv = a->ivlen ? slot_iv(w, 0) : NULL;
	} else {
		co.mac = slot_mac(w, 0);
	}
	return ioctl(w->fd, CIOCCRYPT, &co) ? errno : 0;
}

static long run_copy(struct worker *w, long n)
{
	long i;
	int err;

	for (i = 0; i < n; i++) {
		err = sync_op(w, COP_FLAG_NO_ZC);
		if (err)
			return -err;
	}
	return n;
}

static long run_zc(struct worker *w, long n)
{
	long i;
	int err;

	for (i = 0; i < n; i++) {
		err = sync_op(w, 0);
		if (err)
			return -err;
	}
	return n;
}

static void fill_desc(struct worker *w, struct ocf_crypt_desc *d,
		      unsigned int slot)
{
	const struct alg *a = w->alg;

	memset(d, 0, sizeof(*d));
	d->ses = w->ses;
	d->op = COP_ENCRYPT;
	d->len = w->size;
	d->src = (uintptr_t)slot_src(w, slot);
	d->user_data = slot;
	if (a->kind == K_HASH || a->kind == K_HMAC) {
		d->mac = (uintptr_t)slot_mac(w, slot);
		return;
	}
	d->dst = (uintptr_t)slot_dst(w, slot);
	if (a->ivlen)
		d->iv = (uintptr_t)slot_iv(w, slot);
	if (a->kind == K_AEAD) {
		d->auth_len = opt.aad_len;
		d->auth_src = (uintptr_t)w->aad;
	}
}

static int wait_ready(struct worker *w)
{
	struct pollfd pfd = { .fd = w->fd, .events = POLLIN };

	if (poll(&pfd, 1, 10000) < 0 && errno != EINTR)
		return errno;
	return 0;
}

/* Submit one operation on a free slot: 0, EAGAIN (queue full) or errno. */
static int async_submit(struct worker *w, struct cdev_state *st)
{
	unsigned int slot = st->free[st->nfree - 1];

	if (w->alg->kind == K_AEAD) {
		struct ocf_submit sb = { .count = 1 };

		fill_desc(w, &st->descs[0], slot);
		sb.descs = (uintptr_t)&st->descs[0];
		if (ioctl(w->fd, OCF_IOC_SUBMIT, &sb))
			return errno;
	} else {
		struct crypt_op co = {
			.ses = w->ses, .op = COP_ENCRYPT, .len = w->size,
			.src = slot_src(w, slot),
		};

		if (w->alg->kind == K_CIPHER) {
			co.dst = slot_dst(w, slot);
			co.iv = w->alg->ivlen ? slot_iv(w, slot) : NULL;
		} else {
			co.mac = slot_mac(w, slot);
		}
		if (ioctl(w->fd, CIOCASYNCCRYPT, &co))
			return errno;
	}
	st->nfree--;
	st->inflight++;
	return 0;
}

/* CIOCASYNCFETCH: the slot of the oldest completion, or -errno. */
static int fetch_legacy(struct worker *w)
{
	struct crypt_op co;

	memset(&co, 0, sizeof(co));
	if (ioctl(w->fd, CIOCASYNCFETCH, &co))
		return -errno;
	return (co.src - w->mem) / (w->stride * 2);
}

/* Take one completion: its slot, or -errno (-EBUSY: none ready). */
static int async_fetch(struct worker *w)
{
	if (w->alg->kind == K_AEAD) {
		struct ocf_result res;
		struct ocf_reap rp = {
			.count = 1, .min = 0, .results = (uintptr_t)&res,
		};

		if (ioctl(w->fd, OCF_IOC_REAP, &rp))
			return -errno;
		if (!rp.reaped)
			return -EBUSY;
		if (res.status)
			return res.status;
		return (int)res.user_data;
	}
	return fetch_legacy(w);
}

static long run_async(struct worker *w, long n)
{
	struct cdev_state *st = w->priv;
	long done = 0;
	int ret;

	while (done < n) {
		while (st->nfree) {
			ret = async_submit(w, st);
			if (ret == EAGAIN && st->inflight)
				break;
			if (ret)
				return -ret;
		}
		ret = async_fetch(w);
		if (ret == -EBUSY) {
			ret = wait_ready(w);
			if (ret)
				return -ret;
			continue;
		}
		if (ret < 0)
			return ret;
		st->free[st->nfree++] = ret;
		st->inflight--;
		done++;
	}
	return done;
}

static void drain_cdev(struct worker *w)
{
	struct cdev_state *st = w->priv;
	struct ocf_reap rp;
	struct crypt_op co;

	while (st && st->inflight) {
		if (w->alg->kind == K_AEAD || w->path == &path_batch) {
			rp = (struct ocf_reap){ .count = w->depth, .min = 1,
						.results = (uintptr_t)st->res };
			if (ioctl(w->fd, OCF_IOC_REAP, &rp))
				break;
			st->inflight -= rp.reaped;
		} else if (!ioctl(w->fd, CIOCASYNCFETCH, &co) || errno != EBUSY) {
			st->inflight--;
		} else if (wait_ready(w)) {
			break;
		}
	}
}

static long run_batch(struct worker *w, long n)
{
	struct cdev_state *st = w->priv;
	struct ocf_reap rp;
	unsigned int i, k;
	long done = 0;

	while (done < n) {
		k = st->nfree;
		for (i = 0; i < k; i++)
			fill_desc(w, &st->descs[i], st->free[st->nfree - 1 - i]);
		if (k) {
			struct ocf_submit sb = {
				.count = k, .descs = (uintptr_t)st->descs,
			};

			if (ioctl(w->fd, OCF_IOC_SUBMIT, &sb)) {
				if (errno != EAGAIN || !st->inflight)
					return -errno;
				sb.submitted = 0;
			}
			st->nfree -= sb.submitted;
			st->inflight += sb.submitted;
		}
		/* Wait for half the depth: the queue never runs dry. */
		rp = (struct ocf_reap){
			.count = w->depth, .min = (w->depth + 1) / 2,
			.results = (uintptr_t)st->res,
		};
		if (rp.min > st->inflight)
			rp.min = st->inflight;
		if (ioctl(w->fd, OCF_IOC_REAP, &rp))
			return -errno;
		for (i = 0; i < rp.reaped; i++) {
			if (st->res[i].status)
				return st->res[i].status;
			st->free[st->nfree++] = st->res[i].user_data;
		}
		st->inflight -= rp.reaped;
		done += rp.reaped;
	}
	return done;
}

static long run_nop(struct worker *w, long n)
{
	__u32 feat;
	long i;

	for (i = 0; i < n; i++)
		if (ioctl(w->fd, CIOCASYMFEAT, &feat))
			return -errno;
	return n;
}

const struct path path_nop = {
	"nop", "/dev/crypto, CIOCASYMFEAT: one kernel crossing, no crypto",
	false, cdev_setup, run_nop, NULL, cdev_teardown,
};

const struct path path_copy = {
	"copy", "/dev/crypto, one ioctl per operation, COP_FLAG_NO_ZC",
	false, cdev_setup, run_copy, NULL, cdev_teardown,
};

const struct path path_zc = {
	"zc", "/dev/crypto, one ioctl per operation, zero-copy allowed",
	false, cdev_setup, run_zc, NULL, cdev_teardown,
};

const struct path path_async = {
	"async", "/dev/crypto, one submission per operation, D in flight",
	true, cdev_setup, run_async, drain_cdev, cdev_teardown,
};

const struct path path_batch = {
	"batch", "/dev/crypto, OCF_IOC_SUBMIT/REAP of many operations per call",
	true, cdev_setup, run_batch, drain_cdev, cdev_teardown,
};

/* The driver a /dev/crypto session of class @c gets for @a ("" if none). */
void cdev_driver(const struct alg *a, enum crid_class c, char *buf, size_t len)
{
	struct worker w = { .alg = a, .crid = c };
	uint8_t key[64] = { 0 };

	buf[0] = 0;
	w.key = key;
	w.fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (w.fd < 0)
		return;
	if (!open_session(&w))
		snprintf(buf, len, "%s", w.driver);
	close(w.fd);
}
