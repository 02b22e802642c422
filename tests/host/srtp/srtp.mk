# SRTP (sw/common/srtp.c) on the host: RFC 3711 B.2/B.3 known answers and
# interoperation with libsrtp2 (docs/srtp.md). Built with the system's
# mbedTLS (libmbedtls-dev) and sanitizers. Included by sw/fw/crypto/crypto.mk.
#
#   make test-srtp   PASS/FAIL lines in $(RESULTS)/srtp.log

ifndef SRTP_MK_INCLUDED
SRTP_MK_INCLUDED := 1

SRTP_T    := $(BUILD)/srtp
SRTP_TEST := $(SRTP_T)/srtp_test
SRTP_HOST_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
                    -fno-sanitize-recover=all -Isw/common

$(SRTP_TEST): sw/common/srtp.c sw/common/srtp.h tests/host/srtp/srtp_test.c
	@mkdir -p $(dir $@)
	gcc $(SRTP_HOST_CFLAGS) -o $@ sw/common/srtp.c tests/host/srtp/srtp_test.c -lmbedcrypto -lsrtp2

TEST_GROUPS += srtp
.PHONY: test-srtp
test-srtp: $(SRTP_TEST)
	@mkdir -p $(RESULTS)
	@$(SRTP_TEST) > $(SRTP_T)/test.out 2>&1; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $(SRTP_T)/test.out > $(RESULTS)/srtp.log; \
	 if [ $$rc -ne 0 ] && ! grep -q '^FAIL ' $(RESULTS)/srtp.log; then \
	   echo "FAIL srtp/run: exit $$rc (see $(SRTP_T)/test.out)" >> $(RESULTS)/srtp.log; fi
	@echo "srtp: $$(grep -c '^PASS ' $(RESULTS)/srtp.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/srtp.log) failed"

# libsrtp2-protected packets for the firmware test (sw/fw/app/cryptotest)
$(SRTP_T)/fw_cases.txt: $(SRTP_TEST)
	$(SRTP_TEST) --gen $@

endif
