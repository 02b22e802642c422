#!/usr/bin/env python3
"""Host-side checks of the firmware crypto test (make test-crypto), with an
implementation independent of mbedTLS (the openssl command line):
- the SoC's ECDSA P-256 signature verifies under the public key it printed,
  and not over another message;
- the SoC's RSA-OAEP (SHA-256, MGF1-SHA-256) ciphertext decrypts with the PS
  private key (made for this run by mkcerts.sh) to the K it printed;
- the image links no software AES (mbedTLS's FSb/RSb/FT0/RT0 tables and
  aes_gen_tables) and no software GHASH (gcm_gen_table, gcm_mult), and does
  link the engine paths (aes_ecb_block, aes_ghash, ...).
usage: check.py GOOD.out CERTDIR ELF NM"""
import os
import subprocess
import sys
import tempfile

# DER SubjectPublicKeyInfo header of an uncompressed P-256 point (RFC 5480):
# SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (66 bytes) }
P256_SPKI = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200")


def result(ok, name, why):
    print(f"PASS crypto/host: {name}" if ok else f"FAIL crypto/host: {name}: {why}")


def openssl(*args):
    return subprocess.run(["openssl", *args], capture_output=True)


def main():
    out, certdir, elf, nm = sys.argv[1:5]
    vals = {}
    for line in open(out, errors="replace"):
        parts = line.rstrip("\n").split(" ", 1)
        if len(parts) == 2 and parts[0] in ("ecdsa-pub", "ecdsa-sig", "ecdsa-msg", "oaep-k", "oaep-c"):
            vals[parts[0]] = parts[1]
    with tempfile.TemporaryDirectory(prefix="cryptocheck.", dir=os.path.dirname(os.path.abspath(out))) as t:
        def f(name, data):
            p = os.path.join(t, name)
            open(p, "wb").write(data)
            return p
        name = "ECDSA P-256 signature from the SoC verifies (openssl)"
        if all(k in vals for k in ("ecdsa-pub", "ecdsa-sig", "ecdsa-msg")):
            pub = f("pub.der", P256_SPKI + bytes.fromhex(vals["ecdsa-pub"]))
            pem = os.path.join(t, "pub.pem")
            r0 = openssl("pkey", "-pubin", "-inform", "DER", "-in", pub, "-out", pem)
            sig = f("sig.der", bytes.fromhex(vals["ecdsa-sig"]))
            good = f("msg", vals["ecdsa-msg"].encode())
            bad = f("msg2", vals["ecdsa-msg"].encode() + b"!")
            r1 = openssl("dgst", "-sha256", "-verify", pem, "-signature", sig, good)
            r2 = openssl("dgst", "-sha256", "-verify", pem, "-signature", sig, bad)
            result(r0.returncode == 0 and r1.returncode == 0 and r2.returncode != 0, name,
                   f"openssl: key {r0.returncode}, good message {r1.returncode}, other message {r2.returncode}")
        else:
            result(False, name, "the run printed no signature")
        name = "RSA-OAEP SHA-256 ciphertext from the SoC decrypts with the PS key to K"
        if "oaep-c" in vals and "oaep-k" in vals:
            c = f("c.bin", bytes.fromhex(vals["oaep-c"]))
            r = openssl("pkeyutl", "-decrypt", "-inkey", os.path.join(certdir, "ps.key"), "-in", c,
                        "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256",
                        "-pkeyopt", "rsa_mgf1_md:sha256")
            result(r.returncode == 0 and r.stdout == bytes.fromhex(vals["oaep-k"]), name,
                   f"openssl exit {r.returncode}, K {'equal' if r.stdout == bytes.fromhex(vals['oaep-k']) else 'differs'}")
        else:
            result(False, name, "the run printed no ciphertext")
    syms = set()
    for line in subprocess.run([nm, elf], capture_output=True, text=True, check=True).stdout.splitlines():
        w = line.split()
        if w:
            syms.add(w[-1])
    soft = sorted(syms & {"FSb", "RSb", "FT0", "RT0", "aes_gen_tables", "gcm_gen_table", "gcm_mult"})
    hw = sorted({"aes_ecb_block", "aes_ghash", "aes_gcm_encrypt", "aes_ctr_xor"} - syms)
    result(not soft and not hw, "no software AES or GHASH linked, the engine paths are",
           f"software symbols {soft}, missing engine symbols {hw}")


if __name__ == "__main__":
    main()
