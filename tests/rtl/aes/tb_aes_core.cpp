// Unit bench of the AES key store and round engine (rtl/periph/aes/
// obti_aes_keys.v, obti_aes_core.v, wired by tests/rtl/aes/tb_aes_core_top.v
// as obti_aes.v wires them): what the bus-level bench (tb_aes.cpp) cannot
// see. The round keys the expansion writes into the two LUT RAMs are checked
// against the FIPS-197 Appendix A expansions (kmem_e as they are, kmem_d with
// k_1..k_{Nr-1} through InvMixColumns, the keys of the equivalent inverse
// cipher of FIPS-197 5.3.5), encryption and decryption from them against
// Appendix C, and a
// clear must zero every kmem entry, also when an encryption with a new key
// expansion starts while the wipe is still running (its entries must then
// survive).
// Prints "PASS ..."/"FAIL ..." lines.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "Vtb_aes_core_top.h"
#include "Vtb_aes_core_top___024root.h"
#include "verilated.h"

typedef std::vector<uint8_t> Bytes;

static Vtb_aes_core_top *top;
static int fails;

static Bytes hex(const std::string &s)
{
    Bytes b;
    for (size_t i = 0; i + 1 < s.size(); i += 2)
        b.push_back((uint8_t)std::stoul(s.substr(i, 2), nullptr, 16));
    return b;
}

// big-endian bytes <-> Verilator wide words (word 0 = bits 31:0)
template <class W> static void put(W &w, const Bytes &b, int nbits)
{
    for (int i = 0; i < nbits / 32; i++) w[i] = 0;
    for (size_t i = 0; i < b.size(); i++) {
        int bit = nbits - 8 * (int)(i + 1);
        w[bit / 32] |= (uint32_t)b[i] << (bit % 32);
    }
}
template <class W> static Bytes get(const W &w, int nbits)
{
    Bytes b(nbits / 8);
    for (size_t i = 0; i < b.size(); i++) {
        int bit = nbits - 8 * (int)(i + 1);
        b[i] = (uint8_t)(w[bit / 32] >> (bit % 32));
    }
    return b;
}

static void tick()
{
    top->clk = 0;
    top->eval();
    top->clk = 1;
    top->eval();
    top->i_start = 0;
    top->i_expand = 0;
    top->i_clear = 0;
    top->rst = 0;
}

static void check(bool ok, const std::string &name)
{
    printf("%s aes-core/%s\n", ok ? "PASS" : "FAIL", name.c_str());
    if (!ok) fails++;
}

// round key i of the encryption / decryption table: its four column RAMs
#define KEYS(x) top->rootp->tb_aes_core_top__DOT__u_keys__DOT__##x
static Bytes cols(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3)
{
    Bytes b;
    for (uint32_t c : {c0, c1, c2, c3})
        for (int s = 24; s >= 0; s -= 8) b.push_back((uint8_t)(c >> s));
    return b;
}
static Bytes kmem(int i) { return cols(KEYS(kmem_e0)[i], KEYS(kmem_e1)[i], KEYS(kmem_e2)[i], KEYS(kmem_e3)[i]); }
static Bytes kmemd(int i) { return cols(KEYS(kmem_d0)[i], KEYS(kmem_d1)[i], KEYS(kmem_d2)[i], KEYS(kmem_d3)[i]); }

static void set_key(const Bytes &k)
{
    Bytes k32 = k;
    k32.resize(32, 0);
    put(top->i_key, k32, 256);
    top->i_k256 = k.size() == 32;
}

// expand the key; false on a timeout
static bool expand()
{
    top->i_expand = 1;
    for (int n = 1; n < 80; n++) {
        tick();
        if (top->o_kdone) {
            tick();                               // the clock that writes k_Nr
            return !top->o_kbusy;
        }
    }
    return false;
}

// start a block; the result after o_done, or empty on a timeout
static Bytes run(const Bytes &blk, bool dec, int *lat = nullptr)
{
    put(top->i_block, blk, 128);
    top->i_dec = dec;
    top->i_start = 1;
    for (int n = 1; n < 40; n++) {
        tick();
        if (top->o_done) {
            if (lat) *lat = n;
            return get(top->o_block, 128);
        }
    }
    return Bytes();
}

// FIPS-197 Appendix A: the round keys w[4r..4r+3] as 128-bit keys
static Bytes expand_key_ref(const Bytes &key, int r);
// what kmem must hold for round key r of nr: InvMixColumns(k_r) for the
// middle rounds (FIPS-197 5.3.5), k_0 and k_Nr as they are
static Bytes dkey_ref(const Bytes &key, int r, int nr);

static const Bytes Pt = hex("00112233445566778899aabbccddeeff");

int main(int argc, char **argv)
{
    Verilated::commandArgs(argc, argv);
    top = new Vtb_aes_core_top;
    top->rst = 1;
    tick();
    for (int i = 0; i < 20; i++) tick();
    bool z = true;
    for (int i = 0; i < 16; i++) z &= kmem(i) == Bytes(16, 0) && kmemd(i) == Bytes(16, 0);
    check(z, "kmem zero after reset");

    struct Case { const char *name, *key, *ct; int nr; } cases[] = {
        {"aes128", "000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a", 10},
        {"aes256", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
         "8ea2b7ca516745bfeafc49904b496089", 14},
    };
    for (auto &c : cases) {
        Bytes key = hex(c.key);
        set_key(key);
        int lat = 0;
        bool xok = expand();
        Bytes ct = run(Pt, false, &lat);
        check(xok && ct == hex(c.ct) && lat == c.nr + 1,
              std::string("FIPS-197 C encrypt ") + c.name);
        bool ok = true;
        for (int r = 0; r <= c.nr; r++)
            ok &= kmem(r) == expand_key_ref(key, r) && kmemd(r) == dkey_ref(key, r, c.nr);
        check(ok, std::string("kmem holds the FIPS-197 A round keys (5.3.5 form) ") + c.name);
        Bytes pt = run(ct, true, &lat);
        check(pt == Pt && lat == c.nr + 1, std::string("FIPS-197 C decrypt ") + c.name);
        // back to back: decrypt in the clock after an encryption's last round
        ct = run(Pt, false);
        pt = run(ct, true);
        check(pt == Pt, std::string("decrypt right after encrypt ") + c.name);
    }

    // clear: every entry zeroed within 16 clocks, the result and window too
    top->i_clear = 1;
    tick();
    for (int i = 0; i < 16; i++) tick();
    z = true;
    for (int i = 0; i < 16; i++) z &= kmem(i) == Bytes(16, 0) && kmemd(i) == Bytes(16, 0);
    z &= get(top->o_block, 128) == Bytes(16, 0);
    z &= get(top->rootp->tb_aes_core_top__DOT__u_keys__DOT__win_q, 256) == Bytes(32, 0);
    check(z, "clear zeroes kmem, window and result");

    // AES-256 keys in all entries, then clear and an AES-128 expansion 3
    // clocks later (the wipe is still running): entries 0..10 hold the new
    // round keys, 11..15 are zero, and decryption works
    Bytes k256 = hex(cases[1].key), k128 = hex("2b7e151628aed2a6abf7158809cf4f3c");
    set_key(k256);
    expand();
    top->i_clear = 1;
    tick();
    tick();
    tick();
    set_key(k128);
    expand();
    Bytes ct = run(Pt, false);
    for (int i = 0; i < 20; i++) tick();
    bool ok = true;
    for (int r = 0; r <= 10; r++)
        ok &= kmem(r) == expand_key_ref(k128, r) && kmemd(r) == dkey_ref(k128, r, 10);
    for (int r = 11; r < 16; r++) ok &= kmem(r) == Bytes(16, 0) && kmemd(r) == Bytes(16, 0);
    check(ok, "clear during use: new round keys kept, old AES-256 keys wiped");
    check(run(ct, true) == Pt, "decrypt after clear and re-key");

    printf("tb_aes_core: %d failed\n", fails);
    delete top;
    return fails ? 1 : 0;
}

// ---- reference key expansion (FIPS-197 5.2), independent of the RTL ----------
static uint8_t sbox_ref(uint8_t x)
{
    // S(x) = affine(x^-1) in GF(2^8) mod x^8+x^4+x^3+x+1
    auto mul = [](uint8_t a, uint8_t b) {
        uint8_t p = 0;
        while (b) {
            if (b & 1) p ^= a;
            a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
            b >>= 1;
        }
        return p;
    };
    uint8_t inv = 0;
    for (int c = 1; c < 256 && x; c++)
        if (mul(x, (uint8_t)c) == 1) inv = (uint8_t)c;
    uint8_t s = 0x63;
    for (int i = 0; i < 8; i++) {
        int bit = ((inv >> i) ^ (inv >> ((i + 4) % 8)) ^ (inv >> ((i + 5) % 8)) ^
                   (inv >> ((i + 6) % 8)) ^ (inv >> ((i + 7) % 8))) & 1;
        s ^= (uint8_t)(bit << i);
    }
    return s;
}

static Bytes expand_key_ref(const Bytes &key, int r)
{
    int nk = (int)key.size() / 4;
    std::vector<uint32_t> w;
    for (int i = 0; i < nk; i++)
        w.push_back((uint32_t)key[4 * i] << 24 | key[4 * i + 1] << 16 | key[4 * i + 2] << 8 |
                    key[4 * i + 3]);
    uint8_t rcon = 1;
    for (int i = nk; i < 4 * (r + 1); i++) {
        uint32_t t = w[i - 1];
        if (i % nk == 0) {
            t = (t << 8) | (t >> 24);
            t = (uint32_t)sbox_ref(t >> 24) << 24 | sbox_ref((t >> 16) & 0xff) << 16 |
                sbox_ref((t >> 8) & 0xff) << 8 | sbox_ref(t & 0xff);
            t ^= (uint32_t)rcon << 24;
            rcon = (uint8_t)((rcon << 1) ^ ((rcon & 0x80) ? 0x1b : 0));
        } else if (nk > 6 && i % nk == 4) {
            t = (uint32_t)sbox_ref(t >> 24) << 24 | sbox_ref((t >> 16) & 0xff) << 16 |
                sbox_ref((t >> 8) & 0xff) << 8 | sbox_ref(t & 0xff);
        }
        w.push_back(w[i - nk] ^ t);
    }
    Bytes b;
    for (int i = 4 * r; i < 4 * r + 4; i++)
        for (int s = 24; s >= 0; s -= 8) b.push_back((uint8_t)(w[i] >> s));
    return b;
}

// InvMixColumns (FIPS-197 5.3.3: the matrix {0e 0b 0d 09} rotated) on each column
static Bytes dkey_ref(const Bytes &key, int r, int nr)
{
    Bytes k = expand_key_ref(key, r);
    if (r == 0 || r == nr) return k;
    auto mul = [](uint8_t a, uint8_t b) {
        uint8_t p = 0;
        while (b) {
            if (b & 1) p ^= a;
            a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
            b >>= 1;
        }
        return p;
    };
    static const uint8_t m[4] = {0x0e, 0x0b, 0x0d, 0x09};
    Bytes o(16);
    for (int c = 0; c < 4; c++)
        for (int i = 0; i < 4; i++) {
            uint8_t v = 0;
            for (int j = 0; j < 4; j++) v ^= mul(k[4 * c + j], m[(j - i + 4) % 4]);
            o[4 * c + i] = v;
        }
    return o;
}
