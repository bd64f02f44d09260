// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics for administrators, in debugfs (readable by root only):
 *   ocf/stats  one line per driver that served a session: sessions,
 *              operations, bytes and errors (the counters live in driver.c)
 *   ocf/live   sessions, operations and pinned pages held right now
 *   ocf/ktls   TLS 1.3 key updates done (OCF_IOC_TLS13_UPDATE) per
 *              direction, and those that failed
 *   ocf/tls    records sealed, opened and rejected in CIOCAUTHCRYPT's TLS
 *              mode
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "driver.h"
#include "stats.h"
#include "tls13.h"

static struct dentry *ocf_debugfs;

struct ocf_live ocf_live;
DEFINE_PER_CPU(long, ocf_live_ops);
struct ocf_tls_records ocf_tls_records;

static int stats_open(struct inode *inode, struct file *file)
{
	return single_open(file, ocf_driver_stats_show, NULL);
}

static const struct file_operations stats_fops = {
	.owner = THIS_MODULE,
	.open = stats_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int live_show(struct seq_file *m, void *unused)
{
	long ops = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		ops += READ_ONCE(per_cpu(ocf_live_ops, cpu));
	seq_printf(m, "sessions %ld\nops %ld\npinned_pages %ld\n",
		   atomic_long_read(&ocf_live.sessions), ops,
		   atomic_long_read(&ocf_live.pinned_pages));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(live);

static int ktls_show(struct seq_file *m, void *unused)
{
	u64 tx, rx, errors;

	ocf_tls13_update_stats(&tx, &rx, &errors);
	seq_printf(m, "key_updates_tx %llu\nkey_updates_rx %llu\nkey_update_errors %llu\n",
		   tx, rx, errors);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ktls);

static int tls_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "records_sealed %lld\nrecords_opened %lld\nrecords_rejected %lld\n",
		   atomic64_read(&ocf_tls_records.sealed),
		   atomic64_read(&ocf_tls_records.opened),
		   atomic64_read(&ocf_tls_records.rejected));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tls);

/* Statistics are optional: without debugfs the module works all the same. */
void ocf_stats_init(void)
{
	ocf_debugfs = debugfs_create_dir("ocf", NULL);
	debugfs_create_file("stats", 0400, ocf_debugfs, NULL, &stats_fops);
	debugfs_create_file("live", 0400, ocf_debugfs, NULL, &live_fops);
	debugfs_create_file("ktls", 0400, ocf_debugfs, NULL, &ktls_fops);
	debugfs_create_file("tls", 0400, ocf_debugfs, NULL, &tls_fops);
}

void ocf_stats_exit(void)
{
	debugfs_remove_recursive(ocf_debugfs);
}
