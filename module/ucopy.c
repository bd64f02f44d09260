// SPDX-License-Identifier: GPL-2.0
/*
 * Small copies between user space and the module's own buffers.
 *
 * Every operation copies its argument, its IV and, below zc_threshold, its
 * data in and out: a few hundred bytes in a few pieces.  At these sizes
 * what a copy costs is mostly its fixed part: opening and closing the
 * window in which the kernel may touch user memory (STAC/CLAC with SMAP,
 * which QEMU's TCG, for one, executes by leaving translated code), and
 * the start-up of the CPU's string instruction, which copy_from_user()
 * uses on CPUs with "fast strings" (and which TCG executes a byte per
 * step).  So the pieces of one operation go through one window, and up
 * to OCF_UCOPY_WORDS bytes they move as machine words on architectures
 * with efficient unaligned access.  Larger copies, and other
 * architectures, use copy_from_user() and copy_to_user() piece by piece.
 *
 * The word copies do without the hardened-usercopy object check: the
 * callers copy into and out of their own buffers (the ioctl argument, an
 * operation's IV, digest and data buffer) with lengths checked against
 * those buffers' sizes beforehand.
 */
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ucopy.h"

#define OCF_UCOPY_WORDS	4096

/*
 * One machine word at any alignment.  Inside the user-access window the
 * kernel side is read and written through this rather than memcpy(): a
 * sanitizer may turn a memcpy() into a call, and no calls are allowed
 * while user access is open (objtool checks it).
 */
struct ocf_word {
	unsigned long w;
} __packed;

/*
 * Whether @v can go through one window, word by word: each piece is
 * within the user address space and the total is small.  Pieces past the
 * first are checked here; user_access_begin() checks the first.
 */
static bool words_ok(const struct ocf_uvec *v, unsigned int n)
{
	size_t total = 0;
	unsigned int i;

	if (!IS_ENABLED(CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS))
		return false;
	for (i = 0; i < n; i++) {
		if (v[i].len > OCF_UCOPY_WORDS)
			return false;
		total += v[i].len;
		if (i && !access_ok(v[i].u, v[i].len))
			return false;
	}
	return total <= OCF_UCOPY_WORDS;
}

/**
 * ocf_copy_in_vec() - copy pieces of user memory into the kernel
 * @v: the pieces
 * @n: how many
 *
 * Return: 0, or -EFAULT (then the kernel side holds a part of the data).
 */
int ocf_copy_in_vec(const struct ocf_uvec *v, unsigned int n)
{
	unsigned int i;

	/* A scalar (a session id, a flag word): as get_user() does it. */
	if (n == 1 && v->len == sizeof(u32) &&
	    IS_ENABLED(CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS)) {
		u32 w;

		if (get_user(w, (const u32 __user *)v->u))
			return -EFAULT;
		memcpy(v->k, &w, sizeof(w));
		return 0;
	}
	if (!words_ok(v, n)) {
		for (i = 0; i < n; i++)
			if (copy_from_user(v[i].k, v[i].u, v[i].len))
				return -EFAULT;
		return 0;
	}
	might_fault();
	if (!user_access_begin(v[0].u, v[0].len))
		return -EFAULT;
	for (i = 0; i < n; i++) {
		const u8 __user *s = v[i].u;
		size_t len = v[i].len;
		u8 *d = v[i].k;

		for (; len >= sizeof(long); len -= sizeof(long)) {
			unsigned long w;

			unsafe_get_user(w, (const unsigned long __user *)s, fault);
			((struct ocf_word *)d)->w = w;
			s += sizeof(long);
			d += sizeof(long);
		}
		for (; len; len--)
			unsafe_get_user(*d++, s++, fault);
	}
	user_access_end();
	return 0;
fault:
	user_access_end();
	return -EFAULT;
}

/**
 * ocf_copy_out_vec() - copy pieces of kernel memory to user space
 * @v: the pieces
 * @n: how many
 *
 * Return: 0, or -EFAULT (then a part of the user side may be written).
 */
int ocf_copy_out_vec(const struct ocf_uvec *v, unsigned int n)
{
	unsigned int i;

	if (n == 1 && v->len == sizeof(u32) &&
	    IS_ENABLED(CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS)) {
		u32 w;

		memcpy(&w, v->k, sizeof(w));
		return put_user(w, (u32 __user *)v->u) ? -EFAULT : 0;
	}
	if (!words_ok(v, n)) {
		for (i = 0; i < n; i++)
			if (copy_to_user(v[i].u, v[i].k, v[i].len))
				return -EFAULT;
		return 0;
	}
	might_fault();
	if (!user_access_begin(v[0].u, v[0].len))
		return -EFAULT;
	for (i = 0; i < n; i++) {
		u8 __user *d = v[i].u;
		size_t len = v[i].len;
		const u8 *s = v[i].k;

		for (; len >= sizeof(long); len -= sizeof(long)) {
			unsigned long w;

			w = ((const struct ocf_word *)s)->w;
			unsafe_put_user(w, (unsigned long __user *)d, fault);
			s += sizeof(long);
			d += sizeof(long);
		}
		for (; len; len--)
			unsafe_put_user(*s++, d++, fault);
	}
	user_access_end();
	return 0;
fault:
	user_access_end();
	return -EFAULT;
}

/**
 * ocf_wipe() - clear memory that held secrets or user data, as
 *	memzero_explicit() does, with word stores for small lengths
 * @p: the memory
 * @len: bytes
 *
 * The stores are volatile: the compiler can neither drop them nor turn the
 * loop back into a call of memset().
 */
void ocf_wipe(void *p, size_t len)
{
	u8 *b = p;

	if (len > OCF_UCOPY_WORDS) {
		memzero_explicit(p, len);
		return;
	}
	for (; len && !IS_ALIGNED((unsigned long)b, sizeof(long)); len--)
		WRITE_ONCE(*b++, 0);
	for (; len >= sizeof(long); len -= sizeof(long), b += sizeof(long))
		WRITE_ONCE(*(unsigned long *)b, 0);
	for (; len; len--)
		WRITE_ONCE(*b++, 0);
}
