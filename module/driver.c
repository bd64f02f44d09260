// SPDX-License-Identifier: GPL-2.0
/*
 * Drivers: which kernel implementation serves a session, whether it is
 * hardware, the ids user space names drivers by, and the list of what
 * /dev/crypto can use.
 *
 * The hardware rule.  The crypto API does not say which implementations
 * run on a device: CRYPTO_ALG_KERN_DRIVER_ONLY is set by some device
 * drivers (CAAM, CCP, QAT) but not by others (virtio-crypto).  A driver is
 * hardware when, in this order:
 *
 *  1. an administrator lists it (driver or module name) in the module
 *     parameter hw_drivers (or sw_drivers: software);
 *  2. it sets CRYPTO_ALG_KERN_DRIVER_ONLY;
 *  3. it is synchronous: software (CPU instructions or C);
 *  4. it is a template instance ("gcm_base(ctr-aes-aesni,ghash-generic)",
 *     "cryptd(__cbc-aes-aesni)"): hardware if any driver inside it is;
 *  5. it is a SIMD or cryptd wrapper, recognised by the internal algorithm
 *     it wraps: one named "__" + its driver name, or any internal
 *     algorithm registered by the same module (ghash-clmulni wraps
 *     __ghash-pclmulqdqni): software;
 *  6. otherwise it is asynchronous and wraps nothing we know: hardware.
 *
 * Locking: walks of the crypto API's list hold crypto_alg_sem for reading;
 * driver_ids_lock (a mutex) nests inside it.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/rwsem.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <crypto/cryptodev.h>

#include "algs.h"
#include "driver.h"

static char *hw_drivers = "";
module_param(hw_drivers, charp, 0444);
MODULE_PARM_DESC(hw_drivers, "Comma-separated driver or module names to treat as hardware (default: none)");

static char *sw_drivers = "";
module_param(sw_drivers, charp, 0444);
MODULE_PARM_DESC(sw_drivers, "Comma-separated driver or module names to treat as software (default: none)");

/* Most entries one OCF_IOC_LIST_ALGS call returns, and most driver ids. */
#define OCF_MAX_LIST	4096
#define OCF_MAX_DRIVERS	4096
#define OCF_RULE_DEPTH	4

/**
 * struct ocf_driver_count - what one CPU counted of a driver's operations
 * @ops: operations completed (successful or not)
 * @bytes: bytes of data those operations processed
 * @errors: operations that failed (EBADMSG included)
 */
struct ocf_driver_count {
	u64 ops;
	u64 bytes;
	u64 errors;
};

/**
 * struct ocf_driver_entry - a driver /dev/crypto has used or named
 * @node: in driver_ids; entries live until the module is unloaded
 * @id: the driver id user space sees (crid)
 * @name: driver name (cra_driver_name)
 * @sessions: sessions created on it
 * @count: per-CPU counts of its operations (counted on every operation,
 *	so without a shared cache line or a locked instruction)
 */
struct ocf_driver_entry {
	struct list_head node;
	u32 id;
	char name[CRYPTO_MAX_ALG_NAME];
	atomic64_t sessions;
	struct ocf_driver_count __percpu *count;
};

static LIST_HEAD(driver_ids);
static DEFINE_MUTEX(driver_ids_lock);	/* protects driver_ids, next_driver_id */
static u32 next_driver_id = 1;

static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	if (!p || !n)
		return false;
	while (*p) {
		const char *end = strchrnul(p, ',');

		if (end - p == n && !strncmp(p, name, n))
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

static const char *alg_module_name(const struct crypto_alg *alg)
{
	return alg->cra_module ? module_name(alg->cra_module) : "kernel";
}

static bool alg_usable(const struct crypto_alg *alg)
{
	return !(alg->cra_flags & (CRYPTO_ALG_LARVAL | CRYPTO_ALG_DEAD |
				   CRYPTO_ALG_INTERNAL));
}

/* Caller holds crypto_alg_sem. */
static struct crypto_alg *find_driver_locked(const char *driver, bool internal)
{
	struct crypto_alg *alg;

	lockdep_assert_held(&crypto_alg_sem);
	list_for_each_entry(alg, &crypto_alg_list, cra_list) {
		if (alg->cra_flags & (CRYPTO_ALG_LARVAL | CRYPTO_ALG_DEAD))
			continue;
		if (!!(alg->cra_flags & CRYPTO_ALG_INTERNAL) != internal)
			continue;
		if (!strcmp(alg->cra_driver_name, driver))
			return alg;
	}
	return NULL;
}

static bool is_hw_locked(const struct crypto_alg *alg, int depth);

/* Does @mod register an internal algorithm?  Caller holds crypto_alg_sem. */
static bool module_has_internal_locked(const struct module *mod)
{
	struct crypto_alg *alg;

	lockdep_assert_held(&crypto_alg_sem);
	list_for_each_entry(alg, &crypto_alg_list, cra_list)
		if (alg->cra_module == mod &&
		    (alg->cra_flags & CRYPTO_ALG_INTERNAL) &&
		    !(alg->cra_flags & (CRYPTO_ALG_LARVAL | CRYPTO_ALG_DEAD)))
			return true;
	return false;
}

/*
 * A template instance's driver name lists the drivers it is built from:
 * "tmpl(inner1,inner2(...))".  Words followed by '(' are template names.
 */
static bool template_has_hw_locked(const char *name, int depth)
{
	char word[CRYPTO_MAX_ALG_NAME];
	const char *p = name;

	while (*p) {
		size_t n = strcspn(p, "(),");

		if (n && p[n] != '(' && n < sizeof(word)) {
			struct crypto_alg *inner;

			memcpy(word, p, n);
			word[n] = '\0';
			inner = find_driver_locked(word, false);
			if (!inner)
				inner = find_driver_locked(word, true);
			if (inner && is_hw_locked(inner, depth + 1))
				return true;
		}
		p += n;
		if (*p)
			p++;
	}
	return false;
}

static bool is_hw_locked(const struct crypto_alg *alg, int depth)
{
	char inner[CRYPTO_MAX_ALG_NAME];
	const char *drv = alg->cra_driver_name;

	if (in_list(sw_drivers, drv) || in_list(sw_drivers, alg_module_name(alg)))
		return false;
	if (in_list(hw_drivers, drv) || in_list(hw_drivers, alg_module_name(alg)))
		return true;
	if (alg->cra_flags & CRYPTO_ALG_KERN_DRIVER_ONLY)
		return true;
	if (!(alg->cra_flags & CRYPTO_ALG_ASYNC))
		return false;
	if (strchr(drv, '('))
		return depth < OCF_RULE_DEPTH && template_has_hw_locked(drv, depth);
	if (snprintf(inner, sizeof(inner), "__%s", drv) < sizeof(inner) &&
	    find_driver_locked(inner, true))
		return false;
	if (alg->cra_module && module_has_internal_locked(alg->cra_module))
		return false;
	return true;
}

/**
 * ocf_registered_kind() - is a cipher name an AEAD or an skcipher?
 * @name: algorithm name (cra_name)
 *
 * Looks only at what is registered, so it loads no module.
 *
 * Return: OCF_TYPE_AEAD, OCF_TYPE_CIPHER, or 0 when nothing of that name
 * is registered yet (a template not instantiated so far).
 */
int ocf_registered_kind(const char *name)
{
	struct crypto_alg *alg;
	int kind = 0;

	down_read(&crypto_alg_sem);
	list_for_each_entry(alg, &crypto_alg_list, cra_list) {
		if (!alg_usable(alg) || strcmp(alg->cra_name, name))
			continue;
		if ((alg->cra_flags & CRYPTO_ALG_TYPE_MASK) == CRYPTO_ALG_TYPE_AEAD) {
			kind = OCF_TYPE_AEAD;
			break;
		}
		if (ocf_alg_type_is_skcipher(alg->cra_flags))
			kind = OCF_TYPE_CIPHER;
	}
	up_read(&crypto_alg_sem);
	return kind;
}

/**
 * ocf_tfm_is_hardware() - does a transform run on a hardware driver?
 * @tfm: the transform
 *
 * Applies the hardware rule at the top of this file.
 */
bool ocf_tfm_is_hardware(struct crypto_tfm *tfm)
{
	bool hw;

	down_read(&crypto_alg_sem);
	hw = is_hw_locked(tfm->__crt_alg, 0);
	up_read(&crypto_alg_sem);
	return hw;
}

enum ocf_kind { KIND_SKCIPHER, KIND_AEAD, KIND_HASH };

static bool type_matches(const struct crypto_alg *alg, enum ocf_kind kind)
{
	u32 type = alg->cra_flags & CRYPTO_ALG_TYPE_MASK;

	switch (kind) {
	case KIND_SKCIPHER:
		return ocf_alg_type_is_skcipher(alg->cra_flags);
	case KIND_AEAD:
		return type == CRYPTO_ALG_TYPE_AEAD;
	case KIND_HASH:
		return (type & ~1U) == CRYPTO_ALG_TYPE_HASH;	/* shash or ahash */
	}
	return false;
}

/* The highest-priority usable driver of @name in the wanted class. */
static bool best_driver(const char *name, enum ocf_kind kind, bool want_hw,
			char *out)
{
	struct crypto_alg *alg, *best = NULL;

	down_read(&crypto_alg_sem);
	list_for_each_entry(alg, &crypto_alg_list, cra_list) {
		if (!alg_usable(alg) || !type_matches(alg, kind) ||
		    strcmp(alg->cra_name, name))
			continue;
		if (!(alg->cra_flags & CRYPTO_ALG_TESTED))
			continue;
		if (is_hw_locked(alg, 0) != want_hw)
			continue;
		if (!best || alg->cra_priority > best->cra_priority)
			best = alg;
	}
	if (best)
		strscpy(out, best->cra_driver_name, CRYPTO_MAX_ALG_NAME);
	up_read(&crypto_alg_sem);
	return best;
}

struct tfm_ops {
	enum ocf_kind kind;
	void *(*alloc)(const char *name, u32 type, u32 mask);
	void (*free)(void *tfm);
	struct crypto_tfm *(*base)(void *tfm);
};

static void *skc_alloc(const char *n, u32 t, u32 m)
{
	return crypto_alloc_skcipher(n, t, m);
}

static void skc_free(void *tfm)
{
	crypto_free_skcipher(tfm);
}

static struct crypto_tfm *skc_base(void *tfm)
{
	return crypto_skcipher_tfm(tfm);
}

static void *aead_alloc(const char *n, u32 t, u32 m)
{
	return crypto_alloc_aead(n, t, m);
}

static void aead_free(void *tfm)
{
	crypto_free_aead(tfm);
}

static struct crypto_tfm *aead_base(void *tfm)
{
	return crypto_aead_tfm(tfm);
}

static void *hash_alloc(const char *n, u32 t, u32 m)
{
	return crypto_alloc_ahash(n, t, m);
}

static void hash_free(void *tfm)
{
	crypto_free_ahash(tfm);
}

static struct crypto_tfm *hash_base(void *tfm)
{
	return crypto_ahash_tfm(tfm);
}

static const struct tfm_ops skc_ops = {
	KIND_SKCIPHER, skc_alloc, skc_free, skc_base,
};

static const struct tfm_ops aead_ops = {
	KIND_AEAD, aead_alloc, aead_free, aead_base,
};

static const struct tfm_ops hash_ops = {
	KIND_HASH, hash_alloc, hash_free, hash_base,
};

/* Allocate an exact driver and check it implements @name. */
static void *alloc_driver(const struct tfm_ops *ops, const char *name,
			  const char *driver)
{
	void *tfm;

	/* It would fail its self-test, with a WARNING (compat.h). */
	if (!OCF_CRYPTD_AEAD_USABLE && ops->kind == KIND_AEAD &&
	    !strncmp(driver, "cryptd(", 7))
		return ERR_PTR(-ENOENT);
	tfm = ops->alloc(driver, 0, 0);

	if (IS_ERR(tfm))
		return tfm;
	if (strcmp(crypto_tfm_alg_name(ops->base(tfm)), name)) {
		ops->free(tfm);
		return ERR_PTR(-EINVAL);
	}
	return tfm;
}

static void *alloc_class(const struct tfm_ops *ops, const char *name, bool want_hw)
{
	char driver[CRYPTO_MAX_ALG_NAME];
	void *tfm;

	/* The kernel's own choice also instantiates templates we may need. */
	tfm = ops->alloc(name, 0, 0);
	if (IS_ERR(tfm))
		return tfm;
	if (ocf_tfm_is_hardware(ops->base(tfm)) == want_hw)
		return tfm;
	ops->free(tfm);

	if (best_driver(name, ops->kind, want_hw, driver))
		return alloc_driver(ops, name, driver);
	if (want_hw)
		return ERR_PTR(-ENODEV);

	/* Synchronous implementations are software by the rule. */
	tfm = ops->alloc(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(tfm))
		return ERR_PTR(-ENODEV);
	if (ocf_tfm_is_hardware(ops->base(tfm))) {
		ops->free(tfm);
		return ERR_PTR(-ENODEV);
	}
	return tfm;
}

static void *pick_alloc(const struct tfm_ops *ops, const char *name,
			const struct ocf_pick *pick)
{
	char driver[CRYPTO_MAX_ALG_NAME];
	u32 crid = pick ? pick->crid : 0;
	u32 class = crid & OCF_CRID_ANY;
	void *tfm;

	if (class && (crid & ~OCF_CRID_ANY))
		return ERR_PTR(-EINVAL);

	if (pick && pick->driver) {
		tfm = alloc_driver(ops, name, pick->driver);
	} else if (crid && !class) {
		if (ocf_driver_name(crid, driver, sizeof(driver)))
			return ERR_PTR(-ENODEV);
		tfm = alloc_driver(ops, name, driver);
	} else if (class == OCF_CRID_HARDWARE || class == OCF_CRID_SOFTWARE) {
		return alloc_class(ops, name, class == OCF_CRID_HARDWARE);
	} else {
		return ops->alloc(name, 0, 0);
	}
	if (IS_ERR(tfm))
		return tfm;

	/* An exact driver must still be of the class asked for, if any. */
	if (class == OCF_CRID_HARDWARE || class == OCF_CRID_SOFTWARE) {
		bool want_hw = class == OCF_CRID_HARDWARE;

		if (ocf_tfm_is_hardware(ops->base(tfm)) != want_hw) {
			ops->free(tfm);
			return ERR_PTR(-ENODEV);
		}
	}
	return tfm;
}

/**
 * ocf_alloc_skcipher() - allocate a cipher transform
 * @name: algorithm name (cra_name)
 * @pick: driver choice, or NULL for the kernel's
 *
 * Return: the transform, or ERR_PTR: -ENOENT when the kernel has no such
 * algorithm, -ENODEV when no driver of the asked class or id serves it,
 * -EINVAL when an exact driver implements another algorithm.
 */
struct crypto_skcipher *ocf_alloc_skcipher(const char *name,
					   const struct ocf_pick *pick)
{
	return pick_alloc(&skc_ops, name, pick);
}

/** ocf_alloc_aead() - allocate an AEAD transform, as ocf_alloc_skcipher() */
struct crypto_aead *ocf_alloc_aead(const char *name, const struct ocf_pick *pick)
{
	return pick_alloc(&aead_ops, name, pick);
}

/** ocf_alloc_ahash() - allocate a hash transform, as ocf_alloc_skcipher() */
struct crypto_ahash *ocf_alloc_ahash(const char *name, const struct ocf_pick *pick)
{
	return pick_alloc(&hash_ops, name, pick);
}

/* Caller holds driver_ids_lock. */
static struct ocf_driver_entry *driver_by_name_locked(const char *name)
{
	struct ocf_driver_entry *e;

	lockdep_assert_held(&driver_ids_lock);
	list_for_each_entry(e, &driver_ids, node)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

/* Caller holds driver_ids_lock; @name is a registered driver. */
static struct ocf_driver_entry *entry_locked(const char *name)
{
	struct ocf_driver_entry *e = driver_by_name_locked(name);

	lockdep_assert_held(&driver_ids_lock);
	if (e)
		return e;
	if (next_driver_id > OCF_MAX_DRIVERS)
		return ERR_PTR(-ENOSPC);
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return ERR_PTR(-ENOMEM);
	e->count = alloc_percpu(struct ocf_driver_count);
	if (!e->count) {
		kfree(e);
		return ERR_PTR(-ENOMEM);
	}
	strscpy(e->name, name, sizeof(e->name));
	e->id = next_driver_id++;
	list_add_tail(&e->node, &driver_ids);
	return e;
}

static int assign_id_locked(const char *name)
{
	struct ocf_driver_entry *e = entry_locked(name);

	return IS_ERR(e) ? PTR_ERR(e) : e->id;
}

/**
 * ocf_driver_entry() - the statistics entry of a transform's driver
 * @tfm: a transform of a session being created
 *
 * Counts the session.
 *
 * Return: the entry (valid until module unload), or NULL when out of
 * memory or ids: statistics are then not kept for it.
 */
struct ocf_driver_entry *ocf_driver_entry(struct crypto_tfm *tfm)
{
	struct ocf_driver_entry *e;

	mutex_lock(&driver_ids_lock);
	e = entry_locked(crypto_tfm_alg_driver_name(tfm));
	mutex_unlock(&driver_ids_lock);
	if (IS_ERR(e))
		return NULL;
	atomic64_inc(&e->sessions);
	return e;
}

/**
 * ocf_driver_account() - count one completed operation
 * @e: the driver's entry, or NULL
 * @bytes: data processed
 * @err: the operation's result
 *
 * Safe in any context.
 */
void ocf_driver_account(struct ocf_driver_entry *e, size_t bytes, int err)
{
	if (!e)
		return;
	this_cpu_inc(e->count->ops);
	if (err)
		this_cpu_inc(e->count->errors);
	else
		this_cpu_add(e->count->bytes, bytes);
}

/* The sums of the per-CPU counts of @e. */
static struct ocf_driver_count driver_count(const struct ocf_driver_entry *e)
{
	struct ocf_driver_count sum = {};
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct ocf_driver_count *c = per_cpu_ptr(e->count, cpu);

		sum.ops += READ_ONCE(c->ops);
		sum.bytes += READ_ONCE(c->bytes);
		sum.errors += READ_ONCE(c->errors);
	}
	return sum;
}

/**
 * ocf_driver_stats_show() - the statistics table (debugfs ocf/stats)
 * @m: the seq_file
 * @unused: nothing
 *
 * Return: 0.
 */
int ocf_driver_stats_show(struct seq_file *m, void *unused)
{
	struct ocf_driver_entry *e;

	seq_printf(m, "%-5s %-40s %-2s %10s %12s %16s %10s\n", "crid", "driver",
		   "hw", "sessions", "ops", "bytes", "errors");
	down_read(&crypto_alg_sem);
	mutex_lock(&driver_ids_lock);
	list_for_each_entry(e, &driver_ids, node) {
		struct ocf_driver_count c;
		struct crypto_alg *alg;
		bool hw = false;

		/* Names only seen by FINDDEV or a listing have no traffic. */
		if (!atomic64_read(&e->sessions))
			continue;
		alg = find_driver_locked(e->name, false);
		if (alg)
			hw = is_hw_locked(alg, 0);
		c = driver_count(e);
		seq_printf(m, "%-5u %-40s %-2s %10lld %12llu %16llu %10llu\n",
			   e->id, e->name, hw ? "hw" : "sw",
			   atomic64_read(&e->sessions), c.ops, c.bytes, c.errors);
	}
	mutex_unlock(&driver_ids_lock);
	up_read(&crypto_alg_sem);
	return 0;
}

/**
 * ocf_driver_id() - the id of a driver, assigning one on first use
 * @driver: driver name (cra_driver_name)
 *
 * Ids stay the same for as long as the module is loaded.
 *
 * Return: the id (positive), -ENOENT when no such driver is registered.
 */
int ocf_driver_id(const char *driver)
{
	bool found;
	int id;

	down_read(&crypto_alg_sem);
	found = find_driver_locked(driver, false);
	if (found) {
		mutex_lock(&driver_ids_lock);
		id = assign_id_locked(driver);
		mutex_unlock(&driver_ids_lock);
	}
	up_read(&crypto_alg_sem);
	return found ? id : -ENOENT;
}

/**
 * ocf_driver_name() - the driver name of an id
 * @id: id from ocf_driver_id()
 * @buf: where to write the name
 * @len: size of @buf
 *
 * Return: 0, or -ENOENT for an unknown id.
 */
int ocf_driver_name(u32 id, char *buf, size_t len)
{
	struct ocf_driver_entry *e;
	int ret = -ENOENT;

	mutex_lock(&driver_ids_lock);
	list_for_each_entry(e, &driver_ids, node) {
		if (e->id == id) {
			strscpy(buf, e->name, len);
			ret = 0;
			break;
		}
	}
	mutex_unlock(&driver_ids_lock);
	return ret;
}

/* Caller holds crypto_alg_sem and driver_ids_lock. */
static void fill_entry_locked(struct ocf_alg_entry *e, struct crypto_alg *alg)
{
	u32 type = alg->cra_flags & CRYPTO_ALG_TYPE_MASK;
	int id;

	lockdep_assert_held(&crypto_alg_sem);
	lockdep_assert_held(&driver_ids_lock);

	memset(e, 0, sizeof(*e));
	strscpy(e->name, alg->cra_name, sizeof(e->name));
	strscpy(e->driver, alg->cra_driver_name, sizeof(e->driver));
	strscpy(e->module, alg_module_name(alg), sizeof(e->module));
	e->priority = alg->cra_priority;
	e->blocksize = alg->cra_blocksize;
	e->alg_id = ocf_alg_id_by_name(alg->cra_name);
	id = assign_id_locked(alg->cra_driver_name);
	e->crid = id > 0 ? id : 0;
	if (is_hw_locked(alg, 0))
		e->flags |= OCF_ALG_F_HARDWARE;
	if (alg->cra_flags & CRYPTO_ALG_ASYNC)
		e->flags |= OCF_ALG_F_ASYNC;

	if (ocf_alg_type_is_skcipher(alg->cra_flags)) {
		e->type = OCF_TYPE_CIPHER;
		e->flags |= OCF_ALG_F_KEYED;
		ocf_skcipher_alg_sizes(alg, &e->ivsize, &e->min_keysize,
				       &e->max_keysize);
	} else if (type == CRYPTO_ALG_TYPE_AEAD) {
		struct aead_alg *a = container_of(alg, struct aead_alg, base);

		e->type = OCF_TYPE_AEAD;
		e->flags |= OCF_ALG_F_KEYED;
		e->ivsize = a->ivsize;
		e->digestsize = a->maxauthsize;
	} else {
		struct hash_alg_common *h = __crypto_hash_alg_common(alg);

		e->type = OCF_TYPE_HASH;
		e->digestsize = h->digestsize;
		if (!strncmp(alg->cra_name, "hmac(", 5) ||
		    !strncmp(alg->cra_name, "cmac(", 5) ||
		    !strncmp(alg->cra_name, "xcbc(", 5))
			e->flags |= OCF_ALG_F_KEYED;
	}
}

/**
 * ocf_list_algs() - list the implementations usable through /dev/crypto
 * @req: the request; @req->entries is a user pointer
 *
 * Lists every registered, tested, non-internal cipher, AEAD and hash
 * implementation (filtered by name or driver when @req->filter is set).
 * Writes at most @req->capacity entries and sets @req->count to the number
 * that exist.
 *
 * Return: 0, or a negative errno.
 */
int ocf_list_algs(struct ocf_alg_list *req)
{
	struct ocf_alg_entry *buf = NULL;
	struct crypto_alg *alg;
	u32 cap = min_t(u32, req->capacity, OCF_MAX_LIST);
	u32 n = 0;
	int ret = 0;

	req->filter[sizeof(req->filter) - 1] = '\0';
	if (cap) {
		buf = kvcalloc(cap, sizeof(*buf), GFP_KERNEL_ACCOUNT);
		if (!buf)
			return -ENOMEM;
	}

	down_read(&crypto_alg_sem);
	mutex_lock(&driver_ids_lock);
	list_for_each_entry(alg, &crypto_alg_list, cra_list) {
		if (!alg_usable(alg) || !(alg->cra_flags & CRYPTO_ALG_TESTED))
			continue;
		if (!type_matches(alg, KIND_SKCIPHER) &&
		    !type_matches(alg, KIND_AEAD) && !type_matches(alg, KIND_HASH))
			continue;
		if (req->filter[0] && strcmp(req->filter, alg->cra_name) &&
		    strcmp(req->filter, alg->cra_driver_name))
			continue;
		if (n < cap)
			fill_entry_locked(&buf[n], alg);
		n++;
	}
	mutex_unlock(&driver_ids_lock);
	up_read(&crypto_alg_sem);

	if (cap && copy_to_user(u64_to_user_ptr(req->entries), buf,
				min(n, cap) * sizeof(*buf)))
		ret = -EFAULT;
	req->count = n;
	kvfree(buf);
	return ret;
}

int ocf_driver_init(void)
{
	return 0;
}

void ocf_driver_exit(void)
{
	struct ocf_driver_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &driver_ids, node) {
		free_percpu(e->count);
		kfree(e);
	}
}

/*
 * Self-test of the hardware rule (main.c, selftest=1) on algorithms that
 * are not registered, so that only the rule itself decides.
 */
bool __init ocf_driver_selftest(void)
{
	static struct {
		const char *driver;
		u32 flags;
		bool hw;
	} cases[] __initdata = {
		{ "ocf-selftest-sync", 0, false },
		{ "ocf-selftest-dev", CRYPTO_ALG_KERN_DRIVER_ONLY, true },
		{ "ocf-selftest-dev", CRYPTO_ALG_KERN_DRIVER_ONLY | CRYPTO_ALG_ASYNC, true },
		{ "ocf-selftest-async", CRYPTO_ALG_ASYNC, true },
		{ "cryptd(ocf-selftest-none)", CRYPTO_ALG_ASYNC, false },
	};
	static struct crypto_alg alg __initdata;
	unsigned int i;
	bool hw;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(&alg, 0, sizeof(alg));
		strscpy(alg.cra_driver_name, cases[i].driver,
			sizeof(alg.cra_driver_name));
		alg.cra_flags = cases[i].flags;
		down_read(&crypto_alg_sem);
		hw = is_hw_locked(&alg, 0);
		up_read(&crypto_alg_sem);
		if (hw != cases[i].hw) {
			pr_err("self-test: hardware rule, %s %#x: %d\n",
			       cases[i].driver, cases[i].flags, hw);
			return false;
		}
	}
	return true;
}
