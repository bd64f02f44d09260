/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_KTLS_ROUTE_H
#define _OCF_KTLS_ROUTE_H

#include <linux/types.h>

struct aead_instance;
struct ocf_session;

/**
 * struct ocf_ktls_route - one attach's routing (ktls_route.c)
 * @inst: the routing instance while registered, else NULL
 */
struct ocf_ktls_route {
	struct aead_instance *inst;
};

int ocf_ktls_route_begin(struct ocf_ktls_route *r, const struct ocf_session *s);
bool ocf_ktls_route_end(struct ocf_ktls_route *r);

int ocf_ktls_route_init(void);
void ocf_ktls_route_exit(void);

#endif /* _OCF_KTLS_ROUTE_H */
