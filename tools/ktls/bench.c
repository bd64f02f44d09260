// SPDX-License-Identifier: GPL-2.0
/*
 * ktls-bench: throughput of a loopback TCP connection whose sender is
 *
 *	tcp        plain TCP, no TLS
 *	bridge     kTLS keyed through the ocf bridge (OCF_IOC_KTLS_ATTACH)
 *	setsockopt kTLS keyed with setsockopt(SOL_TLS)
 *	openssl    user-space TLS: OpenSSL's SSL_write() after a handshake
 *
 * each with write() (16 KiB at a time from memory: full 16 KiB records)
 * and sendfile() (from a file; for openssl, read() then SSL_write(), what
 * a user-space TLS server does to send a file).  The receiver is the same
 * for every TLS sender, a kTLS RX socket (for openssl keyed from the
 * handshake's secrets), so that the rows differ only in the sender;
 * "openssl-both" receives with SSL_read() instead, for reference.
 *
 * Modes are interleaved within each repetition so that drift (and a busy
 * host) spreads over all of them; the median of the repetitions is
 * reported, with the ratios the kTLS bridge is judged by:
 *	bridge / setsockopt        (target: at least 0.97)
 *	bridge sendfile / openssl  (target: at least 1.3)
 * A table goes to stdout, and JSON with -j FILE (or "-" for stdout).
 *
 * With -d DRIVER the bridged sender's session is created on that exact
 * driver (its records are routed to it: Documentation/ktls-bridge.rst);
 * the driver that ran them is printed.  Comparing a run without -d (the
 * session on the default driver, as setsockopt's transform), one with -d
 * naming another driver, and the setsockopt row shows what routing costs
 * (nothing beyond the drivers' own speeds, once attached).
 *
 * Usage: ktls-bench [-s MiB] [-r reps] [-c cipher] [-v 1.2|1.3] [-d DRIVER]
 *	[-j FILE]
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "tlsglue.h"

#define RECORD	16384

enum sender { S_TCP, S_BRIDGE, S_SETSOCKOPT, S_OPENSSL, S_OPENSSL_BOTH, S_NR };
enum method { M_WRITE, M_SENDFILE, M_NR };

static const char *const sender_names[S_NR] = {
	"tcp", "bridge", "setsockopt", "openssl", "openssl-both",
};
static const char *const method_names[M_NR] = { "write", "sendfile" };

static struct {
	size_t size;
	int reps;
	const struct ktls_cipher *cipher;
	int version;
	const char *json;
	const char *driver;	/* -d: the bridged session's exact driver */
	__u32 routed_crid;	/* the driver id the last attach reported */
	int cfd;
	int filefd;		/* the data, for sendfile() */
	unsigned char *buf;	/* the data, for write() */
	SSL_CTX *sctx, *cctx;
} b;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("ktls-bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	ERR_print_errors_fp(stderr);
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double thread_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void tcp_pair(int *a, int *c)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int ls = socket(AF_INET, SOCK_STREAM, 0);

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (ls < 0 || bind(ls, (struct sockaddr *)&sin, len) || listen(ls, 1) ||
	    getsockname(ls, (struct sockaddr *)&sin, &len))
		die("listen: %s", strerror(errno));
	*a = socket(AF_INET, SOCK_STREAM, 0);
	if (*a < 0 || connect(*a, (struct sockaddr *)&sin, len))
		die("connect: %s", strerror(errno));
	*c = accept(ls, NULL, NULL);
	if (*c < 0)
		die("accept: %s", strerror(errno));
	close(ls);
}

/* A throw-away P-256 certificate for the OpenSSL handshakes. */
static void make_contexts(void)
{
	EVP_PKEY *pkey = EVP_EC_gen("P-256");
	X509 *x = X509_new();

	if (!pkey || !x)
		die("cannot make a key");
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, pkey);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
				   (const unsigned char *)"ktls-bench", -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	if (!X509_sign(x, pkey, EVP_sha256()))
		die("cannot sign the certificate");

	b.sctx = SSL_CTX_new(TLS_server_method());
	b.cctx = SSL_CTX_new(TLS_client_method());
	if (!b.sctx || !b.cctx ||
	    tg_configure(b.sctx, b.version, b.cipher, true) ||
	    tg_configure(b.cctx, b.version, b.cipher, false) ||
	    SSL_CTX_use_certificate(b.sctx, x) != 1 ||
	    SSL_CTX_use_PrivateKey(b.sctx, pkey) != 1)
		die("OpenSSL cannot do TLS %s with %s",
		    b.version == OCF_KTLS_VERSION_1_3 ? "1.3" : "1.2",
		    b.cipher->name);
	SSL_CTX_set_verify(b.cctx, SSL_VERIFY_NONE, NULL);
	X509_free(x);
	EVP_PKEY_free(pkey);
}

static void *accept_tls(void *arg)
{
	SSL *ssl = arg;

	return (void *)(long)(SSL_accept(ssl) == 1);
}

/* A handshake over the pair: @tx (client side) and @rx (server side). */
static void handshake(int tx, int rx, SSL **txssl, SSL **rxssl)
{
	pthread_t t;
	void *ok;

	*txssl = SSL_new(b.cctx);
	*rxssl = SSL_new(b.sctx);
	if (!*txssl || !*rxssl || !SSL_set_fd(*txssl, tx) || !SSL_set_fd(*rxssl, rx))
		die("SSL_new failed");
	pthread_create(&t, NULL, accept_tls, *rxssl);
	if (SSL_connect(*txssl) != 1)
		die("handshake failed");
	pthread_join(t, &ok);
	if (!ok)
		die("handshake failed (server)");
}

struct rx_arg {
	int fd;
	SSL *ssl;
	size_t got;
	int err;
};

static void *receiver(void *arg)
{
	struct rx_arg *r = arg;
	char *buf = malloc(65536);
	ssize_t n;

	while (buf && r->got < b.size) {
		if (r->ssl) {
			n = SSL_read(r->ssl, buf, 65536);
		} else {
			n = read(r->fd, buf, 65536);
			if (n < 0)
				n = -errno;
		}
		if (n <= 0) {
			r->err = n ? (int)n : -ENODATA;
			break;
		}
		r->got += n;
	}
	free(buf);
	return NULL;
}

static void send_data(int fd, SSL *ssl, enum method m)
{
	char *chunk = NULL;
	size_t done = 0;
	off_t off = 0;
	ssize_t n;

	if (m == M_SENDFILE && ssl)
		chunk = malloc(RECORD);
	while (done < b.size) {
		size_t want = b.size - done < RECORD ? b.size - done : RECORD;

		if (m == M_WRITE && !ssl) {
			n = write(fd, b.buf + done, want);
		} else if (m == M_WRITE) {
			n = SSL_write(ssl, b.buf + done, want);
		} else if (!ssl) {
			n = sendfile(fd, b.filefd, &off, b.size - done);
		} else {
			/* user space sending a file: read(), then SSL_write() */
			n = pread(b.filefd, chunk, want, done);
			if (n > 0)
				n = SSL_write(ssl, chunk, n);
		}
		if (n <= 0)
			die("%s failed: %s", method_names[m], strerror(errno));
		done += n;
	}
	free(chunk);
}

struct result {
	double mibs;	/* MiB/s */
	double cpu;	/* sender CPU seconds per GiB */
};

/* The bridged sender's session: on the -d driver, or the kernel's choice. */
static int bench_session(const unsigned char *key, __u32 *ses)
{
	struct ocf_session_op op;

	if (!b.driver)
		return ktls_session(b.cfd, b.cipher, key, ses);
	memset(&op, 0, sizeof(op));
	op.cipher = b.cipher->alg;
	if (b.cipher->alg == OCF_ALG_BY_NAME)
		snprintf(op.cipher_name, sizeof(op.cipher_name), "%s",
			 b.cipher->alg_name);
	op.keylen = b.cipher->keylen;
	op.key = (__u64)(uintptr_t)key;
	op.flags = OCF_SES_F_CIPHER_DRIVER;
	snprintf(op.cipher_driver, sizeof(op.cipher_driver), "%s", b.driver);
	if (ioctl(b.cfd, OCF_IOC_GSESSION, &op))
		return -errno;
	*ses = op.ses;
	return 0;
}

static struct result run(enum sender s, enum method m)
{
	struct ktu { unsigned char key[32], iv[12]; } k;
	struct ocf_ktls_attach att = { 0 };
	struct rx_arg r = { 0 };
	SSL *txssl = NULL, *rxssl = NULL;
	struct result res;
	double t0, c0, t;
	pthread_t rt;
	int tx, rx, ret = 0;
	__u32 ses;

	tcp_pair(&tx, &rx);
	r.fd = rx;
	RAND_bytes(k.key, sizeof(k.key));
	RAND_bytes(k.iv, sizeof(k.iv));
	switch (s) {
	case S_TCP:
		break;
	case S_BRIDGE:
		ret = bench_session(k.key, &ses);
		if (!ret)
			ret = ktls_attach(b.cfd, ses, tx, OCF_KTLS_TX, b.version,
					  k.iv, 0, 0, &att);
		if (!ret)
			b.routed_crid = att.result & OCF_KTLS_R_ROUTED ? att.crid : 0;
		if (!ret)
			ioctl(b.cfd, CIOCFSESSION, &ses);
		if (!ret)
			ret = ktls_setsockopt(rx, OCF_KTLS_RX, b.version, b.cipher,
					      k.key, k.iv, 0);
		break;
	case S_SETSOCKOPT:
		ret = ktls_setsockopt(tx, OCF_KTLS_TX, b.version, b.cipher,
				      k.key, k.iv, 0);
		if (!ret)
			ret = ktls_setsockopt(rx, OCF_KTLS_RX, b.version, b.cipher,
					      k.key, k.iv, 0);
		break;
	case S_OPENSSL:
		handshake(tx, rx, &txssl, &rxssl);
		/* The receiving end moves to kTLS RX (its TX stays unused). */
		ret = tg_attach(b.cfd, rxssl, rx, 0, NULL);
		break;
	case S_OPENSSL_BOTH:
		handshake(tx, rx, &txssl, &rxssl);
		r.ssl = rxssl;
		break;
	default:
		break;
	}
	if (ret)
		die("keying for %s: %s", sender_names[s], strerror(-ret));

	pthread_create(&rt, NULL, receiver, &r);
	t0 = now();
	c0 = thread_cpu();
	send_data(tx, txssl, m);
	res.cpu = thread_cpu() - c0;
	pthread_join(rt, NULL);
	t = now() - t0;
	if (r.err || r.got != b.size)
		die("%s %s: received %zu of %zu bytes (%s)", sender_names[s],
		    method_names[m], r.got, b.size, strerror(-r.err));
	res.mibs = b.size / 1048576.0 / t;
	res.cpu = res.cpu * 1073741824.0 / b.size;
	if (txssl)
		SSL_free(txssl);
	if (rxssl)
		SSL_free(rxssl);
	close(tx);
	close(rx);
	return res;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, c = *(const double *)y;

	return a < c ? -1 : a > c;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	static double mibs[S_NR][M_NR][64], cpu[S_NR][M_NR][64];
	double med[S_NR][M_NR], medcpu[S_NR][M_NR], r1, r2, r3;
	FILE *js = NULL;
	int opt, rep, s, m;

	b.size = 64 << 20;
	b.reps = 3;
	b.cipher = ktls_cipher_by_name("aes128gcm");
	b.version = OCF_KTLS_VERSION_1_3;
	while ((opt = getopt(argc, argv, "s:r:c:v:d:j:")) != -1) {
		switch (opt) {
		case 's':
			b.size = strtoul(optarg, NULL, 0) << 20;
			break;
		case 'r':
			b.reps = atoi(optarg);
			break;
		case 'c':
			b.cipher = ktls_cipher_by_name(optarg);
			break;
		case 'v':
			b.version = strcmp(optarg, "1.2") ? OCF_KTLS_VERSION_1_3 :
							    OCF_KTLS_VERSION_1_2;
			break;
		case 'd':
			b.driver = optarg;
			break;
		case 'j':
			b.json = optarg;
			break;
		default:
			fprintf(stderr, "usage: ktls-bench [-s MiB] [-r reps] [-c cipher] [-v 1.2|1.3] [-d DRIVER] [-j FILE]\n");
			return 2;
		}
	}
	if (!b.cipher || !b.size || b.reps < 1 || b.reps > 64)
		die("bad arguments");
	b.cfd = open("/dev/crypto", O_RDWR | O_CLOEXEC);
	if (b.cfd < 0)
		die("/dev/crypto: %s", strerror(errno));
	b.buf = malloc(b.size);
	b.filefd = memfd_create("ktls-bench", 0);
	if (!b.buf || b.filefd < 0)
		die("out of memory");
	RAND_bytes(b.buf, b.size);
	if (write(b.filefd, b.buf, b.size) != (ssize_t)b.size)
		die("cannot fill the data file");
	make_contexts();

	printf("# ktls-bench: TLS %s %s, %zu MiB per run, 16 KiB records, %d repetitions (median)\n",
	       b.version == OCF_KTLS_VERSION_1_3 ? "1.3" : "1.2", b.cipher->name,
	       b.size >> 20, b.reps);
	for (rep = 0; rep < b.reps; rep++)
		for (m = 0; m < M_NR; m++)
			for (s = 0; s < S_NR; s++) {
				struct result res = run(s, m);

				mibs[s][m][rep] = res.mibs;
				cpu[s][m][rep] = res.cpu;
				fprintf(stderr, "# rep %d: %-12s %-8s %8.1f MiB/s\n",
					rep + 1, sender_names[s], method_names[m],
					res.mibs);
			}

	printf("%-14s %-9s %10s %16s\n", "sender", "method", "MiB/s",
	       "sender CPU s/GiB");
	for (s = 0; s < S_NR; s++)
		for (m = 0; m < M_NR; m++) {
			med[s][m] = median(mibs[s][m], b.reps);
			medcpu[s][m] = median(cpu[s][m], b.reps);
			printf("%-14s %-9s %10.1f %16.2f\n", sender_names[s],
			       method_names[m], med[s][m], medcpu[s][m]);
		}
	r1 = med[S_BRIDGE][M_WRITE] / med[S_SETSOCKOPT][M_WRITE];
	r2 = med[S_BRIDGE][M_SENDFILE] / med[S_SETSOCKOPT][M_SENDFILE];
	r3 = med[S_BRIDGE][M_SENDFILE] / med[S_OPENSSL][M_SENDFILE];
	printf("ratio bridge/setsockopt write     %.3f (target >= 0.97)\n", r1);
	printf("ratio bridge/setsockopt sendfile  %.3f (target >= 0.97)\n", r2);
	printf("ratio bridge sendfile/openssl     %.3f (target >= 1.30)\n", r3);
	printf("ratio bridge sendfile/openssl-both %.3f\n",
	       med[S_BRIDGE][M_SENDFILE] / med[S_OPENSSL_BOTH][M_SENDFILE]);
	if (b.routed_crid) {
		struct ocf_find_op fo = { .crid = (__s32)b.routed_crid };

		if (ioctl(b.cfd, OCF_IOC_FINDDEV, &fo))
			fo.name[0] = '\0';
		printf("bridge records ran on driver %u (%s)%s\n", b.routed_crid,
		       fo.name, b.driver ? "" : ", the session's default");
	} else {
		printf("bridge records ran on kTLS's own choice (not routed)\n");
	}

	if (b.json) {
		js = strcmp(b.json, "-") ? fopen(b.json, "w") : stdout;
		if (!js)
			die("%s: %s", b.json, strerror(errno));
		fprintf(js, "{\"tls\": \"%s\", \"cipher\": \"%s\", \"mib_per_run\": %zu, \"reps\": %d, \"record\": %d,\n \"results\": [",
			b.version == OCF_KTLS_VERSION_1_3 ? "1.3" : "1.2",
			b.cipher->name, b.size >> 20, b.reps, RECORD);
		for (s = 0; s < S_NR; s++)
			for (m = 0; m < M_NR; m++)
				fprintf(js, "%s\n  {\"sender\": \"%s\", \"method\": \"%s\", \"mib_s\": %.2f, \"sender_cpu_s_per_gib\": %.3f}",
					s || m ? "," : "", sender_names[s],
					method_names[m], med[s][m], medcpu[s][m]);
		fprintf(js, "],\n \"ratios\": {\"bridge_vs_setsockopt_write\": %.4f, \"bridge_vs_setsockopt_sendfile\": %.4f, \"bridge_sendfile_vs_openssl\": %.4f}}\n",
			r1, r2, r3);
		if (js != stdout)
			fclose(js);
	}
	return 0;
}
