/* Telephone front end on the SoC: the ProSLIC on the SPI master and the PCM
 * highway, the hook state machine, dial tone and DTMF collection; the
 * end-to-end test's firmware (tests/e2e/phone). Reports on the UART:
 *   phone: ready ...        after the SLIC is initialised
 *   phone: off-hook / on-hook / flash / ring trip
 *   phone: digit D          each DTMF digit as it is detected
 *   phone: number DIGITS    the digits collected, after the inter-digit timeout or on-hook
 *   phone: ring done N      after N ringing bursts
 * Commands on the UART, one per line:
 *   ring ON_MS OFF_MS N     ring N bursts with that cadence (while on-hook)
 *   idt MS                  inter-digit timeout (default 4000 ms)
 *   peek REG                read a SLIC register and print it (fault tests)
 *   pcmclk HZ               restart the highway at another bit clock (fault tests)
 *   law u|a|l               mu-law, A-law or 16-bit linear on the highway (SLIC and SoC)
 * After a number the line plays ringback, as while a call is being set up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <obti/regs_uart.h>

#include "cpu.h"
#include "irq.h"
#include "obti_err.h"
#include "pcm.h"
#include "proslic.h"
#include "spi.h"
#include "tel.h"
#include "uart.h"

#define BLOCK        80u        /* 10 ms at 8 kHz: the loop's period */
#define BLOCK_MS     10u
#define PCM_CH       0u
#define PCM_SLOT     1u         /* short FSYNC: the first slot */
#define NUMBER_MAX   32u
#define CMD_MAX      48u

struct phone {
    struct proslic slic;
    struct dtmf_det det;
    struct tone_gen tone;
    struct hook_sm hook;
    uint32_t now_ms;
    uint32_t idt_ms;            /* inter-digit timeout */
    char number[NUMBER_MAX + 1];
    unsigned nlen;
    uint32_t last_digit_ms;
    unsigned ring_left;         /* bursts still to ring, 0 = not ringing */
    unsigned ring_done;
    int muted;                  /* tone stopped because the loop opened */
    char cmd[CMD_MAX + 1];
    unsigned cmd_len;
};

/* UART receive ring, filled by the interrupt handler: commands sent while
 * the SLIC initialises must not overflow the 16-byte FIFO. */
#define RX_RING 128u
static volatile uint8_t rx_ring[RX_RING];
static volatile uint32_t rx_head, rx_tail, rx_lost;

static void uart_rx_irq(void *arg)
{
    (void)arg;
    int c;
    while ((c = uart_try_getc()) != OBTI_EAGAIN) {
        if (c < 0 || rx_head - rx_tail >= RX_RING) { rx_lost++; continue; }
        rx_ring[rx_head % RX_RING] = (uint8_t)c;
        rx_head++;
    }
}

static void fail(const char *what, int rc)
{
    printf("phone: %s failed (%d)\n", what, rc);
    exit(1);
}

static void flush_number(struct phone *ph)
{
    if (!ph->nlen) return;
    ph->number[ph->nlen] = 0;
    printf("phone: number %s\n", ph->number);
    ph->nlen = 0;
}

static uint32_t pcm_bclk = 2048000u;
static enum pcm_fmt pcm_law = PCM_FMT_ULAW;

static int pcm_setup(void)
{
    struct pcm_config pc = {SYSCLK_HZ, pcm_bclk, 0};
    int rc = pcm_init(&pc);
    if (!rc) rc = pcm_channel(PCM_CH, pcm_law, PCM_SLOT, PCM_SLOT, 1);
    static const int16_t zeros[2 * BLOCK];
    if (!rc && pcm_write(PCM_CH, zeros, 2 * BLOCK) != 2 * BLOCK) rc = OBTI_EIO;   /* 20 ms of transmit latency */
    if (!rc) pcm_start();
    return rc;
}

static void command(struct phone *ph, const char *line)
{
    unsigned a, b, n;
    if (sscanf(line, "ring %u %u %u", &a, &b, &n) == 3 && n > 0) {
        int rc = proslic_ring_start(&ph->slic, a, b);
        if (rc) { printf("phone: bad ring command (%d)\n", rc); return; }
        ph->ring_left = n;
        ph->ring_done = 0;
        printf("phone: ringing %u ms on, %u ms off, %u bursts\n", a, b, n);
    } else if (sscanf(line, "idt %u", &a) == 1 && a >= BLOCK_MS) {
        ph->idt_ms = a;
    } else if (sscanf(line, "peek %u", &a) == 1) {
        printf("phone: reg %u = %d\n", a, spi_read(ph->slic.cs, (uint8_t)a));
    } else if (sscanf(line, "pcmclk %u", &a) == 1) {
        pcm_bclk = a;
        int rc = proslic_pcm_enable(&ph->slic, 0);
        if (!rc) rc = pcm_setup();
        if (!rc) rc = proslic_pcm_enable(&ph->slic, 1);
        printf("phone: PCM bit clock %u Hz (%d)\n", a, rc);
    } else if (!strcmp(line, "law u") || !strcmp(line, "law a") || !strcmp(line, "law l")) {
        char l = line[4];
        pcm_law = l == 'u' ? PCM_FMT_ULAW : l == 'a' ? PCM_FMT_ALAW : PCM_FMT_LINEAR;
        int rc = proslic_pcm_enable(&ph->slic, 0);
        if (!rc) rc = proslic_pcm_format(&ph->slic, l == 'u' ? PROSLIC_PCM_ULAW : l == 'a' ? PROSLIC_PCM_ALAW
                                                                                   : PROSLIC_PCM_LINEAR);
        if (!rc) rc = pcm_setup();
        if (!rc) rc = proslic_pcm_enable(&ph->slic, 1);
        printf("phone: PCM %s (%d)\n", l == 'u' ? "mu-law" : l == 'a' ? "A-law" : "linear", rc);
    } else if (line[0]) {
        printf("phone: unknown command '%s'\n", line);
    }
}

static void poll_uart(struct phone *ph)
{
    static uint32_t lost_seen;
    if (rx_lost != lost_seen) {         /* lost bytes: drop the line */
        lost_seen = rx_lost;
        ph->cmd_len = 0;
        printf("phone: UART input lost\n");
    }
    while (rx_tail != rx_head) {
        char c = (char)rx_ring[rx_tail % RX_RING];
        rx_tail++;
        if (c == '\n' || c == '\r') {
            ph->cmd[ph->cmd_len] = 0;
            command(ph, ph->cmd);
            ph->cmd_len = 0;
        } else if (ph->cmd_len < CMD_MAX) {
            ph->cmd[ph->cmd_len++] = (char)c;
        }
    }
}

static void serve_slic_irqs(struct phone *ph)
{
    if (!proslic_irq_pending()) return;
    uint32_t irqs;
    int rc = proslic_take_irqs(&ph->slic, &irqs);
    if (rc) fail("SLIC interrupt read", rc);
    if ((irqs & PROSLIC_IRQ_RING_TRIP) && ph->ring_left) {
        /* answered while ringing: back to forward active, the loop closes */
        ph->ring_left = 0;
        if ((rc = proslic_ring_stop(&ph->slic))) fail("ring stop", rc);
        printf("phone: ring trip\n");
    }
    if ((irqs & PROSLIC_IRQ_RING_ACTIVE) && ph->ring_left) {
        ph->ring_done++;
        if (--ph->ring_left == 0) {
            if ((rc = proslic_ring_stop(&ph->slic))) fail("ring stop", rc);
            printf("phone: ring done %u\n", ph->ring_done);
        }
    }
}

static void hook_step(struct phone *ph)
{
    int lcr = proslic_loop_closed(&ph->slic);
    if (lcr < 0) fail("loop status read", lcr);
    enum hook_event ev = hook_feed(&ph->hook, lcr, BLOCK_MS);
    switch (ev) {
    case HOOK_EV_OFF_HOOK:
    case HOOK_EV_FLASH:
        /* a new call: dial tone, a fresh number */
        printf("phone: %s\n", ev == HOOK_EV_FLASH ? "flash" : "off-hook");
        flush_number(ph);
        tone_gen_start(&ph->tone, TONE_DIAL);
        dtmf_det_init(&ph->det);
        ph->muted = 0;
        break;
    case HOOK_EV_ON_HOOK:
        flush_number(ph);
        printf("phone: on-hook\n");
        break;
    default:
        break;
    }
    /* An open loop carries no audio: stop the tone at once (the on-hook
     * event itself waits out the longest hook flash). */
    if (!ph->hook.closed && ph->tone.kind != TONE_OFF) {
        tone_gen_start(&ph->tone, TONE_OFF);
        ph->muted = 1;
    }
}

int main(void)
{
    static struct phone ph;
    int rc;
    ph.idt_ms = 4000;
    irq_init();
    irq_set_handler(UART_IRQ, uart_rx_irq, NULL);
    irq_enable(UART_IRQ);
    uart_irq_enable(UART_IE_RX_MASK);
    cpu_irq_enable();
    if ((rc = pcm_setup())) fail("PCM set-up", rc);
    if ((rc = spi_init(SYSCLK_HZ, 2000000u))) fail("spi_init", rc);
    struct proslic_config sc = {0, PROSLIC_PCM_ULAW, PCM_SLOT, PCM_SLOT};
    if ((rc = proslic_init(&ph.slic, &sc))) fail("proslic_init", rc);
    hook_init(&ph.hook);
    dtmf_det_init(&ph.det);
    tone_gen_init(&ph.tone);
    printf("phone: ready, Si32%s rev %u\n", ph.slic.si3215 ? "15" : "10", ph.slic.rev);

    int16_t buf[BLOCK];
    uint32_t under, over;
    pcm_take_errors(PCM_CH, &under, &over);
    for (;;) {
        poll_uart(&ph);
        if (pcm_rx_level(PCM_CH) < BLOCK) continue;
        pcm_read(PCM_CH, buf, BLOCK);
        ph.now_ms += BLOCK_MS;
        serve_slic_irqs(&ph);
        hook_step(&ph);
        if (hook_is_off(&ph.hook) && ph.hook.closed) {
            char digits[4];
            size_t n = dtmf_det_feed(&ph.det, buf, BLOCK, digits, sizeof digits);
            for (size_t i = 0; i < n; i++) {
                if (ph.tone.kind == TONE_DIAL) tone_gen_start(&ph.tone, TONE_OFF);
                printf("phone: digit %c\n", digits[i]);
                if (ph.nlen < NUMBER_MAX) ph.number[ph.nlen++] = digits[i];
                ph.last_digit_ms = ph.now_ms;
            }
        }
        if (ph.nlen && ph.now_ms - ph.last_digit_ms >= ph.idt_ms) {
            flush_number(&ph);
            tone_gen_start(&ph.tone, TONE_RINGBACK);
        }
        tone_gen_fill(&ph.tone, buf, BLOCK);
        pcm_write(PCM_CH, buf, BLOCK);
        pcm_take_errors(PCM_CH, &under, &over);
        if (under || over) printf("phone: PCM %lu underrun(s), %lu overrun(s)\n", (unsigned long)under, (unsigned long)over);
    }
}
