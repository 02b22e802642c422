#!/usr/bin/env python3
"""Known-answer vectors for the AES engine, one case per line, for the
Verilator test bench (tests/rtl/aes/tb_aes.cpp) and the firmware test
(sw/fw/app/aestest, a subset as a C header).

  vectors.py --txt OUT.txt              every case
  vectors.py --header OUT.h [--max N]   a C header: the standard vectors and
                                        up to N cases per CAVP file

Line format (fields separated by one space, '-' for empty):
  GROUP OP KEY IV AAD IN OUT TAG EXPECT
OP is ecb-e ecb-d cbc-e cbc-d ctr gcm-e gcm-d; for gcm-d OUT is the expected
plaintext and EXPECT is 'fail' when the tag must be rejected, else 'ok'.

Sources: NIST CAVP AESAVS (ECB, CBC: GFSbox, KeySbox, VarKey, VarTxt, MMT)
and GCM (gcmEncryptExtIV, gcmDecrypt) files and the RFC 3686 CTR vectors, as
shipped by Debian's python3-cryptography-vectors; FIPS-197 Appendix C;
SP 800-38A Appendix F; RFC 3711 Appendix B.2; RFC 7714 section 16.1.1.
The 192-bit files are skipped: the engine implements AES-128 and AES-256.
"""
import argparse
import os
import sys

VEC = "/usr/lib/python3/dist-packages/cryptography_vectors/ciphers/AES"

# --- standards, transcribed -------------------------------------------------
K128 = "2b7e151628aed2a6abf7158809cf4f3c"
K256 = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"
P38A = ("6bc1bee22e409f96e93d7e117393172a" "ae2d8a571e03ac9c9eb76fac45af8e51"
        "30c81c46a35ce411e5fbc1191a0a52ef" "f69f2445df4f9b17ad2b417be66c3710")
IV38A = "000102030405060708090a0b0c0d0e0f"
CTR38A = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
STANDARD = [
    # FIPS-197 Appendix C.1 and C.3
    ("fips197-c1", "ecb-e", "000102030405060708090a0b0c0d0e0f", "", "",
     "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a"),
    ("fips197-c3", "ecb-e", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "", "",
     "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"),
    # SP 800-38A F.1.1/F.1.2, F.1.5/F.1.6 (ECB)
    ("sp800-38a-f1.1", "ecb-e", K128, "", "", P38A,
     "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
     "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4"),
    ("sp800-38a-f1.5", "ecb-e", K256, "", "", P38A,
     "f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870"
     "b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7"),
    # F.2.1/F.2.2, F.2.5/F.2.6 (CBC)
    ("sp800-38a-f2.1", "cbc-e", K128, IV38A, "", P38A,
     "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
     "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"),
    ("sp800-38a-f2.5", "cbc-e", K256, IV38A, "", P38A,
     "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
     "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"),
    # F.5.1/F.5.2, F.5.5/F.5.6 (CTR)
    ("sp800-38a-f5.1", "ctr", K128, CTR38A, "", P38A,
     "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
     "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee"),
    ("sp800-38a-f5.5", "ctr", K256, CTR38A, "", P38A,
     "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
     "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6"),
    # RFC 3711 B.2: AES-CM keystream (zero plaintext), counters ..0000 to ..0002
    # and ..FDFEFF to ..FDFF01 (block 0xFEFF onward: carries across bytes)
    ("rfc3711-b2", "ctr", K128, "f0f1f2f3f4f5f6f7f8f9fafbfcfd0000", "", "00" * 48,
     "e03ead0935c95e80e166b16dd92b4eb4d23513162b02d0f72a43a2fe4a5f97ab"
     "41e95b3bb0a2e8dd477901e4fca894c0"),
    ("rfc3711-b2", "ctr", K128, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", "", "00" * 48,
     "ec8cdf7398607cb0f2d21675ea9ea1e4362b7c3c6773516318a077d7fc5073ae"
     "6a2cc3787889374fbeb4c81b17ba6c44"),
]
# RFC 7714 16.1.1: AEAD_AES_128_GCM, RTP header as AAD, IV = salt ^ (SSRC, ROC, SEQ)
RFC7714 = ("rfc7714-16.1.1", "000102030405060708090a0b0c0d0e0f", "51753c6580c2726f20718414",
           "8040f17b8041f8d35501a0b2",
           "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573",
           "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833",
           "899d7f27beb16a9152cf765ee4390cce")


def standard_cases():
    out = []
    for g, op, key, iv, aad, pt, ct in STANDARD:
        out.append((g, op, key, iv, aad, pt, ct, "", "ok"))
        if op in ("ecb-e", "cbc-e"):
            out.append((g, op[:-1] + "d", key, iv, aad, ct, pt, "", "ok"))
        elif op == "ctr":
            out.append((g, op, key, iv, aad, ct, pt, "", "ok"))
    g, key, iv, aad, pt, ct, tag = RFC7714
    out.append((g, "gcm-e", key, iv, aad, pt, ct, tag, "ok"))
    out.append((g, "gcm-d", key, iv, aad, ct, pt, tag, "ok"))
    return out


def records(path):
    """(section, {field: value}) for each case of a CAVP-style file."""
    section, params, cur = "", {}, None
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                if cur is not None and not line:
                    yield section, cur
                    cur = None
                continue
            if line.startswith("["):
                if cur is not None:
                    yield section, cur
                    cur = None
                inner = line.strip("[]")
                if "=" in inner:
                    k, v = (s.strip() for s in inner.split("=", 1))
                    params[k.lower()] = v
                else:
                    section = inner
                continue
            if line == "FAIL":
                cur["fail"] = True
                continue
            if "=" in line:
                k, v = (s.strip() for s in line.split("=", 1))
                k = k.lower()
                if k == "count":
                    if cur is not None:
                        yield section, cur
                    cur = dict(params)
                cur[k] = v
    if cur is not None:
        yield section, cur


def cavp_cases():
    """(file tag, [cases]) for every CAVP file the engine supports."""
    files = []
    for mode in ("ECB", "CBC"):
        for kind in ("GFSbox", "KeySbox", "VarKey", "VarTxt", "MMT"):
            for bits in (128, 256):
                name = f"{mode}{kind}{bits}.rsp"
                cases = []
                for sec, r in records(os.path.join(VEC, mode, name)):
                    d = "e" if sec == "ENCRYPT" else "d"
                    src, dst = ("plaintext", "ciphertext") if d == "e" else ("ciphertext", "plaintext")
                    cases.append((name, f"{mode.lower()}-{d}", r["key"], r.get("iv", ""), "",
                                  r[src], r[dst], "", "ok"))
                files.append((name, cases))
    for bits in (128, 256):
        name = f"aes-{bits}-ctr.txt"
        cases = [(name, "ctr", r["key"], r["iv"], "", r["plaintext"], r["ciphertext"], "", "ok")
                 for _, r in records(os.path.join(VEC, "CTR", name))]
        files.append((name, cases))
    for kind in ("gcmEncryptExtIV", "gcmDecrypt"):
        for bits in (128, 256):
            name = f"{kind}{bits}.rsp"
            cases = []
            for _, r in records(os.path.join(VEC, "GCM", name)):
                if kind == "gcmEncryptExtIV":
                    cases.append((name, "gcm-e", r["key"], r["iv"], r["aad"], r["pt"], r["ct"],
                                  r["tag"], "ok"))
                else:
                    cases.append((name, "gcm-d", r["key"], r["iv"], r["aad"], r["ct"],
                                  r.get("pt", ""), r["tag"], "fail" if r.get("fail") else "ok"))
            files.append((name, cases))
    return files


def line(c):
    return " ".join(x if x else "-" for x in c)


def c_header(files, maxn):
    ops = {"ecb-e": "AESTV_ECB_E", "ecb-d": "AESTV_ECB_D", "cbc-e": "AESTV_CBC_E",
           "cbc-d": "AESTV_CBC_D", "ctr": "AESTV_CTR", "gcm-e": "AESTV_GCM_E", "gcm-d": "AESTV_GCM_D"}

    def arr(h):
        return '"' + "".join(f"\\x{h[i:i+2]}" for i in range(0, len(h), 2)) + '"'

    out = ["/* Generated by tests/rtl/aes/vectors.py; do not edit. Known answers from",
           " * FIPS-197, SP 800-38A, RFC 3711, RFC 7714 and the NIST CAVP files. */",
           "#include \"aestest_vectors_types.h\"", "",
           "const struct aestv aestv_cases[] = {"]
    n = 0
    sel = standard_cases()
    for name, cases in files:
        # spread the subset over the file (its sections and lengths)
        step = max(1, len(cases) // maxn)
        sel += cases[::step][:maxn]
    for g, op, key, iv, aad, src, dst, tag, exp in sel:
        out.append(f"  {{\"{g}\", {ops[op]}, {len(key)//2}, {arr(key)}, {len(iv)//2}, {arr(iv)}, "
                   f"{len(aad)//2}, {arr(aad)}, {len(src)//2}, {arr(src)}, {arr(dst)}, "
                   f"{len(tag)//2}, {arr(tag)}, {1 if exp == 'fail' else 0}}},")
        n += 1
    out += ["};", f"const unsigned aestv_count = {n};", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--txt")
    ap.add_argument("--header")
    ap.add_argument("--max", type=int, default=8)
    a = ap.parse_args()
    files = cavp_cases()
    if a.txt:
        with open(a.txt, "w") as f:
            for c in standard_cases():
                f.write(line(c) + "\n")
            for _, cases in files:
                for c in cases:
                    f.write(line(c) + "\n")
    if a.header:
        with open(a.header, "w") as f:
            f.write(c_header(files, a.max))
    if not a.txt and not a.header:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
