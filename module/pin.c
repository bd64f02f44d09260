// SPDX-License-Identifier: GPL-2.0
/*
 * User memory for zero-copy: pin the caller's pages and describe them with
 * a scatterlist, so drivers read and write them in place.
 *
 * Pages are pinned with FOLL_WRITE only where the kernel writes; a source
 * mapped read-only (PROT_READ, a read-only file mapping) is pinned without
 * it and never written.  Pinning is FOLL_PIN (pin_user_pages_fast), so
 * fork() copies a pinned anonymous page for the child instead of sharing it
 * copy-on-write, and munmap() of a range under operation leaves the pages
 * alive until they are unpinned.  Pages written by the kernel are marked
 * dirty when unpinned.  Accounting to RLIMIT_MEMLOCK is the caller's: only
 * requests that outlive the system call (async.c) account.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "pin.h"
#include "stats.h"

/**
 * ocf_umem_pin() - pin a user range
 * @m: filled in
 * @addr: start of the range
 * @len: its length (not 0)
 * @write: the kernel will write to the range
 *
 * Return: 0, -EFAULT when part of the range is not mapped (or not writable
 * for @write), -ENOMEM.
 */
int ocf_umem_pin(struct ocf_umem *m, const void __user *addr, size_t len,
		 bool write)
{
	unsigned long start = (unsigned long)addr;
	unsigned long first = start >> PAGE_SHIFT;
	unsigned long last;
	int n, got;

	m->pages = NULL;
	m->npages = 0;
	m->len = 0;
	if (!len || start + len < start || !access_ok(addr, len))
		return -EFAULT;
	last = (start + len - 1) >> PAGE_SHIFT;
	n = last - first + 1;
	if (n <= OCF_UMEM_FEW)
		m->pages = m->few;
	else
		m->pages = kvmalloc_array(n, sizeof(*m->pages), GFP_KERNEL_ACCOUNT);
	if (!m->pages)
		return -ENOMEM;
	got = pin_user_pages_fast(start & PAGE_MASK, n, write ? FOLL_WRITE : 0,
				  m->pages);
	if (got != n) {
		if (got > 0)
			unpin_user_pages(m->pages, got);
		if (m->pages != m->few)
			kvfree(m->pages);
		m->pages = NULL;
		return got < 0 && got != -EFAULT ? got : -EFAULT;
	}
	atomic_long_add(n, &ocf_live.pinned_pages);
	m->npages = n;
	m->offset = offset_in_page(start);
	m->len = len;
	m->write = write;
	return 0;
}

/**
 * ocf_umem_unpin() - release a pinned range (process context)
 * @m: the range; may be empty
 */
void ocf_umem_unpin(struct ocf_umem *m)
{
	if (!m->pages)
		return;
	if (m->write)
		unpin_user_pages_dirty_lock(m->pages, m->npages, true);
	else
		unpin_user_pages(m->pages, m->npages);
	atomic_long_sub(m->npages, &ocf_live.pinned_pages);
	if (m->pages != m->few)
		kvfree(m->pages);
	m->pages = NULL;
	m->npages = 0;
	m->len = 0;
}

/**
 * ocf_umem_sg() - scatterlist of an optional kernel prefix then user pages
 * @sgt: the table to fill: allocated, unless @few entries are enough (then
 *	its orig_nents stays 0: nothing to free)
 * @few: entries the caller has for a short list
 * @nfew: how many
 * @prefix: kernel buffer first (AEAD associated data), or NULL; kmalloc or
 *	vmalloc memory
 * @prefix_len: its length
 * @m: pinned range
 * @len: bytes of @m to describe (at most m->len)
 *
 * Return: 0, -EINVAL when there is nothing to describe, or -ENOMEM.
 */
int ocf_umem_sg(struct sg_table *sgt, struct scatterlist *few,
		unsigned int nfew, const void *prefix, size_t prefix_len,
		const struct ocf_umem *m, size_t len)
{
	bool vmem = prefix_len && is_vmalloc_addr(prefix);
	unsigned int off = m->offset, i, n = 0;
	struct scatterlist *sg;

	/* A kvmalloc()ed prefix may be vmalloc memory: one entry per page. */
	if (prefix_len)
		n = vmem ? DIV_ROUND_UP(offset_in_page(prefix) + prefix_len,
					PAGE_SIZE) : 1;
	n += len ? DIV_ROUND_UP(off + len, PAGE_SIZE) : 0;
	if (!n)
		return -EINVAL;
	if (n <= nfew) {
		sg_init_table(few, n);
		sgt->sgl = few;
		sgt->nents = n;
	} else if (sg_alloc_table(sgt, n, GFP_KERNEL_ACCOUNT)) {
		return -ENOMEM;
	}
	sg = sgt->sgl;
	if (prefix_len && !vmem) {
		sg_set_buf(sg, prefix, prefix_len);
		sg = sg_next(sg);
	}
	while (vmem && prefix_len) {
		size_t pg_off = offset_in_page(prefix);
		size_t chunk = min_t(size_t, PAGE_SIZE - pg_off, prefix_len);

		sg_set_page(sg, vmalloc_to_page(prefix), chunk, pg_off);
		sg = sg_next(sg);
		prefix += chunk;
		prefix_len -= chunk;
	}
	for (i = 0; len; i++, sg = sg_next(sg)) {
		size_t chunk = min_t(size_t, PAGE_SIZE - off, len);

		sg_set_page(sg, m->pages[i], chunk, off);
		len -= chunk;
		off = 0;
	}
	return 0;
}

/**
 * ocf_umem_copy_to() - write kernel bytes into a pinned range
 * @m: the range, pinned for writing
 * @off: offset in the range
 * @src: bytes
 * @len: how many; @off + @len at most m->len
 *
 * Safe in any context.
 */
void ocf_umem_copy_to(const struct ocf_umem *m, size_t off, const void *src,
		      size_t len)
{
	off += m->offset;
	while (len) {
		size_t pg_off = offset_in_page(off);
		size_t chunk = min_t(size_t, PAGE_SIZE - pg_off, len);

		memcpy_to_page(m->pages[off >> PAGE_SHIFT], pg_off, src, chunk);
		src += chunk;
		off += chunk;
		len -= chunk;
	}
}

/**
 * ocf_ranges_overlap() - do two user ranges share a byte?
 * @a: first range
 * @alen: its length
 * @b: second range
 * @blen: its length
 */
bool ocf_ranges_overlap(const void __user *a, size_t alen,
			const void __user *b, size_t blen)
{
	unsigned long x = (unsigned long)a, y = (unsigned long)b;

	return alen && blen && x < y + blen && y < x + alen;
}
