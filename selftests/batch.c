// SPDX-License-Identifier: GPL-2.0
/*
 * OCF_IOC_SUBMIT and OCF_IOC_REAP at the edges of user memory.
 *
 * The module reads descriptors a few at a time and writes results in one
 * pass; these tests put the descriptor and result arrays against an
 * inaccessible page and check that exactly the accessible entries count:
 * the descriptors before a bad one are submitted and the rest are not,
 * the results that fit are reaped and the rest stay queued for the next
 * reap, nothing is lost or reported twice.  Every ciphertext is compared
 * with OpenSSL's (AES-128-CBC, each operation with its own IV and data).
 *
 * Written with the kernel's kselftest_harness.h; every test runs in its
 * own process with a fresh session, the operations' buffers and a page
 * before an inaccessible one.  The fixture "cut" has one variant per
 * number of whole descriptors before the inaccessible page (one, three,
 * five); "edge" holds the other cases.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <crypto/cryptodev.h>

/* First: 5.10's defines ARRAY_SIZE unconditionally (common.h does not). */
#include "kselftest_harness.h"
#include "cdev.h"

#define NOPS	8
#define LEN	64
#define PAGE	4096

static int fd;
static __u32 ses;
static const unsigned char key[16] = "batch edges key";
static unsigned char *data;	/* per op: src at i * 256, dst at + 64, iv at + 128 */
static unsigned char *edge;	/* a readable page followed by an inaccessible one */

static unsigned char *src_of(unsigned int i) { return data + i * 256; }
static unsigned char *dst_of(unsigned int i) { return data + i * 256 + 64; }
static unsigned char *iv_of(unsigned int i) { return data + i * 256 + 128; }

static void setup_ops(void)
{
	unsigned int i, j;

	memset(data, 0, NOPS * 256);
	for (i = 0; i < NOPS; i++)
		for (j = 0; j < LEN; j++) {
			src_of(i)[j] = i * 31 + j;
			if (j < 16)
				iv_of(i)[j] = i + 7 * j;
		}
}

static void fill_desc(struct ocf_crypt_desc *d, unsigned int i)
{
	memset(d, 0, sizeof(*d));
	d->ses = ses;
	d->op = COP_ENCRYPT;
	d->len = LEN;
	d->src = (uintptr_t)src_of(i);
	d->dst = (uintptr_t)dst_of(i);
	d->iv = (uintptr_t)iv_of(i);
	d->user_data = 1000 + i;
}

/* Whether op @i's output is OpenSSL's AES-128-CBC of its input. */
static bool output_ok(unsigned int i)
{
	unsigned char ref[LEN];
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n;

	EVP_EncryptInit_ex(c, EVP_aes_128_cbc(), NULL, key, iv_of(i));
	EVP_CIPHER_CTX_set_padding(c, 0);
	EVP_EncryptUpdate(c, ref, &n, src_of(i), LEN);
	EVP_CIPHER_CTX_free(c);
	return !memcmp(ref, dst_of(i), LEN);
}

static int submit(struct ocf_crypt_desc *d, unsigned int n, __u32 *submitted)
{
	struct ocf_submit sb = { .count = n, .descs = (uintptr_t)d };
	int ret = cdev_ioctl(fd, OCF_IOC_SUBMIT, &sb);

	*submitted = sb.submitted;
	return ret;
}

static int reap(struct ocf_result *r, unsigned int n, unsigned int min, __u32 *reaped)
{
	struct ocf_reap rp = { .count = n, .min = min, .results = (uintptr_t)r };
	int ret = cdev_ioctl(fd, OCF_IOC_REAP, &rp);

	*reaped = rp.reaped;
	return ret;
}

/*
 * Check @n results: each names a distinct operation of @want (a bit mask
 * of op indices), succeeded, and produced OpenSSL's ciphertext; clear
 * their bits from @want.
 */
static bool results_ok(const struct ocf_result *r, unsigned int n, unsigned int *want)
{
	unsigned int k, i;

	for (k = 0; k < n; k++) {
		i = r[k].user_data - 1000;
		if (r[k].user_data < 1000 || i >= NOPS || !(*want & (1u << i)) ||
		    r[k].status || r[k].len != LEN || !output_ok(i))
			return false;
		*want &= ~(1u << i);
	}
	return true;
}

/* Reap everything outstanding into a good buffer; the ops it names. */
static unsigned int drain(void)
{
	struct ocf_result r[NOPS];
	unsigned int mask = 0, k;
	__u32 got;

	while (!reap(r, NOPS, 0, &got) && got)
		for (k = 0; k < got; k++)
			mask |= 1u << (r[k].user_data - 1000);
	return mask;
}

/*
 * Open the device, a session and the buffers; NULL, or why the tests
 * cannot run here.
 */
static const char *edge_open(struct __test_metadata *_metadata)
{
	fd = cdev_open();
	if (fd < 0)
		return "no " CDEV_PATH;
	if (cdev_session(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses))
		return "no AES-CBC session";
	data = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	edge = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_NE(MAP_FAILED, data);
	EXPECT_NE(MAP_FAILED, edge);
	if (data == MAP_FAILED || edge == MAP_FAILED)
		return NULL;
	EXPECT_EQ(0, mprotect(edge + PAGE, PAGE, PROT_NONE));
	setup_ops();
	return NULL;
}

FIXTURE(cut) {
	const char *skip;
};

FIXTURE_VARIANT(cut) {
	unsigned int n;		/* whole descriptors before the inaccessible page */
};

FIXTURE_VARIANT_ADD(cut, one) { .n = 1 };
FIXTURE_VARIANT_ADD(cut, three) { .n = 3 };
FIXTURE_VARIANT_ADD(cut, five) { .n = 5 };

FIXTURE_SETUP(cut)
{
	self->skip = edge_open(_metadata);
}

FIXTURE_TEARDOWN(cut)
{
	if (fd >= 0)
		close(fd);
}

/*
 * A submit of NOPS descriptors, the variant's number of them before the
 * inaccessible page: those are queued, and right.
 */
TEST_F(cut, submit)
{
	unsigned int cut = variant->n, i, want;
	struct ocf_result r[NOPS];
	struct ocf_crypt_desc *d;
	__u32 n, got;
	int ret;

	if (self->skip)
		SKIP(return, "%s", self->skip);
	d = (struct ocf_crypt_desc *)(edge + PAGE) - cut;
	for (i = 0; i < cut; i++)
		fill_desc(&d[i], i);
	ret = submit(d, NOPS, &n);
	want = (1u << cut) - 1;
	ret = ret || n != cut || reap(r, NOPS, cut, &got) || got != cut ||
	      !results_ok(r, got, &want) || want || drain();
	EXPECT_EQ(0, ret) TH_LOG("submit of %d descriptors, %u before an inaccessible page",
				 NOPS, cut);
}

FIXTURE(edge) {
	const char *skip;
};

FIXTURE_SETUP(edge)
{
	self->skip = edge_open(_metadata);
}

FIXTURE_TEARDOWN(edge)
{
	if (fd >= 0)
		close(fd);
}

/* one descriptor straddles the boundary: the ones before it only */
TEST_F(edge, submit_straddling)
{
	struct ocf_result r[NOPS];
	struct ocf_crypt_desc *d;
	unsigned int i, want;
	__u32 n, got;
	int ret;

	if (self->skip)
		SKIP(return, "%s", self->skip);
	d = (struct ocf_crypt_desc *)(edge + PAGE - 2 * sizeof(*d) - sizeof(*d) / 2);
	for (i = 0; i < 2; i++)
		fill_desc(&d[i], i);
	ret = submit(d, 4, &n);
	want = 3;
	ret = ret || n != 2 || reap(r, NOPS, 2, &got) || got != 2 ||
	      !results_ok(r, got, &want) || want || drain();
	EXPECT_EQ(0, ret) TH_LOG("a descriptor across the boundary: the batch goes past it");
}

/* the first one inaccessible: EFAULT, nothing queued */
TEST_F(edge, submit_first_inaccessible)
{
	__u32 n;
	int ret;

	if (self->skip)
		SKIP(return, "%s", self->skip);
	ret = submit((struct ocf_crypt_desc *)(edge + PAGE), 2, &n);
	EXPECT_EQ(-EFAULT, ret);
	EXPECT_EQ(0U, n);
	EXPECT_EQ(0U, drain());
}

/* an operation whose IV runs into an inaccessible page stops the batch at it */
TEST_F(edge, submit_iv_inaccessible)
{
	struct ocf_result r[NOPS];
	struct ocf_crypt_desc *d;
	unsigned int want;
	__u32 n, got;
	int ret;

	if (self->skip)
		SKIP(return, "%s", self->skip);
	d = (struct ocf_crypt_desc *)data + 64;
	fill_desc(&d[0], 0);
	fill_desc(&d[1], 1);
	d[1].iv = (uintptr_t)(edge + PAGE - 8);
	fill_desc(&d[2], 2);
	ret = submit(d, 3, &n);
	want = 1;
	ret = ret || n != 1 || reap(r, NOPS, 1, &got) || got != 1 ||
	      !results_ok(r, got, &want) || want || drain();
	EXPECT_EQ(0, ret) TH_LOG("an IV running into an inaccessible page");
}

/* reap of 5 with room for 2: 2 reaped, the other 3 by the next reap, each once */
TEST_F(edge, reap_room_for_two)
{
	struct ocf_crypt_desc d[NOPS];
	struct ocf_result good[NOPS], *r;
	unsigned int i, want = (1u << 5) - 1;
	__u32 n, got, got2;
	int ret;

	if (self->skip)
		SKIP(return, "%s", self->skip);
	for (i = 0; i < 5; i++)
		fill_desc(&d[i], i);
	ret = submit(d, 5, &n);
	ASSERT_EQ(0, ret) TH_LOG("submit of 5: %s", strerror(-ret));
	ASSERT_EQ(5U, n);
	/* two results fit before the inaccessible page */
	r = (struct ocf_result *)(edge + PAGE) - 2;
	ret = reap(r, 5, 5, &got);
	ret = ret || got != 2 || !results_ok(r, got, &want) ||
	      reap(good, NOPS, 3, &got2) || got2 != 3 || !results_ok(good, got2, &want) ||
	      want;
	EXPECT_EQ(0, ret);
}

/* reap into an inaccessible buffer: EFAULT, the results stay for the next */
TEST_F(edge, reap_nothing_fits)
{
	struct ocf_crypt_desc d[NOPS];
	struct ocf_result good[NOPS];
	unsigned int i, want = 7;
	__u32 n, got, got2;
	int ret, bad;

	if (self->skip)
		SKIP(return, "%s", self->skip);
	for (i = 0; i < 3; i++)
		fill_desc(&d[i], i);
	ret = submit(d, 3, &n);
	bad = reap((struct ocf_result *)(edge + PAGE), 3, 3, &got);
	EXPECT_EQ(-EFAULT, bad);
	ret = ret || n != 3 || got ||
	      reap(good, NOPS, 3, &got2) || got2 != 3 || !results_ok(good, got2, &want) ||
	      want;
	EXPECT_EQ(0, ret);
}

TEST_HARNESS_MAIN
