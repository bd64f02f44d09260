// SPDX-License-Identifier: GPL-2.0
/*
 * ktls_route: a bridged socket's records run on the session's driver
 * (module/ktls_route.c).
 *
 * For each kTLS cipher this kernel has, sessions on drivers other than the
 * kernel's default one: a synchronous C implementation (a template
 * instance over the generic ciphers, or the library one of newer kernels)
 * and an asynchronous one (a template over AES-NI's SIMD wrappers, or
 * cryptd over the library driver).  For each:
 *   1. bridged TX read by a setsockopt()-keyed RX, TLS 1.3 and 1.2;
 *   2. setsockopt() TX read by a bridged RX;
 * each checking the data, OCF_KTLS_R_ROUTED and the driver id the attach
 * reports, and the per-driver statistics (debugfs ocf/stats): the chosen
 * driver counted the records and exactly the bytes moved, the default
 * driver's row did not move.
 * The asynchronous drivers include those of ocf_test_aead.ko
 * (selftests/ktls_ulp), which exist on every kernel.
 * Then, system-wide: while one thread attaches over and over, others
 * allocate "gcm(aes)" (a /dev/crypto session, which is a crypto_alloc_aead()
 * in the kernel, and AF_ALG sockets): every one of them gets the default
 * driver, as without the module; and no routing instance is left
 * registered afterwards (/proc/crypto).
 * Last, lifetimes with records in flight on ocf_test_aead's driver: the
 * session and /dev/crypto gone first, the socket closed with records
 * queued (TX) or being decrypted (RX), rmmod of the driver and of ocf
 * refused while a routed socket exists, and the driver unloading after.
 */
#include <fcntl.h>
#include <linux/if_alg.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "cdev.h"
#include "ktls_util.h"
#include "tap.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

#define STATS_PATH	"/sys/kernel/debug/ocf/stats"
#define SIZE		(256 * 1024)
#define RACE_ROUNDS	40

/*
 * Synchronous C implementations to try, by driver name: Debian 6.1's and
 * 6.12's template instances over the generic ciphers, and the library
 * drivers of 7.x.  The first one this kernel can instantiate is used.
 */
static const char *const generic_drivers[][4] = {
	{ "gcm(aes)", "gcm-aes-lib", "gcm_base(ctr(aes-generic),ghash-generic)",
	  "gcm_base(ctr-aes-lib,ghash-lib)" },
	{ "ccm(aes)", "ccm-aes-lib",
	  "ccm_base(ctr(aes-generic),cbcmac(aes-generic))",
	  "ccm_base(ctr-aes-lib,cbcmac-aes-lib)" },
	{ "rfc7539(chacha20,poly1305)",
	  "rfc7539(chacha20-generic,poly1305-generic)",
	  "rfc7539(chacha20-lib,poly1305-lib)", "rfc7539(chacha20-lib,poly1305-generic)" },
	{ "gcm(sm4)", "gcm_base(ctr(sm4-generic),ghash-generic)",
	  "gcm_base(ctr(sm4-generic),ghash-lib)", NULL },
	{ "ccm(sm4)", "ccm_base(ctr(sm4-generic),cbcmac(sm4-generic))", NULL, NULL },
	{ "gcm(aria)", "gcm_base(ctr(aria-generic),ghash-generic)",
	  "gcm_base(ctr(aria-generic),ghash-lib)", NULL },
};

/*
 * Asynchronous drivers other than the default to try: AES-NI's GCM (a SIMD
 * wrapper, asynchronous) where a faster variant is the default, templates
 * over AES-NI's asynchronous ctr-aes-aesni on kernels that have it, and
 * cryptd over the library drivers of 7.x.
 */
static const char *const async_drivers[][4] = {
	{ "gcm(aes)", "generic-gcm-aesni", "gcm_base(ctr-aes-aesni,ghash-generic)",
	  "cryptd(gcm-aes-lib)" },
	{ "ccm(aes)", "ccm_base(ctr-aes-aesni,cbcmac(aes-generic))",
	  "cryptd(ccm-aes-lib)", NULL },
	{ "rfc7539(chacha20,poly1305)",
	  "cryptd(rfc7539(chacha20-lib,poly1305-generic))", NULL, NULL },
};

/* ocf_test_aead.ko's drivers (selftests/ktls_ulp): asynchronous everywhere. */
static const char *const test_drivers[][2] = {
	{ "gcm(aes)", "ocf-test-async-gcm-aes" },
	{ "ccm(aes)", "ocf-test-async-ccm-aes" },
	{ "rfc7539(chacha20,poly1305)", "ocf-test-async-chacha20poly1305" },
};

#define TEST_GCM	"ocf-test-async-gcm-aes"
#define DELAY_PARAM	"/sys/module/ocf_test_aead/parameters/delay_ms"

static bool have_test_aead;

/* Does /proc/crypto list @driver as asynchronous? */
static bool proc_crypto_async(const char *driver)
{
	char line[512], cur[256] = "";
	bool async = false;
	FILE *f = fopen("/proc/crypto", "r");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "driver : %255s", cur) == 1)
			continue;
		if (!strcmp(cur, driver) && !strncmp(line, "async", 5) &&
		    strstr(line, ": yes"))
			async = true;
	}
	fclose(f);
	return async;
}

/* A session of @c on @driver (NULL: the kernel's choice); its driver out. */
static int session_on(int cfd, const struct ktls_cipher *c, const void *key,
		      const char *driver, __u32 *ses, char *name, __u32 *crid)
{
	struct ocf_session_op op;

	memset(&op, 0, sizeof(op));
	op.cipher = c->alg;
	if (c->alg == OCF_ALG_BY_NAME)
		snprintf(op.cipher_name, sizeof(op.cipher_name), "%s", c->alg_name);
	op.keylen = c->keylen;
	op.key = (__u64)(uintptr_t)key;
	if (driver) {
		op.flags = OCF_SES_F_CIPHER_DRIVER;
		snprintf(op.cipher_driver, sizeof(op.cipher_driver), "%s", driver);
	}
	if (ioctl(cfd, OCF_IOC_GSESSION, &op))
		return -errno;
	*ses = op.ses;
	if (name)
		snprintf(name, CRYPTODEV_MAX_ALG_NAME, "%s", op.cipher_driver);
	if (crid)
		*crid = op.crid;
	return 0;
}

/* The kernel's default driver of @c, or -errno. */
static int default_driver(int cfd, const struct ktls_cipher *c, char *name)
{
	unsigned char key[32] = {};
	__u32 ses;
	int ret;

	ret = session_on(cfd, c, key, NULL, &ses, name, NULL);
	if (!ret)
		ioctl(cfd, CIOCFSESSION, &ses);
	return ret;
}

/* Can a session of @c be made on @driver? */
static bool driver_usable(int cfd, const struct ktls_cipher *c, const char *driver)
{
	unsigned char key[32] = {};
	__u32 ses;

	if (session_on(cfd, c, key, driver, &ses, NULL, NULL))
		return false;
	ioctl(cfd, CIOCFSESSION, &ses);
	return true;
}

struct drv_stats {
	bool found;
	long long ops, bytes, errors;
};

static int read_stats(const char *driver, struct drv_stats *st)
{
	char line[512], drv[256], hw[8];
	FILE *f = fopen(STATS_PATH, "r");

	memset(st, 0, sizeof(*st));
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		long long ses, o, b, e;
		unsigned int crid;

		if (sscanf(line, "%u %255s %7s %lld %lld %lld %lld", &crid, drv,
			   hw, &ses, &o, &b, &e) == 7 && !strcmp(drv, driver)) {
			st->found = true;
			st->ops = o;
			st->bytes = b;
			st->errors = e;
		}
	}
	fclose(f);
	return 0;
}

/* Key one direction through the bridge, on @driver. */
static int bridge_on(int cfd, int sock, int dir, const struct ktu_keys *k,
		     const char *driver, struct ocf_ktls_attach *res)
{
	__u32 ses;
	int ret;

	ret = session_on(cfd, k->c, k->key, driver, &ses, NULL, NULL);
	if (ret)
		return ret;
	ret = ktls_attach(cfd, ses, sock, dir, k->version, k->iv, k->seq, 0,
			  res);
	ioctl(cfd, CIOCFSESSION, &ses);
	return ret;
}

/*
 * One direction bridged on @driver (crid @crid), the other end keyed with
 * setsockopt(); @tx: the bridged end sends.
 */
static void routed_case(int cfd, const struct ktls_cipher *c, int v,
			const char *driver, __u32 crid, const char *dflt,
			bool tx, const char *what)
{
	struct drv_stats s0, s1, d0, d1;
	struct ocf_ktls_attach res;
	struct ktu_keys k;
	long long ops, want;
	int a, b, ret;

	memset(&res, 0, sizeof(res));
	ktu_keys(&k, c, v, 3);
	ret = ktu_pair(AF_INET, &a, &b);
	if (ret) {
		tap_fail("%s %s %s on %s: socket pair (%s)", c->name,
			 ktu_version(v), what, driver, strerror(-ret));
		return;
	}
	read_stats(driver, &s0);
	read_stats(dflt, &d0);
	ret = tx ? bridge_on(cfd, a, OCF_KTLS_TX, &k, driver, &res) :
		   ktu_plain(a, OCF_KTLS_TX, &k);
	if (!ret)
		ret = tx ? ktu_plain(b, OCF_KTLS_RX, &k) :
			   bridge_on(cfd, b, OCF_KTLS_RX, &k, driver, &res);
	if (!ret)
		ret = ktu_transfer(a, b, 0, SIZE, TX_WRITE, RX_READ);
	ktu_close(&a, &b);
	read_stats(driver, &s1);
	read_stats(dflt, &d1);

	tap_ok(!ret, "%s %s %s on %s: data intact (%s)", c->name,
	       ktu_version(v), what, driver, ret ? strerror(-ret) : "ok");
	tap_ok(!ret && (res.result & OCF_KTLS_R_ROUTED) && res.crid == crid,
	       "%s %s %s on %s: attach reports routed, crid %u (result %#x, crid %u)",
	       c->name, ktu_version(v), what, driver, crid, res.result, res.crid);
	ops = s1.ops - s0.ops;
	/* TLS 1.3 encrypts the content type byte with each record. */
	want = SIZE + (v == OCF_KTLS_VERSION_1_3 ? ops : 0);
	tap_ok(!ret && s1.found && ops >= SIZE / 16384 &&
	       s1.bytes - s0.bytes == want && s1.errors == s0.errors &&
	       d1.ops == d0.ops && d1.bytes == d0.bytes,
	       "%s %s %s on %s: its statistics count %lld records, %lld bytes (want %lld), the default %s none (%lld)",
	       c->name, ktu_version(v), what, driver, ops, s1.bytes - s0.bytes,
	       want, dflt, d1.ops - d0.ops);
}

static void driver_cases(int cfd, const struct ktls_cipher *c,
			 const char *driver, const char *dflt)
{
	static const int versions[] = { OCF_KTLS_VERSION_1_3, OCF_KTLS_VERSION_1_2 };
	unsigned char key[32] = {};
	unsigned int i;
	__u32 ses, crid;

	if (session_on(cfd, c, key, driver, &ses, NULL, &crid)) {
		tap_skip("driver not available", "%s on %s", c->name, driver);
		return;
	}
	ioctl(cfd, CIOCFSESSION, &ses);
	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		if (c->tls12_only && versions[i] != OCF_KTLS_VERSION_1_2)
			continue;
		routed_case(cfd, c, versions[i], driver, crid, dflt, true,
			    "bridged TX -> setsockopt RX");
		routed_case(cfd, c, versions[i], driver, crid, dflt, false,
			    "setsockopt TX -> bridged RX");
	}
}

static const char *const *generic_list(const struct ktls_cipher *c)
{
	unsigned int i;

	for (i = 0; i < sizeof(generic_drivers) / sizeof(generic_drivers[0]); i++)
		if (!strcmp(generic_drivers[i][0], c->alg_name))
			return &generic_drivers[i][1];
	return NULL;
}

static const char *const *async_list(const struct ktls_cipher *c)
{
	unsigned int i;

	for (i = 0; i < sizeof(async_drivers) / sizeof(async_drivers[0]); i++)
		if (!strcmp(async_drivers[i][0], c->alg_name))
			return &async_drivers[i][1];
	return NULL;
}

static void cipher_cases(int cfd, const struct ktls_cipher *c)
{
	char dflt[CRYPTODEV_MAX_ALG_NAME], after[CRYPTODEV_MAX_ALG_NAME];
	char sync[CRYPTODEV_MAX_ALG_NAME] = "", async[CRYPTODEV_MAX_ALG_NAME] = "";
	const char *const *list = generic_list(c);
	unsigned int i;
	int ret;

	ret = default_driver(cfd, c, dflt);
	if (ret) {
		tap_skip("no such cipher in this kernel", "%s: routed records",
			 c->name);
		return;
	}
	for (i = 0; list && i < 3 && list[i]; i++) {
		if (strcmp(list[i], dflt) && driver_usable(cfd, c, list[i])) {
			snprintf(sync, sizeof(sync), "%s", list[i]);
			break;
		}
	}
	if (!sync[0]) {
		tap_skip("no synchronous C driver other than the default",
			 "%s: routed to a synchronous driver (default %s)",
			 c->name, dflt);
	} else {
		tap_diag("%s: default driver %s, testing %s", c->name, dflt, sync);
		driver_cases(cfd, c, sync, dflt);
	}

	/* An asynchronous one, if this kernel has one that is not the default. */
	list = async_list(c);
	for (i = 0; list && i < 3 && list[i]; i++) {
		if (strcmp(list[i], dflt) && driver_usable(cfd, c, list[i]) &&
		    proc_crypto_async(list[i])) {
			snprintf(async, sizeof(async), "%s", list[i]);
			break;
		}
	}
	if (!async[0]) {
		tap_skip("no asynchronous driver of the kernel's other than the default",
			 "%s: routed to an asynchronous driver", c->name);
	} else if (default_driver(cfd, c, after) || strcmp(after, dflt)) {
		tap_skip("the asynchronous driver became the default",
			 "%s: routed to %s", c->name, async);
	} else {
		tap_diag("%s: asynchronous driver %s", c->name, async);
		driver_cases(cfd, c, async, dflt);
	}

	/* The test module's asynchronous driver, on every kernel. */
	for (i = 0; i < sizeof(test_drivers) / sizeof(test_drivers[0]); i++)
		if (!strcmp(test_drivers[i][0], c->alg_name))
			break;
	if (i == sizeof(test_drivers) / sizeof(test_drivers[0]))
		return;
	if (!have_test_aead || !driver_usable(cfd, c, test_drivers[i][1])) {
		tap_skip("ocf_test_aead.ko not loaded or without this cipher",
			 "%s: routed to %s", c->name, test_drivers[i][1]);
		return;
	}
	tap_diag("%s: asynchronous test driver %s", c->name, test_drivers[i][1]);
	driver_cases(cfd, c, test_drivers[i][1], dflt);
}

/* ------------------------------------------------------------- lifetimes */

static int set_delay(unsigned int ms)
{
	FILE *f = fopen(DELAY_PARAM, "w");
	int ret;

	if (!f)
		return -errno;
	ret = fprintf(f, "%u\n", ms) < 0 ? -EIO : 0;
	if (fclose(f))
		ret = -errno;
	return ret;
}

/* Read exactly @len bytes, and compare them with the test data at @off. */
static int read_check(int sock, size_t off, size_t len)
{
	static unsigned char buf[65536];
	size_t got = 0;

	while (got < len) {
		size_t want = len - got < sizeof(buf) ? len - got : sizeof(buf);
		ssize_t n = read(sock, buf, want);

		if (n <= 0)
			return n ? -errno : -EPIPE;
		if (memcmp(buf, ktu_data + off + got, n))
			return -EBADMSG;
		got += n;
	}
	return 0;
}

/*
 * Records in flight on an asynchronous driver (ocf_test_aead, each record
 * held 20 ms): the session freed and /dev/crypto closed right after the
 * attach, the socket closed with records queued, the driver's module and
 * ocf.ko both refusing to unload while a routed socket exists, and the
 * driver's module unloading once it is gone.
 */
static void lifetimes(void)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	struct ocf_ktls_attach res;
	struct ktu_keys k;
	int a, b, cfd2, ret, i;
	bool busy_drv, busy_ocf;
	ssize_t n;

	if (!have_test_aead || set_delay(20)) {
		tap_skip("ocf_test_aead.ko not loaded", "routed records in flight");
		return;
	}

	/* TX: close with records in flight; the receiver gets them all. */
	memset(&res, 0, sizeof(res));
	ktu_keys(&k, c, OCF_KTLS_VERSION_1_2, 1);
	cfd2 = cdev_open();
	ret = cfd2 < 0 ? -errno : ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = bridge_on(cfd2, a, OCF_KTLS_TX, &k, TEST_GCM, &res);
	if (cfd2 >= 0)
		close(cfd2);		/* and with it every session */
	if (!ret)
		ret = ktu_plain(b, OCF_KTLS_RX, &k);
	if (!ret) {
		n = write(a, ktu_data, 65536);
		ret = n == 65536 ? 0 : n < 0 ? -errno : -EIO;
	}
	if (!ret) {
		close(a);
		a = -1;
		ret = read_check(b, 0, 65536);
	}
	ktu_close(&a, &b);
	tap_ok(!ret && (res.result & OCF_KTLS_R_ROUTED),
	       "TX on %s: /dev/crypto closed after the attach, socket closed with records in flight, all received (%s)",
	       TEST_GCM, ret ? strerror(-ret) : "ok");

	/* RX: close with records being decrypted. */
	memset(&res, 0, sizeof(res));
	ret = ktu_pair(AF_INET, &a, &b);
	if (!ret)
		ret = ktu_plain(a, OCF_KTLS_TX, &k);
	cfd2 = cdev_open();
	if (!ret)
		ret = cfd2 < 0 ? -errno : bridge_on(cfd2, b, OCF_KTLS_RX, &k, TEST_GCM, &res);
	if (cfd2 >= 0)
		close(cfd2);
	if (!ret) {
		n = write(a, ktu_data, 65536);
		ret = n == 65536 ? 0 : n < 0 ? -errno : -EIO;
	}
	if (!ret)
		ret = read_check(b, 0, 16384);
	/* Unloading while the routed socket exists: refused, both modules. */
	busy_drv = system("rmmod ocf_test_aead 2>/dev/null") != 0;
	busy_ocf = system("rmmod ocf 2>/dev/null") != 0;
	ktu_close(&a, &b);
	tap_ok(!ret && (res.result & OCF_KTLS_R_ROUTED),
	       "RX on %s: socket closed with records being decrypted (%s)",
	       TEST_GCM, ret ? strerror(-ret) : "ok");
	tap_ok(busy_drv && busy_ocf,
	       "with a routed socket open, rmmod of the driver's module and of ocf are refused (%s, %s)",
	       busy_drv ? "refused" : "UNLOADED", busy_ocf ? "refused" : "UNLOADED");
	set_delay(0);

	/* Once the sockets are gone (kTLS frees its context later), it unloads. */
	for (i = 0; i < 100; i++) {
		if (!system("rmmod ocf_test_aead 2>/dev/null"))
			break;
		usleep(50000);
	}
	have_test_aead = i == 100;
	tap_ok(i < 100, "after closing, the driver's module unloads (%d tries)", i + 1);
}

/* ------------------------------------------------------------ system-wide */

struct other_user {
	const struct ktls_cipher *c;
	const char *dflt;
	volatile bool *stop;
	bool no_alg;
	int sessions, bad_sessions, binds, bad_binds;
	char bad[CRYPTODEV_MAX_ALG_NAME];
};

/* Another user of the crypto API: default sessions and AF_ALG sockets. */
static void *other_thread(void *arg)
{
	struct other_user *u = arg;
	struct sockaddr_alg sa = { .salg_family = AF_ALG, .salg_type = "aead" };
	unsigned char key[32] = {};
	char name[CRYPTODEV_MAX_ALG_NAME];
	int cfd = cdev_open();

	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", u->c->alg_name);
	while (!*u->stop && cfd >= 0) {
		__u32 ses;
		int s;

		if (session_on(cfd, u->c, key, NULL, &ses, name, NULL)) {
			u->bad_sessions++;
		} else {
			ioctl(cfd, CIOCFSESSION, &ses);
			if (strcmp(name, u->dflt)) {
				u->bad_sessions++;
				snprintf(u->bad, sizeof(u->bad), "%s", name);
			}
		}
		u->sessions++;
		if (u->no_alg)
			continue;
		s = socket(AF_ALG, SOCK_SEQPACKET, 0);
		if (s >= 0) {
			u->binds++;
			if (bind(s, (struct sockaddr *)&sa, sizeof(sa)))
				u->bad_binds++;
			close(s);
		}
	}
	if (cfd >= 0)
		close(cfd);
	return NULL;
}

static bool proc_crypto_has(const char *what)
{
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/crypto", "r");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		found |= strstr(line, what) != NULL;
	fclose(f);
	return found;
}

static void system_wide(int cfd)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	char dflt[CRYPTODEV_MAX_ALG_NAME], after[CRYPTODEV_MAX_ALG_NAME];
	struct sockaddr_alg sa = { .salg_family = AF_ALG, .salg_type = "aead",
				   .salg_name = "gcm(aes)" };
	volatile bool stop = false;
	struct other_user u[2];
	int i, s, routed = 0, fails = 0, alg_err = 0;
	pthread_t t[2];

	if (default_driver(cfd, c, dflt)) {
		tap_skip("no gcm(aes)", "system-wide checks");
		return;
	}
	/* Whether AF_ALG can bind gcm(aes) at all, before any attach. */
	s = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)))
		alg_err = errno;
	if (s >= 0)
		close(s);
	for (i = 0; i < 2; i++) {
		memset(&u[i], 0, sizeof(u[i]));
		u[i].c = c;
		u[i].dflt = dflt;
		u[i].stop = &stop;
		u[i].no_alg = alg_err != 0;
		pthread_create(&t[i], NULL, other_thread, &u[i]);
	}
	for (i = 0; i < RACE_ROUNDS; i++) {
		struct ocf_ktls_attach res;
		struct ktu_keys k;
		int a, b;

		memset(&res, 0, sizeof(res));
		ktu_keys(&k, c, OCF_KTLS_VERSION_1_3, 0);
		if (ktu_pair(AF_INET, &a, &b) ||
		    bridge_on(cfd, a, OCF_KTLS_TX, &k, NULL, &res) ||
		    ktu_plain(b, OCF_KTLS_RX, &k) ||
		    ktu_transfer(a, b, 0, 4096, TX_WRITE, RX_READ))
			fails++;
		else if (res.result & OCF_KTLS_R_ROUTED)
			routed++;
		ktu_close(&a, &b);
	}
	stop = true;
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	u[0].sessions += u[1].sessions;
	u[0].bad_sessions += u[1].bad_sessions;
	u[0].binds += u[1].binds;
	u[0].bad_binds += u[1].bad_binds;
	if (!u[0].bad[0])
		memcpy(u[0].bad, u[1].bad, sizeof(u[0].bad));

	/*
	 * An attach whose routing instance another task ran into is not
	 * routed (and says so): how many are depends on the timing.
	 */
	tap_ok(!fails, "%d attaches while others allocate gcm(aes): %d failed (%d routed, the others gave way)",
	       RACE_ROUNDS, fails, routed);
	tap_ok(u[0].sessions > 0 && !u[0].bad_sessions,
	       "meanwhile %d gcm(aes) allocations by other tasks all got %s (%d did not%s%s)",
	       u[0].sessions, dflt, u[0].bad_sessions, u[0].bad[0] ? ": " : "",
	       u[0].bad);
	if (alg_err)
		tap_skip(strerror(alg_err), "AF_ALG cannot bind gcm(aes) here: binds during attaches");
	else
		tap_ok(u[0].binds > 0 && !u[0].bad_binds,
		       "meanwhile %d AF_ALG binds to gcm(aes) succeeded (%d failed)",
		       u[0].binds, u[0].bad_binds);
	{
		struct ocf_ktls_attach res;
		struct ktu_keys k;
		int a, b, ret;

		memset(&res, 0, sizeof(res));
		ktu_keys(&k, c, OCF_KTLS_VERSION_1_3, 0);
		ret = ktu_pair(AF_INET, &a, &b);
		if (!ret)
			ret = bridge_on(cfd, a, OCF_KTLS_TX, &k, NULL, &res);
		if (!ret)
			ret = ktu_plain(b, OCF_KTLS_RX, &k);
		if (!ret)
			ret = ktu_transfer(a, b, 0, 4096, TX_WRITE, RX_READ);
		ktu_close(&a, &b);
		tap_ok(!ret && (res.result & OCF_KTLS_R_ROUTED) && res.crid,
		       "then, alone, an attach on the default driver is routed (result %#x, crid %u)",
		       res.result, res.crid);
	}
	tap_ok(!default_driver(cfd, c, after) && !strcmp(after, dflt),
	       "afterwards gcm(aes) still resolves to %s (%s)", dflt, after);
	tap_ok(!proc_crypto_has("ocf-route-") && !proc_crypto_has(": ocf_ktls_route"),
	       "no routing instance is left registered (/proc/crypto)");
}

/* insmod ocf_test_aead.ko, from beside this program. */
static bool load_test_aead(void)
{
	char path[4096], cmd[4200];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	char *slash;

	if (!access(DELAY_PARAM, F_OK))
		return true;
	if (n <= 0)
		return false;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return false;
	strcpy(slash + 1, "ocf_test_aead.ko");
	if (access(path, R_OK))
		return false;
	snprintf(cmd, sizeof(cmd), "insmod %s 2>/dev/null", path);
	return !system(cmd) && !access(DELAY_PARAM, F_OK);
}

int main(void)
{
	struct ocf_features feat;
	struct drv_stats st;
	unsigned int i;
	int cfd;

	tap_header();
	cfd = cdev_open();
	if (cfd < 0)
		tap_skip_all("no %s", CDEV_PATH);
	if (cdev_ioctl(cfd, OCF_IOC_GET_FEATURES, &feat) ||
	    !(feat.features & OCF_FEAT_KTLS))
		tap_skip_all("no kTLS bridge (OCF_FEAT_KTLS)");
	if (ktu_kernel_ktls() <= 0)
		tap_skip_all("no kTLS in this kernel");
	if (read_stats("none", &st))
		tap_skip_all("no debugfs statistics (%s)", STATS_PATH);
	if (ktu_data_init(SIZE))
		tap_bail_out("cannot prepare the test data");
	have_test_aead = load_test_aead();

	for (i = 0; i < KTLS_NR_CIPHERS; i++) {
		/* aria256gcm: the same drivers as aria128gcm. */
		if (i && ktls_ciphers[i].alg == ktls_ciphers[i - 1].alg &&
		    !strcmp(ktls_ciphers[i].alg_name, ktls_ciphers[i - 1].alg_name))
			continue;
		cipher_cases(cfd, &ktls_ciphers[i]);
	}
	system_wide(cfd);
	lifetimes();
	close(cfd);
	return tap_finish();
}
