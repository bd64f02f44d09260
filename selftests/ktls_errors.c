// SPDX-License-Identifier: GPL-2.0
/*
 * ktls_errors: every bad input of OCF_IOC_KTLS_ATTACH and
 * OCF_IOC_TLS13_SESSION and its errno, one case per line (part of ktls).
 *
 * Each attach case starts from a request that would succeed (an AES-128-GCM
 * session, a fresh connected loopback socket, TX, TLS 1.3) and changes one
 * thing.  Also: kTLS not available (tls.ko unloaded, caller without
 * CAP_NET_ADMIN) gives ENOPKG; a socket whose ULP the caller set to "tls"
 * works; another ULP gives EEXIST (with ocf_test_ulp.ko, built with the
 * selftests, which registers a ULP that does nothing).
 */
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "cdev.h"
#include "ktls_util.h"

int ktls_errors(int cfd);

static const char *errname(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ 0, "success" }, { EINVAL, "EINVAL" }, { EBADF, "EBADF" },
		{ ENOTSOCK, "ENOTSOCK" }, { EPROTONOSUPPORT, "EPROTONOSUPPORT" },
		{ ENOTCONN, "ENOTCONN" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ ENOPKG, "ENOPKG" }, { EFAULT, "EFAULT" }, { ENOENT, "ENOENT" },
		{ ENOTTY, "ENOTTY" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ ENOPROTOOPT, "ENOPROTOOPT" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	return strerror(err);
}

static void expect(int ret, int err, const char *what)
{
	tap_ok(ret == -err, "%s: %s (got %s)", what, errname(err), errname(-ret));
}

/* The request that would succeed, on a fresh socket; 0 or -errno. */
struct base {
	int cfd;
	__u32 ses;
	int a, b;
	struct ocf_ktls_attach req;
};

static unsigned char gcm_key[16] = { 0x42 };

static int base_init(struct base *t, int cfd)
{
	const struct ktls_cipher *c = ktls_cipher_by_name("aes128gcm");
	int ret;

	memset(t, 0, sizeof(*t));
	t->cfd = cfd;
	t->a = t->b = -1;
	ret = ktls_session(cfd, c, gcm_key, &t->ses);
	if (!ret)
		ret = ktu_pair(AF_INET, &t->a, &t->b);
	t->req.ses = t->ses;
	t->req.fd = t->a;
	t->req.direction = OCF_KTLS_TX;
	t->req.version = OCF_KTLS_VERSION_1_3;
	t->req.iv_len = OCF_KTLS_IV_LEN;
	memcpy(t->req.iv, "0123456789ab", OCF_KTLS_IV_LEN);
	return ret;
}

static void base_fini(struct base *t)
{
	ktu_close(&t->a, &t->b);
	if (t->ses)
		cdev_fsession(t->cfd, t->ses);
}

static int base_attach(struct base *t)
{
	return cdev_ioctl(t->cfd, OCF_IOC_KTLS_ATTACH, &t->req);
}

/* ------------------------------------------------------------ arguments */

static void m_flags(struct base *t) { t->req.flags = 1U << 31; }
static void m_reserved(struct base *t) { t->req.reserved[2] = 1; }
static void m_reserved0(struct base *t) { t->req.reserved0 = 1; }
static void m_dir0(struct base *t) { t->req.direction = 0; }
static void m_dir3(struct base *t) { t->req.direction = 3; }
static void m_version(struct base *t) { t->req.version = 0x0302; }
static void m_version13x(struct base *t) { t->req.version = 0x0403; }
static void m_nopad_tx(struct base *t) { t->req.flags = OCF_KTLS_F_RX_EXPECT_NO_PAD; }
static void m_iv8(struct base *t) { t->req.iv_len = 8; }
static void m_iv0(struct base *t) { t->req.iv_len = 0; }
static void m_ivtail(struct base *t) { t->req.iv[13] = 1; }
static void m_ses0(struct base *t) { t->req.ses = 0; }
static void m_sesbig(struct base *t) { t->req.ses = 0x7ffffff0; }

static void m_nopad_12(struct base *t)
{
	t->req.direction = OCF_KTLS_RX;
	t->req.version = OCF_KTLS_VERSION_1_2;
	t->req.flags = OCF_KTLS_F_RX_EXPECT_NO_PAD;
}

static void m_session_iv(struct base *t)
{
	t->req.flags = OCF_KTLS_F_SESSION_IV;
	t->req.iv_len = 0;
	memset(t->req.iv, 0, sizeof(t->req.iv));
}

static const struct {
	const char *what;
	void (*mutate)(struct base *t);
	int err;
} arg_cases[] = {
	{ "unknown flag", m_flags, EINVAL },
	{ "reserved field set", m_reserved, EINVAL },
	{ "reserved0 set", m_reserved0, EINVAL },
	{ "direction 0", m_dir0, EINVAL },
	{ "direction 3", m_dir3, EINVAL },
	{ "version 0x0302 (TLS 1.1)", m_version, EINVAL },
	{ "version 0x0403", m_version13x, EINVAL },
	{ "RX_EXPECT_NO_PAD on TX", m_nopad_tx, EINVAL },
	{ "RX_EXPECT_NO_PAD with TLS 1.2", m_nopad_12, EINVAL },
	{ "iv_len 8", m_iv8, EINVAL },
	{ "iv_len 0 without SESSION_IV", m_iv0, EINVAL },
	{ "IV bytes past iv_len", m_ivtail, EINVAL },
	{ "SESSION_IV on a session without a TLS 1.3 IV", m_session_iv, EINVAL },
	{ "session id 0", m_ses0, EINVAL },
	{ "unknown session id", m_sesbig, EINVAL },
};

static void arg_errors(int cfd)
{
	struct base t;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(arg_cases) / sizeof(arg_cases[0]); i++) {
		ret = base_init(&t, cfd);
		if (!ret) {
			arg_cases[i].mutate(&t);
			ret = base_attach(&t);
		}
		expect(ret, arg_cases[i].err, arg_cases[i].what);
		base_fini(&t);
	}
	/* The base request itself succeeds. */
	ret = base_init(&t, cfd);
	if (!ret)
		ret = base_attach(&t);
	tap_ok(!ret && t.req.cipher == TLS_CIPHER_AES_GCM_128 &&
	       (t.req.result & OCF_KTLS_R_ULP_SET),
	       "attach: the unmodified request succeeds, sets the ULP, reports cipher %u",
	       t.req.cipher);
	base_fini(&t);
}

/* ------------------------------------------------------------- sessions */

/* A session by name through OCF_IOC_GSESSION. */
static int named_session(int cfd, const char *name, const void *key,
			 __u32 keylen, __u32 tag_len, __u32 *ses)
{
	struct ocf_session_op op;
	int ret;

	memset(&op, 0, sizeof(op));
	op.cipher = OCF_ALG_BY_NAME;
	strncpy(op.cipher_name, name, sizeof(op.cipher_name) - 1);
	op.key = (__u64)(uintptr_t)key;
	op.keylen = keylen;
	op.tag_len = tag_len;
	ret = cdev_ioctl(cfd, OCF_IOC_GSESSION, &op);
	if (!ret)
		*ses = op.ses;
	return ret;
}

static int mac_session(int cfd, const char *name, const void *key,
		       __u32 keylen, __u32 *ses)
{
	struct ocf_session_op op;
	int ret;

	memset(&op, 0, sizeof(op));
	op.mac = OCF_ALG_BY_NAME;
	strncpy(op.mac_name, name, sizeof(op.mac_name) - 1);
	op.mackey = (__u64)(uintptr_t)key;
	op.mackeylen = keylen;
	ret = cdev_ioctl(cfd, OCF_IOC_GSESSION, &op);
	if (!ret)
		*ses = op.ses;
	return ret;
}

/* Attach with session @ses in place of the base one. */
static void session_case(int cfd, int ret, __u32 ses, int version, __u32 flags,
			 const char *what)
{
	struct base t;

	if (ret) {
		tap_ok(false, "%s: cannot create the session (%s)", what, errname(-ret));
		return;
	}
	ret = base_init(&t, cfd);
	if (!ret) {
		t.req.ses = ses;
		t.req.version = version;
		t.req.flags = flags;
		if (flags & OCF_KTLS_F_SESSION_IV) {
			t.req.iv_len = 0;
			memset(t.req.iv, 0, sizeof(t.req.iv));
		}
		ret = base_attach(&t);
	}
	expect(ret, EINVAL, what);
	base_fini(&t);
	cdev_fsession(cfd, ses);
}

static void session_errors(int cfd)
{
	unsigned char key[32] = { 7 }, secret[32] = { 9 };
	__u32 ses = 0;
	int v13 = OCF_KTLS_VERSION_1_3, ret;

	ret = cdev_session(cfd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses);
	session_case(cfd, ret, ses, v13, 0, "session: AES-CBC, not an AEAD");
	ret = cdev_session(cfd, 0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &ses);
	session_case(cfd, ret, ses, v13, 0, "session: SHA-256 hash");
	ret = mac_session(cfd, "hmac(sha256)", key, 32, &ses);
	session_case(cfd, ret, ses, v13, 0, "session: HMAC-SHA256");
	ret = cdev_session(cfd, CRYPTO_CHACHA20, key, 32, 0, NULL, 0, &ses);
	session_case(cfd, ret, ses, v13, 0, "session: ChaCha20 without Poly1305");
	ret = cdev_session(cfd, CRYPTO_AES_GCM, key, 24, 0, NULL, 0, &ses);
	session_case(cfd, ret, ses, v13, 0, "session: AES-192-GCM (no kTLS cipher)");
	ret = cdev_session(cfd, CRYPTO_AES_CCM, key, 32, 0, NULL, 0, &ses);
	session_case(cfd, ret, ses, v13, 0, "session: AES-256-CCM (no kTLS cipher)");
	ret = named_session(cfd, "gcm(aes)", key, 16, 12, &ses);
	session_case(cfd, ret, ses, v13, 0, "session: AES-128-GCM with a 12-byte tag");
	ret = named_session(cfd, "rfc4106(gcm(aes))", key, 20, 0, &ses);
	session_case(cfd, ret, ses, v13, 0, "session: rfc4106(gcm(aes))");
	ret = ktls_tls13_session(cfd, OCF_TLS_AES_128_GCM_SHA256, secret,
				 sizeof(secret), &ses, NULL);
	session_case(cfd, ret, ses, OCF_KTLS_VERSION_1_2, OCF_KTLS_F_SESSION_IV,
		     "session: a TLS 1.3 session's IV for TLS 1.2");
}

/* -------------------------------------------------------------- sockets */

static int attach_fd(int cfd, int fd)
{
	struct base t;
	int ret;

	ret = base_init(&t, cfd);
	if (!ret) {
		t.req.fd = fd;
		ret = base_attach(&t);
	}
	base_fini(&t);
	return ret;
}

static void fd_errors(int cfd)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int fd, p[2];

	expect(attach_fd(cfd, -1), EBADF, "socket: fd -1");
	/* Above what the test opens, so no new socket takes its number. */
	fd = 900;
	close(fd);
	expect(attach_fd(cfd, fd), EBADF, "socket: a closed fd");
	fd = open("/dev/null", O_RDONLY);
	expect(attach_fd(cfd, fd), ENOTSOCK, "socket: /dev/null");
	close(fd);
	expect(attach_fd(cfd, cfd), ENOTSOCK, "socket: the /dev/crypto fd");
	if (!pipe(p)) {
		expect(attach_fd(cfd, p[1]), ENOTSOCK, "socket: a pipe");
		close(p[0]);
		close(p[1]);
	}

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons(9);
	connect(fd, (struct sockaddr *)&sin, sizeof(sin));
	expect(attach_fd(cfd, fd), EPROTONOSUPPORT, "socket: connected UDP");
	close(fd);
	if (!socketpair(AF_UNIX, SOCK_STREAM, 0, p)) {
		expect(attach_fd(cfd, p[0]), EPROTONOSUPPORT, "socket: AF_UNIX stream");
		close(p[0]);
		close(p[1]);
	}
	fd = socket(AF_INET, SOCK_STREAM, 0);
	expect(attach_fd(cfd, fd), ENOTCONN, "socket: TCP, not connected");
	sin.sin_port = 0;
	if (!bind(fd, (struct sockaddr *)&sin, len) && !listen(fd, 1))
		expect(attach_fd(cfd, fd), ENOTCONN, "socket: TCP, listening");
	close(fd);
}

/* -------------------------------------------------------- keyed already */

/*
 * Whether this kernel's kTLS takes a second key for a keyed TLS 1.3
 * direction (a rekey): 1 if setsockopt(TLS_TX) twice succeeds without the
 * bridge, 0 if the second gives EBUSY (no rekeying), else -errno.
 */
static int kernel_rekeys(void)
{
	struct ktu_keys k;
	int a, b, ret;

	ktu_keys(&k, ktls_cipher_by_name("aes128gcm"), OCF_KTLS_VERSION_1_3, 0);
	ret = ktu_pair(AF_INET, &a, &b);
	if (ret)
		return ret;
	ret = ktu_plain(a, OCF_KTLS_TX, &k);
	if (!ret)
		ret = ktu_plain(a, OCF_KTLS_TX, &k);
	ktu_close(&a, &b);
	return !ret ? 1 : ret == -EBUSY ? 0 : ret;
}

/*
 * A second attach of a keyed direction: EBUSY where kTLS cannot rekey; where
 * it can, kTLS takes the new key as a TLS 1.3 rekey, as it would from
 * setsockopt().
 */
static void expect_second(int ret, int rekeys, const char *what)
{
	if (rekeys > 0)
		tap_ok(!ret, "%s: a TLS 1.3 rekey (this kernel's kTLS rekeys) (got %s)",
		      what, ret ? errname(-ret) : "success");
	else
		expect(ret, EBUSY, what);
}

static void keyed_errors(int cfd)
{
	struct base t;
	int ret, rekeys = kernel_rekeys();

	if (rekeys < 0)
		tap_diag("cannot tell whether kTLS rekeys: %s", errname(-rekeys));
	ret = base_init(&t, cfd);
	if (!ret)
		ret = base_attach(&t);
	if (!ret)
		ret = base_attach(&t);
	expect_second(ret, rekeys, "keyed: TX attached twice");
	if (ret == -EBUSY || (rekeys > 0 && !ret)) {
		t.req.direction = OCF_KTLS_RX;
		t.req.version = OCF_KTLS_VERSION_1_2;
		expect(base_attach(&t), EINVAL,
		       "keyed: RX with TLS 1.2 after TX with TLS 1.3 (kTLS)");
	}
	base_fini(&t);

	ret = base_init(&t, cfd);
	if (!ret) {
		const struct ktls_cipher *c = ktls_cipher_by_name("aes256gcm");
		unsigned char key[32] = { 1 };
		__u32 ses = 0;

		t.req.direction = OCF_KTLS_RX;
		ret = base_attach(&t);
		if (!ret)
			ret = base_attach(&t);
		expect_second(ret, rekeys, "keyed: RX attached twice");
		if (!ktls_session(cfd, c, key, &ses)) {
			t.req.ses = ses;
			t.req.direction = OCF_KTLS_TX;
			expect(base_attach(&t), EINVAL,
			       "keyed: TX with AES-256-GCM after RX with AES-128-GCM (kTLS)");
			cdev_fsession(cfd, ses);
		}
	}
	base_fini(&t);
}

/* ------------------------------------------------------------------ ULP */

static void ulp_cases(int cfd)
{
	struct base t;
	int ret;

	ret = base_init(&t, cfd);
	if (!ret)
		ret = ktls_set_ulp(t.a);
	if (!ret)
		ret = base_attach(&t);
	tap_ok(!ret && !(t.req.result & OCF_KTLS_R_ULP_SET),
	       "ULP: \"tls\" set by the caller beforehand is used (%s)",
	       errname(-ret));
	base_fini(&t);

	if (access("ocf_test_ulp.ko", R_OK) ||
	    system("insmod ocf_test_ulp.ko 2>/dev/null")) {
		tap_skip("no other TCP ULP can be set on an established socket here",
			 "ULP: another ULP: EEXIST");
		return;
	}
	ret = base_init(&t, cfd);
	if (!ret && setsockopt(t.a, SOL_TCP, TCP_ULP, "ocf_test", 8))
		ret = -errno;
	if (!ret)
		ret = base_attach(&t);
	expect(ret, EEXIST, "ULP: another ULP (ocf_test)");
	base_fini(&t);
	/* The ULP's module is pinned until the socket is destroyed. */
	for (int i = 0; i < 50 && system("rmmod ocf_test_ulp 2>/dev/null"); i++)
		usleep(100000);
}

/* ------------------------------------------------------- kTLS available */

static int drop_net_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	data[CAP_NET_ADMIN / 32].effective &= ~(1U << (CAP_NET_ADMIN % 32));
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

static bool tls_loaded(void)
{
	struct stat st;

	return !stat("/sys/module/tls", &st);
}

/*
 * Without tls.ko, a caller lacking CAP_NET_ADMIN cannot have it loaded
 * (TCP_ULP loads ULP modules only for CAP_NET_ADMIN): ENOPKG.  With the
 * capability the attach loads it.
 */
static void no_ktls(int cfd)
{
	struct base t;
	int ret, st;
	pid_t pid;

	if (system("rmmod tls 2>/dev/null") || tls_loaded()) {
		tap_skip("tls.ko cannot be unloaded here (in use or built in)",
			 "kTLS unavailable: ENOPKG");
		tap_skip("tls.ko cannot be unloaded here", "kTLS module loaded on demand");
		return;
	}
	pid = fork();
	if (!pid) {
		ret = drop_net_admin();
		if (!ret)
			ret = base_init(&t, cfd);
		if (!ret)
			ret = base_attach(&t);
		_exit(ret == -ENOPKG ? 0 : ret ? -ret : 255);
	}
	st = -1;
	if (pid > 0)
		waitpid(pid, &st, 0);
	ret = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	tap_ok(!ret, "kTLS unavailable (tls.ko unloaded, no CAP_NET_ADMIN): ENOPKG (got %s)",
	       ret ? (ret == 255 ? "success" : errname(ret)) : "ENOPKG");

	ret = base_init(&t, cfd);
	if (!ret)
		ret = base_attach(&t);
	tap_ok(!ret && tls_loaded(),
	       "kTLS module loaded on demand for a CAP_NET_ADMIN caller (%s)",
	       errname(-ret));
	base_fini(&t);
	if (!tls_loaded() && system("modprobe tls"))
		tap_bail_out("cannot load tls.ko again");
}

/* ------------------------------------------------------ pointers, TLS 1.3 */

static void fault_errors(int cfd)
{
	struct ocf_tls13_session op;

	expect(ioctl(cfd, OCF_IOC_KTLS_ATTACH, (void *)16) ? -errno : 0, EFAULT,
	       "attach: unreadable argument");
	memset(&op, 0, sizeof(op));
	op.suite = OCF_TLS_AES_128_GCM_SHA256;
	op.secret = 16;
	op.secret_len = 32;
	expect(cdev_ioctl(cfd, OCF_IOC_TLS13_SESSION, &op), EFAULT,
	       "TLS 1.3 session: unreadable secret");
}

static int tls13(int cfd, __u32 suite, __u32 len, __u32 flags, __u32 r0,
		 __u64 r3)
{
	unsigned char secret[64] = { 3 };
	struct ocf_tls13_session op;
	int ret;

	memset(&op, 0, sizeof(op));
	op.suite = suite;
	op.secret = (__u64)(uintptr_t)secret;
	op.secret_len = len;
	op.flags = flags;
	op.reserved0 = r0;
	op.reserved[3] = r3;
	ret = cdev_ioctl(cfd, OCF_IOC_TLS13_SESSION, &op);
	if (!ret)
		cdev_fsession(cfd, op.ses);
	return ret;
}

static void tls13_errors(int cfd)
{
	expect(tls13(cfd, 0x1305, 32, 0, 0, 0), EINVAL,
	       "TLS 1.3 session: TLS_AES_128_CCM_8_SHA256 (no kTLS cipher)");
	expect(tls13(cfd, 0, 32, 0, 0, 0), EINVAL, "TLS 1.3 session: suite 0");
	expect(tls13(cfd, OCF_TLS_AES_256_GCM_SHA384, 32, 0, 0, 0), EINVAL,
	       "TLS 1.3 session: 32-byte secret for a SHA-384 suite");
	expect(tls13(cfd, OCF_TLS_AES_128_GCM_SHA256, 48, 0, 0, 0), EINVAL,
	       "TLS 1.3 session: 48-byte secret for a SHA-256 suite");
	expect(tls13(cfd, OCF_TLS_AES_128_GCM_SHA256, 0, 0, 0, 0), EINVAL,
	       "TLS 1.3 session: empty secret");
	expect(tls13(cfd, OCF_TLS_AES_128_GCM_SHA256, 65, 0, 0, 0), EINVAL,
	       "TLS 1.3 session: 65-byte secret");
	expect(tls13(cfd, OCF_TLS_AES_128_GCM_SHA256, 32, 2, 0, 0), EINVAL,
	       "TLS 1.3 session: unknown flag");
	expect(tls13(cfd, OCF_TLS_AES_128_GCM_SHA256, 32, 0, 1, 0), EINVAL,
	       "TLS 1.3 session: reserved0 set");
	expect(tls13(cfd, OCF_TLS_AES_128_GCM_SHA256, 32, 0, 0, 1), EINVAL,
	       "TLS 1.3 session: reserved[3] set");
	expect(tls13(cfd, OCF_TLS_AES_128_GCM_SHA256, 32, 0, 0, 0), 0,
	       "TLS 1.3 session: the valid request");
}

int ktls_errors(int cfd)
{
	no_ktls(cfd);
	arg_errors(cfd);
	session_errors(cfd);
	fd_errors(cfd);
	keyed_errors(cfd);
	ulp_cases(cfd);
	fault_errors(cfd);
	tls13_errors(cfd);
	return 0;
}
