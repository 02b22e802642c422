/* PCM highway and SLIC SPI master on the SoC, through their drivers, with
 * no SLIC model on the pins (DR and SDO idle low):
 * - FSYNC every 12500 cycles (8 kHz at 100 MHz), measured with mcycle;
 * - the TX FIFO drains one sample per frame and underruns are counted;
 * - an idle-low DR line is received as code 0x00 of each law, decoded by the
 *   hardware to the G.711 values -32124 (mu-law, Table 2a's largest output
 *   value 8031 x 4) and -5504 (A-law: 0x00 XOR 0x55 is segment 5, interval
 *   5, Table 1a output value 688 x 8);
 * - the driver refuses bad clocks and slots; SPI accesses complete and read
 *   0x00 from a low SDO. */
#include <stdint.h>

#include <obti/regs_pcm.h>

#include "cpu.h"
#include "fwtest.h"
#include "obti_err.h"
#include "pcm.h"
#include "spi.h"

int main(void)
{
    struct pcm_config bad = {100000000u, 100000u, 0};
    CHECK_EQ(pcm_init(&bad), OBTI_EINVAL);
    struct pcm_config cfg = {100000000u, 2048000u, 0};
    CHECK_EQ(pcm_init(&cfg), 0);
    CHECK_EQ(pcm_channels(), 2u);
    CHECK(pcm_fifo_depth() >= PCM_FIFO_MIN);
    CHECK_EQ(pcm_channel(0, PCM_FMT_ULAW, 250, 1, 1), OBTI_EINVAL);   /* slot past the frame */
    CHECK_EQ(pcm_channel(0, PCM_FMT_ULAW, 1, 1, 1), 0);
    CHECK_EQ(pcm_channel(1, PCM_FMT_ALAW, 9, 9, 1), 0);

    int16_t tx[12];
    for (int i = 0; i < 12; i++) tx[i] = (int16_t)(i * 1000);
    CHECK_EQ(pcm_write(0, tx, 12), 12);
    CHECK_EQ(pcm_tx_level(0), 12u);

    pcm_start();
    /* period of FRAMES, polled */
    uint32_t f0 = pcm_frames();
    while (pcm_frames() == f0) {}
    uint64_t t0 = cpu_cycles();
    uint32_t f1 = pcm_frames();
    while (pcm_frames() < f1 + 4) {}
    uint64_t t1 = cpu_cycles();
    uint64_t per4 = t1 - t0;
    CHECK(per4 >= 4u * 12500u - 60u && per4 <= 4u * 12500u + 60u);
    uint32_t done = pcm_frames();
    unsigned lvl = pcm_tx_level(0);
    /* one sample leaves per frame after frame 0 (+-1 for where in the frame we read) */
    CHECK(lvl + done >= 12u && lvl + done <= 14u);

    int16_t rx[4];
    CHECK_EQ(pcm_read(0, rx, 4), 4);
    CHECK_EQ(rx[0], -32124);
    CHECK_EQ(rx[3], -32124);
    CHECK_EQ(pcm_read(1, rx, 2), 2);
    CHECK_EQ(rx[0], -5504);

    /* let the FIFO run dry: underruns counted */
    while (pcm_frames() < done + 16u) {}
    uint32_t under, over;
    pcm_take_errors(0, &under, &over);
    CHECK(under >= 1u);
    CHECK_EQ(over, 0u);
    pcm_take_errors(0, &under, &over);
    CHECK(under <= 1u);
    pcm_stop();

    CHECK_EQ(spi_init(100000000u, 0), OBTI_EINVAL);
    CHECK_EQ(spi_init(100000000u, 2000000u), 0);
    CHECK_EQ(spi_write(0, 64, 1), 0);
    CHECK_EQ(spi_read(0, 68), 0);
    CHECK_EQ(spi_read(0, 200), OBTI_EINVAL);
    return fwtest_done("pcm");
}
