#!/usr/bin/env python3
"""Host protocol tests, independent side (docs/protocol.md).

Python's `cryptography` (OpenSSL underneath) is the independent model: it
makes the SP root key, the PS key and certificates (the good one and the
rogue ones), builds messages from the specification alone for the C code to
open, and checks the C encoder's datagrams byte for byte / by decryption and
signature verification. Then it runs the C test program (prot_test), which
also prints its own PASS/FAIL lines.

usage: kat.py PROT_TEST_BIN   (prints PASS/FAIL lines on stdout)
"""
import hashlib
import hmac
import os
import struct
import subprocess
import sys
import tempfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature, encode_dss_signature)
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.x509.oid import NameOID
import datetime

RESULTS = []


def verdict(name, ok, why=""):
    line = f"PASS {name}" if ok else f"FAIL {name}: {why}"
    print(line, flush=True)
    RESULTS.append(ok)


def pat(start, n=16):
    return bytes((start + i) & 0xFF for i in range(n))


# The fixed inputs shared with prot_test.c (kat_inputs there).
K, SK, AK = pat(0x00), pat(0x10), pat(0x20)
N0, N1, N2, N3 = pat(0x30), pat(0x40), pat(0x50), pat(0x60)
SK2 = pat(0x70)
SESSION, SEQ = 0x0A0B0C0D, 5
ACCOUNT, COUNTER = 123456, 7
MAC = bytes([2, 0, 0, 0, 0, 1])
IP, VPORT, FW = 0x0A00020F, 7070, 0x00010002
CRED_KEY = b"ps-gc shared key for the test"
DIR_B2P, DIR_P2B = 0x42325031, 0x50324231
T = dict(SETUP=1, KEYX=0x12, KEYX_ACK=0x13, AUTH_RESULT=0x14, ENROLL=0x15,
         ENROLL_ACK=0x16, REGISTER=0x20, REGISTER_ACK=0x21, CRED=0x30)


def hkdf(ikm, info, n, salt=None):
    return HKDF(algorithm=hashes.SHA256(), length=n, salt=salt, info=info).derive(ikm)


def dirkeys(x):
    return hkdf(x, b"obti b2p", 16), hkdf(x, b"obti p2b", 16)


def header(typ, body_len, session=SESSION, seq=SEQ):
    return struct.pack(">HBBIIHH", 0x4F42, 1, typ, session, seq, body_len, 0)


def tlv(tag, val):
    return struct.pack(">BH", tag, len(val)) + val


def gcm_iv(d, seq):
    return struct.pack(">III", d, 0, seq)


def sealed(typ, x, pt, d):
    """A one-envelope message, from the specification."""
    key = dirkeys(x)[0 if d == DIR_B2P else 1]
    body_len = 3 + len(pt) + 16
    aad = header(typ, body_len) + struct.pack(">BH", 0x13, len(pt) + 16)
    return aad + AESGCM(key).encrypt(gcm_iv(d, SEQ), pt, aad)


def make_pki(d):
    """SP root key, PS key and the certificates the tests need (DER files)."""
    now = datetime.datetime(2026, 1, 1)

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    def cert(subject_key, signer_key, cn, ca=False, ku=True, h=hashes.SHA256()):
        b = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(name("openbti SP root"))
             .public_key(subject_key.public_key()).serial_number(x509.random_serial_number())
             .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
             .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if ku:
            b = b.add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=not ca,
                data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=False,
                encipher_only=False, decipher_only=False), critical=True)
        else:
            b = b.add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        return b.sign(signer_key, h).public_bytes(serialization.Encoding.DER)

    sp = rsa.generate_private_key(65537, 2048)
    rogue = rsa.generate_private_key(65537, 2048)
    ps = rsa.generate_private_key(65537, 2048)
    small = rsa.generate_private_key(65537, 1024)
    files = {
        "sp_pub.der": sp.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo),
        "ps_key.der": ps.private_bytes(serialization.Encoding.DER,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()),
        "ps_cert.der": cert(ps, sp, "openbti PS"),
        "rogue_cert.der": cert(ps, rogue, "openbti PS"),
        "ca_cert.der": cert(ps, sp, "openbti PS", ca=True),
        "noenc_cert.der": cert(ps, sp, "openbti PS", ku=False),
        "small_cert.der": cert(small, sp, "openbti PS"),
        "sha1_cert.der": None,
    }
    try:
        files["sha1_cert.der"] = cert(ps, sp, "openbti PS", h=hashes.SHA1())
    except Exception:  # OpenSSL policy may forbid SHA-1 signing
        files["sha1_cert.der"] = cert(ps, sp, "openbti PS", h=hashes.SHA384())
    for f, v in files.items():
        with open(os.path.join(d, f), "wb") as fh:
            fh.write(v)
    return ps


def ku_key():
    d = int.from_bytes(hashlib.sha256(b"openbti test KU").digest(), "big") % (2**256 - 2**224)
    return ec.derive_private_key(d, ec.SECP256R1())


def ku_pub(k):
    return k.public_key().public_bytes(serialization.Encoding.X962,
                                       serialization.PublicFormat.UncompressedPoint)


def lt_keys():
    return hkdf(K + SK + AK, b"obti long-term", 64, salt=N0 + N1 + N2)


def py_messages(d, ps_key):
    """Messages built here from the specification, for prot_test to open."""
    out = {}
    # KEYX: ENC_K, ENC_INFO, WRAPPED_K, each AAD = datagram up to its value.
    body_len = (3 + 64) + (3 + 32) + (3 + 256)
    h = header(T["KEYX"], body_len)
    aad1 = h + struct.pack(">BH", 0x10, 64)
    enc_k = AESGCM(dirkeys(K)[0]).encrypt(gcm_iv(DIR_B2P, SEQ), SK + AK + N0, aad1)
    info = MAC + struct.pack(">IHI", IP, VPORT, FW)
    aad2 = aad1 + enc_k + struct.pack(">BH", 0x11, 32)
    enc_i = AESGCM(dirkeys(SK)[0]).encrypt(gcm_iv(DIR_B2P, SEQ), info, aad2)
    wrapped = ps_key.public_key().encrypt(K, padding.OAEP(
        mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
    out["keyx"] = aad2 + enc_i + tlv(0x12, wrapped)
    out["keyx_ack"] = sealed(T["KEYX_ACK"], SK, N0 + N1, DIR_P2B)
    out["auth_result"] = sealed(T["AUTH_RESULT"], SK, bytes([1]) + N1 + bytes([2]), DIR_P2B)
    ku = ku_key()
    out["enroll"] = sealed(T["ENROLL"], SK, N1 + N2 + ku_pub(ku), DIR_B2P)
    out["enroll_ack"] = sealed(T["ENROLL_ACK"], SK, N2 + struct.pack(">I", ACCOUNT), DIR_P2B)
    out["register_ack"] = sealed(T["REGISTER_ACK"], SK2, N3, DIR_P2B)
    # REGISTER: AES-CTR + HMAC-SHA256/128 under the long-term keys, then SIG.
    lt = lt_keys()
    body_len = (3 + 6) + (3 + 4) + (3 + 48) + (3 + 64)
    pre = header(T["REGISTER"], body_len) + tlv(1, MAC) + tlv(4, struct.pack(">I", COUNTER))
    aad = pre + struct.pack(">BH", 0x14, 48)
    ctr = struct.pack(">IIII", DIR_B2P, COUNTER, SEQ, 0)
    enc = Cipher(algorithms.AES(lt[0:16]), modes.CTR(ctr)).encryptor()
    ct = enc.update(SK2 + N3) + enc.finalize()
    mac = hmac.new(lt[16:32], aad + ct, hashlib.sha256).digest()[:16]
    signed = aad + ct + mac + struct.pack(">BH", 0x7F, 64)
    r, s = decode_dss_signature(ku.sign(signed, ec.ECDSA(hashes.SHA256())))
    out["register"] = signed + r.to_bytes(32, "big") + s.to_bytes(32, "big")
    # CRED with the PS-GC HMAC.
    body_len = (3 + 6) + (3 + 4) + (3 + 65) + (3 + 32)
    pre = (header(T["CRED"], body_len) + tlv(1, MAC) + tlv(3, struct.pack(">I", ACCOUNT))
           + tlv(0x0A, ku_pub(ku)) + struct.pack(">BH", 0x7E, 32))
    out["cred"] = pre + hmac.new(CRED_KEY, pre, hashlib.sha256).digest()
    with open(os.path.join(d, "py_msgs.txt"), "w") as fh:
        for k, v in out.items():
            fh.write(f"{k} {v.hex()}\n")
        fh.write(f"ku_pub {ku_pub(ku).hex()}\n")
    return ku


def check_c_outputs(d, ps_key):
    """prot_test's kat.txt: values and datagrams from the C encoders."""
    vals = {}
    with open(os.path.join(d, "kat.txt")) as fh:
        for line in fh:
            k, v = line.split()
            vals[k] = bytes.fromhex(v)

    def eq(name, got, want):
        verdict(f"kat.{name}", got == want, f"C {got.hex()} != Python {want.hex()}")

    b2p, p2b = dirkeys(K)
    eq("dirkey_b2p", vals.get("dirkey_b2p", b""), b2p)
    eq("dirkey_p2b", vals.get("dirkey_p2b", b""), p2b)
    eq("srtp_master", vals.get("srtp_master", b""), hkdf(AK, b"obti srtp", 30))
    eq("long_term", vals.get("long_term", b""), lt_keys())
    # Deterministic datagrams (GCM with the implicit IV): byte for byte.
    eq("keyx_ack_bytes", vals.get("keyx_ack", b""), sealed(T["KEYX_ACK"], SK, N0 + N1, DIR_P2B))
    eq("enroll_ack_bytes", vals.get("enroll_ack", b""),
       sealed(T["ENROLL_ACK"], SK, N2 + struct.pack(">I", ACCOUNT), DIR_P2B))
    eq("auth_result_bytes", vals.get("auth_result", b""),
       sealed(T["AUTH_RESULT"], SK, bytes([0]) + N1 + bytes([3]), DIR_P2B))
    eq("register_ack_bytes", vals.get("register_ack", b""),
       sealed(T["REGISTER_ACK"], SK2, N3, DIR_P2B))
    c_ku = vals.get("c_ku_pub", b"")
    eq("enroll_bytes", vals.get("enroll", b""), sealed(T["ENROLL"], SK, N1 + N2 + c_ku, DIR_B2P))

    # KEYX from C: unwrap with the PS private key and open both envelopes.
    m = vals.get("keyx", b"")
    try:
        aad1 = m[:16 + 3]
        k = ps_key.decrypt(m[16 + 3 + 64 + 3 + 32 + 3:], padding.OAEP(
            mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
        p1 = AESGCM(dirkeys(k)[0]).decrypt(gcm_iv(DIR_B2P, SEQ), m[19:19 + 64], aad1)
        aad2 = m[:19 + 64 + 3]
        p2 = AESGCM(dirkeys(p1[:16])[0]).decrypt(gcm_iv(DIR_B2P, SEQ), m[86:86 + 32], aad2)
        ok = (k == K and p1 == SK + AK + N0 and p2 == MAC + struct.pack(">IHI", IP, VPORT, FW)
              and m[:16] == header(T["KEYX"], len(m) - 16))
        verdict("kat.keyx_opened_by_python", ok, "contents differ")
    except Exception as e:  # noqa: BLE001
        verdict("kat.keyx_opened_by_python", False, repr(e))

    # REGISTER from C: ECDSA signature with KU+, HMAC, AES-CTR.
    m = vals.get("register", b"")
    try:
        pub = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), c_ku)
        sig = m[-64:]
        pub.verify(encode_dss_signature(int.from_bytes(sig[:32], "big"),
                                        int.from_bytes(sig[32:], "big")),
                   m[:-64], ec.ECDSA(hashes.SHA256()))
        lt = lt_keys()
        aad_end = 16 + 9 + 7 + 3
        ct, mac = m[aad_end:aad_end + 32], m[aad_end + 32:aad_end + 48]
        want_mac = hmac.new(lt[16:32], m[:aad_end] + ct, hashlib.sha256).digest()[:16]
        dec = Cipher(algorithms.AES(lt[0:16]),
                     modes.CTR(struct.pack(">IIII", DIR_B2P, COUNTER, SEQ, 0))).decryptor()
        pt = dec.update(ct) + dec.finalize()
        verdict("kat.register_checked_by_python", mac == want_mac and pt == SK2 + N3,
                "MAC or plaintext differ")
    except Exception as e:  # noqa: BLE001
        verdict("kat.register_checked_by_python", False, repr(e))

    # Signed SETUP from C: the signature covers the datagram up to the SIG value.
    m = vals.get("setup_signed", b"")
    try:
        pub = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), c_ku)
        sig = m[-64:]
        pub.verify(encode_dss_signature(int.from_bytes(sig[:32], "big"),
                                        int.from_bytes(sig[32:], "big")),
                   m[:-64], ec.ECDSA(hashes.SHA256()))
        verdict("kat.setup_signature_by_python", True)
    except Exception as e:  # noqa: BLE001
        verdict("kat.setup_signature_by_python", False, repr(e))

    m = vals.get("cred", b"")
    verdict("kat.cred_hmac_by_python",
            len(m) > 32 and hmac.compare_digest(
                hmac.new(CRED_KEY, m[:-32], hashlib.sha256).digest(), m[-32:]),
            "HMAC differs")


def rfc5869_case1():
    """The HKDF primitive itself against RFC 5869 A.1 (hand vector) in Python,
    so that the Python model is checked too."""
    ikm = bytes([0x0b] * 22)
    salt = bytes(range(13))
    info = bytes(range(0xf0, 0xfa))
    okm = hkdf(ikm, info, 42, salt=salt)
    verdict("kat.python_model_rfc5869_a1", okm.hex() ==
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
            "34007208d5b887185865", okm.hex())


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="protocol.") as d:
        ps_key = make_pki(d)
        py_messages(d, ps_key)
        rfc5869_case1()
        p = subprocess.run([binary, d], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=600)
        sys.stdout.write(p.stdout)
        for line in p.stdout.splitlines():
            RESULTS.append(line.startswith("PASS"))
        if p.returncode != 0:
            verdict("prot_test.exit", False, f"exit {p.returncode}: {p.stderr[-2000:]}")
        if not os.path.exists(os.path.join(d, "kat.txt")):
            verdict("kat.c_outputs", False, "prot_test wrote no kat.txt")
        else:
            check_c_outputs(d, ps_key)
    return 0 if all(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
