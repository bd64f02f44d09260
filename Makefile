# SPDX-License-Identifier: GPL-2.0
#
# make                 build module/ocf.ko against KDIR
# make KVER=6.12       build against the cached Debian 6.12 headers (any
#                      series of tools/vm/fetch-kernel --list, with its
#                      own compiler: in its build root if not the host's)
# make clean
# make headers_install [PREFIX=/usr/local] [DESTDIR=]
#                      install the user ABI headers as PREFIX/include/crypto/
# make provider        build the OpenSSL provider ocf.so (tools/provider)
# make install [DESTDIR=]
#                      install ocf.so into OpenSSL's modules directory
#                      (Documentation/openssl-provider.rst)
#
# make kernels         fetch Debian's kernels (KVERS) into the cache
# make check           build and test against each kernel in QEMU (KVERS)
# make demo            boot a VM with ocf loaded and show it (KVER, default 6.1)
# make lint            checkpatch --strict and sparse builds (KVERS)
# make check-debug     the reliability lane in a KASAN/lockdep/kmemleak kernel
#                      (FUZZ_SECONDS, STRESS_SECONDS)
# make bench           benchmarks, one VM boot per kernel (KVERS); BENCH_QUICK=1
#                      for a short run (Documentation/benchmarks.rst)
# make selftests       build the selftests into build/KVER/selftests
#
# The test targets are described in Documentation/testing.rst.

KVER ?=
ifneq ($(KVER),)
KDIR ?= $(shell tools/vm/fetch-kernel --print-kdir $(KVER))
else
KDIR ?= $(if $(wildcard /lib/modules/$(shell uname -r)/build),/lib/modules/$(shell uname -r)/build,$(shell tools/vm/fetch-kernel --print-kdir 6.1))
endif

.PHONY: all modules clean

all: modules

# A KVER without an explicit KDIR builds with that kernel's own compiler.
ifneq ($(KVER),)
ifeq ($(filter command line environment,$(origin KDIR)),)
KBUILD_MAKE = tools/vm/kmake $(KVER)
endif
endif
KBUILD_MAKE ?= $(MAKE) -C $(KDIR)

modules:
	$(KBUILD_MAKE) M=$(CURDIR) modules

clean:
	$(KBUILD_MAKE) M=$(CURDIR) clean

# <crypto/cryptodev.h> (cryptodev-linux's ABI and ours; FreeBSD's with
# -DOCF_FREEBSD_API) and <crypto/cryptodev_freebsd.h>.
PREFIX ?= /usr/local
UAPI_HEADERS := $(wildcard include/uapi/crypto/*.h)

.PHONY: headers_install
headers_install:
	install -d $(DESTDIR)$(PREFIX)/include/crypto
	install -m 644 $(UAPI_HEADERS) $(DESTDIR)$(PREFIX)/include/crypto/

# The OpenSSL provider, built into build/KVER/tools like the other tools.
.PHONY: provider install
provider:
	$(MAKE) -C tools/provider KVER=$(or $(KVER),6.1)

install: provider
	$(MAKE) -C tools/provider KVER=$(or $(KVER),6.1) install

# ---- tests and tooling (tools/vm, tools/lint, selftests) ----

# The default matrix (Documentation/testing.rst, "The kernel matrix"): the
# oldest and the newest kernels Debian publishes and Debian 12's two.
# Any series of tools/vm/fetch-kernel --list, or oldest/newest/rc.
KVERS ?= 5.10 6.1 6.12 newest

.PHONY: kernels check demo lint selftests host-deps check-debug debug-kernel bench

# Install missing host packages (apt-get; a no-op when all are present).
host-deps:
	@tools/vm/host-deps

kernels: host-deps
	@for k in $(KVERS); do tools/vm/fetch-kernel $$k || exit 1; done

selftests:
	$(MAKE) -C selftests KVER=$(or $(KVER),6.1)

check: host-deps
	@tools/vm/check $(KVERS)

demo: host-deps
	@tools/vm/demo $(or $(KVER),6.1)

# The reliability lane: tools/debug-kernel/, Documentation/testing.rst.
FUZZ_SECONDS ?= 600
STRESS_SECONDS ?= 300

debug-kernel: host-deps
	@DEBUG_KVER=$(or $(KVER),6.1) tools/debug-kernel/build --print-dir

check-debug: host-deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) STRESS_SECONDS=$(STRESS_SECONDS) \
		tools/debug-kernel/check-debug --kernel $(or $(KVER),6.1)

lint: host-deps
	@tools/lint/lint --kernels "$(KVERS)"

# Also runs every executable tools/*/bench-*.sh in the same boot (hooks).
bench: host-deps
	@tools/ocf-bench/bench $(if $(filter 1,$(BENCH_QUICK)),--quick) $(KVERS)
