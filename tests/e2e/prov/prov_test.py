#!/usr/bin/env python3
"""End-to-end tests of the provisioning servers (issue 7) on the host:
obti-gc and obti-ps on 127.0.0.1 (free ports, a fresh database each), driven
by provload, which runs the BTI engine of sw/common (the firmware's and the
software BTI's protocol code). Prints one `PASS name` / `FAIL name: reason`
line per test and, for `bench`, `FIGURE name value` lines.

Expected values come from the tests themselves (the work orders they created,
the datagrams they recorded) and from docs/protocol.md (wire codes: 2 AUTH,
3 REPLAY, 5 NOT_PROV; message types), read here with an independent parser.

usage: prov_test.py BUILD_SERVER_DIR [test ...]    (default: all tests)
  PROV_BIN=DIR: take the programs from DIR (e.g. the sanitizer build);
  SOFTBTI=FILE: the software BTI (default build/host/softbti);
  certificates and prompt always from BUILD_SERVER_DIR.
  tests: happy softbti wrong_code locked nonprov rogue replay garbage cred_outbox release loss
         kill_enroll kill_voice
         bench (not in the default list)
"""
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

SRV = sys.argv[1] if len(sys.argv) > 1 else "build/server"
BIN = os.environ.get("PROV_BIN", SRV)
SOFTBTI = os.environ.get("SOFTBTI", "build/host/softbti")
GEN_PUB = os.environ.get("SP_PUBKEY", "build/gen/bin/sp_pubkey.der")
CERTS = os.path.join(SRV, "certs")
PROMPT = os.path.join(SRV, "prompt.ul")
W_AUTH, W_REPLAY, W_NOT_PROV = 2, 3, 5
T_SETUP, T_SETUP_REJ, T_SETUP_ACK, T_ERROR = 0x01, 0x03, 0x02, 0x7F
T_KEYX, T_ENROLL, T_REGISTER = 0x12, 0x15, 0x20
E_CERT, E_NOTPROV, E_REJECTED = -21, -27, -25


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Servers:
    """One GC + one PS with their own databases in a temp dir."""

    def __init__(self, tmp, cert="ps", ps_extra=(), quiet=False):
        self.tmp = tmp
        self.key = os.urandom(32).hex()
        self.gc_port, self.ps_port, self.voice_port = free_port(), free_port(), free_port()
        self.cert = cert
        self.ps_extra = list(ps_extra)
        self.quiet = quiet
        self.gc_db = os.path.join(tmp, "gc.db")
        self.ps_db = os.path.join(tmp, "ps.db")
        self.gc_log = os.path.join(tmp, "gc.log")
        self.ps_log = os.path.join(tmp, "ps.log")
        q = ["--quiet"] if quiet else []
        self.gc = subprocess.Popen(
            [f"{BIN}/obti-gc", "--gc-key", self.key, "--db", self.gc_db, "--port", str(self.gc_port),
             "--ps-port", str(self.ps_port), "--ps-voice-port", str(self.voice_port)] + q,
            stderr=open(self.gc_log, "a"))
        self.ps = None
        self.start_ps(self.ps_extra)
        self.wait_log(self.gc_log, "obti-gc start")

    def start_ps(self, extra=()):
        q = ["--quiet"] if self.quiet else []
        self.ps = subprocess.Popen(
            [f"{BIN}/obti-ps", "--gc-key", self.key, "--db", self.ps_db, "--port", str(self.ps_port),
             "--voice-port", str(self.voice_port), "--gc", f"127.0.0.1:{self.gc_port}",
             "--cert", f"{CERTS}/{self.cert}.crt.der", "--key", f"{CERTS}/{self.cert}.key.pem",
             "--prompt", PROMPT] + q + list(extra),
            stderr=open(self.ps_log, "a"))
        self.wait_log(self.ps_log, "obti-ps start", count=self.log(self.ps_log).count("obti-ps start") + 1)

    @staticmethod
    def log(path):
        with open(path) as f:
            return f.read()

    def wait_log(self, path, text, timeout=10.0, count=1):
        end = time.time() + timeout
        while time.time() < end:
            if self.log(path).count(text) >= count:
                return True
            time.sleep(0.02)
        return False

    def admin(self, *args):
        r = subprocess.run([f"{BIN}/obti-admin", "--db", self.ps_db] + list(args),
                           capture_output=True, text=True, check=True)
        return r.stdout

    def order(self, code=None):
        args = ["create-order"] + (["--code", code] if code else [])
        code, account = self.admin(*args).split()
        return code, int(account)

    def ps_query(self, sql, *a):
        with sqlite3.connect(self.ps_db) as c:
            return c.execute(sql, a).fetchall()

    def gc_query(self, sql, *a):
        with sqlite3.connect(self.gc_db) as c:
            return c.execute(sql, a).fetchall()

    def stop(self):
        rcs = []
        for p in (self.ps, self.gc):
            if p and p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    rcs.append(p.wait(5))
                except subprocess.TimeoutExpired:
                    p.kill()
                    rcs.append("hang")
        return rcs


def provload(srv, *args, bg=False):
    cmd = [f"{BIN}/provload", "--gc", f"127.0.0.1:{srv.gc_port}", "--sp-pub", GEN_PUB] + [str(a) for a in args]
    if bg:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    return r.stdout + r.stderr


def results(out):
    bt = {m.group(1): dict(kv.split("=", 1) for kv in m.group(2).split())
          for m in re.finditer(r"^BTI (\w+) (.*)$", out, re.M)}
    return bt


def udp_exchange(port, data, timeout=2.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(timeout)
    s.sendto(data, ("127.0.0.1", port))
    try:
        return s.recv(2048)
    except socket.timeout:
        return None
    finally:
        s.close()


def parse(msg):
    """Header and TLVs after docs/protocol.md (an independent reader)."""
    magic, ver, typ, sess, seq, blen, flags = struct.unpack(">HBBIIHH", msg[:16])
    assert magic == 0x4F42 and ver == 1 and flags == 0 and blen == len(msg) - 16
    tlv, off = {}, 16
    while off < len(msg):
        tag, ln = struct.unpack(">BH", msg[off:off + 3])
        tlv[tag] = msg[off + 3:off + 3 + ln]
        off += 3 + ln
    return typ, sess, tlv


def err_code(msg):
    typ, _, tlv = parse(msg)
    return typ, struct.unpack(">H", tlv[0x07])[0] if 0x07 in tlv else None


def setup_msg(mac, called, session=None):
    session = session if session is not None else random.getrandbits(32)
    body = bytes([1]) + struct.pack(">H", 6) + mac + bytes([2]) + struct.pack(">H", len(called)) + called.encode()
    return struct.pack(">HBBIIHH", 0x4F42, 1, T_SETUP, session, 1, len(body), 0) + body


# ---------------------------------------------------------------------------
class Fail(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


def wait_for(fn, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.05)
    return fn()


def t_happy(tmp):
    """Provisioning (the user dials at once; prov.softbti hears the whole
    prompt), then re-registration after a 'reboot', then a signed call the
    GC accepts and an unsigned one it refuses."""
    srv = Servers(tmp)
    try:
        code, account = srv.order()
        ks = os.path.join(tmp, "ks")
        os.mkdir(ks)
        rec = os.path.join(tmp, "sent.txt")
        out = provload(srv, "--code", code, "--ks-dir", ks, "--record", rec, "--mac-base", "02aa00000001",
                       "--voice-fast", "--key-ms", 60)
        r = results(out).get("02aa00000001", {})
        check(r.get("result") == "ok", f"provisioning: {out.strip()}")
        check(int(r["account"]) == account, f"account {r['account']} != work order's {account}")
        check(int(r["prompt_frames"]) > 0, "heard no prompt")
        row = srv.ps_query("SELECT hex(bti_id), length(ku_pub), length(lt_keys), bound_at FROM accounts WHERE account=?", account)
        check(row and row[0][0] == "02AA00000001" and row[0][1] == 65 and row[0][2] == 64 and row[0][3],
              f"account not bound: {row}")
        check(srv.ps_query("SELECT state FROM work_orders WHERE code=?", code) == [("used",)], "work order not used")
        gc = wait_for(lambda: srv.gc_query("SELECT account FROM btis WHERE hex(bti_id)='02AA00000001'"))
        check(gc == [(account,)], f"GC did not learn the BTI: {gc}")
        # Re-registration: a new process (a reboot) with the same key store.
        out = provload(srv, "--register", "--ks-dir", ks, "--record", rec, "--mac-base", "02aa00000001")
        check(results(out).get("02aa00000001", {}).get("result") == "ok", f"re-registration: {out.strip()}")
        check(srv.ps_query("SELECT counter >= 1, registered_at IS NOT NULL FROM accounts WHERE account=?",
                           account) == [(1, 1)], "REGISTER not recorded")
        # A call to another number, signed with KU: accepted.
        out = provload(srv, "--call", "5551234", "--ks-dir", ks, "--record", rec, "--mac-base", "02aa00000001")
        check(results(out).get("02aa00000001", {}).get("result") == "ok", f"signed SETUP refused: {out.strip()}")
        check("setup_accepted" in srv.log(srv.gc_log), "GC log has no setup_accepted")
        # The same BTI unsigned: refused now that it is provisioned.
        rep = udp_exchange(srv.gc_port, setup_msg(bytes.fromhex("02aa00000001"), "5551234"))
        check(rep and err_code(rep) == (T_SETUP_REJ, W_AUTH), f"unsigned SETUP answer {rep and err_code(rep)}")
        for ev in ("hello", "keyx", "auth_ok", "provisioned", "registered", "cred_acked"):
            check(f" {ev} " in srv.log(srv.ps_log), f"PS log has no {ev} line")
    finally:
        rc = srv.stop()
    check(rc == [0, 0], f"servers did not exit cleanly on SIGTERM: {rc}")


def ulaw_decode(b):
    """ITU-T G.711 mu-law expansion (the standard's formula, written here)."""
    u = ~b & 0xFF
    mag = (((u & 0x0F) << 3) + 0x84) << ((u >> 4) & 7)
    return 0x84 - mag if u & 0x80 else mag - 0x84


def softbti(srv, *args):
    cmd = [SOFTBTI, "--gc", f"127.0.0.1:{srv.gc_port}", "--sp-pub", GEN_PUB] + [str(a) for a in args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return r.stdout + r.stderr


def t_softbti(tmp):
    """The software BTI (sw/softbti: its own SRTP, G.711 and DTMF generator,
    independent of the PS's libsrtp2 and spandsp) provisions with the whole
    prompt, and its earpiece holds the prompt bit-exact (expanded here with
    the G.711 formula); a second one dials a wrong code, then the right one;
    the first re-registers from its key store."""
    srv = Servers(tmp)
    try:
        code, account = srv.order()
        ks, ear = os.path.join(tmp, "ks0"), os.path.join(tmp, "ear.raw")
        out = softbti(srv, "--code", f"{code}#", "--keystore", ks, "--mac", "02:66:00:00:00:01",
                      "--earpiece", ear)
        check(f"provisioned, account {account}" in out, out.strip())
        check(srv.ps_query("SELECT hex(bti_id) FROM accounts WHERE account=?", account) == [("026600000001",)],
              "not bound")
        prompt = [ulaw_decode(b) for b in open(PROMPT, "rb").read()]
        heard = list(struct.unpack(f"<{os.path.getsize(ear) // 2}h", open(ear, "rb").read()))
        check(heard[:len(prompt)] == prompt,
              f"earpiece is not the prompt: {len(heard)} samples heard, {len(prompt)} in the prompt, "
              f"first difference at {next((i for i, (a, b) in enumerate(zip(heard, prompt)) if a != b), None)}")
        # The prompt clocked by the BTI's own frames (for a simulated BTI):
        # heard whole and bit-exact as well.
        srv.ps.send_signal(signal.SIGTERM)
        srv.ps.wait(5)
        srv.start_ps(["--prompt-clock", "bti"])
        code3, account3 = srv.order()
        ear3 = os.path.join(tmp, "ear3.raw")
        out = softbti(srv, "--code", f"{code3}#", "--mac", "02:66:00:00:00:03", "--earpiece", ear3)
        check(f"provisioned, account {account3}" in out, f"--prompt-clock bti: {out.strip()}")
        heard = list(struct.unpack(f"<{os.path.getsize(ear3) // 2}h", open(ear3, "rb").read()))
        check(heard[:len(prompt)] == prompt, "--prompt-clock bti: earpiece is not the prompt")
        code2, account2 = srv.order()
        out = softbti(srv, "--code", f"1111#,{code2}#", "--mac", "02:66:00:00:00:02", "--fast-voice")
        check(f"provisioned, account {account2}" in out, out.strip())
        check("tries_left=2" in srv.log(srv.ps_log), "no retry in the PS log")
        out = softbti(srv, "--register", "--keystore", ks, "--mac", "02:66:00:00:00:01")
        check(f"registered (account {account})" in out, out.strip())
    finally:
        rc = srv.stop()
    check(rc == [0, 0], f"exit codes {rc}")


def t_release(tmp):
    """A bound BTI cannot bind again; after `obti-admin release` (its key
    store was erased) the same BTI provisions again with the reopened work
    order, and the GC learns its new KU+."""
    srv = Servers(tmp)
    try:
        code, account = srv.order()
        args = ["--code", code, "--voice-fast", "--key-ms", 60, "--mac-base", "028800000001"]
        check("result=ok" in provload(srv, *args), "first provisioning")
        ku1 = wait_for(lambda: srv.gc_query("SELECT ku_pub FROM btis"))
        code2, _ = srv.order()
        out = provload(srv, "--code", code2, "--voice-fast", "--key-ms", 60, "--mac-base", "028800000001")
        check("result=fail" in out, f"a bound BTI bound a second account: {out.strip()}")
        check("released" in srv.admin("release", "--account", str(account), "--gc-db", srv.gc_db), "release")
        check(srv.ps_query("SELECT bti_id, state FROM accounts JOIN work_orders USING(account) WHERE account=?",
                           account) == [(None, "open")], "not released")
        check("result=ok" in provload(srv, *args), "provisioning after release")
        ku2 = wait_for(lambda: srv.gc_query("SELECT ku_pub FROM btis"))
        check(ku2 and ku1 and ku2 != ku1, "GC did not learn the new KU+")
    finally:
        srv.stop()


def t_wrong_code(tmp):
    """One wrong code, then the right one: AUTH_RESULT retry, then bound."""
    srv = Servers(tmp)
    try:
        code, account = srv.order()
        out = provload(srv, "--code", code, "--wrong", 1, "--voice-fast", "--key-ms", 60,
                       "--mac-base", "02bb00000001")
        r = results(out).get("02bb00000001", {})
        check(r.get("result") == "ok", f"{out.strip()}")
        check("auth_wrong" in srv.log(srv.ps_log) and "tries_left=2" in srv.log(srv.ps_log),
              "no retry with tries_left=2 in the PS log")
        check(srv.ps_query("SELECT hex(bti_id) FROM accounts WHERE account=?", account) == [("02BB00000001",)],
              "not bound after the retry")
    finally:
        srv.stop()


def t_locked(tmp):
    """Three wrong codes: locked, nothing bound, the work order still open,
    and the BTI refused for a while."""
    srv = Servers(tmp)
    try:
        code, account = srv.order()
        out = provload(srv, "--code", code, "--wrong", 3, "--voice-fast", "--key-ms", 60,
                       "--mac-base", "02cc00000001")
        r = results(out).get("02cc00000001", {})
        check(r.get("result") == "fail" and int(r["err"].split("(")[0]) == E_REJECTED, f"{out.strip()}")
        check(srv.ps_query("SELECT bti_id, ku_pub, lt_keys, bound_at FROM accounts WHERE account=?", account)
              == [(None, None, None, None)], "account touched after a locked session")
        check(srv.ps_query("SELECT state FROM work_orders WHERE code=?", code) == [("open",)], "work order changed")
        check(len(srv.ps_query("SELECT 1 FROM lockouts WHERE hex(bti_id)='02CC00000001'")) == 1, "no lockout")
        check(srv.log(srv.ps_log).count("auth_wrong") == 2 and "auth_locked" in srv.log(srv.ps_log),
              "expected 2 retries then locked in the PS log")
        out = provload(srv, "--code", code, "--voice-fast", "--mac-base", "02cc00000001")
        check(results(out).get("02cc00000001", {}).get("result") == "fail", "locked BTI provisioned anyway")
    finally:
        srv.stop()


def t_nonprov(tmp):
    """An unprovisioned BTI calling 5551234: SETUP_REJ NOT_PROV from the GC."""
    srv = Servers(tmp)
    try:
        out = provload(srv, "--call", "5551234", "--mac-base", "02dd00000001")
        r = results(out).get("02dd00000001", {})
        check(r.get("result") == "fail" and int(r["err"].split("(")[0]) == E_NOTPROV, out.strip())
        rep = udp_exchange(srv.gc_port, setup_msg(bytes.fromhex("02dd00000002"), "911"))
        check(rep and err_code(rep) == (T_SETUP_REJ, W_NOT_PROV), f"answer {rep and err_code(rep)}")
        rep = udp_exchange(srv.gc_port, setup_msg(bytes.fromhex("02dd00000002"), "611"))
        check(rep and parse(rep)[0] == T_SETUP_ACK, "611 not routed")
        check(srv.gc_query("SELECT count(*) FROM btis") == [(0,)], "GC stored something")
    finally:
        srv.stop()


def t_rogue(tmp):
    """A PS whose certificate is signed by another root: the BTI sends no KEYX."""
    srv = Servers(tmp, cert="rogue-ps")
    try:
        code, _ = srv.order()
        out = provload(srv, "--code", code, "--voice-fast", "--mac-base", "02ee00000001")
        r = results(out).get("02ee00000001", {})
        check(r.get("result") == "fail" and int(r["err"].split("(")[0]) == E_CERT, out.strip())
        sent = r.get("sent", "").split(",")
        check("12" not in sent, f"BTI sent KEYX to a rogue PS: {sent}")
        check(" keyx " not in srv.log(srv.ps_log), "PS saw a KEYX")
    finally:
        srv.stop()


def t_replay(tmp):
    """Duplicates and replays. First, with the sessions still held, a resent
    ENROLL and signed SETUP are duplicates: the cached replies come back.
    Then datagrams recorded in that run, replayed after both servers
    restarted: REGISTER and the signed SETUP refused as replays, ENROLL and
    KEYX refused, a signed SETUP with a flipped signature bit refused, nothing
    stored."""
    srv = Servers(tmp)
    try:
        code, account = srv.order()
        ks = os.path.join(tmp, "ks")
        os.mkdir(ks)
        rec = os.path.join(tmp, "sent.txt")
        for args in (["--code", code, "--voice-fast", "--key-ms", "60"], ["--register"], ["--call", "5551234"]):
            out = provload(srv, "--ks-dir", ks, "--record", rec, "--mac-base", "02ff00000001", *args)
            check("result=ok" in out, f"{args}: {out.strip()}")
        wait_for(lambda: srv.gc_query("SELECT 1 FROM btis"))
        # While the servers still hold the sessions, the last request of each
        # exchange resent is a duplicate (a retransmission): answered from the
        # reply cache, nothing stored twice.
        sent = [(int(t, 16), bytes.fromhex(h)) for t, h in (l.split() for l in open(rec))]
        before = (srv.ps_query("SELECT * FROM accounts"), srv.gc_query("SELECT * FROM btis"))
        enroll = [m for t, m in sent if t == T_ENROLL][-1]
        rep = udp_exchange(srv.ps_port, enroll)
        check(rep and parse(rep)[0] == 0x16, f"duplicate ENROLL answered {rep and parse(rep)[0]}")
        setup = [m for t, m in sent if t == T_SETUP][-1]
        rep = udp_exchange(srv.gc_port, setup)
        check(rep and parse(rep)[0] == T_SETUP_ACK, f"duplicate signed SETUP answered {rep and parse(rep)[0]}")
        check((srv.ps_query("SELECT * FROM accounts"), srv.gc_query("SELECT * FROM btis")) == before,
              "a duplicate changed a database")
        check("duplicate" in srv.log(srv.ps_log) and "duplicate" in srv.log(srv.gc_log), "no duplicate log line")
    finally:
        srv.stop()
    before_ps = srv.ps_query("SELECT * FROM accounts")
    before_gc = srv.gc_query("SELECT * FROM btis")
    srv2 = Servers.__new__(Servers)
    srv2.__dict__.update(srv.__dict__)
    srv2.gc = subprocess.Popen(
        [f"{BIN}/obti-gc", "--gc-key", srv.key, "--db", srv.gc_db, "--port", str(srv.gc_port),
         "--ps-port", str(srv.ps_port), "--ps-voice-port", str(srv.voice_port)], stderr=open(srv.gc_log, "a"))
    # An earlier run: the PS keeps no session of it (stored sessions older
    # than --session-timeout-s are not restored), so only the protocol's
    # replay checks stand between the old datagrams and the database.
    time.sleep(2.1)             # updated_at has whole seconds
    srv2.start_ps(["--session-timeout-s", "1"])
    srv2.wait_log(srv.gc_log, "obti-gc start", count=2)
    try:
        got = {}
        for t, msg in sent:
            if t in (T_REGISTER, T_KEYX, T_ENROLL):
                rep = udp_exchange(srv.ps_port, msg)
                got.setdefault(t, []).append(rep and err_code(rep))
            elif t == T_SETUP and parse(msg)[2].get(0x7F):
                rep = udp_exchange(srv.gc_port, msg)
                got.setdefault("signed_setup", []).append(rep and err_code(rep))
        # A signed SETUP with one bit of its signature flipped: AUTH.
        signed = bytearray([m for t, m in sent if t == T_SETUP and parse(m)[2].get(0x7F)][-1])
        signed[-1] ^= 0x01
        rep = udp_exchange(srv.gc_port, bytes(signed))
        check(rep and err_code(rep) == (T_SETUP_REJ, W_AUTH), f"forged SETUP answered {rep and err_code(rep)}")
        check(got.get(T_REGISTER) and all(g == (T_ERROR, W_REPLAY) for g in got[T_REGISTER]),
              f"REGISTER replay answered {got.get(T_REGISTER)}")
        check(got.get("signed_setup") and all(g == (T_SETUP_REJ, W_REPLAY) for g in got["signed_setup"]),
              f"signed SETUP replay answered {got.get('signed_setup')}")
        # KEYX/ENROLL of a finished session: refused (ERROR), or at most the
        # cached ENROLL_ACK resent (a duplicate); never a new binding.
        for t in (T_KEYX, T_ENROLL):
            check(got.get(t) and all(g is None or g[0] in (T_ERROR, 0x16) for g in got[t]),
                  f"type {t:#x} replay answered {got.get(t)}")
        check(srv.ps_query("SELECT * FROM accounts") == before_ps, "PS accounts changed")
        check(srv.gc_query("SELECT * FROM btis") == before_gc, "GC record changed")
    finally:
        rc = srv2.stop()
    check(rc == [0, 0], f"exit codes {rc}")


def t_rsa_agree(tmp):
    """The PS decrypts {K}_KPS with OpenSSL (--rsa openssl, its default) and
    the protocol library with mbedTLS: both recover K from a BTI's wrapping,
    both reject a flipped bit and a K wrapped for another key (rsabench
    --check), and a PS started with --rsa mbedtls provisions too."""
    r = subprocess.run([f"{BIN}/rsabench", "--check", f"{CERTS}/ps.key.pem"], capture_output=True,
                       text=True, timeout=60)
    check(r.returncode == 0 and r.stdout.strip() == "agree", r.stdout + r.stderr)
    srv = Servers(tmp, ps_extra=["--rsa", "mbedtls"])
    try:
        code, acct = srv.order()
        provload(srv, "--code", code, "--voice-fast", "--mac-base", "025600000001")
        bound = srv.ps_query("SELECT count(*) FROM accounts WHERE account=? AND bti_id IS NOT NULL", acct)[0][0]
        check(bound == 1, "PS with --rsa mbedtls: account not bound")
    finally:
        rcs = srv.stop()
    check(rcs == [0, 0], f"servers exited {rcs}")


def t_garbage(tmp):
    """Bad input on every port: each recorded datagram of a provisioning
    truncated at every length and with one bit flipped at every byte, plus
    random datagrams, sent to the GC, the PS control and the PS voice port.
    Nothing is stored, both servers count the drops, and a provisioning
    right after still succeeds."""
    srv = Servers(tmp)
    try:
        code, _ = srv.order()
        rec = os.path.join(tmp, "sent.txt")
        out = provload(srv, "--code", code, "--voice-fast", "--record", rec, "--mac-base", "025500000001")
        check("result=ok" in out, out.strip())
        before = (srv.ps_query("SELECT * FROM accounts"), srv.gc_query("SELECT * FROM btis"))
        rnd = random.Random(7)
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        sent = 0
        for line in open(rec):
            msg = bytes.fromhex(line.split()[1])
            bad = [msg[:n] for n in range(len(msg))]
            for i in range(len(msg)):
                b = bytearray(msg)
                b[i] ^= 1 << rnd.randrange(8)
                bad.append(bytes(b))
            bad += [rnd.randbytes(rnd.randrange(1, 1500)) for _ in range(50)]
            for i, m in enumerate(bad):
                for port in (srv.gc_port, srv.ps_port, srv.voice_port):
                    s.sendto(m, ("127.0.0.1", port))
                    sent += 1
                if i % 64 == 0:
                    time.sleep(0.005)   # let the servers drain their sockets
        s.close()
        time.sleep(0.5)
        check(srv.ps.poll() is None and srv.gc.poll() is None, "a server died")
        check((srv.ps_query("SELECT * FROM accounts"), srv.gc_query("SELECT * FROM btis")) == before,
              "bad input changed a database")
        code2, _ = srv.order()
        out = provload(srv, "--code", code2, "--voice-fast", "--mac-base", "025500000002")
        check("result=ok" in out, f"after the garbage: {out.strip()}")
    finally:
        rc = srv.stop()
    check(rc == [0, 0], f"exit codes {rc}")
    ps_drops = int(re.findall(r"obti-ps stop .* drops=(\d+)", srv.log(srv.ps_log))[-1])
    gc_drops = int(re.findall(r"obti-gc stop .* drops=(\d+)", srv.log(srv.gc_log))[-1])
    check(ps_drops > sent // 10 and gc_drops > sent // 10, f"drops counted: PS {ps_drops} GC {gc_drops} of {sent} sent")


def t_cred_outbox(tmp):
    """The GC does not hear the PS (wrong address): the binding still
    completes, the CRED waits in the outbox, and a PS restarted with the
    right address delivers it; the GC then accepts the BTI's signed call."""
    dead = free_port()
    srv = Servers(tmp, ps_extra=["--gc", f"127.0.0.1:{dead}"])
    try:
        code, account = srv.order()
        ks = os.path.join(tmp, "ks")
        os.mkdir(ks)
        out = provload(srv, "--code", code, "--voice-fast", "--key-ms", 60, "--ks-dir", ks,
                       "--mac-base", "027700000001")
        check("result=ok" in out, out.strip())
        time.sleep(0.6)
        check(srv.ps_query("SELECT count(*) FROM cred_outbox") == [(1,)], "CRED not waiting in the outbox")
        check(srv.gc_query("SELECT count(*) FROM btis") == [(0,)], "GC learned without a CRED")
        srv.ps.send_signal(signal.SIGTERM)
        srv.ps.wait(5)
        srv.start_ps()
        check(wait_for(lambda: srv.gc_query("SELECT account FROM btis")) == [(account,)], "GC never learned")
        check(wait_for(lambda: srv.ps_query("SELECT count(*) FROM cred_outbox") == [(0,)]), "outbox not emptied")
        out = provload(srv, "--call", "5551234", "--ks-dir", ks, "--mac-base", "027700000001")
        check("result=ok" in out, f"signed call: {out.strip()}")
    finally:
        srv.stop()


def t_loss(tmp):
    """20 % of all datagrams lost in each direction (control and voice):
    three BTIs still provision (a BTI may start over once, as a user would)."""
    srv = Servers(tmp)
    try:
        codes = [srv.order()[0] for _ in range(3)]
        cf = os.path.join(tmp, "codes")
        open(cf, "w").write("\n".join(codes) + "\n")
        out = provload(srv, "--codes", cf, "--count", 3, "--parallel", 3, "--loss", 20, "--seed",
                       random.randrange(1, 1 << 30), "--voice-fast", "--redial", 1, "--mac-base", "021100000001")
        check("SUMMARY ok=3 fail=0" in out, out.strip())
        check(srv.ps_query("SELECT count(*) FROM accounts WHERE bti_id IS NOT NULL") == [(3,)], "not 3 bound")
    finally:
        srv.stop()


def t_kill_enroll(tmp):
    """The PS dies (as if killed) when the KEYX arrives: restarted, it has
    the session from the HELLO and answers the retransmitted KEYX. It dies
    inside the binding transaction: nothing is bound; restarted, it answers
    the BTI's ENROLL retransmission and binds. It dies just after the
    commit: bound, and the restarted PS resends its stored reply."""
    for point in ("keyx", "enroll-before-commit", "enroll-after-commit"):
        sub = os.path.join(tmp, point)
        os.mkdir(sub)
        srv = Servers(sub, ps_extra=["--test-crash", point])
        try:
            code, account = srv.order()
            p = provload(srv, "--code", code, "--voice-fast", "--mac-base", "022200000001", bg=True)
            check(srv.wait_log(srv.ps_log, "test_crash", 20), f"{point}: PS never reached the crash point")
            srv.ps.wait(5)
            bound = srv.ps_query("SELECT bti_id IS NOT NULL, ku_pub IS NOT NULL, lt_keys IS NOT NULL"
                                 " FROM accounts WHERE account=?", account)[0]
            want = (1, 1, 1) if point == "enroll-after-commit" else (0, 0, 0)
            check(bound == want, f"{point}: account state after the crash {bound}, expected {want}")
            time.sleep(0.3)
            srv.start_ps()
            out = p.communicate(timeout=60)[0]
            check("SUMMARY ok=1 fail=0" in out, f"{point}: {out.strip()}")
            check(srv.ps_query("SELECT hex(bti_id) FROM accounts WHERE account=?", account) == [("022200000001",)],
                  f"{point}: not bound after restart")
        finally:
            srv.stop()


def t_kill_voice(tmp):
    """SIGKILL during the voice step; the PS restarts from its stored session,
    the user dials the code again, provisioning completes."""
    srv = Servers(tmp)
    try:
        code, account = srv.order()
        p = provload(srv, "--code", code, "--mac-base", "023300000001", bg=True)
        check(srv.wait_log(srv.ps_log, " keyx ", 20), "no KEYX")
        time.sleep(0.5)
        srv.ps.kill()
        srv.ps.wait()
        check(srv.ps_query("SELECT bti_id FROM accounts WHERE account=?", account) == [(None,)], "bound early")
        time.sleep(1.0)
        srv.start_ps()
        out = p.communicate(timeout=90)[0]
        check("SUMMARY ok=1 fail=0" in out, out.strip())
        check("sessions_restored count=1" in srv.log(srv.ps_log), "session not restored")
    finally:
        srv.stop()


def proc_cpu_s(pid):
    """CPU time (user + system, all threads) of a running process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def udp_rcvbuf_errors():
    """Datagrams the kernel dropped for full receive buffers (all sockets)."""
    with open("/proc/net/snmp") as f:
        rows = [line.split() for line in f if line.startswith("Udp:")]
    return int(rows[1][rows[0].index("RcvbufErrors")])


def t_bench(tmp):
    """ps.provisionings_per_s: many BTIs at once against one PS, the voice
    step shortened (PS --voice-short plays no prompt; the BTIs dial a 4-digit
    code at once, keys 50 ms; their KU pairs are made before the timed
    window). Also per CPU-second of the PS process and of everything in the
    run (PS + GC + load generator), the 1-minute load average at the start (a
    loaded machine's wall figure is not the server's), and
    ps.rsa2048_decrypts_per_s_per_core (thread CPU time), the bound."""
    n = int(os.environ.get("PS_BENCH_COUNT", "4000"))
    par = int(os.environ.get("PS_BENCH_PARALLEL", "500"))
    key_ms = int(os.environ.get("PS_BENCH_KEY_MS", "50"))
    with open("/proc/loadavg") as f:
        load = float(f.read().split()[0])
    codes = [str(c) for c in range(1000, 10000)]
    check(n <= len(codes), f"PS_BENCH_COUNT: at most {len(codes)}")
    srv = Servers(tmp, ps_extra=["--voice-short"])
    try:
        cf = os.path.join(tmp, "codes")
        with sqlite3.connect(srv.ps_db) as c:
            c.executemany("INSERT INTO accounts(account, name) VALUES(?,?)",
                          [(1000 + i, f"bench {i}") for i in range(n)])
            c.executemany("INSERT INTO work_orders(code, account, created_at) VALUES(?,?,0)",
                          [(codes[i], 1000 + i) for i in range(n)])
        open(cf, "w").write("".join(f"{codes[i]}\n" for i in range(n)))
        # The servers' CPU is read around the whole provload run (its key
        # generation before the window takes a few seconds in which they idle).
        ps0, gc0, drop0 = proc_cpu_s(srv.ps.pid), proc_cpu_s(srv.gc.pid), udp_rcvbuf_errors()
        out = provload(srv, "--codes", cf, "--count", n, "--parallel", par, "--voice-fast",
                       "--key-ms", key_ms, "--mac-base", "024400000000", "--pregen-keys",
                       "--redial", 100, "--timeout-s", 280)
        ps_cpu, gc_cpu = proc_cpu_s(srv.ps.pid) - ps0, proc_cpu_s(srv.gc.pid) - gc0
        kdrops = udp_rcvbuf_errors() - drop0
        m = re.search(r"SUMMARY ok=(\d+) fail=(\d+) elapsed_ms=(\d+) per_s=([\d.]+) cpu_ms=(\d+) "
                      r"redials=(\d+) busy=(\d+)", out)
        fails = {}
        for f in re.finditer(r"^BTI \w+ result=fail err=(\S+)(?:.*? sent=(\S*))?", out, re.M):
            fails[f.groups()] = fails.get(f.groups(), 0) + 1
        check(m and int(m.group(2)) == 0 and int(m.group(1)) == n,
              f"failed BTIs by (error, messages sent): {fails}; " + out[-300:])
        bound = srv.ps_query("SELECT count(*) FROM accounts WHERE bti_id IS NOT NULL")[0][0]
        check(bound == n, f"{bound} accounts bound, {n} expected")
    finally:
        rcs = srv.stop()
    check(rcs == [0, 0], f"servers exited {rcs}")
    ev = {}
    for line in srv.log(srv.ps_log).splitlines():
        parts = line.split(" ", 3)
        if len(parts) > 2:
            ev[parts[2]] = ev.get(parts[2], 0) + 1
    print("bench: PS log events: " + ", ".join(f"{k} {v}" for k, v in sorted(ev.items())))
    wall_s, load_cpu = int(m.group(3)) / 1000.0, int(m.group(5)) / 1000.0
    all_ms = 1000.0 * (ps_cpu + gc_cpu + load_cpu) / n
    print(f"bench: {n} provisionings, {par} at once, {wall_s:.1f} s; CPU ms per provisioning: "
          f"PS {1000 * ps_cpu / n:.2f}, GC {1000 * gc_cpu / n:.2f}, load generator "
          f"{1000 * load_cpu / n:.2f}, all {all_ms:.2f}; load average {load:.2f} at the start; "
          f"{kdrops} datagrams dropped by the kernel (full receive buffers, any process); "
          f"{m.group(6)} calls dialed again, {m.group(7)} of them after ERROR BUSY")
    r = subprocess.run([f"{BIN}/rsabench", f"{CERTS}/ps.key.pem"], capture_output=True, text=True)
    rsa = re.search(r"decrypts_per_s ([\d.]+)\ndecrypts_per_s_mbedtls ([\d.]+)", r.stdout)
    check(rsa, r.stdout + r.stderr)
    print(f"FIGURE ps.provisionings_per_s {float(m.group(4)):.1f}")
    print(f"FIGURE ps.provisionings_per_cpu_s {n / max(ps_cpu, 0.01):.1f}")
    print(f"FIGURE ps.cpu_ms_per_provisioning_all {all_ms:.2f}")
    print(f"FIGURE ps.provisionings_per_s_2core_cpu_bound {2000.0 / all_ms:.1f}")
    print(f"FIGURE ps.bench_loadavg_start {load:.2f}")
    print(f"FIGURE ps.rsa2048_decrypts_per_s_per_core {float(rsa.group(1)):.1f}")
    print(f"FIGURE ps.rsa2048_decrypts_per_s_per_core_mbedtls {float(rsa.group(2)):.1f}")


TESTS = {"happy": t_happy, "softbti": t_softbti, "wrong_code": t_wrong_code, "locked": t_locked, "nonprov": t_nonprov,
         "rogue": t_rogue, "replay": t_replay, "rsa_agree": t_rsa_agree, "garbage": t_garbage, "cred_outbox": t_cred_outbox, "release": t_release, "loss": t_loss, "kill_enroll": t_kill_enroll,
         "kill_voice": t_kill_voice, "bench": t_bench}


def main():
    names = sys.argv[2:] or [n for n in TESTS if n != "bench"]
    fails = 0
    for name in names:
        tmp = tempfile.mkdtemp(prefix=f"servers-prov-{name}.")
        t0 = time.time()
        try:
            TESTS[name](tmp)
            print(f"PASS prov.{name} ({time.time() - t0:.1f} s)", flush=True)
            shutil.rmtree(tmp, ignore_errors=True)      # logs are kept only for a failure
        except Fail as e:
            fails += 1
            print(f"FAIL prov.{name}: {e} (logs in {tmp})", flush=True)
        except Exception as e:  # a crash of the test itself is a failure too
            fails += 1
            print(f"FAIL prov.{name}: {type(e).__name__}: {e} (logs in {tmp})", flush=True)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
