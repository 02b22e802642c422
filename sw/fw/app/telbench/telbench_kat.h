/* Known answers of the telephony DSP, shared by the firmware benchmark
 * (sw/fw/app/telbench) and the host tests (tests/host/tel): the host
 * build and the RV32IM build must produce the same samples and digits. */
#ifndef TELBENCH_KAT_H
#define TELBENCH_KAT_H

#include <stdint.h>

/* FNV-1a over the little-endian bytes of 13 frames (260 ms, past the
 * first cadence edge of reorder) of each tone kind, dial to reorder, then
 * of the DTMF string TELBENCH_DIGITS. The value is the host build's. */
#define TELBENCH_KAT_FNV  0x595f4f32u
#define TELBENCH_DIGITS   "159#D*0A"

uint32_t telbench_kat_fnv(void);

#endif
