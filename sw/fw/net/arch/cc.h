/* lwIP platform definitions for the openbti firmware (RV32IM, picolibc,
 * little-endian, no misaligned accesses: protocol headers are packed). */
#ifndef OBTI_LWIP_ARCH_CC_H
#define OBTI_LWIP_ARCH_CC_H

#include <stdio.h>
#include <stdlib.h>

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_TIMEVAL_PRIVATE 0
#define LWIP_ERRNO_STDINCLUDE 1

#define PACK_STRUCT_STRUCT __attribute__((packed))

#define LWIP_PLATFORM_DIAG(x) do { printf x; } while (0)
/* An lwIP assertion is a firmware bug: report it and stop (exit code 0xe1). */
#define LWIP_PLATFORM_ASSERT(x) do { printf("lwip assert: %s (%s:%d)\n", x, __FILE__, __LINE__); exit(0xe1); } while (0)

unsigned obti_net_rand(void);
#define LWIP_RAND() (obti_net_rand())

#endif /* OBTI_LWIP_ARCH_CC_H */
