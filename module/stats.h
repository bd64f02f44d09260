/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OCF_STATS_H
#define _OCF_STATS_H

void ocf_stats_init(void);
void ocf_stats_exit(void);

#endif /* _OCF_STATS_H */
