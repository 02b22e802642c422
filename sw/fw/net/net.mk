# lwIP 2.1 (Debian's source, unpacked by `make deps` into .deps/src/lwip) for
# the firmware, NO_SYS raw API: only src/core, src/core/ipv4 and
# src/netif/ethernet.c, with our port in sw/fw/net. Included from
# tests/e2e/net.mk; defines the netecho program (sw/fw/app/netecho).
LWIP_DIR      := .deps/src/lwip/src
FW_NET_DIR    := $(FW_DIR)/net
FW_LWIP_SRCS  := $(addprefix $(LWIP_DIR)/core/,def.c inet_chksum.c init.c ip.c mem.c memp.c \
                   netif.c pbuf.c raw.c stats.c sys.c tcp.c tcp_in.c tcp_out.c timeouts.c udp.c) \
                 $(addprefix $(LWIP_DIR)/core/ipv4/,dhcp.c etharp.c icmp.c ip4.c ip4_addr.c) \
                 $(LWIP_DIR)/netif/ethernet.c
FW_NET_SRCS   := $(FW_NET_DIR)/netif_obti.c $(FW_NET_DIR)/sys_arch.c
FW_NET_CFLAGS := -I$(FW_NET_DIR) -I$(LWIP_DIR)/include

FW_NETECHO_SRCS := $(wildcard $(FW_DIR)/app/netecho/*.c) $(FW_NET_SRCS) $(FW_LWIP_SRCS) \
                   $(MBEDTLS_DIR)/library/sha256.c $(MBEDTLS_DIR)/library/platform_util.c
FW_NETECHO      := $(FW_BUILD)/netecho.elf
$(eval $(call FW_PROGRAM,$(FW_BUILD)/netecho,$(FW_NETECHO_SRCS)))

$(call fw_objs,$(FW_NETECHO_SRCS)): FW_EXTRA_CFLAGS := $(FW_NET_CFLAGS) \
    -I$(FW_DIR)/app/netecho -I$(MBEDTLS_DIR)/include \
    -DMBEDTLS_CONFIG_FILE='"netecho_mbedtls_config.h"'
# lwIP's own sources are compiled as they are: silence what -Wextra says about them.
$(call fw_objs,$(FW_LWIP_SRCS)): FW_EXTRA_CFLAGS += -Wno-unused-parameter -Wno-sign-compare \
    -Wno-missing-field-initializers -Wno-type-limits -Wno-implicit-fallthrough

$(FW_LWIP_SRCS):
	@echo "$@ is missing: run 'make deps' (it unpacks lwIP into .deps/src/lwip)" >&2
	@exit 1

fw: $(FW_NETECHO)
