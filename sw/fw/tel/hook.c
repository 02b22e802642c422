/* Hook-switch state machine: debounces the SLIC's loop-closure bit and
 * tells off-hook, on-hook and hook flash apart by the open-loop time. */
#include "tel.h"

void hook_init(struct hook_sm *h)
{
    h->raw = 0;
    h->closed = 0;
    h->off_hook = 0;
    h->raw_ms = 0;
    h->open_ms = 0;
}

enum hook_event hook_feed(struct hook_sm *h, int loop_closed, unsigned elapsed_ms)
{
    uint8_t now = loop_closed != 0;

    /* raw_ms: how long the raw bit has held its level before this sample.
     * The debounced state follows after HOOK_DEBOUNCE_MS, so both edges
     * are delayed alike and open times are measured without bias. Called
     * once per 20 ms frame, a level must be seen on two samples in a row. */
    if (now != h->raw) {
        h->raw = now;
        h->raw_ms = 0;
    } else if (h->raw_ms < UINT32_MAX - elapsed_ms) {
        h->raw_ms += elapsed_ms;
    }
    if (h->off_hook && !h->closed && h->open_ms < UINT32_MAX - elapsed_ms)
        h->open_ms += elapsed_ms;

    if (h->raw != h->closed && h->raw_ms >= HOOK_DEBOUNCE_MS) {
        h->closed = h->raw;
        if (!h->closed) {
            h->open_ms = 0;
            return HOOK_EV_NONE;
        }
        if (!h->off_hook) {
            h->off_hook = 1;
            return HOOK_EV_OFF_HOOK;
        }
        /* Closed again: a flash if the opening was long enough, else a
         * glitch (or a dial pulse, not decoded here) that is ignored. */
        enum hook_event ev = h->open_ms >= HOOK_FLASH_MIN_MS ? HOOK_EV_FLASH : HOOK_EV_NONE;
        h->open_ms = 0;
        return ev;
    }
    if (h->off_hook && !h->closed && h->open_ms > HOOK_FLASH_MAX_MS) {
        h->off_hook = 0;
        h->open_ms = 0;
        return HOOK_EV_ON_HOOK;
    }
    return HOOK_EV_NONE;
}

int hook_is_off(const struct hook_sm *h)
{
    return h->off_hook;
}
