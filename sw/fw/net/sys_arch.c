/* lwIP's system hooks in NO_SYS mode: the millisecond clock from mtime and
 * the random numbers lwIP uses for ports, sequence numbers and DHCP ids. */
#include <stdint.h>

#include "cpu.h"
#include "lwip/sys.h"
#include "timer.h"

u32_t sys_now(void) { return (u32_t)(timer_now() / (SYSCLK_HZ / 1000u)); }

/* xorshift32 seeded from the cycle counter: unpredictable enough for port
 * numbers and DHCP transaction ids, not for keys (the TRNG is for those). */
unsigned obti_net_rand(void)
{
    static uint32_t s;
    if (s == 0)
        s = (uint32_t)cpu_cycles() | 1u;
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
}
