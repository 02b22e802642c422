/* Interrupts through the trap layer and the interrupt controller:
 * masking by mstatus.MIE and by mie, the fixed priority MEI > MSI > MTI
 * when several are pending (RISC-V privileged spec 3.1.9), nesting when a
 * handler re-enables interrupts, mret restoring the interrupted context,
 * and an external interrupt from a peripheral line (UART TX-empty, line 0)
 * routed through IRQ.ACTIVE to its handler (docs/registers/irq.md). */
#include <stdint.h>
#include <stdio.h>

#include <obti/regs_uart.h>

#include "cpu.h"
#include "fwtest.h"
#include "irq.h"
#include "timer.h"
#include "trap.h"
#include "uart.h"

/* The order in which handlers ran: one letter each. */
static volatile char order[16];
static volatile unsigned norder;

static void log_event(char c)
{
    if (norder < sizeof order - 1)
        order[norder++] = c;
    order[norder] = '\0';
}

static void reset_log(void) { norder = 0; order[0] = '\0'; }

static int log_is(const char *s)
{
    unsigned i;

    for (i = 0; s[i]; i++)
        if (i >= norder || order[i] != s[i])
            return 0;
    return i == norder;
}

static void spin(unsigned n)
{
    for (volatile unsigned i = 0; i < n; i++)
        ;
}

static void soft_handler(void *arg)
{
    (void)arg;
    timer_set_soft(0);
    log_event('S');
}

static void timer_handler(void *arg)
{
    (void)arg;
    timer_cancel();
    log_event('T');
}

/* Timer handler that lets a software interrupt nest inside it. */
static void timer_nesting_handler(void *arg)
{
    (void)arg;
    timer_cancel();             /* clear our own source before re-enabling */
    log_event('T');
    cpu_irq_enable();
    timer_set_soft(1);          /* taken here, inside this handler */
    spin(10);
    cpu_irq_disable();
    log_event('t');
}

static void uart_handler(void *arg)
{
    (void)arg;
    uart_irq_disable(UART_IE_TX_MASK);   /* the line is a level: clear it */
    log_event('U');
}

static void test_masking(void)
{
    reset_log();
    cpu_mie_set(MIE_MSIE);
    timer_set_soft(1);
    spin(20);
    CHECK(norder == 0);                              /* mstatus.MIE = 0 */
    CHECK((csr_read(mip) & MIP_MSIP) != 0);          /* but it is pending */
    cpu_mie_clear(MIE_MSIE);
    cpu_irq_enable();
    spin(20);
    CHECK(norder == 0);                              /* mie.MSIE = 0 */
    cpu_mie_set(MIE_MSIE);                           /* taken now */
    spin(20);
    cpu_irq_disable();
    CHECK(log_is("S"));
    CHECK((csr_read(mip) & MIP_MSIP) == 0);
    cpu_mie_clear(MIE_MSIE);
}

static void test_priority(void)
{
    reset_log();
    timer_set_compare(0);        /* MTIP now */
    timer_set_soft(1);           /* MSIP now */
    cpu_mie_set(MIE_MSIE | MIE_MTIE);
    CHECK((csr_read(mip) & (MIP_MSIP | MIP_MTIP)) == (MIP_MSIP | MIP_MTIP));
    cpu_irq_enable();
    spin(20);
    cpu_irq_disable();
    cpu_mie_clear(MIE_MSIE | MIE_MTIE);
    CHECK(log_is("ST"));         /* software before timer */
}

static void test_nesting(void)
{
    reset_log();
    trap_set_irq_handler(TRAP_IRQ_TIMER, timer_nesting_handler, NULL);
    cpu_mie_set(MIE_MSIE | MIE_MTIE);
    timer_set_compare(timer_now() + 200);
    cpu_irq_enable();
    spin(200);
    cpu_irq_disable();
    cpu_mie_clear(MIE_MSIE | MIE_MTIE);
    CHECK(log_is("TSt"));
    if (!log_is("TSt"))
        printf("    order: \"%s\"\n", (const char *)order);
    /* after the nested return, interrupts are off in the interrupted code
     * exactly as before the trap: mret restored MIE from the saved state */
    CHECK((csr_read(mstatus) & MSTATUS_MIE) == 0);
    trap_set_irq_handler(TRAP_IRQ_TIMER, timer_handler, NULL);
}

/* Registers survive an interrupt: compute with many live values across a
 * window where interrupts arrive. */
static void test_context(void)
{
    static volatile uint32_t seed = 1;   /* opaque: nothing folds at compile time */
    uint32_t acc[8], expect[8];

    for (unsigned j = 0; j < 8; j++)
        acc[j] = expect[j] = seed + j;
    for (unsigned k = 0; k < 300; k++)
        for (unsigned j = 0; j < 8; j++)
            expect[j] = expect[j] * 1664525u + 1013904223u + j;
    reset_log();
    cpu_mie_set(MIE_MSIE);
    cpu_irq_enable();
    for (unsigned k = 0; k < 300; k++) {
        if (k % 50 == 0)
            timer_set_soft(1);
        for (unsigned j = 0; j < 8; j++)
            acc[j] = acc[j] * 1664525u + 1013904223u + j;
    }
    cpu_irq_disable();
    cpu_mie_clear(MIE_MSIE);
    CHECK_EQ(norder, 6);
    for (unsigned j = 0; j < 8; j++)
        CHECK_EQ(acc[j], expect[j]);
}

static void test_external(void)
{
    reset_log();
    irq_init();
    irq_set_handler(UART_IRQ, uart_handler, NULL);
    uart_flush();
    uart_irq_enable(UART_IE_TX_MASK);          /* TX FIFO empty: line 0 high */
    spin(5);
    CHECK((irq_pending() & (1u << UART_IRQ)) != 0);
    CHECK(irq_active() == 0);                  /* not enabled yet */
    CHECK((csr_read(mip) & MIP_MEIP) == 0);
    irq_enable(UART_IRQ);
    CHECK(irq_active() == (1u << UART_IRQ));
    CHECK((csr_read(mip) & MIP_MEIP) != 0);
    cpu_irq_enable();
    spin(20);
    cpu_irq_disable();
    CHECK(log_is("U"));
    CHECK(irq_active() == 0);
    CHECK((csr_read(mip) & MIP_MEIP) == 0);

    /* a line without a handler is disabled and counted, not looped on */
    irq_set_handler(UART_IRQ, NULL, NULL);
    uart_irq_enable(UART_IE_TX_MASK);
    cpu_irq_enable();
    spin(20);
    cpu_irq_disable();
    CHECK_EQ(irq_unhandled_count(), 1);
    CHECK(irq_active() == 0);
    uart_irq_disable(UART_IE_TX_MASK);
    irq_disable(UART_IRQ);
    cpu_mie_clear(MIE_MEIE);
}

int main(void)
{
    trap_set_irq_handler(TRAP_IRQ_SOFT, soft_handler, NULL);
    trap_set_irq_handler(TRAP_IRQ_TIMER, timer_handler, NULL);
    test_masking();
    test_priority();
    test_nesting();
    test_context();
    test_external();
    return fwtest_done("irq");
}
