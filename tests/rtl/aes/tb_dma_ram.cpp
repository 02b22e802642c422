// Unit test bench of the data RAM's two ports (rtl/soc/obti_soc_ram.v): the
// CPU on port A, the AES DMA on port B. Random traffic on both ports, crowded
// into a few words so that conflicts are frequent, checked cycle by cycle
// against a reference model of the arbitration in docs/bus.md ("Second
// master"): port A always granted; port B refused exactly when port A
// touches the same word in the same cycle and either side writes; a read
// returns the word as it was before that cycle's writes; byte enables on
// both ports. Prints "PASS ..."/"FAIL ..." lines.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "Vobti_soc_ram.h"
#include "verilated.h"

static const uint32_t Base = 0x10000000u, Bytes = 65536u;

static uint32_t merge(uint32_t w, uint32_t d, unsigned be)
{
    for (int b = 0; b < 4; b++)
        if (be & (1u << b)) w = (w & ~(0xffu << (8 * b))) | (d & (0xffu << (8 * b)));
    return w;
}

int main(int argc, char **argv)
{
    Verilated::commandArgs(argc, argv);
    Vobti_soc_ram *t = new Vobti_soc_ram;
    std::vector<uint32_t> ref(Bytes / 4, 0);
    int fails = 0;
    uint64_t conflicts = 0, refused = 0, rr_same = 0, b_reads = 0, b_writes = 0;
    bool a_rd_q = false, b_rd_q = false;
    uint32_t a_exp = 0, b_exp = 0;

    t->rst = 1;
    t->i_req = 0; t->i_b_req = 0;
    for (int i = 0; i < 3; i++) { t->clk = 0; t->eval(); t->clk = 1; t->eval(); }
    t->rst = 0;
    // known start: write every word of the window used, and the last word
    srand(7);
    const unsigned window = 8;           // words 0..7 and the RAM's last word
    auto word_of = [&](unsigned k) { return k < window ? k : Bytes / 4 - 1; };
    for (unsigned k = 0; k <= window; k++) {   // the words used start at 0
        t->clk = 0;
        t->i_req = 1; t->i_we = 1; t->i_addr = Base + 4 * word_of(k); t->i_be = 0xf; t->i_wdata = 0;
        t->eval();
        t->clk = 1;
        t->eval();
    }
    t->i_req = 0;
    for (int cyc = 0; cyc < 200000 && fails < 5; cyc++) {
        // stimulus for this cycle
        bool a_req = rand() % 4 != 0, a_we = rand() % 2;
        bool b_req = rand() % 4 != 0, b_we = rand() % 2;
        unsigned aw = word_of(rand() % (window + 1)), bw = word_of(rand() % (window + 1));
        unsigned a_be = 1 + rand() % 15, b_be = 1 + rand() % 15;
        uint32_t a_d = (uint32_t)rand() * 2654435761u, b_d = (uint32_t)rand() * 40503u + 1;
        t->clk = 0;
        t->i_req = a_req; t->i_we = a_we; t->i_addr = Base + 4 * aw + (rand() & 3); t->i_be = a_be; t->i_wdata = a_d;
        t->i_b_req = b_req; t->i_b_we = b_we; t->i_b_addr = Base + 4 * bw; t->i_b_be = b_be; t->i_b_wdata = b_d;
        t->eval();
        // responses of the previous cycle's reads
        if (a_rd_q && t->o_rdata != a_exp) {
            printf("FAIL aes/dma-ram: cycle %d port A read 0x%08x, expected 0x%08x\n", cyc, t->o_rdata, a_exp);
            fails++;
        }
        if (b_rd_q && (!t->o_b_rvalid || t->o_b_rdata != b_exp)) {
            printf("FAIL aes/dma-ram: cycle %d port B read 0x%08x (rvalid %d), expected 0x%08x\n", cyc,
                   t->o_b_rdata, t->o_b_rvalid, b_exp);
            fails++;
        }
        // the arbitration
        bool conflict = a_req && b_req && aw == bw && (a_we || b_we);
        bool want_gnt = !conflict;
        if (a_req && b_req && aw == bw) { if (conflict) conflicts++; else rr_same++; }
        if (!t->o_gnt || (b_req && (bool)t->o_b_gnt != want_gnt)) {
            printf("FAIL aes/dma-ram: cycle %d grant A %d B %d, expected A 1 B %d (A %s word %u, B %s word %u)\n",
                   cyc, t->o_gnt, t->o_b_gnt, want_gnt, a_we ? "write" : "read", aw, b_we ? "write" : "read", bw);
            fails++;
        }
        bool b_go = b_req && want_gnt;
        if (b_req && !want_gnt) refused++;
        // reference: reads see the words before this cycle's writes
        a_rd_q = a_req && !a_we;
        b_rd_q = b_go && !b_we;
        a_exp = ref[aw];
        b_exp = ref[bw];
        if (a_req && a_we) ref[aw] = merge(ref[aw], a_d, a_be);
        if (b_go && b_we) { ref[bw] = merge(ref[bw], b_d, b_be); b_writes++; }
        if (b_go && !b_we) b_reads++;
        t->clk = 1;
        t->eval();
    }
    bool ok = fails == 0 && conflicts > 1000 && rr_same > 1000;
    printf("%s aes/dma-ram: 200000 cycles of random traffic on both ports, %llu conflicts (port B refused), "
           "%llu same-word read pairs served together, %llu/%llu port B reads/writes\n",
           ok ? "PASS" : "FAIL", (unsigned long long)conflicts, (unsigned long long)rr_same,
           (unsigned long long)b_reads, (unsigned long long)b_writes);
    (void)refused;
    delete t;
    return ok ? 0 : 1;
}
