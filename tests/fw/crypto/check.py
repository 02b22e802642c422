#!/usr/bin/env python3
"""Host-side checks of the firmware crypto test (make test-crypto), with
implementations independent of mbedTLS (pyca/cryptography, on OpenSSL):
- the SoC's ECDSA P-256 signature verifies under the public key it printed,
  and not over another message;
- the SoC's RSA-OAEP (SHA-256) ciphertext decrypts with the PS private key
  (made for this run by mkcerts.sh) to the K it printed;
- the image links no software AES (mbedTLS's FSb/RSb/FT0/RT0 tables and
  aes_gen_tables) and no software GHASH (gcm_gen_table, gcm_mult), and does
  link the engine paths (aes_ecb_block, aes_ghash).
usage: check.py GOOD.out CERTDIR ELF NM"""
import subprocess
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding


def result(ok, name, why):
    print(f"PASS crypto/host: {name}" if ok else f"FAIL crypto/host: {name}: {why}")


def main():
    out, certdir, elf, nm = sys.argv[1:5]
    vals = {}
    for line in open(out, errors="replace"):
        parts = line.rstrip("\n").split(" ", 1)
        if len(parts) == 2 and parts[0] in ("ecdsa-pub", "ecdsa-sig", "ecdsa-msg", "oaep-k", "oaep-c"):
            vals[parts[0]] = parts[1]
    name = "ECDSA P-256 signature from the SoC verifies (pyca/cryptography)"
    try:
        pub = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), bytes.fromhex(vals["ecdsa-pub"]))
        sig = bytes.fromhex(vals["ecdsa-sig"])
        msg = vals["ecdsa-msg"].encode()
        pub.verify(sig, msg, ec.ECDSA(hashes.SHA256()))
        try:
            pub.verify(sig, msg + b"!", ec.ECDSA(hashes.SHA256()))
            result(False, name, "the signature also verifies over another message")
        except InvalidSignature:
            result(True, name, "")
    except (KeyError, ValueError, InvalidSignature) as e:
        result(False, name, repr(e))
    name = "RSA-OAEP SHA-256 ciphertext from the SoC decrypts with the PS key to K"
    try:
        key = serialization.load_pem_private_key(open(f"{certdir}/ps.key", "rb").read(), None)
        k = key.decrypt(bytes.fromhex(vals["oaep-c"]),
                        padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
        result(k == bytes.fromhex(vals["oaep-k"]), name, "decrypted K differs")
    except (KeyError, ValueError) as e:
        result(False, name, repr(e))
    syms = set()
    for line in subprocess.run([nm, elf], capture_output=True, text=True, check=True).stdout.splitlines():
        f = line.split()
        if f:
            syms.add(f[-1])
    soft = sorted(syms & {"FSb", "RSb", "FT0", "RT0", "aes_gen_tables", "gcm_gen_table", "gcm_mult"})
    hw = {"aes_ecb_block", "aes_ghash", "aes_gcm_encrypt", "aes_ctr_xor"} - syms
    result(not soft and not hw, "no software AES or GHASH linked, the engine paths are",
           f"software symbols {soft}, missing engine symbols {sorted(hw)}")


if __name__ == "__main__":
    main()
