/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_TLS13_H
#define _OCF_TLS13_H

struct ocf_file;
struct ocf_tls13_session;

long ocf_tls13_session(struct ocf_file *f, struct ocf_tls13_session *op);

bool ocf_tls13_selftest(void);

#endif /* _OCF_TLS13_H */
