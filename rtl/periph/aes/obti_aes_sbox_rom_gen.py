#!/usr/bin/env python3
"""The S-box table of rtl/periph/aes/obti_aes_sbox_rom.v: entry {inv, x} is
S(x) for inv = 0 and S^-1(x) for inv = 1, computed from the definition
(FIPS-197 5.1.1: inverse in GF(2^8) modulo x^8+x^4+x^3+x+1, then the affine
map) and checked against FIPS-197 Fig. 7 samples. Prints the Verilog
localparam; with --check FILE verifies that FILE holds exactly that table.
Run: python3 rtl/periph/aes/obti_aes_sbox_rom_gen.py [--check FILE]"""
import re
import sys


def gmul8(a, b):
    r = 0
    for i in range(8):
        if b >> i & 1:
            r ^= a << i
    for i in range(15, 7, -1):
        if r >> i & 1:
            r ^= 0x11b << (i - 8)
    return r


def inv8(a):
    return 0 if a == 0 else next(b for b in range(256) if gmul8(a, b) == 1)


def sbox(x):
    b = inv8(x)
    r = 0x63
    for i in range(8):
        r ^= ((b >> i ^ b >> ((i + 4) % 8) ^ b >> ((i + 5) % 8) ^
               b >> ((i + 6) % 8) ^ b >> ((i + 7) % 8)) & 1) << i
    return r


S = [sbox(x) for x in range(256)]
SI = [S.index(x) for x in range(256)]
# FIPS-197 Fig. 7 / Fig. 14 samples
assert S[0x00] == 0x63 and S[0x53] == 0xed and S[0xff] == 0x16
assert SI[0x63] == 0x00 and SI[0xed] == 0x53 and SI[0x00] == 0x52
TABLE = S + SI
literal = "4096'h" + "".join("%02x" % TABLE[i] for i in range(511, -1, -1))

if len(sys.argv) == 3 and sys.argv[1] == "--check":
    text = open(sys.argv[2]).read()
    found = "".join(re.findall(r"256'h([0-9a-f]{64})", text))
    if found != literal[6:]:
        sys.exit("%s: S-box table differs from FIPS-197" % sys.argv[2])
    print("ok")
else:
    # 256 bits (32 entries) a line, entry 511 first
    body = literal[6:]
    lines = ["256'h" + body[i:i + 64] for i in range(0, len(body), 64)]
    print("  localparam [4095:0] Table = {\n    " + ",\n    ".join(lines) + "\n  };")
