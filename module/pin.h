/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_PIN_H
#define _OCF_PIN_H

#include <linux/scatterlist.h>
#include <linux/types.h>

struct mm_struct;

/* Pages a small range describes without an allocation: 4 KiB, unaligned. */
#define OCF_UMEM_FEW	2

/**
 * struct ocf_umem - a range of user memory pinned for the kernel to use
 * @pages: the pinned pages
 * @npages: how many
 * @offset: offset of the range in the first page
 * @len: length of the range
 * @write: pinned for writing (the kernel writes results there)
 * @few: @pages of a range of at most OCF_UMEM_FEW pages, not allocated
 */
struct ocf_umem {
	struct page **pages;
	unsigned int npages;
	unsigned int offset;
	size_t len;
	bool write;
	struct page *few[OCF_UMEM_FEW];
};

int ocf_umem_pin(struct ocf_umem *m, const void __user *addr, size_t len,
		 bool write);
void ocf_umem_unpin(struct ocf_umem *m);
int ocf_umem_sg(struct sg_table *sgt, struct scatterlist *few,
		unsigned int nfew, const void *prefix, size_t prefix_len,
		const struct ocf_umem *m, size_t len);
void ocf_umem_copy_to(const struct ocf_umem *m, size_t off, const void *src,
		      size_t len);

bool ocf_ranges_overlap(const void __user *a, size_t alen,
			const void __user *b, size_t blen);

#endif /* _OCF_PIN_H */
