/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_KTLS_H
#define _OCF_KTLS_H

struct ocf_file;
struct ocf_ktls_attach;

long ocf_ktls_attach(struct ocf_file *f, struct ocf_ktls_attach *a);

#endif /* _OCF_KTLS_H */
