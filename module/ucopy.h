/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_UCOPY_H
#define _OCF_UCOPY_H

#include <linux/types.h>

/**
 * struct ocf_uvec - one piece of a copy between user space and the kernel
 * @k: kernel side
 * @u: user side
 * @len: bytes; 0 skips the piece
 */
struct ocf_uvec {
	void *k;
	void __user *u;
	size_t len;
};

int ocf_copy_in_vec(const struct ocf_uvec *v, unsigned int n);
int ocf_copy_out_vec(const struct ocf_uvec *v, unsigned int n);
void ocf_wipe(void *p, size_t len);

/* ocf_copy_in() - copy @len bytes from user @src to @dst: 0 or -EFAULT */
static inline int ocf_copy_in(void *dst, const void __user *src, size_t len)
{
	struct ocf_uvec v = { dst, (void __user *)src, len };

	return ocf_copy_in_vec(&v, 1);
}

/* ocf_copy_out() - copy @len bytes from @src to user @dst: 0 or -EFAULT */
static inline int ocf_copy_out(void __user *dst, const void *src, size_t len)
{
	struct ocf_uvec v = { (void *)src, dst, len };

	return ocf_copy_out_vec(&v, 1);
}

#endif /* _OCF_UCOPY_H */
