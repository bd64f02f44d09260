// SPDX-License-Identifier: GPL-2.0
/*
 * ocfctl: what /dev/crypto offers.
 *
 *   ocfctl list [--json]      every algorithm and driver, marked hw or sw
 *   ocfctl info NAME          the drivers of an algorithm (or one driver)
 *   ocfctl features           what this /dev/crypto implements, its limits
 *   ocfctl finddev NAME|ID    driver name <-> driver id (crid)
 *   ocfctl stats              per-driver counters, then the kTLS bridge's
 *                             key updates (root: debugfs)
 *
 * Speaks only the ioctls of include/uapi/crypto/cryptodev.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <crypto/cryptodev.h>

#define STATS_PATH "/sys/kernel/debug/ocf/stats"
#define KTLS_STATS_PATH "/sys/kernel/debug/ocf/ktls"

static const char *dev = "/dev/crypto";

static int open_dev(void)
{
	int fd = open(dev, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "ocfctl: %s: %s\n", dev, strerror(errno));
		exit(1);
	}
	return fd;
}

static const char *type_name(unsigned int type)
{
	switch (type) {
	case OCF_TYPE_CIPHER:
		return "cipher";
	case OCF_TYPE_HASH:
		return "hash";
	case OCF_TYPE_AEAD:
		return "aead";
	}
	return "?";
}

/* All entries matching @filter (empty: all); the caller frees them. */
static struct ocf_alg_entry *fetch(int fd, const char *filter, unsigned int *n)
{
	struct ocf_alg_list req;
	struct ocf_alg_entry *e = NULL;

	for (;;) {
		memset(&req, 0, sizeof(req));
		snprintf(req.filter, sizeof(req.filter), "%s", filter);
		req.capacity = *n;
		req.entries = (uintptr_t)e;
		if (ioctl(fd, OCF_IOC_LIST_ALGS, &req)) {
			fprintf(stderr, "ocfctl: OCF_IOC_LIST_ALGS: %s\n",
				strerror(errno));
			exit(1);
		}
		if (req.count <= *n)
			break;
		/* Sized too small (or the list grew): ask again. */
		free(e);
		*n = req.count + 16;
		e = calloc(*n, sizeof(*e));
		if (!e) {
			perror("ocfctl");
			exit(1);
		}
	}
	*n = req.count;
	return e;
}

static void print_table(const struct ocf_alg_entry *e, unsigned int n)
{
	unsigned int i;

	printf("%-6s %-32s %-36s %5s %-2s %-5s %5s %4s\n", "type", "name",
	       "driver", "prio", "hw", "async", "crid", "id");
	for (i = 0; i < n; i++)
		printf("%-6s %-32s %-36s %5u %-2s %-5s %5u %4s\n",
		       type_name(e[i].type), e[i].name, e[i].driver,
		       e[i].priority,
		       e[i].flags & OCF_ALG_F_HARDWARE ? "hw" : "sw",
		       e[i].flags & OCF_ALG_F_ASYNC ? "async" : "sync",
		       e[i].crid, e[i].alg_id ? "" : "-");
}

static void print_json(const struct ocf_alg_entry *e, unsigned int n)
{
	unsigned int i;

	printf("[\n");
	for (i = 0; i < n; i++)
		printf("  {\"type\": \"%s\", \"name\": \"%s\", \"driver\": \"%s\", "
		       "\"module\": \"%s\", \"priority\": %u, \"hardware\": %s, "
		       "\"async\": %s, \"crid\": %u, \"alg_id\": %u, "
		       "\"blocksize\": %u, \"ivsize\": %u, \"min_keysize\": %u, "
		       "\"max_keysize\": %u, \"digestsize\": %u}%s\n",
		       type_name(e[i].type), e[i].name, e[i].driver, e[i].module,
		       e[i].priority,
		       e[i].flags & OCF_ALG_F_HARDWARE ? "true" : "false",
		       e[i].flags & OCF_ALG_F_ASYNC ? "true" : "false",
		       e[i].crid, e[i].alg_id, e[i].blocksize, e[i].ivsize,
		       e[i].min_keysize, e[i].max_keysize, e[i].digestsize,
		       i + 1 < n ? "," : "");
	printf("]\n");
}

static int cmd_list(int argc, char **argv)
{
	unsigned int n = 0;
	struct ocf_alg_entry *e = fetch(open_dev(), "", &n);

	if (argc > 1 && !strcmp(argv[1], "--json"))
		print_json(e, n);
	else
		print_table(e, n);
	free(e);
	return 0;
}

static int cmd_info(int argc, char **argv)
{
	struct ocf_alg_entry *e;
	unsigned int n = 0, i;

	if (argc < 2) {
		fprintf(stderr, "usage: ocfctl info NAME\n");
		return 2;
	}
	e = fetch(open_dev(), argv[1], &n);
	if (!n) {
		fprintf(stderr, "ocfctl: %s: no such algorithm or driver\n", argv[1]);
		return 1;
	}
	for (i = 0; i < n; i++) {
		printf("%s\n", e[i].driver);
		printf("  algorithm   %s (%s)\n", e[i].name, type_name(e[i].type));
		printf("  module      %s\n", e[i].module);
		printf("  priority    %u\n", e[i].priority);
		printf("  class       %s, %s\n",
		       e[i].flags & OCF_ALG_F_HARDWARE ? "hardware" : "software",
		       e[i].flags & OCF_ALG_F_ASYNC ? "asynchronous" : "synchronous");
		printf("  crid        %u\n", e[i].crid);
		if (e[i].alg_id)
			printf("  legacy id   %u\n", e[i].alg_id);
		printf("  block size  %u\n", e[i].blocksize);
		if (e[i].type != OCF_TYPE_HASH)
			printf("  iv size     %u\n  key sizes   %u..%u\n",
			       e[i].ivsize, e[i].min_keysize, e[i].max_keysize);
		if (e[i].digestsize)
			printf("  %s %u\n", e[i].type == OCF_TYPE_AEAD ?
			       "max tag    " : "digest size", e[i].digestsize);
	}
	free(e);
	return 0;
}

static int cmd_features(void)
{
	struct ocf_features f;
	static const char *const names[] = {
		"by-name", "driver-select", "compat32", "alg-list", "zerocopy",
		"async", "batch", "ktls", "key-update",
	};
	unsigned int i;

	if (ioctl(open_dev(), OCF_IOC_GET_FEATURES, &f)) {
		fprintf(stderr, "ocfctl: no OCF extensions (%s)\n", strerror(errno));
		return 1;
	}
	printf("api version   %u\nfeatures     ", f.api_version);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f.features & (1ULL << i))
			printf(" %s", names[i]);
	printf("\nmax sessions  %u\nmax request   %u\nmax queue     %u\n"
	       "zc threshold  %u\n", f.max_sessions, f.max_request,
	       f.max_queue, f.zc_threshold);
	return 0;
}

static int cmd_finddev(int argc, char **argv)
{
	struct ocf_find_op fo;
	char *end;

	if (argc < 2) {
		fprintf(stderr, "usage: ocfctl finddev NAME|ID\n");
		return 2;
	}
	memset(&fo, 0, sizeof(fo));
	fo.crid = strtol(argv[1], &end, 0);
	if (*end || end == argv[1]) {
		fo.crid = -1;
		snprintf(fo.name, sizeof(fo.name), "%s", argv[1]);
	}
	if (ioctl(open_dev(), OCF_IOC_FINDDEV, &fo)) {
		fprintf(stderr, "ocfctl: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("%d %s\n", fo.crid, fo.name);
	return 0;
}

static int cmd_stats(void)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(STATS_PATH, "r");

	if (!f) {
		fprintf(stderr, "ocfctl: %s: %s (root, and debugfs mounted?)\n",
			STATS_PATH, strerror(errno));
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(f);
	/* TLS 1.3 key updates of the kTLS bridge, module-wide. */
	f = fopen(KTLS_STATS_PATH, "r");
	if (f) {
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, n, stdout);
		fclose(f);
	}
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ocfctl [-d DEVICE] COMMAND\n"
		"  list [--json]      algorithms and drivers, hw or sw\n"
		"  info NAME          drivers of an algorithm, or one driver\n"
		"  features           implemented extensions and limits\n"
		"  finddev NAME|ID    driver name <-> driver id\n"
		"  stats              per-driver counters (root)\n");
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "-d")) {
		dev = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "list"))
		return cmd_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "info"))
		return cmd_info(argc - 1, argv + 1);
	if (!strcmp(argv[1], "features"))
		return cmd_features();
	if (!strcmp(argv[1], "finddev"))
		return cmd_finddev(argc - 1, argv + 1);
	if (!strcmp(argv[1], "stats"))
		return cmd_stats();
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	usage(stderr);
	return 2;
}
