#!/usr/bin/env python3
"""The provisioning call end to end: the BTI firmware (sw/fw/app/bti) on the
simulated SoC, the virtual telephone on its line (sim/models/slic.cpp) and
obti-gc / obti-ps on 127.0.0.1 reached through slirp (docs/demo.md).

  bti_test.py demo --out DIR     the `make sim` demo: provision, then reboot
                                 with the same flash and re-register
  bti_test.py test --out DIR     the same, checked, plus a rogue PS and a
                                 TRNG in alarm; one 'PASS name' / 'FAIL
                                 name: reason' line per check

What is checked, and against what:
- the account is bound in the PS database (sqlite3) to the BTI's MAC and to
  the public key KU+ the firmware printed, the work order is used, and the
  GC learned the BTI (its own database) -- the servers' view, not the BTI's;
- the earpiece recording resembles the prompt the PS played: the
  correlation of their 20 ms energy envelopes (in dB) at the best lag is
  at least 0.8, computed here from the prompt file and the WAV;
- the second boot with the same flash file re-registers with no user action
  (REGISTER_ACK; the PS stored a higher counter), and the PS answers the
  first REGISTER (no retransmission needed, no REGISTER dropped by the PS);
- the virtual phone's event-triggered waits (sim/models/slic.cpp): it dials
  611 once the dial tone is heard and the code once the prompt has ended;
  the moments the model logs are checked against the earpiece WAV, measured
  here; a wait that is never met ends the run with exit code 7, and
  malformed waits are rejected (exit code 2, the statement named);
- a PS whose certificate another root signed: the BTI sends no KEYX (the PS
  logs none), the phone hears reorder tone (480 + 620 Hz, measured here
  with a Goertzel filter), nothing is bound;
- the TRNG in alarm (noise pin stuck at 1): a clear error on the console,
  no SETUP ever reaches the GC, reorder tone, nothing bound.
"""
import argparse
import math
import os
import re
import socket
import sqlite3
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CODE = "4242"
MAC = "020b71b70001"
# A fixed virtual phone timeline (simulated ms), used by --code-at and by
# other tests (faults_test.py): off-hook, dial 611, then the code and '#'.
T_OFFHOOK, T_611 = 20, 40
KEY611_ON, KEY611_OFF = 45, 40
KEY_ON, KEY_OFF = 55, 105
T_VOICE = 380
# The happy path's user reacts to what the earpiece carries (the scenario's
# event-triggered waits, docs/simulation.md): off-hook, 611 as soon as the
# dial tone is heard (the firmware's detector takes 40 ms keys and pauses),
# the code as soon as the prompt has ended (WAIT_SILENCE ms of silence after
# at least WAIT_AFTER ms of audio), in keys of 50 ms with 50 ms pauses
# (what the PS's spandsp receiver tells apart, docs/server.md).
T_OFFHOOK_EV = 5
HALT_MS = 5          # the firmware ends the simulation this long after the end
WAIT_DIALTONE, WAIT_SILENCE, WAIT_AFTER = 10, 80, 200
KEY611_EV = (45, 40)
KEY_EV = (50, 50)
results = []


LOCK = threading.Lock()


def verdict(name, ok, why=""):
    with LOCK:
        results.append(ok)
        print(f"PASS bti/{name}" if ok else f"FAIL bti/{name}: {why}", flush=True)


def free_base():
    """A base port with base, base+1, base+2 free for UDP on 127.0.0.1."""
    for _ in range(200):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        base = s.getsockname()[1]
        s.close()
        if base > 65000:
            continue
        socks = []
        try:
            for p in range(base, base + 3):
                t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                socks.append(t)
                t.bind(("127.0.0.1", p))
            return base
        except OSError:
            pass
        finally:
            for t in socks:
                t.close()
    raise RuntimeError("no free UDP ports")


def demo_ports_free():
    """The documented default ports 7060-7062 (docs/server.md), if unused."""
    socks = []
    try:
        for p in range(7060, 7063):
            t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            socks.append(t)
            t.bind(("127.0.0.1", p))
        return True
    except OSError:
        return False
    finally:
        for t in socks:
            t.close()


class Servers:
    """obti-gc and obti-ps with fresh databases in out/ (docs/server.md).
    The PS paces its prompt by the BTI's voice frames (--prompt-clock bti),
    not by the wall clock: the simulated BTI runs 50 to 500 times slower
    than real time, and a prompt sent in wall time arrives as a burst that
    overflows the MAC's receive ring on a loaded machine (docs/demo.md)."""

    def __init__(self, args, out, base, rogue=False):
        self.out, self.base = out, base
        srv = args.server
        self.gc_db, self.ps_db = os.path.join(out, "gc.db"), os.path.join(out, "ps.db")
        for f in (self.gc_db, self.ps_db):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(f + suffix):
                    os.remove(f + suffix)
        self.gc_log = open(os.path.join(out, "gc.log"), "w")
        self.ps_log = open(os.path.join(out, "ps.log"), "w")
        gc = [f"{srv}/obti-gc", "--config", f"{srv}/gc.conf", "--port", str(base), "--db", self.gc_db,
              "--ps-addr", "10.0.2.2", "--ps-port", str(base + 1), "--ps-voice-port", str(base + 2)]
        ps = [f"{srv}/obti-ps", "--config", f"{srv}/ps.conf", "--port", str(base + 1),
              "--voice-port", str(base + 2), "--db", self.ps_db, "--gc", f"127.0.0.1:{base}",
              "--prompt", args.prompt, "--workers", "1", "--prompt-clock", "bti"]
        if rogue:
            ps += ["--cert", f"{srv}/certs/rogue-ps.crt.der", "--key", f"{srv}/certs/rogue-ps.key.pem"]
        self.cmds = (gc, ps)
        self.gc = subprocess.Popen(gc, stderr=self.gc_log)
        self.ps = subprocess.Popen(ps, stderr=self.ps_log)
        for _ in range(100):
            if os.path.exists(self.ps_db) and os.path.exists(self.gc_db):
                break
            time.sleep(0.05)
        time.sleep(0.3)
        if self.gc.poll() is not None or self.ps.poll() is not None:
            raise RuntimeError(f"a server did not start (see {out}/gc.log, ps.log)")
        r = subprocess.run([f"{srv}/obti-admin", "--db", self.ps_db, "create-order", "--code", CODE],
                           capture_output=True, text=True, check=True)
        self.account = int(r.stdout.split()[1])

    def stop(self):
        for p in (self.gc, self.ps):
            if p.poll() is None:
                p.terminate()
        codes = [p.wait(timeout=10) for p in (self.gc, self.ps)]
        self.gc_log.close()
        self.ps_log.close()
        return codes

    def log(self, which):
        with open(os.path.join(self.out, f"{which}.log")) as f:
            return f.read()


def user_scenario(code_at=0):
    """The user of the happy path: off-hook, 611 after the dial tone, the
    code after the prompt (or at code_at ms, a fixed time)."""
    if code_at:
        return (f"# the user: off-hook, 611, the code and '#' at fixed times\n"
                f"@{T_OFFHOOK}ms offhook\n@{T_611}ms dial 611 on={KEY611_ON} off={KEY611_OFF}\n"
                f"@{code_at}ms dial {CODE}# on={KEY_EV[0]} off={KEY_EV[1]}\n")
    return (f"# the user: off-hook, 611 once the dial tone is heard, the code and '#' once the prompt has ended\n"
            f"@{T_OFFHOOK_EV}ms offhook\n"
            f"wait audio {WAIT_DIALTONE}ms timeout=1s\n"
            f"dial 611 on={KEY611_EV[0]} off={KEY611_EV[1]}\n"
            f"wait silence {WAIT_SILENCE}ms after={WAIT_AFTER}ms timeout=5s\n"
            f"dial {CODE}# on={KEY_EV[0]} off={KEY_EV[1]}\n")


def dial_611_scenario():
    """Off-hook, 611 once the dial tone is heard, then listen."""
    return (f"@{T_OFFHOOK_EV}ms offhook\nwait audio {WAIT_DIALTONE}ms timeout=1s\n"
            f"dial 611 on={KEY611_EV[0]} off={KEY611_EV[1]}\n")


def run_sim(args, out, tag, scenario, base, extra=(), max_cycles=600_000_000, flash=None, halt=250):
    """One boot of the SoC; returns (exit code, console text, earpiece WAV path, wall s)."""
    wav = os.path.join(out, f"{tag}-earpiece.wav")
    scen = os.path.join(out, f"{tag}.scenario")
    with open(scen, "w") as f:
        f.write(scenario)
    cmd = [args.sim, "--max-cycles", str(max_cycles), "--eth", "slirp",
           "--flash", flash or os.path.join(out, "flash.bin"), "--flash-size", str(1 << 20),
           "--uart-in", f"gc 10.0.2.2:{base}\\nhalt {halt}\\n",
           "--phone-scenario", scen, "--phone-earpiece", wav, "--phone-log", os.path.join(out, f"{tag}-phone.log"),
           *extra, args.fw]
    t0 = time.time()
    out_f = os.path.join(out, f"{tag}-console.txt")
    with open(out_f, "w") as fo, open(os.path.join(out, f"{tag}-stderr.txt"), "w") as fe:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=fe, text=True)
        lines = []
        for line in p.stdout:
            lines.append(line)
            fo.write(line)
            fo.flush()
            if args.echo:
                sys.stderr.write(line)
        p.wait()
    return p.returncode, "".join(lines), wav, time.time() - t0


# ---- audio -------------------------------------------------------------------
def read_wav(path):
    with open(path, "rb") as f:
        d = f.read()
    if d[:4] != b"RIFF" or d[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    pos = 12
    while pos + 8 <= len(d):
        cid, ln = d[pos:pos + 4], struct.unpack("<I", d[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            fmt, ch, rate = struct.unpack("<HHI", d[pos + 8:pos + 16])
            bits = struct.unpack("<H", d[pos + 22:pos + 24])[0]
            if (fmt, ch, rate, bits) != (1, 1, 8000, 16):
                raise ValueError("not 8 kHz mono 16-bit PCM")
        elif cid == b"data":
            n = min(ln, len(d) - pos - 8) // 2
            return list(struct.unpack(f"<{n}h", d[pos + 8:pos + 8 + 2 * n]))
        pos += 8 + ln + (ln & 1)
    raise ValueError("no data chunk")


def ulaw_decode(u):
    """ITU-T G.711 mu-law expansion (independent of the firmware's coder)."""
    u = ~u & 0xFF
    t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
    return 0x84 - t if u & 0x80 else t - 0x84


def envelope(x, n=160):
    """Energy per 20 ms in dB (floor -10 dB re 1 LSB^2)."""
    return [10 * math.log10(max(sum(v * v for v in x[i:i + n]) / n, 0.1)) for i in range(0, len(x) - n + 1, n)]


def best_correlation(ref, sig):
    """Pearson correlation of the envelopes at the best lag (sig may be longer)."""
    m = len(ref)
    mr = sum(ref) / m
    dr = [v - mr for v in ref]
    sr = math.sqrt(sum(v * v for v in dr))
    best, lag = -1.0, 0
    for k in range(0, max(1, len(sig) - m + 1)):
        w = sig[k:k + m]
        if len(w) < m:
            break
        mw = sum(w) / m
        dw = [v - mw for v in w]
        sw = math.sqrt(sum(v * v for v in dw))
        if sr == 0 or sw == 0:
            continue
        c = sum(a * b for a, b in zip(dr, dw)) / (sr * sw)
        if c > best:
            best, lag = c, k
    return best, lag


def amplitude(x, f):
    """Peak amplitude of the component at f Hz (Hann window, Goertzel)."""
    n = len(x)
    if n < 2:
        return 0.0
    w = [0.5 - 0.5 * math.cos(2 * math.pi * i / (n - 1)) for i in range(n)]
    c = 2 * math.cos(2 * math.pi * f / 8000)
    s1 = s2 = 0.0
    for i in range(n):
        s0 = x[i] * w[i] + c * s1 - s2
        s2, s1 = s1, s0
    re_ = s1 - s2 * math.cos(2 * math.pi * f / 8000)
    im_ = s2 * math.sin(2 * math.pi * f / 8000)
    return 2 * math.hypot(re_, im_) / sum(w)


def reorder_heard(samples):
    """Reorder tone (480 + 620 Hz) in the last 200 ms of the recording at
    least 10 dB above the other call-progress pairs' frequencies."""
    x = samples[-1600:]
    if len(x) < 800:
        return False, "recording too short"
    a480, a620 = amplitude(x, 480), amplitude(x, 620)
    other = max(amplitude(x, f) for f in (350, 440, 1000))
    ok = min(a480, a620) > 100 and min(a480, a620) > 3.16 * other
    return ok, f"480 Hz {a480:.0f}, 620 Hz {a620:.0f}, others {other:.0f} (peak amplitude)"


def trace_lines(text):
    return [l for l in text.splitlines() if l.startswith("bti: trace")]


def db_account(ps_db, account):
    con = sqlite3.connect(ps_db)
    try:
        row = con.execute("SELECT hex(bti_id), hex(ku_pub), length(lt_keys), counter, registered_at "
                          "FROM accounts WHERE account = ?", (account,)).fetchone()
        order = con.execute("SELECT state FROM work_orders WHERE code = ?", (CODE,)).fetchone()
    finally:
        con.close()
    return row, order[0] if order else None


def gc_knows(gc_db):
    con = sqlite3.connect(gc_db)
    try:
        return con.execute("SELECT hex(bti_id), hex(ku_pub) FROM btis").fetchall()
    finally:
        con.close()


def ku_printed(text):
    m = re.search(r"KU\+ ([0-9a-f]{130})", text)
    return m.group(1).upper() if m else None


def prompt_samples(path):
    with open(path, "rb") as f:
        return [ulaw_decode(b) for b in f.read()]


# ---- where the simulated time goes ------------------------------------------------
TRACE_RE = re.compile(r"^bti: trace +(\d+) cyc +[\d.]+ ms  (\S+) +(.*?)(?: \[BTI work \d+ cyc\])?$")


def trace_events(text):
    """(cycle, what) of every trace line of a console."""
    out = []
    for line in text.splitlines():
        m = TRACE_RE.match(line)
        if m:
            out.append((int(m.group(1)), m.group(3)))
    return out


def phone_events(path):
    """(ms, event) of a --phone-log file."""
    ev = []
    try:
        with open(path) as f:
            for line in f:
                t, _, what = line.strip().partition(" ")
                try:
                    ev.append((float(t), what))
                except ValueError:
                    pass
    except OSError:
        pass
    return ev


def sim_cycles(stderr_path):
    try:
        with open(stderr_path) as f:
            m = re.search(r"obti_sim: exit \d+ after (\d+) cycles", f.read())
        return int(m.group(1)) if m else None
    except OSError:
        return None


PROVISION_PHASES = [
    (None, "boot, DHCP; off-hook, dial tone"),
    ("wait audio met", "the user dials 611 (firmware DTMF detector)"),
    ("dialed 611", "301-305: SETUP, HELLO, CERT verified, KEYX (RSA-OAEP), KEYX_ACK"),
    ("voice on", "306-308: SRTP on, the prompt, then the user's pause"),
    ("wait silence met", "308-309: the user dials the code, the PS detects it"),
    ("AUTH_RESULT received", "310: KU (ECDSA key generation), ENROLL, ENROLL_ACK, key store"),
    ("keys stored", "until the halt"),
]
REBOOT_PHASES = [
    (None, "boot, key store read"),
    ("re-registration", "REGISTER: counter to flash, SK' and N3, ECDSA signature (DHCP meanwhile)"),
    ("REGISTER sent", "REGISTER to REGISTER_ACK (network, PS)"),
    ("REGISTER_ACK received", "REGISTER_ACK opened"),
    ("registered", "until the halt"),
]


def phases(marks, text, phone_log, total):
    """The run cut into consecutive phases, each starting at the first trace
    line or phone-log event that begins with its mark: [(name, cycles)]."""
    ev = sorted(trace_events(text) + [(int(ms * 100_000), what) for ms, what in phone_events(phone_log)])
    cuts = [(0, marks[0][1])]
    for key, name in marks[1:]:
        hit = next((c for c, what in ev if what.startswith(key) and c >= cuts[-1][0]), None)
        if hit is not None:
            cuts.append((hit, name))
    return [(name, (cuts[i + 1][0] if i + 1 < len(cuts) else max(total or 0, c)) - c)
            for i, (c, name) in enumerate(cuts)]


def print_phases(title, ph, total, file):
    print(f"{title}: {total / 1e6:.1f} M cycles ({total / 1e5:.0f} ms simulated)", file=file)
    for name, c in ph:
        print(f"  {c / 1e6:8.2f} M  {c / 1e5:7.1f} ms  {name}", file=file)


def audio_blocks(samples, level=-40.0):
    """Per 10 ms block of a recording: True where its power is at least
    level dBm0 (0 dBm0 = a sine of peak 22657), as the phone model counts."""
    ref = 22657.0 ** 2 / 2 * 10 ** (level / 10)
    return [sum(v * v for v in samples[i:i + 80]) / 80 >= ref for i in range(0, len(samples) - 79, 80)]


def check_waits(wav, phone_log):
    """The model's moments of 'wait audio met' and 'wait silence met' against
    the earpiece WAV: the dial tone had been on for WAIT_DIALTONE ms, the
    prompt had ended WAIT_SILENCE ms before (10 ms blocks: +-20 ms)."""
    ev = phone_events(phone_log)
    t_audio = next((t for t, w in ev if w.startswith("wait audio met")), None)
    t_silence = next((t for t, w in ev if w.startswith("wait silence met")), None)
    if t_audio is None or t_silence is None:
        return False, f"the phone log lacks a 'met' line (audio {t_audio}, silence {t_silence})"
    blk = audio_blocks(read_wav(wav))
    first = next((i for i, a in enumerate(blk) if a), None)
    if first is None:
        return False, "no audio in the earpiece"
    dial_tone_on = first * 10
    # the last audible block before the silence wait was met: the prompt's end
    k = min(int(t_silence // 10), len(blk)) - 1
    while k >= 0 and not blk[k]:
        k -= 1
    prompt_end = (k + 1) * 10
    d1, d2 = t_audio - dial_tone_on, t_silence - prompt_end
    ok = abs(d1 - WAIT_DIALTONE) <= 20 and abs(d2 - WAIT_SILENCE) <= 20 and k > 0
    return ok, (f"dial tone from {dial_tone_on} ms, 'wait audio {WAIT_DIALTONE}ms' met at {t_audio:.1f} ms "
                f"({d1:.1f} ms later); audio until {prompt_end} ms, 'wait silence {WAIT_SILENCE}ms' met at "
                f"{t_silence:.1f} ms ({d2:.1f} ms later)")


def check_wait_errors(args, out):
    """A wait never met ends the run (exit 7); malformed waits are refused
    before the simulation starts (exit 2, the statement named)."""
    os.makedirs(out, exist_ok=True)
    # on-hook all along: the earpiece carries nothing the phone hears
    cmd = [args.sim, "--max-cycles", "5000000", "--phone", "wait audio 20ms timeout=15ms; +1ms end", args.fw]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    verdict("wait_timeout", p.returncode == 7 and "not met within 15 ms" in p.stderr,
            f"exit {p.returncode}: {p.stderr.strip()[-200:]}")
    bad = ["wait silence", "wait silence 5ms", "wait audio 50ms after=100ms", "wait silence 100ms after=x",
           "wait silence 100ms level=-90", "wait silence 100ms bogus=1", "wait quiet 100ms",
           "wait silence after=100ms", "offhook; wait silence 100ms; @1s onhook"]
    failed = []
    for b in bad:
        p = subprocess.run([args.sim, "--max-cycles", "1000", "--phone", b, args.fw],
                           capture_output=True, text=True, timeout=60)
        if p.returncode != 2 or "phone scenario statement" not in p.stderr:
            failed.append(f"'{b}': exit {p.returncode} {p.stderr.strip()[-100:]}")
    verdict("wait_malformed", not failed, "; ".join(failed))


# ---- the scenarios -------------------------------------------------------------
def happy(args, out, check, demo=False):
    """Provision, then reboot with the same flash and re-register."""
    os.makedirs(out, exist_ok=True)
    flash = os.path.join(out, "flash.bin")
    if os.path.exists(flash):
        os.remove(flash)
    base = 7060 if demo and demo_ports_free() else free_base()
    srv = Servers(args, out, base)
    print(f"bti: servers on 127.0.0.1:{base}-{base + 2}; work order code {CODE} for account {srv.account}",
          file=sys.stderr)
    scen = user_scenario(args.code_at)
    summary = []
    try:
        rc, text, wav, wall = run_sim(args, out, "provision", scen, base, flash=flash, halt=HALT_MS)
        print(f"bti: provisioning run: exit {rc}, {wall:.0f} s wall", file=sys.stderr)
        row, order = db_account(srv.ps_db, srv.account)
        ku = ku_printed(text)
        if check:
            verdict("provision_exit", rc == 0, f"simulator exit code {rc} (see {out}/provision-console.txt)")
            verdict("trace", all(s in text for s in ("CERT received", "PS certificate verified", "KEYX sent",
                                                     "voice on", "AUTH_RESULT received", "ENROLL sent",
                                                     "ENROLL_ACK received", "keys stored")),
                    "the trace lacks a step (see provision-console.txt)")
            verdict("bound", row is not None and row[0] == MAC.upper() and ku is not None and row[1] == ku
                    and row[2] == 64 and order == "used",
                    f"account row {row}, work order {order}, KU+ printed {ku is not None}")
            btis = gc_knows(srv.gc_db)
            verdict("gc_learned", any(b[0] == MAC.upper() and b[1] == ku for b in btis), f"GC btis {btis}")
            try:
                ear = read_wav(wav)
                ref = envelope(prompt_samples(args.prompt))
                c, lag = best_correlation(ref, envelope(ear))
                verdict("earpiece_prompt", c >= 0.8,
                        f"envelope correlation {c:.2f} at {lag * 20} ms (needs >= 0.8)")
                print(f"bti: earpiece envelope correlation with the prompt {c:.3f} at {lag * 20} ms",
                      file=sys.stderr)
            except (OSError, ValueError) as e:
                verdict("earpiece_prompt", False, f"{wav}: {e}")
            if not args.code_at:
                try:
                    ok, why = check_waits(wav, os.path.join(out, "provision-phone.log"))
                except (OSError, ValueError) as e:
                    ok, why = False, f"{wav}: {e}"
                verdict("wait_triggered", ok, why)
                print(f"bti: {why}", file=sys.stderr)
        total = sim_cycles(os.path.join(out, "provision-stderr.txt"))
        summary.append(("provisioning boot", phases(PROVISION_PHASES, text, os.path.join(out, "provision-phone.log"),
                                                    total), total, wall))
        # The second boot: same flash, nobody touches the phone.
        counter0 = row[3] if row else None
        rc2, text2, _, wall2 = run_sim(args, out, "reboot", "# nobody at the phone\n", base, flash=flash,
                                       halt=HALT_MS)
        print(f"bti: re-registration run: exit {rc2}, {wall2:.0f} s wall", file=sys.stderr)
        row2, _ = db_account(srv.ps_db, srv.account)
        if check:
            verdict("reregister", rc2 == 0 and "REGISTER_ACK received" in text2 and "registered" in text2 and row2 is not None
                    and row2[4] is not None and (counter0 is None or (row2[3] or 0) > (counter0 or 0)),
                    f"exit {rc2}, account row {row2}")
            # The first REGISTER is answered: not resent, and the PS dropped none.
            ps_drops = [l for l in srv.log("ps").splitlines() if " drop " in l and "register" in l]
            verdict("register_first_answered", "REGISTER_ACK received" in text2 and "REGISTER resent" not in text2
                    and not ps_drops, f"REGISTER resent {'REGISTER resent' in text2}, PS drops {ps_drops}")
        total2 = sim_cycles(os.path.join(out, "reboot-stderr.txt"))
        summary.append(("re-registration boot", phases(REBOOT_PHASES, text2, os.path.join(out, "reboot-phone.log"),
                                                       total2), total2, wall2))
    finally:
        codes = srv.stop()
        with open(os.path.join(out, "phases.txt"), "w") as f:
            for title, ph, total, wall in summary:
                if total:
                    print_phases(f"{title} ({wall:.0f} s wall, {total / max(wall, 1e-3) / 1e6:.2f} M cycles/s)",
                                 ph, total, f)
        with open(os.path.join(out, "phases.txt")) as f:
            sys.stderr.write(f.read())
    if check:
        verdict("servers_exit", codes == [0, 0], f"exit codes {codes}")
    return rc == 0 and rc2 == 0


def rogue(args, out):
    os.makedirs(out, exist_ok=True)
    base = free_base()
    srv = Servers(args, out, base, rogue=True)
    scen = dial_611_scenario()
    try:
        rc, text, wav, _ = run_sim(args, out, "rogue", scen, base, max_cycles=300_000_000)
    finally:
        srv.stop()
    row, order = db_account(srv.ps_db, srv.account)
    ps_log = srv.log("ps")
    verdict("rogue_refused", rc == 3 and "certificate" in text.lower() and "KEYX sent" not in text
            and " keyx " not in ps_log and row is not None and not row[1] and order == "open",
            f"exit {rc}, KEYX sent {'KEYX sent' in text}, PS keyx logged {' keyx ' in ps_log}, row {row}")
    try:
        ok, why = reorder_heard(read_wav(wav))
    except (OSError, ValueError) as e:
        ok, why = False, str(e)
    verdict("rogue_reorder", ok, why)


def alarm(args, out):
    os.makedirs(out, exist_ok=True)
    base = free_base()
    srv = Servers(args, out, base)
    scen = dial_611_scenario()
    try:
        rc, text, wav, _ = run_sim(args, out, "alarm", scen, base, extra=("--noise-fault", "stuck1"),
                                   max_cycles=300_000_000)
    finally:
        srv.stop()
    row, order = db_account(srv.ps_db, srv.account)
    verdict("alarm_error", rc == 3 and "TRNG alarm" in text and "no keys" in text
            and "setup_routed" not in srv.log("gc") and row is not None and not row[1],
            f"exit {rc}, console says alarm {'TRNG alarm' in text}, GC routed {'setup_routed' in srv.log('gc')}")
    try:
        ok, why = reorder_heard(read_wav(wav))
    except (OSError, ValueError) as e:
        ok, why = False, str(e)
    verdict("alarm_reorder", ok, why)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["demo", "test"])
    ap.add_argument("--sim", required=True)
    ap.add_argument("--fw", required=True)
    ap.add_argument("--server", required=True, help="build/server (programs, certs, configs)")
    ap.add_argument("--prompt", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--code-at", type=int, default=0,
                    help="ms of simulated time when the code is dialed, on a fixed timeline "
                         "(default: once the prompt has ended, an event-triggered wait)")
    ap.add_argument("--only", default="", help="test mode: comma-separated subset of happy,rogue,alarm,waits")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()
    if args.mode == "demo":
        args.echo = True
        ok = happy(args, args.out, check=True, demo=True)
        print(f"bti: demo {'done' if ok and all(results) else 'FAILED'} in {time.time() - t0:.0f} s; "
              f"files in {args.out}", file=sys.stderr)
        return 0 if ok and all(results) else 1
    args.echo = False
    only = set(filter(None, args.only.split(","))) or {"happy", "rogue", "alarm", "waits"}
    # Two lanes (the machine's two cores): the long happy path, and the two
    # short failure cases one after the other.
    def failures():
        if "waits" in only:
            check_wait_errors(args, os.path.join(args.out, "waits"))
        if "rogue" in only:
            rogue(args, os.path.join(args.out, "rogue"))
        if "alarm" in only:
            alarm(args, os.path.join(args.out, "alarm"))
    lane = threading.Thread(target=failures)
    lane.start()
    if "happy" in only:
        happy(args, os.path.join(args.out, "happy"), check=True)
    lane.join()
    print(f"bti: {sum(results)} passed, {len(results) - sum(results)} failed in {time.time() - t0:.0f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
