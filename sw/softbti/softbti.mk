# The software BTI (docs/protocol.md "Software BTI"): the sw/common BTI engine
# on UDP sockets with SRTP voice. `make softbti` -> build/host/softbti.
SOFTBTI := $(BUILD)/host/softbti

$(SOFTBTI): sw/softbti/softbti.c $(COMMON_LIB) $(COMMON_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(COMMON_WARN) -O2 -g -pthread $< $(COMMON_LIB) \
	  $(COMMON_LDLIBS) -lm -o $@

.PHONY: softbti
softbti: $(SOFTBTI)
