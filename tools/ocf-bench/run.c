// SPDX-License-Identifier: GPL-2.0
/*
 * ocf-bench: measuring figures.
 *
 * Each of a figure's threads sets its path up (its own descriptor,
 * session, socket or context and its own buffers), then all run a warm-up
 * round; timed rounds are started one at a time by the caller, so that
 * the rounds of the figures compared with each other can be interleaved
 * (main.c): a figure's threads wait on a barrier between rounds.  In a
 * round a thread does operations in chunks that double while a chunk
 * takes less than 1/32 of the round, so that the clock (a system call
 * under TCG, where the clocksource is the HPET) is read rarely; the round
 * ends at the first chunk that ends past the round time.  A round's figure
 * is the sum over threads of operations / elapsed time; the result is the
 * median of the rounds, with their minimum and maximum.  An error in any
 * thread voids the figure (the rounds still run, without it).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

struct team {
	struct worker *w;
	pthread_t *tid;
	int nt;
	pthread_barrier_t bar;
	bool stop;
	double round_s;
	struct result *r;
};

static void pin(int cpu)
{
	cpu_set_t set;
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (cpu < 0 || n < 1)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu % n, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static int worker_alloc(struct worker *w)
{
	size_t i, len;

	w->stride = (w->size + AAD_MAX + TAG_MAX + 16 + DIGEST_MAX + 4095) &
		    ~(size_t)4095;
	len = w->stride * 2 * w->depth;
	w->mem = aligned_alloc(4096, len + 3 * 4096);
	if (!w->mem)
		return ENOMEM;
	/* The contents do not matter; touching every page does. */
	memset(w->mem, 0x5a, len);
	w->key = w->mem + len;
	w->aad = w->key + 4096;
	w->iv = w->aad + 4096;
	for (i = 0; i < 64; i++) {
		w->key[i] = 0x40 + i;
		w->aad[i] = 0xa0 + i;
		w->iv[i] = 0x10 + i;
	}
	return 0;
}

/* One round: operations until @secs have passed. */
static void work(struct worker *w, double secs)
{
	double t0 = now_s(), last = t0, t;
	long n = 1, r;

	w->done = 0;
	for (;;) {
		r = w->path->run(w, n);
		if (r < 0) {
			w->err = -r;
			break;
		}
		w->done += r;
		t = now_s();
		if (t - t0 >= secs)
			break;
		if (t - last < secs / 32 && n < (1L << 20))
			n *= 2;
		last = t;
	}
	w->elapsed = now_s() - t0;
}

static void *thread_main(void *arg)
{
	struct worker *w = arg;
	struct team *t = w->priv;

	w->priv = NULL;
	pin(w->cpu);
	w->err = worker_alloc(w);
	if (!w->err)
		w->err = w->path->setup(w);
	pthread_barrier_wait(&t->bar);		/* set up */
	for (;;) {
		pthread_barrier_wait(&t->bar);	/* a round starts, or stop */
		if (t->stop)
			break;
		if (!w->err)
			work(w, t->round_s);
		pthread_barrier_wait(&t->bar);	/* the round ended */
	}
	if (w->path->drain && !w->err)
		w->path->drain(w);
	w->path->teardown(w);
	free(w->mem);
	return NULL;
}

static int first_err(struct team *t)
{
	int i;

	for (i = 0; i < t->nt; i++)
		if (t->w[i].err)
			return t->w[i].err;
	return 0;
}

/**
 * figure_start() - set a figure's threads up and run its warm-up round
 *
 * Return: the running figure, or NULL when set-up failed (r->err says why).
 */
struct team *figure_start(const struct spec *s, const struct alg *a,
			  enum path_id p, unsigned int depth, size_t size,
			  struct result *r)
{
	int i, nt = s->threads > 0 ? s->threads : 1;
	struct team *t = calloc(1, sizeof(*t));

	memset(r, 0, sizeof(*r));
	r->alg = a;
	r->path = p;
	r->crid = s->crid;
	r->depth = paths[p]->depth ? depth : 0;
	r->size = size;
	r->threads = nt;
	r->cpu = s->cpu;
	r->spread = s->spread;
	if (!t)
		die("out of memory");
	t->r = r;
	t->nt = nt;
	t->tid = calloc(nt, sizeof(*t->tid));
	t->w = calloc(nt, sizeof(*t->w));
	if (!t->tid || !t->w)
		die("out of memory");
	pthread_barrier_init(&t->bar, NULL, nt + 1);
	for (i = 0; i < nt; i++) {
		struct worker *w = &t->w[i];

		w->alg = a;
		w->path = paths[p];
		w->crid = s->crid;
		w->size = size;
		w->depth = r->depth ? r->depth : 1;
		w->cpu = s->cpu < 0 && !s->spread ? -1 :
			 (s->cpu < 0 ? 0 : s->cpu) + (s->spread ? i : 0);
		w->fd = w->fd2 = w->pipe[0] = w->pipe[1] = -1;
		w->priv = t;
		if (p == P_AFALG || p == P_SPLICE)
			cdev_driver(a, s->crid, w->driver, sizeof(w->driver));
		if (pthread_create(&t->tid[i], NULL, thread_main, w))
			die("pthread_create: %s", strerror(errno));
	}
	pthread_barrier_wait(&t->bar);
	r->err = first_err(t);
	snprintf(r->driver, sizeof(r->driver), "%s", t->w[0].driver);
	if (r->err) {
		figure_end(t);
		return NULL;
	}
	figure_round(t, true);
	return t;
}

/* One round of every thread of the figure; a warm-up round is not kept. */
void figure_round(struct team *t, bool warmup)
{
	struct result *r = t->r;
	double sum = 0;
	int j;

	t->round_s = warmup ? opt.warmup_s : opt.round_s;
	pthread_barrier_wait(&t->bar);		/* start */
	pthread_barrier_wait(&t->bar);		/* ended */
	if (!first_err(t) && !warmup && r->nrounds < MAX_ROUNDS) {
		for (j = 0; j < t->nt; j++)
			sum += t->w[j].done / t->w[j].elapsed;
		r->ops[r->nrounds++] = sum;
	}
}

/* Stop the threads, tear down, and compute the figure's statistics. */
void figure_end(struct team *t)
{
	struct result *r = t->r;
	int i;

	t->stop = true;
	pthread_barrier_wait(&t->bar);
	for (i = 0; i < t->nt; i++)
		pthread_join(t->tid[i], NULL);
	if (!r->err)
		r->err = first_err(t);
	pthread_barrier_destroy(&t->bar);
	if (!r->err && r->nrounds) {
		double mb[MAX_ROUNDS];

		stat3_of(r->ops, r->nrounds, &r->o);
		for (i = 0; i < r->nrounds; i++)
			mb[i] = r->ops[i] * r->size / 1e6;
		stat3_of(mb, r->nrounds, &r->m);
	}
	free(t->w);
	free(t->tid);
	free(t);
}
