# SPDX-License-Identifier: GPL-2.0
#
# make                 build module/ocf.ko against KDIR
# make KVER=6.12       build against the cached Debian 6.12 headers
# make clean

KVER ?=
ifneq ($(KVER),)
KDIR ?= $(shell tools/vm/fetch-kernel --print-kdir $(KVER))
else
KDIR ?= $(if $(wildcard /lib/modules/$(shell uname -r)/build),/lib/modules/$(shell uname -r)/build,$(shell tools/vm/fetch-kernel --print-kdir 6.1))
endif

.PHONY: all modules clean

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
