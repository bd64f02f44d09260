/* SPDX-License-Identifier: GPL-2.0 */
/* ocf-pipe-test -b: the pipeline benchmark (ocf-pipe-bench.c) */
#ifndef OCF_PIPE_BENCH_H
#define OCF_PIPE_BENCH_H

int ocf_pipe_bench(const char *drivers, double secs);

#endif
