/* Host tests of sw/common/srtp.c (AES_CM_128_HMAC_SHA1_80): RFC 3711 B.2
 * (AES-CM keystream) and B.3 (key derivation) known answers, interoperation
 * with libsrtp2 (Debian's libsrtp2-dev, the reference implementation) in
 * both directions across a sequence-number wrap, and the drops: replay, a
 * packet older than the window, tampered tag, payload and header, every
 * truncation, another SSRC. One PASS/FAIL line per test.
 *
 *   srtp_test                 run the tests
 *   srtp_test --gen FILE      write libsrtp2-protected packets for the
 *                             firmware test (tests/fw/crypto/gen_data.py) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <srtp2/srtp.h>

#include "srtp.h"

static int fails;

static void result(int ok, const char *name, const char *why)
{
    if (ok)
        printf("PASS srtp/%s\n", name);
    else {
        printf("FAIL srtp/%s: %s\n", name, why);
        fails++;
    }
}

static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = 0;
    for (; h[0] && h[1]; h += 2)
        out[n++] = (uint8_t)strtoul((char[3]){h[0], h[1], 0}, NULL, 16);
    return n;
}

/* RFC 3711 B.2: session key 2B7E.., salt F0F1..FD, SSRC 0, index 0: the
 * keystream of blocks 0-2 and of blocks 0xFEFF-0xFF01. */
static void test_b2(void)
{
    uint8_t key[16], iv[16], buf[48], want[48];
    mbedtls_aes_context aes;
    int ok = 1;

    unhex("2b7e151628aed2a6abf7158809cf4f3c", key);
    mbedtls_aes_init(&aes);
    ok &= mbedtls_aes_setkey_enc(&aes, key, 128) == 0;
    unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfd0000", iv);
    unhex("e03ead0935c95e80e166b16dd92b4eb4d23513162b02d0f72a43a2fe4a5f97ab"
          "41e95b3bb0a2e8dd477901e4fca894c0", want);
    memset(buf, 0, sizeof buf);
    ok &= obti_srtp_aes_cm(&aes, iv, buf, 48) == 0 && memcmp(buf, want, 48) == 0;
    unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", iv);
    unhex("ec8cdf7398607cb0f2d21675ea9ea1e4362b7c3c6773516318a077d7fc5073ae"
          "6a2cc3787889374fbeb4c81b17ba6c44", want);
    memset(buf, 0, sizeof buf);
    ok &= obti_srtp_aes_cm(&aes, iv, buf, 48) == 0 && memcmp(buf, want, 48) == 0;
    mbedtls_aes_free(&aes);
    result(ok, "rfc3711-b2-keystream", "keystream differs from RFC 3711 B.2");
}

/* RFC 3711 B.3: key derivation with kdr 0. */
static void test_b3(void)
{
    uint8_t master[30], out[94], want[94];
    int ok = 1;

    unhex("e1f97a0d3e018be0d64fa32c06de4139" "0ec675ad498afeebb6960b3aabe6", master);
    ok &= obti_srtp_kdf(master, 0, out, 16) == 0 && unhex("c61e7a93744f39ee10734afe3ff7a087", want) == 16 &&
          memcmp(out, want, 16) == 0;
    ok &= obti_srtp_kdf(master, 2, out, 14) == 0 && unhex("30cbbc08863d8c85d49db34a9ae1", want) == 14 &&
          memcmp(out, want, 14) == 0;
    ok &= obti_srtp_kdf(master, 1, out, 94) == 0 &&
          unhex("cebe321f6ff7716b6fd4ab49af256a156d38baa48f0a0acf3c34e2359e6cdbce"
                "e049646c43d9327ad175578ef72270986371c10c9a369ac2f94a8c5fbcdddc25"
                "6d6e919a48b610ef17c2041e474035766b68642c59bbfc2f34db60dbdfb2", want) == 94 &&
          memcmp(out, want, 94) == 0;
    result(ok, "rfc3711-b3-kdf", "session keys differ from RFC 3711 B.3");
}

/* A PCMU packet: 12-byte header (PT 0), 160 bytes of payload. */
#define PAYLOAD 160
#define RTP_LEN (12 + PAYLOAD)

static void make_rtp(uint8_t *p, uint16_t seq, uint32_t ssrc, int csrc, int ext)
{
    size_t h = 12;
    p[0] = (uint8_t)(0x80 | (ext ? 0x10 : 0) | csrc);
    p[1] = 0;
    p[2] = (uint8_t)(seq >> 8);
    p[3] = (uint8_t)seq;
    uint32_t ts = 160u * seq;
    for (int i = 0; i < 4; i++) {
        p[4 + i] = (uint8_t)(ts >> (24 - 8 * i));
        p[8 + i] = (uint8_t)(ssrc >> (24 - 8 * i));
    }
    for (int c = 0; c < csrc; c++, h += 4)
        memset(p + h, 0x10 + c, 4);
    if (ext) {                          /* profile 0xBEDE, one word */
        p[h] = 0xbe; p[h + 1] = 0xde; p[h + 2] = 0; p[h + 3] = 1;
        memset(p + h + 4, 0x22, 4);
        h += 8;
    }
    for (size_t i = 0; i < PAYLOAD; i++)
        p[h + i] = (uint8_t)(seq * 7 + i);   /* mu-law-like bytes, distinct per packet */
}

static srtp_t lib_session(const uint8_t master[30], uint32_t ssrc, int inbound)
{
    srtp_policy_t pol;
    srtp_t s = NULL;
    memset(&pol, 0, sizeof pol);
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&pol.rtp);
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&pol.rtcp);
    pol.ssrc.type = inbound ? ssrc_any_inbound : ssrc_specific;
    pol.ssrc.value = ssrc;
    pol.key = (unsigned char *)master;
    pol.window_size = 128;
    if (srtp_create(&s, &pol) != srtp_err_status_ok)
        return NULL;
    return s;
}

static const uint8_t MASTER[30] = {
    0x4c, 0x1a, 0x8f, 0x03, 0x62, 0xd5, 0x9e, 0x27, 0xb0, 0x11, 0x7c, 0xe4, 0x35, 0xa9, 0x58, 0xf6,
    0x0d, 0x93, 0x2e, 0x71, 0xc8, 0x4b, 0xea, 0x16, 0x5f, 0x80, 0x3d, 0xa2, 0x67, 0xcb};

/* ours -> libsrtp2 and libsrtp2 -> ours, n packets from seq0 (wrapping),
 * with CSRC and extension variants. */
static void test_interop(void)
{
    const uint32_t ssrc = 0x12345678u;
    uint8_t pkt[RTP_LEN + 64], ref[RTP_LEN + 64];
    struct obti_srtp tx, rx;
    int ok1 = 1, ok2 = 1;
    const int n = 300;
    uint16_t seq0 = 65400;

    srtp_t lrx = lib_session(MASTER, ssrc, 1), ltx = lib_session(MASTER, ssrc, 0);
    ok1 &= lrx != NULL && obti_srtp_init(&tx, OBTI_SRTP_SEND, MASTER, ssrc) == 0;
    ok2 &= ltx != NULL && obti_srtp_init(&rx, OBTI_SRTP_RECV, MASTER, ssrc) == 0;
    for (int i = 0; i < n && ok1 && ok2; i++) {
        uint16_t seq = (uint16_t)(seq0 + i);
        int csrc = i % 5 == 1 ? 2 : 0, ext = i % 7 == 3;
        size_t hl = 12 + 4u * csrc + (ext ? 8 : 0), len = hl + PAYLOAD, out;
        int ilen;
        /* ours protects, libsrtp2 unprotects */
        make_rtp(pkt, seq, ssrc, csrc, ext);
        memcpy(ref, pkt, len);
        ok1 &= obti_srtp_protect(&tx, pkt, len, sizeof pkt, &out) == 0 && out == len + 10;
        ok1 &= memcmp(pkt + hl, ref + hl, PAYLOAD) != 0;            /* the payload is encrypted */
        ilen = (int)out;
        ok1 &= srtp_unprotect(lrx, pkt, &ilen) == srtp_err_status_ok && (size_t)ilen == len &&
               memcmp(pkt, ref, len) == 0;
        /* libsrtp2 protects, ours unprotects */
        make_rtp(pkt, seq, ssrc, csrc, ext);
        ilen = (int)len;
        ok2 &= srtp_protect(ltx, pkt, &ilen) == srtp_err_status_ok && (size_t)ilen == len + 10;
        ok2 &= obti_srtp_unprotect(&rx, pkt, (size_t)ilen, &out) == 0 && out == len && memcmp(pkt, ref, len) == 0;
    }
    result(ok1, "interop-ours-to-libsrtp2", "libsrtp2 rejected or misdecrypted our packet");
    result(ok2, "interop-libsrtp2-to-ours", "we rejected or misdecrypted libsrtp2's packet");
    /* the wrap: seq 65400 + 300 crosses 65535 -> ROC 1 on both sides */
    result(ok1 && ok2 && (tx.index >> 16) == 1 && (rx.index >> 16) == 1 && rx.stats.ok == (uint32_t)n,
           "roc-wrap", "ROC not 1 after the sequence number wrapped");
    obti_srtp_free(&tx);
    obti_srtp_free(&rx);
    srtp_dealloc(lrx);
    srtp_dealloc(ltx);
}

/* Packets from libsrtp2, delivered to ours out of order, twice, too old,
 * tampered, truncated, of another SSRC. */
static void test_drops(void)
{
    const uint32_t ssrc = 0xcafef00du;
    enum { N = 100 };
    static uint8_t prot[N][RTP_LEN + 16];
    uint8_t pkt[RTP_LEN + 16], plain[RTP_LEN];
    size_t plen = RTP_LEN + 10, out;
    struct obti_srtp rx;
    srtp_t ltx = lib_session(MASTER, ssrc, 0);
    int ok;

    for (int i = 0; i < N; i++) {
        int ilen = RTP_LEN;
        make_rtp(prot[i], (uint16_t)(1000 + i), ssrc, 0, 0);
        if (ltx == NULL || srtp_protect(ltx, prot[i], &ilen) != srtp_err_status_ok || ilen != (int)plen) {
            result(0, "drops-setup", "libsrtp2 failed to protect");
            return;
        }
    }
    obti_srtp_init(&rx, OBTI_SRTP_RECV, MASTER, ssrc);

    /* reordering inside the window is accepted, each packet once */
    ok = 1;
    const int order[] = {0, 2, 1, 5, 3, 4, 70, 69, 10};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        memcpy(pkt, prot[order[k]], plen);
        ok &= obti_srtp_unprotect(&rx, pkt, plen, &out) == 0;
    }
    result(ok, "reorder-in-window", "an out-of-order packet inside the window was refused");

    memcpy(pkt, prot[3], plen);
    uint32_t ok_before = rx.stats.ok;
    int rc = obti_srtp_unprotect(&rx, pkt, plen, &out);
    result(rc == OBTI_SRTP_EREPLAY && rx.stats.replay == 1 && rx.stats.ok == ok_before, "replay-rejected",
           "a packet received twice was accepted");

    memcpy(pkt, prot[6], plen);                     /* 70 is the highest: 6 is 64 behind */
    rc = obti_srtp_unprotect(&rx, pkt, plen, &out);
    result(rc == OBTI_SRTP_EREPLAY, "older-than-window-rejected", "a packet 64 behind was accepted");
    memcpy(pkt, prot[7], plen);                     /* 63 behind, never seen: accepted */
    rc = obti_srtp_unprotect(&rx, pkt, plen, &out);
    result(rc == 0, "window-edge-accepted", "a packet 63 behind, not seen before, was refused");

    int ok_tag = 1, ok_pay = 1, ok_hdr = 1;
    for (int bit = 0; bit < 80; bit++) {           /* every tag bit */
        memcpy(pkt, prot[71], plen);
        pkt[RTP_LEN + bit / 8] ^= (uint8_t)(1u << (bit % 8));
        ok_tag &= obti_srtp_unprotect(&rx, pkt, plen, &out) == OBTI_SRTP_EAUTH;
    }
    for (size_t i = 12; i < RTP_LEN; i += 13) {
        memcpy(pkt, prot[71], plen);
        pkt[i] ^= 0x01;
        ok_pay &= obti_srtp_unprotect(&rx, pkt, plen, &out) == OBTI_SRTP_EAUTH;
    }
    const size_t hdr_bytes[] = {1, 2, 3, 4, 7};    /* PT/M, SEQ, timestamp (not SSRC: see below) */
    for (size_t k = 0; k < 5; k++) {
        memcpy(pkt, prot[71], plen);
        pkt[hdr_bytes[k]] ^= 0x01;
        rc = obti_srtp_unprotect(&rx, pkt, plen, &out);
        ok_hdr &= rc == OBTI_SRTP_EAUTH || rc == OBTI_SRTP_EREPLAY;
    }
    result(ok_tag && rx.stats.auth_fail >= 80, "tampered-tag-rejected", "a packet with a flipped tag bit was accepted");
    result(ok_pay, "tampered-payload-rejected", "a packet with a flipped payload bit was accepted");
    result(ok_hdr, "tampered-header-rejected", "a packet with a flipped header bit was accepted");

    int ok_trunc = 1;
    for (size_t l = 0; l < plen; l++) {
        memcpy(pkt, prot[72], plen);
        rc = obti_srtp_unprotect(&rx, pkt, l, &out);
        ok_trunc &= rc == OBTI_SRTP_EINVAL || rc == OBTI_SRTP_EAUTH;
    }
    memcpy(pkt, prot[72], plen);                    /* still acceptable afterwards */
    ok_trunc &= obti_srtp_unprotect(&rx, pkt, plen, &out) == 0 && out == RTP_LEN;
    make_rtp(plain, 1072, ssrc, 0, 0);
    ok_trunc &= memcmp(pkt, plain, RTP_LEN) == 0;
    result(ok_trunc, "truncated-rejected", "a truncated packet was accepted (or the intact one afterwards refused)");

    memcpy(pkt, prot[73], plen);
    pkt[11] ^= 0x01;
    result(obti_srtp_unprotect(&rx, pkt, plen, &out) == OBTI_SRTP_ESSRC && rx.stats.bad_ssrc == 1, "other-ssrc-rejected",
           "a packet of another SSRC was accepted");

    memcpy(pkt, prot[73], plen);
    pkt[0] = (uint8_t)((pkt[0] & 0x3f) | 0x40);    /* RTP version 1 */
    result(obti_srtp_unprotect(&rx, pkt, plen, &out) == OBTI_SRTP_EINVAL, "bad-version-rejected",
           "a packet that is not RTP version 2 was accepted");

    /* a CSRC count / extension length pointing past the end */
    uint8_t shortp[40] = {0x8f, 0, 0, 1, 0, 0, 0, 0, 0xca, 0xfe, 0xf0, 0x0d};
    result(obti_srtp_unprotect(&rx, shortp, sizeof shortp, &out) == OBTI_SRTP_EINVAL, "header-overrun-rejected",
           "a header longer than the packet was accepted");

    size_t o2;
    uint8_t small[RTP_LEN + 10];
    struct obti_srtp tx;
    obti_srtp_init(&tx, OBTI_SRTP_SEND, MASTER, ssrc);
    make_rtp(small, 5, ssrc, 0, 0);
    result(obti_srtp_protect(&tx, small, RTP_LEN, RTP_LEN + 9, &o2) == OBTI_SRTP_ESPACE &&
               obti_srtp_protect(&tx, small, RTP_LEN, RTP_LEN + 10, &o2) == 0,
           "protect-needs-room", "protect wrote past the buffer or refused a fitting one");
    obti_srtp_free(&tx);
    obti_srtp_free(&rx);
    srtp_dealloc(ltx);
}

/* Packets for the firmware test: seq 65534, 65535, 0, 1 (a wrap), PCMU. */
static int gen(const char *path)
{
    const uint32_t ssrc = 0x5eed0001u;
    FILE *f = fopen(path, "w");
    srtp_t ltx = lib_session(MASTER, ssrc, 0);
    if (f == NULL || ltx == NULL)
        return 1;
    fprintf(f, "master ");
    for (int i = 0; i < 30; i++)
        fprintf(f, "%02x", MASTER[i]);
    fprintf(f, "\nssrc %08x\n", (unsigned)ssrc);
    const uint16_t seqs[] = {65534, 65535, 0, 1};
    for (int k = 0; k < 4; k++) {
        uint8_t p[RTP_LEN + 16];
        int len = RTP_LEN;
        make_rtp(p, seqs[k], ssrc, 0, 0);
        fprintf(f, "plain ");
        for (int i = 0; i < RTP_LEN; i++)
            fprintf(f, "%02x", p[i]);
        if (srtp_protect(ltx, p, &len) != srtp_err_status_ok)
            return 1;
        fprintf(f, "\nprot ");
        for (int i = 0; i < len; i++)
            fprintf(f, "%02x", p[i]);
        fprintf(f, "\n");
    }
    srtp_dealloc(ltx);
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    if (srtp_init() != srtp_err_status_ok) {
        printf("FAIL srtp/init: libsrtp2 srtp_init failed\n");
        return 1;
    }
    if (argc == 3 && strcmp(argv[1], "--gen") == 0)
        return gen(argv[2]);
    test_b2();
    test_b3();
    test_interop();
    test_drops();
    srtp_shutdown();
    printf("srtp: %d failed\n", fails);
    return fails != 0;
}
