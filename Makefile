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
# make install [KVER=] [PREFIX=/usr/local] [DESTDIR=]
#                      ocf.ko into /lib/modules/KVER/updates (depmod), the
#                      headers, ocfctl and the provider (Documentation/install.rst)
# make install-provider [DESTDIR=]
#                      only ocf.so, into OpenSSL's modules directory
#                      (Documentation/openssl-provider.rst)
# make dkms-install [KVER=]   register, build and install with DKMS for the
#                      running kernel or the release KVER; make dkms-remove
# make deb             the Debian packages ocf-dkms and ocf-tools in build/deb
# make check-deb       install them in a Debian 12 root, check DKMS, modinfo,
#                      udev, removal; and the refusal beside cryptodev (VM)
#
# KVER is a cached Debian series (6.1, 6.12) or a release with headers in
# /lib/modules/KVER/build.
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
ifneq ($(wildcard /lib/modules/$(KVER)/build),)
KDIR ?= /lib/modules/$(KVER)/build
else ifneq ($(KVER),)
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
.PHONY: provider install-provider
provider:
	$(MAKE) -C tools/provider KVER=$(or $(KVER),6.1)

install-provider: provider
	$(MAKE) -C tools/provider KVER=$(or $(KVER),6.1) install

# ---- installing: Documentation/install.rst ----

VERSION = $(shell tools/pkg/version)
# The kernel release of KDIR (uname -r; Debian's kernel.release differs).
KREL = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
TOOLS_O = build/$(or $(KVER),6.1)/tools

.PHONY: install install-module ocfctl dkms-install dkms-remove deb

ocfctl:
	$(MAKE) -C tools/ocfctl KVER=$(or $(KVER),6.1)

install-module: modules
	@test -n "$(KREL)" || { echo "no kernel release in $(KDIR)" >&2; exit 1; }
	install -D -m 644 module/ocf.ko $(DESTDIR)/lib/modules/$(KREL)/updates/ocf.ko
	$(if $(DESTDIR),,depmod -a $(KREL))

install: install-module headers_install install-provider ocfctl
	install -D -m 755 $(TOOLS_O)/ocfctl $(DESTDIR)$(PREFIX)/bin/ocfctl

# DKMS builds for the running kernel, or the release KVER.
DKMS_KVER = $(or $(KVER),$(shell uname -r))

# Installing the same version again replaces it (a rebuilt working tree).
dkms-install:
	@if [ -n "$$(dkms status -m ocf -v $(VERSION))" ]; then \
		dkms remove -m ocf -v $(VERSION) --all; fi
	rm -rf /usr/src/ocf-$(VERSION)
	tools/pkg/stage-dkms /usr/src/ocf-$(VERSION)
	dkms add -m ocf -v $(VERSION)
	dkms build -m ocf -v $(VERSION) -k $(DKMS_KVER)
	dkms install -m ocf -v $(VERSION) -k $(DKMS_KVER)

# Removes every version DKMS knows of ocf, for every kernel.
dkms-remove:
	@for v in $$(dkms status -m ocf 2>/dev/null | sed -n 's|^ocf/\([^,:]*\)[,:].*|\1|p' | sort -u); do \
		echo "dkms remove ocf/$$v --all"; \
		dkms remove -m ocf -v $$v --all || exit 1; \
		rm -rf /usr/src/ocf-$$v; \
	done

deb:
	@tools/vm/host-deps $$(cat tools/pkg/deb-deps)
	tools/pkg/build-deb build/deb

# Not part of make check: the packages installed in a debootstrapped Debian
# 12 root under the cache (network for the headers), and one VM boot for the
# refusal beside cryptodev.  Documentation/install.rst.
.PHONY: check-deb
check-deb: deb
	@tools/vm/host-deps debootstrap
	@tools/pkg/check-deb build/deb; a=$$?; tools/pkg/check-conflict; b=$$?; \
		test $$a = 0 -a $$b = 0

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
