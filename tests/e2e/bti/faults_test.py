#!/usr/bin/env python3
"""Fault cases of the provisioning call on the simulated SoC (issue 7): the
BTI firmware in Verilator, the virtual telephone, obti-gc and obti-ps on
127.0.0.1 through slirp, as in bti_test.py (whose helpers it uses).

  faults_test.py --out DIR [--only wrong_code,loss,kill,nonprov] ...

One 'PASS bti/<case>_<check>' / 'FAIL bti/<case>_<check>: reason' line per
check; the wall time and simulated cycles of each case go to stderr.

The cases, and what they check against (the servers' own databases and
logs, the simulator's counts, the earpiece WAV; never only the BTI's word):
- wrong_code: the user dials a wrong code (one digit off) during the
  prompt. At the moment the firmware reports AUTH_RESULT retry, the PS
  database has the account unbound, the work order open, no lockout, and
  the PS logged `auth_wrong tries_left=2`. The earpiece after the first
  prompt has ended (between the wrong code and the end of the voice step)
  is not silent: the phone tells the user (a tone or the prompt again). The
  user dials the right code after being told; the account is then bound to
  the BTI's MAC and KU+.
- loss: `--eth-drop 20` (20 % of the frames in each direction, once the SoC
  has its DHCP address, fixed seed): the model dropped frames both ways at
  about that rate, and the account is bound. The user dials 611 once the
  dial tone is heard and the code once the prompt has ended, and again
  after the prompt played again if a try did not get through (as a user
  would; the PS allows three tries).
- kill: the PS exits inside the binding transaction (`--test-crash
  enroll-before-commit`, as a kill there would): the PS database then has
  no part of the binding (account row without BTI_ID, KU+ or long-term
  keys; work order open). The PS is restarted; it restores the session and
  answers the BTI's ENROLL retransmission; the account is bound.
- nonprov: the unprovisioned BTI calls 411 (ended by '#'): the GC logs `setup_refused
  reason=not_provisioned`, the PS hears nothing (no `hello`, no session
  row, the account untouched), the GC stores nothing, the firmware reports
  the refusal and the phone hears reorder tone (480 + 620 Hz).
"""
import argparse
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bti_test as bt  # noqa: E402  (the helpers: servers, audio, database)

WRONG = "4243"                    # one digit off the work order's code
NONPROV_NUMBER = "411"
# Seed 8 (sim/models/eth.cpp: std::mt19937 seeded with seed ^ 0x9E3779B9,
# one draw per IPv4 frame either way) loses 9 of the first 40 frames after
# DHCP, the first at the 6th. Seed 7 lost 6 of the first 7, the SETUP
# exchange three times, and the retransmission backoff alone took the call
# past 4 s of simulated time (over 10 minutes of wall time).
LOSS_PCT, LOSS_SEED = 20, 8
# Keys (ms on / off): the PS tells distinct keys of 50/50 apart on a clean
# channel (docs/server.md); under 20 % loss longer keys survive better.
KEYS_CLEAN = (55, 65)
KEYS_LOSS = (70, 80)
# Voice is on at about 0.32 s of simulated time (docs/demo.md); the codes are
# dialed during the prompt, which the PS allows.
T_CODE = 380

LOCK = threading.Lock()
results = []
times = []


def verdict(name, ok, why=""):
    with LOCK:
        results.append(ok)
        print(f"PASS bti/{name}" if ok else f"FAIL bti/{name}: {why}", flush=True)


# PS options for a BTI simulated at 0.1 to 1.5 M cycles/s (docs/server.md):
# sessions idle for minutes of wall time are kept, and the prompt is paced
# by the BTI's own frames, so a slow simulator loses no prompt packet.
PS_SLOW_BTI = ("--session-timeout-s", "3600", "--prompt-clock", "bti")


class FaultServers(bt.Servers):
    """bti_test's servers, with extra PS options and a PS restart."""

    def __init__(self, args, out, base, ps_extra=()):
        super().__init__(args, out, base)
        # Start the PS again with the extra options (the parent started it
        # without them; nothing has reached it yet).
        self.ps.terminate()
        self.ps.wait(timeout=10)
        self.cmds = (self.cmds[0], list(self.cmds[1]) + list(PS_SLOW_BTI))
        self.start_ps(ps_extra)

    def start_ps(self, extra=()):
        cmd = list(self.cmds[1]) + list(extra)
        n = self.log("ps").count("obti-ps start")
        self.ps = subprocess.Popen(cmd, stderr=self.ps_log)
        end = time.time() + 10
        while time.time() < end and self.log("ps").count("obti-ps start") <= n:
            if self.ps.poll() is not None:
                raise RuntimeError(f"obti-ps did not start (see {self.out}/ps.log)")
            time.sleep(0.02)

    def ps_query(self, sql, *a):
        con = sqlite3.connect(self.ps_db, timeout=10)
        try:
            return con.execute(sql, a).fetchall()
        finally:
            con.close()

    def gc_query(self, sql, *a):
        con = sqlite3.connect(self.gc_db, timeout=10)
        try:
            return con.execute(sql, a).fetchall()
        finally:
            con.close()

    def binding(self):
        """(bti_id, ku_pub, lt_keys, bound_at) of the order's account, and the order's state."""
        row = self.ps_query("SELECT CASE WHEN bti_id IS NULL THEN NULL ELSE hex(bti_id) END, "
                            "CASE WHEN ku_pub IS NULL THEN NULL ELSE hex(ku_pub) END, length(lt_keys), bound_at "
                            "FROM accounts WHERE account = ?", self.account)
        order = self.ps_query("SELECT state FROM work_orders WHERE code = ?", bt.CODE)
        return (row[0] if row else None), (order[0][0] if order else None)


def run_sim(args, out, tag, scenario, base, extra=(), max_cycles=400_000_000, halt=50, on_line=None):
    """One boot of the SoC, as bt.run_sim, calling on_line(line) for each
    console line as it arrives; returns (exit code, console, WAV path, wall s)."""
    wav = os.path.join(out, f"{tag}-earpiece.wav")
    scen = os.path.join(out, f"{tag}.scenario")
    with open(scen, "w") as f:
        f.write(scenario)
    flash = os.path.join(out, "flash.bin")
    if os.path.exists(flash):
        os.remove(flash)
    cmd = [args.sim, "--max-cycles", str(max_cycles), "--eth", "slirp",
           "--flash", flash, "--flash-size", str(1 << 20),
           "--uart-in", f"gc 10.0.2.2:{base}\\nhalt {halt}\\n",
           "--phone-scenario", scen, "--phone-earpiece", wav, "--phone-log", os.path.join(out, f"{tag}-phone.log"),
           *extra, args.fw]
    t0 = time.time()
    lines = []
    with open(os.path.join(out, f"{tag}-console.txt"), "w") as fo, \
            open(os.path.join(out, f"{tag}-stderr.txt"), "w") as fe:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=fe, text=True)
        for line in p.stdout:
            lines.append(line)
            fo.write(line)
            fo.flush()
            if on_line:
                on_line(line)
        p.wait()
    return p.returncode, "".join(lines), wav, time.time() - t0


def cycles_of(text):
    """The last cycle count the firmware printed in a trace line."""
    c = re.findall(r"^bti: trace\s+(\d+) cyc", text, re.M)
    return int(c[-1]) if c else 0


def trace_ms(text, what):
    """Simulated ms of the first trace line containing what, or None."""
    for l in text.splitlines():
        m = re.match(r"bti: trace\s+\d+ cyc\s+([\d.]+) ms\s+\S+\s+(.*)", l)
        if m and what in m.group(2):
            return float(m.group(1))
    return None


def timed(name, fn, args):
    out = os.path.join(args.out, name)
    os.makedirs(out, exist_ok=True)
    t0 = time.time()
    try:
        cyc = fn(args, out)
    except Exception as e:                   # a crash of the harness is a failure, not a hang
        verdict(f"{name}_run", False, f"{type(e).__name__}: {e}")
        cyc = 0
    wall = time.time() - t0
    with LOCK:
        times.append((name, wall, cyc))
    print(f"faults: {name}: {wall:.0f} s wall, {cyc / 1e6:.0f} M simulated cycles", file=sys.stderr, flush=True)


def scen(*statements):
    return "".join(s + "\n" for s in statements)


def dial_611():
    return (f"@{bt.T_OFFHOOK}ms offhook", f"@{bt.T_611}ms dial 611 on={bt.KEY611_ON} off={bt.KEY611_OFF}")


def key_ms(keys, n):
    return n * (keys[0] + keys[1])


# ---- the cases -------------------------------------------------------------------
def wrong_code(args, out):
    base = bt.free_base()
    srv = FaultServers(args, out, base)
    on, off = KEYS_CLEAN
    # The user is told at about T_CODE + 5 keys; the right code follows
    # after a pause in which the phone must be heard telling them.
    t_right = T_CODE + key_ms(KEYS_CLEAN, 5) + 300
    s = scen(*dial_611(), f"@{T_CODE}ms dial {WRONG}# on={on} off={off}",
             f"@{t_right}ms dial {bt.CODE}# on={on} off={off}")
    at_retry = {}

    def on_line(line):
        # The servers' state at the moment the BTI learns of the wrong code.
        if "wrong code" in line and not at_retry:
            at_retry["binding"] = srv.binding()
            at_retry["lockouts"] = srv.ps_query("SELECT count(*) FROM lockouts")[0][0]
            at_retry["ps_log"] = srv.log("ps")

    try:
        rc, text, wav, wall = run_sim(args, out, "wrong", s, base, max_cycles=320_000_000, on_line=on_line)
        end_binding = srv.binding()
    finally:
        codes = srv.stop()
    b, order = at_retry.get("binding", (None, None))
    verdict("wrong_code_unbound", bool(at_retry) and b is not None and b[0] is None and b[1] is None
            and b[2] is None and order == "open" and at_retry["lockouts"] == 0,
            f"at the retry: account {b}, work order {order}, lockouts {at_retry.get('lockouts')}"
            if at_retry else f"the firmware never reported a wrong code (exit {rc}, see {out}/wrong-console.txt)")
    t_told = trace_ms(text, "wrong code, 2 tries left")
    verdict("wrong_code_told", t_told is not None and "tries_left=2" in at_retry.get("ps_log", "")
            and t_told < t_right,
            f"firmware trace at {t_told} ms (right code dialed at {t_right} ms), PS logged tries_left=2: "
            f"{'tries_left=2' in at_retry.get('ps_log', '')}")
    verdict("wrong_code_heard", *told_audibly(args, wav, text, t_told))
    ku = bt.ku_printed(text)
    bb, border = end_binding
    verdict("wrong_code_retry_bound", rc == 0 and bb is not None and bb[0] == bt.MAC.upper() and ku is not None
            and bb[1] == ku and bb[2] == 64 and border == "used" and codes == [0, 0],
            f"exit {rc}, account {bb}, work order {border}, KU+ printed {ku is not None}, servers {codes}")
    return cycles_of(text)


def told_audibly(args, wav, text, t_told):
    """After the wrong code, once the first prompt has played out, the earpiece
    carries sound (a tone, or the prompt again) for at least 200 ms before
    the voice step ends. The first prompt's position comes from the best
    correlation of its envelope with the recording before the wrong code."""
    t_off = trace_ms(text, "voice off")
    if t_told is None or t_off is None:
        return False, f"no wrong-code or voice-off trace (wrong code {t_told}, voice off {t_off})"
    try:
        ear = bt.read_wav(wav)
    except (OSError, ValueError) as e:
        return False, f"{wav}: {e}"
    env = bt.envelope(ear)                         # 20 ms frames, dB
    ref = bt.envelope(bt.prompt_samples(args.prompt))
    c, lag = bt.best_correlation(ref, env[:int(t_told / 20) + len(ref)])
    if c < 0.8:
        return False, f"the first prompt not found in the earpiece (correlation {c:.2f})"
    start = max(lag + len(ref) + 2, int(t_told / 20) + 1)
    stop = int(t_off / 20) - 1
    if stop - start < 10:
        return False, f"only {(stop - start) * 20} ms between the end of the prompt and voice off"
    loud = [v for v in env[start:stop] if v > 40.0]      # > 40 dB re 1 LSB^2: about -50 dBm0
    why = (f"{len(loud) * 20} ms of sound (> 40 dB re 1 LSB^2) in the earpiece between {start * 20} ms "
           f"(the first prompt ended at {(lag + len(ref)) * 20} ms, the wrong code was reported at "
           f"{t_told:.0f} ms) and voice off at {t_off:.0f} ms; needs >= 200 ms")
    return len(loud) >= 10, why


def loss(args, out):
    base = bt.free_base()
    srv = FaultServers(args, out, base)
    on, off = KEYS_LOSS
    # The user reacts to the earpiece (event-triggered waits): 611 once the
    # dial tone is heard, the code once the prompt has ended, whenever the
    # lost frames and the retransmissions let the call start. Three tries at
    # most (the PS's limit): after a code that did not get through the PS
    # plays the prompt again and the user dials again once it has ended; a
    # successful provisioning ends the run before the next wait.
    # after=100ms, not the happy path's 200: a fifth of the 0.34 s prompt's
    # frames are lost, and what is left of it may hold under 200 ms of sound.
    code = (f"wait silence {bt.WAIT_SILENCE}ms after=100ms timeout=6s",
            f"dial {bt.CODE}# on={on} off={off}")
    s = scen(f"@{bt.T_OFFHOOK_EV}ms offhook", f"wait audio {bt.WAIT_DIALTONE}ms timeout=1s",
             f"dial 611 on={bt.KEY611_EV[0]} off={bt.KEY611_EV[1]}", *code, *code, *code)
    try:
        rc, text, wav, wall = run_sim(args, out, "loss", s, base, max_cycles=500_000_000,
                                      extra=("--eth-drop", str(LOSS_PCT), "--eth-seed", str(LOSS_SEED)))
        b, order = srv.binding()
        ps_log = srv.log("ps")
    finally:
        codes = srv.stop()
    with open(os.path.join(out, "loss-stderr.txt")) as f:
        m = re.search(r"--eth-drop dropped (\d+) of (\d+) to the SoC and (\d+) of (\d+) from it", f.read())
    if m:
        d_in, n_in, d_out, n_out = map(int, m.groups())
        frac = (d_in + d_out) / max(1, n_in + n_out)
        n = n_in + n_out
        sd = (0.2 * 0.8 / max(1, n)) ** 0.5
        verdict("loss_dropped", d_in > 0 and d_out > 0 and abs(frac - LOSS_PCT / 100) <= 5 * sd,
                f"dropped {d_in} of {n_in} to the SoC, {d_out} of {n_out} from it "
                f"({100 * frac:.1f} %, expected {LOSS_PCT} % within 5 sd)")
        print(f"faults: loss: the link dropped {d_in} of {n_in} frames to the SoC, {d_out} of {n_out} from it; "
              f"{text.count(' resent')} BTI retransmissions, {ps_log.count('retransmit')} PS, "
              f"{ps_log.count('auth_wrong')} wrong code(s)", file=sys.stderr)
    else:
        verdict("loss_dropped", False, f"no --eth-drop count in {out}/loss-stderr.txt")
    ku = bt.ku_printed(text)
    verdict("loss_bound", rc == 0 and b is not None and b[0] == bt.MAC.upper() and ku is not None and b[1] == ku
            and b[2] == 64 and order == "used" and codes == [0, 0],
            f"exit {rc}, account {b}, work order {order}, KU+ printed {ku is not None}, servers {codes} "
            f"(see {out}/loss-console.txt)")
    return cycles_of(text)


def kill(args, out):
    base = bt.free_base()
    srv = FaultServers(args, out, base, ps_extra=("--test-crash", "enroll-before-commit"))
    on, off = KEYS_CLEAN
    s = scen(*dial_611(), f"@{T_CODE}ms dial {bt.CODE}# on={on} off={off}")
    seen = {}

    def watch():
        # The PS dies at the crash point; look at the database, restart it.
        rc = srv.ps.wait()
        seen["rc"] = rc
        seen["crashed"] = "test_crash" in srv.log("ps")
        seen["binding"] = srv.binding()
        seen["sessions"] = srv.ps_query("SELECT count(*) FROM sessions")[0][0]
        if seen["crashed"]:
            time.sleep(0.3)
            srv.start_ps()

    w = threading.Thread(target=watch, daemon=True)
    w.start()
    try:
        rc, text, wav, wall = run_sim(args, out, "kill", s, base, max_cycles=300_000_000)
        b, order = srv.binding()
    finally:
        codes = srv.stop()
    w.join(timeout=15)
    verdict("kill_crashed", seen.get("crashed", False),
            f"the PS never reached the crash point (exit {seen.get('rc')}; see {out}/ps.log)")
    sb, sorder = seen.get("binding", (None, None))
    verdict("kill_none_bound", sb is not None and sb[0] is None and sb[1] is None and sb[2] is None
            and sb[3] is None and sorder == "open",
            f"after the crash: account {sb}, work order {sorder}")
    ps_log = srv.log("ps")
    restored = re.findall(r"sessions_restored count=\d+", ps_log)
    verdict("kill_restored", "sessions_restored count=1" in ps_log and seen.get("sessions", 0) >= 1,
            f"session rows after the crash {seen.get('sessions')}, restored: {restored}")
    ku = bt.ku_printed(text)
    verdict("kill_retry_bound", rc == 0 and "ENROLL resent" in text and b is not None and b[0] == bt.MAC.upper()
            and ku is not None and b[1] == ku and b[2] == 64 and order == "used",
            f"exit {rc}, ENROLL resent {'ENROLL resent' in text}, account {b}, work order {order}, "
            f"servers {codes}")
    return cycles_of(text)


def nonprov(args, out):
    base = bt.free_base()
    srv = FaultServers(args, out, base)
    # '#' ends the number at once (the firmware's dial plan; without it the
    # call starts 3 s after the last digit).
    s = scen(f"@{bt.T_OFFHOOK}ms offhook", f"@{bt.T_611}ms dial {NONPROV_NUMBER}# on={bt.KEY611_ON} "
             f"off={bt.KEY611_OFF}")
    try:
        rc, text, wav, wall = run_sim(args, out, "nonprov", s, base, max_cycles=150_000_000, halt=250)
        b, order = srv.binding()
        sessions = srv.ps_query("SELECT count(*) FROM sessions")[0][0]
        btis = srv.gc_query("SELECT count(*) FROM btis")[0][0]
        gc_log, ps_log = srv.log("gc"), srv.log("ps")
    finally:
        srv.stop()
    refused = re.search(rf"setup_refused .*called={NONPROV_NUMBER} reason=not_provisioned", gc_log)
    verdict("nonprov_refused", rc == 3 and refused is not None and "SETUP_REJ received" in text
            and "provisioning failed" in text and "setup_routed" not in gc_log,
            f"exit {rc}, GC refused not_provisioned {refused is not None}, SETUP_REJ at the BTI "
            f"{'SETUP_REJ received' in text}, GC routed {'setup_routed' in gc_log}")
    verdict("nonprov_nothing_stored", " hello " not in ps_log and sessions == 0 and b is not None and b[0] is None
            and b[1] is None and order == "open" and btis == 0,
            f"PS hello {' hello ' in ps_log}, PS sessions {sessions}, account {b}, work order {order}, GC btis {btis}")
    try:
        ok, why = bt.reorder_heard(bt.read_wav(wav))
    except (OSError, ValueError) as e:
        ok, why = False, str(e)
    verdict("nonprov_reorder", ok, why)
    return cycles_of(text)


CASES = {"wrong_code": wrong_code, "loss": loss, "kill": kill, "nonprov": nonprov}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sim", required=True)
    ap.add_argument("--fw", required=True)
    ap.add_argument("--server", required=True, help="build/server (programs, certs, configs)")
    ap.add_argument("--prompt", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", default=",".join(CASES), help="comma-separated subset of " + ",".join(CASES))
    ap.add_argument("--lanes", type=int, default=2, help="cases run at once (default 2: the machine's cores)")
    args = ap.parse_args()
    args.echo = False
    os.makedirs(args.out, exist_ok=True)
    names = [n for n in re.split(r"[ ,]+", args.only) if n]
    bad = [n for n in names if n not in CASES]
    if bad:
        ap.error(f"unknown case(s) {bad}; known: {', '.join(CASES)}")
    t0 = time.time()
    todo = list(names)

    def lane():
        while True:
            with LOCK:
                if not todo:
                    return
                name = todo.pop(0)
            timed(name, CASES[name], args)

    ls = [threading.Thread(target=lane) for _ in range(max(1, args.lanes))]
    for t in ls:
        t.start()
    for t in ls:
        t.join()
    print(f"faults: {sum(results)} passed, {len(results) - sum(results)} failed in {time.time() - t0:.0f} s; "
          + ", ".join(f"{n} {w:.0f} s / {c / 1e6:.0f} M cycles" for n, w, c in times), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
