"""The test key set of a sequence number, as tests/keystore/common.h makes it."""


def keyset(seq):
    n = 300 + 150 * (seq % 3)
    return bytes(((i * 7 + seq * 131 + (i >> 5)) ^ (seq >> 8) ^ 0x5A) & 0xFF for i in range(n))
