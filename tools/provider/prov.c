// SPDX-License-Identifier: GPL-2.0
/*
 * ocf.so: provider entry point, configuration, errors and /dev/crypto calls.
 *
 * At load, the provider opens /dev/crypto once and asks the module, by
 * creating a throw-away session for each algorithm with the configured
 * driver class, which algorithms the chosen drivers serve; only those are
 * offered, so OpenSSL takes the rest from another provider.  The class is
 * the "drivers" key of the provider's openssl.cnf section (or the
 * OCF_PROVIDER_DRIVERS environment variable): "hardware" (the default),
 * "software" or "any".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include "ocf_prov.h"

#define OCF_PROV_VERSION "1.0"

volatile unsigned int ocf_fork_gen;

static void forked_child(void)
{
	ocf_fork_gen++;
}

static OSSL_FUNC_core_get_params_fn *c_get_params;
static OSSL_FUNC_core_new_error_fn *c_new_error;
static OSSL_FUNC_core_set_error_debug_fn *c_set_error_debug;
static OSSL_FUNC_core_vset_error_fn *c_vset_error;

void ocf_err(struct ocf_prov *p, int reason, const char *fmt, ...)
{
	va_list ap;

	if (!p || !c_new_error || !c_vset_error)
		return;
	c_new_error(p->handle);
	if (c_set_error_debug)
		c_set_error_debug(p->handle, "ocf.so", 0, NULL);
	va_start(ap, fmt);
	c_vset_error(p->handle, (uint32_t)reason, fmt, ap);
	va_end(ap);
}

void ocf_kerr(struct ocf_prov *p, const char *what, const char *alg, int err)
{
	ocf_err(p, OCF_R_KERNEL, "/dev/crypto %s (%s): %s (errno %d)", what,
		alg ? alg : "?", strerror(err), err);
}

void ocf_cleanse(void *p, size_t len)
{
	if (p && len)
		explicit_bzero(p, len);
}

int ocf_random(void *buf, size_t len)
{
	unsigned char *b = buf;

	while (len) {
		ssize_t n = getrandom(b, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		b += n;
		len -= (size_t)n;
	}
	return 1;
}

/* ------------------------------------------------------------ sessions */

uint32_t ocf_session(struct ocf_prov *p, const struct ocf_sess_req *r,
		     char driver[OCF_NAME_LEN])
{
	return ocf_session_fd(p, p->fd, r, driver);
}

uint32_t ocf_session_fd(struct ocf_prov *p, int fd, const struct ocf_sess_req *r,
			char driver[OCF_NAME_LEN])
{
	struct ocf_session_op s;

	memset(&s, 0, sizeof(s));
	if (r->cipher) {
		s.cipher = OCF_ALG_BY_NAME;
		snprintf(s.cipher_name, sizeof(s.cipher_name), "%s", r->cipher);
		s.key = (uintptr_t)r->key;
		s.keylen = (uint32_t)r->keylen;
	}
	if (r->mac) {
		s.mac = OCF_ALG_BY_NAME;
		snprintf(s.mac_name, sizeof(s.mac_name), "%s", r->mac);
		s.mackey = (uintptr_t)r->mackey;
		s.mackeylen = (uint32_t)r->mackeylen;
	}
	s.tag_len = r->tag_len;
	if (r->driver) {
		s.crid = 0;
		if (r->cipher) {
			s.flags |= OCF_SES_F_CIPHER_DRIVER;
			snprintf(s.cipher_driver, sizeof(s.cipher_driver), "%s", r->driver);
		} else {
			s.flags |= OCF_SES_F_MAC_DRIVER;
			snprintf(s.mac_driver, sizeof(s.mac_driver), "%s", r->driver);
		}
	} else {
		s.crid = r->any_driver ? OCF_CRID_ANY : p->crid;
	}
	if (ioctl(fd, OCF_IOC_GSESSION, &s) < 0) {
		ocf_cleanse(&s, sizeof(s));
		return 0;
	}
	if (driver)
		snprintf(driver, OCF_NAME_LEN, "%s",
			 r->cipher ? s.cipher_driver : s.mac_driver);
	return s.ses;
}

void ocf_session_free(struct ocf_prov *p, uint32_t ses)
{
	if (ses)
		ioctl(p->fd, CIOCFSESSION, &ses);
}

int ocf_crypt(struct ocf_prov *p, uint32_t ses, int op, uint16_t flags,
	      const void *src, void *dst, size_t len, void *iv, void *mac)
{
	struct crypt_op c;

	memset(&c, 0, sizeof(c));
	c.ses = ses;
	c.op = (uint16_t)op;
	c.flags = flags;
	c.len = (uint32_t)len;
	c.src = (void *)src;
	c.dst = dst;
	c.iv = iv;
	c.mac = mac;
	if (ioctl(p->fd, CIOCCRYPT, &c) < 0)
		return -errno;
	return 0;
}

int ocf_aead(struct ocf_prov *p, uint32_t ses, int op, const void *aad,
	     size_t aadlen, const void *src, void *dst, size_t len,
	     void *iv, size_t ivlen, size_t taglen)
{
	struct crypt_auth_op a;

	memset(&a, 0, sizeof(a));
	a.ses = ses;
	a.op = (uint16_t)op;
	a.len = (uint32_t)len;
	a.auth_len = (uint32_t)aadlen;
	a.auth_src = (void *)aad;
	a.src = (void *)src;
	a.dst = dst;
	a.tag_len = (uint32_t)taglen;
	a.iv = iv;
	a.iv_len = (uint32_t)ivlen;
	if (ioctl(p->fd, CIOCAUTHCRYPT, &a) < 0)
		return -errno;
	return 0;
}

/* ------------------------------------------------------------- probing */

/*
 * A TLS record session: cbc(aes) in the class (hardware: that driver, the
 * HMAC on any), and the module filling in the TLS header's length.
 */
static int probe_tls(struct ocf_prov *p, const struct ocf_alg_probe *a,
		     const unsigned char *key)
{
	struct ocf_sess_req r = { 0 };
	char drv[OCF_NAME_LEN];
	uint32_t ses;

	if (!(p->features & OCF_FEAT_TLS_SETLEN))
		return 0;
	r.cipher = a->kname;
	r.key = key;
	r.keylen = a->keylen;
	if (p->crid == OCF_CRID_HARDWARE) {
		ses = ocf_session(p, &r, drv);
		if (!ses)
			return 0;
		ocf_session_free(p, ses);
		r.driver = drv;
	}
	r.mac = a->kname2;
	r.mackey = key;
	r.mackeylen = 32;
	ses = ocf_session(p, &r, NULL);
	if (!ses)
		return 0;
	ocf_session_free(p, ses);
	return 1;
}

/* Does the configured class serve this algorithm? */
static int probe_one(struct ocf_prov *p, const struct ocf_alg_probe *a)
{
	const char *names[2] = { a->kname, a->kname2 };
	unsigned char key[64];
	unsigned int i;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (unsigned char)(0x5a + 7 * i);
	if (a->mac == 2)
		return probe_tls(p, a, key);
	for (i = 0; i < 2; i++) {
		struct ocf_sess_req r = { 0 };
		uint32_t ses;

		if (!names[i])
			continue;
		r.any_driver = a->any_driver;
		if (a->mac) {
			r.mac = names[i];
			r.mackey = a->keylen ? key : NULL;
			r.mackeylen = a->keylen;
		} else {
			r.cipher = names[i];
			r.key = key;
			/* the second name is a stream cipher of the same key */
			r.keylen = a->keylen;
		}
		ses = ocf_session(p, &r, NULL);
		if (!ses)
			return 0;
		ocf_session_free(p, ses);
	}
	return 1;
}

/* The algorithms of tables t and t2 (or NULL) that the drivers serve. */
static OSSL_ALGORITHM *probe(struct ocf_prov *p, const struct ocf_alg_probe *t,
			     const struct ocf_alg_probe *t2)
{
	const struct ocf_alg_probe *tabs[2] = { t, t2 };
	OSSL_ALGORITHM *out;
	size_t n = 0, i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; tabs[k] && tabs[k][i].alg.algorithm_names; i++)
			n++;
	out = calloc(n + 1, sizeof(*out));
	if (!out)
		return NULL;
	n = 0;
	for (k = 0; k < 2; k++)
		for (i = 0; tabs[k] && tabs[k][i].alg.algorithm_names; i++)
			if (probe_one(p, &tabs[k][i]))
				out[n++] = tabs[k][i].alg;
	return out;
}

/* ------------------------------------------------------------ provider */

static const OSSL_ITEM reason_strings[] = {
	{ OCF_R_NO_DEVICE, "/dev/crypto unavailable" },
	{ OCF_R_KERNEL, "kernel operation failed" },
	{ OCF_R_BAD_CONFIG, "bad ocf provider configuration" },
	{ OCF_R_BAD_KEY_LENGTH, "invalid key length" },
	{ OCF_R_BAD_IV_LENGTH, "invalid iv length" },
	{ OCF_R_BAD_LENGTH, "invalid data length" },
	{ OCF_R_BAD_DECRYPT, "bad decrypt" },
	{ OCF_R_TAG, "tag missing, wrong or not verified" },
	{ OCF_R_STATE, "operation not allowed in this state" },
	{ OCF_R_NO_MEMORY, "out of memory" },
	{ OCF_R_UNSUPPORTED, "unsupported" },
	{ 0, NULL }
};

static const OSSL_PARAM prov_param_types[] = {
	{ OSSL_PROV_PARAM_NAME, OSSL_PARAM_UTF8_PTR, NULL, 0, 0 },
	{ OSSL_PROV_PARAM_VERSION, OSSL_PARAM_UTF8_PTR, NULL, 0, 0 },
	{ OSSL_PROV_PARAM_BUILDINFO, OSSL_PARAM_UTF8_PTR, NULL, 0, 0 },
	{ OSSL_PROV_PARAM_STATUS, OSSL_PARAM_INTEGER, NULL, sizeof(int), 0 },
	{ "ocf-drivers", OSSL_PARAM_UTF8_PTR, NULL, 0, 0 },
	{ NULL, 0, NULL, 0, 0 }
};

static const OSSL_PARAM *prov_gettable_params(void *provctx)
{
	return prov_param_types;
}

static int prov_get_params(void *provctx, OSSL_PARAM params[])
{
	struct ocf_prov *p = provctx;

	return ocf_set_str(params, OSSL_PROV_PARAM_NAME, "OCF /dev/crypto provider") &&
	       ocf_set_str(params, OSSL_PROV_PARAM_VERSION, OCF_PROV_VERSION) &&
	       ocf_set_str(params, OSSL_PROV_PARAM_BUILDINFO, OCF_PROV_VERSION) &&
	       ocf_set_size(params, OSSL_PROV_PARAM_STATUS, 1) &&
	       ocf_set_str(params, "ocf-drivers", p->mode);
}

static const OSSL_ALGORITHM *prov_query(void *provctx, int op, int *no_cache)
{
	struct ocf_prov *p = provctx;

	*no_cache = 0;
	switch (op) {
	case OSSL_OP_CIPHER:
		return p->ciphers;
	case OSSL_OP_DIGEST:
		return p->digests;
	case OSSL_OP_MAC:
		return p->macs;
	case OSSL_OP_RAND:
		return p->rands;
	}
	return NULL;
}

static const OSSL_ITEM *prov_reasons(void *provctx)
{
	return reason_strings;
}

static void prov_teardown(void *provctx)
{
	struct ocf_prov *p = provctx;

	if (!p)
		return;
	free(p->ciphers);
	free(p->digests);
	free(p->macs);
	free(p->rands);
	if (p->fd >= 0)
		close(p->fd);
	free(p);
}

static const OSSL_DISPATCH prov_dispatch[] = {
	{ OSSL_FUNC_PROVIDER_TEARDOWN, (void (*)(void))prov_teardown },
	{ OSSL_FUNC_PROVIDER_GETTABLE_PARAMS, (void (*)(void))prov_gettable_params },
	{ OSSL_FUNC_PROVIDER_GET_PARAMS, (void (*)(void))prov_get_params },
	{ OSSL_FUNC_PROVIDER_QUERY_OPERATION, (void (*)(void))prov_query },
	{ OSSL_FUNC_PROVIDER_GET_REASON_STRINGS, (void (*)(void))prov_reasons },
	{ 0, NULL }
};

/* The driver class: configuration, then the environment. */
static int read_mode(struct ocf_prov *p)
{
	const char *mode = NULL, *env;
	OSSL_PARAM q[2] = {
		{ "drivers", OSSL_PARAM_UTF8_PTR, &mode, 0, (size_t)-1 },
		{ NULL, 0, NULL, 0, 0 }
	};

	if (c_get_params && !c_get_params(p->handle, q))
		mode = NULL;
	env = getenv("OCF_PROVIDER_DRIVERS");
	if (env && *env)
		mode = env;
	if (!mode || !strcasecmp(mode, "hardware") || !strcasecmp(mode, "hw")) {
		p->crid = OCF_CRID_HARDWARE;
		p->mode = "hardware";
	} else if (!strcasecmp(mode, "software") || !strcasecmp(mode, "sw")) {
		p->crid = OCF_CRID_SOFTWARE;
		p->mode = "software";
	} else if (!strcasecmp(mode, "any")) {
		p->crid = OCF_CRID_ANY;
		p->mode = "any";
	} else {
		ocf_err(p, OCF_R_BAD_CONFIG,
			"drivers = \"%s\": use hardware, software or any", mode);
		return 0;
	}
	return 1;
}

int OSSL_provider_init(const OSSL_CORE_HANDLE *handle, const OSSL_DISPATCH *in,
		       const OSSL_DISPATCH **out, void **provctx);

/* glibc drops the handler when ocf.so is unloaded (it is per object) */
static void register_atfork(void)
{
	pthread_atfork(NULL, NULL, forked_child);
}

__attribute__((visibility("default")))
int OSSL_provider_init(const OSSL_CORE_HANDLE *handle, const OSSL_DISPATCH *in,
		       const OSSL_DISPATCH **out, void **provctx)
{
	struct ocf_features feat;
	struct ocf_prov *p;

	for (; in->function_id; in++) {
		switch (in->function_id) {
		case OSSL_FUNC_CORE_GET_PARAMS:
			c_get_params = OSSL_FUNC_core_get_params(in);
			break;
		case OSSL_FUNC_CORE_NEW_ERROR:
			c_new_error = OSSL_FUNC_core_new_error(in);
			break;
		case OSSL_FUNC_CORE_SET_ERROR_DEBUG:
			c_set_error_debug = OSSL_FUNC_core_set_error_debug(in);
			break;
		case OSSL_FUNC_CORE_VSET_ERROR:
			c_vset_error = OSSL_FUNC_core_vset_error(in);
			break;
		}
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return 0;
	p->handle = handle;
	p->fd = -1;
	if (!read_mode(p))
		goto fail;
	p->fd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (p->fd < 0) {
		int e = errno;

		ocf_err(p, OCF_R_NO_DEVICE,
			"cannot open /dev/crypto: %s (errno %d)%s", strerror(e), e,
			e == ENOENT || e == ENODEV ? "; is ocf.ko loaded?" : "");
		goto fail;
	}
	memset(&feat, 0, sizeof(feat));
	if (ioctl(p->fd, OCF_IOC_GET_FEATURES, &feat) < 0 ||
	    (feat.features & (OCF_FEAT_BY_NAME | OCF_FEAT_DRIVER_SELECT)) !=
		    (OCF_FEAT_BY_NAME | OCF_FEAT_DRIVER_SELECT)) {
		ocf_err(p, OCF_R_NO_DEVICE,
			"/dev/crypto is not ocf.ko's (no algorithm names or driver choice)");
		goto fail;
	}
	p->max_request = feat.max_request ? feat.max_request : 65536;
	p->features = feat.features;
	{
		static pthread_once_t once = PTHREAD_ONCE_INIT;

		pthread_once(&once, register_atfork);
	}
	p->ciphers = probe(p, ocf_cipher_algs, ocf_tlscbc_algs);
	p->digests = probe(p, ocf_digest_algs, NULL);
	p->macs = probe(p, ocf_mac_algs, NULL);
	p->rands = probe(p, ocf_rand_algs, NULL);
	if (!p->ciphers || !p->digests || !p->macs || !p->rands) {
		ocf_err(p, OCF_R_NO_MEMORY, "out of memory");
		goto fail;
	}
	*out = prov_dispatch;
	*provctx = p;
	return 1;
fail:
	prov_teardown(p);
	return 0;
}
