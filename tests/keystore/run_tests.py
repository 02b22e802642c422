#!/usr/bin/env python3
"""Key-store and flash-model tests on the simulated SoC (make test-keystore),
and the keystore.write_cycles figure (make bench-keystore).

Properties checked, each one PASS/FAIL line in the log:
- flashops: the driver and the flash model's rules (firmware checks), and
  the model's reports: a 0->1 program, a command while busy and a program
  without write enable are each reported once; --flash-strict fails the run.
- an empty (new) flash file gives "no keys" cleanly; the file is created
  with the requested size, all 0xFF.
- stores survive a restart (the file is written back) and each new set goes
  to the other slot with the next sequence number.
- a damaged slot (bytes flipped in the file) falls back to the other slot;
  both damaged gives "damaged"; keystore_erase leaves no keys.
- power cuts: the writer firmware is stopped by --max-cycles at 200 cycles
  spread across keystore_store (erase, programs, verify), each on a copy of
  a flash holding sets 1 and 2; the checker then loads the key store from
  that file, and its bytes must equal the old set (2) or the new set (3)
  byte for byte (expected bytes from keyset.py, not from the firmware).
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keyset import keyset  # noqa: E402

FLASH_SIZE = 65536
SLOT0 = FLASH_SIZE - 8192          # the key store: last two sectors
SLOT1 = FLASH_SIZE - 4096
FAST = ["--flash-size", str(FLASH_SIZE), "--flash-pp-cycles", "6000", "--flash-se-cycles", "40000"]
CUTS = 200


class Runner:
    def __init__(self, sim, fw, work, log):
        self.sim, self.fw, self.work, self.log = sim, fw, work, log
        self.passed = self.failed = 0

    def run(self, prog, flash, extra=(), max_cycles=20000000):
        cmd = [self.sim, "--quiet", "--max-cycles", str(max_cycles)]
        if flash:
            cmd += ["--flash", flash]
        cmd += list(extra) + [os.path.join(self.fw, prog + ".elf")]
        p = subprocess.run(cmd, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    def verdict(self, ok, what, why=""):
        line = f"PASS keystore: {what}" if ok else f"FAIL keystore: {what}: {why}"
        print(line)
        if self.log:
            with open(self.log, "a") as f:
                f.write(line + "\n")
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def path(self, name):
        return os.path.join(self.work, name)


def parse_checker(out):
    """('keys', seq, slot, other, bytes) or ('nokeys',) or ('damaged',) or None."""
    if "checker: no keys" in out:
        return ("nokeys",)
    if "checker: damaged" in out:
        return ("damaged",)
    m = re.search(r"checker: keys seq (\d+) slot (\d+) other (-?\d+) len (\d+)\n(.*?)checker: end", out, re.S)
    if not m:
        return None
    data = bytes.fromhex("".join(m.group(5).split()))
    if len(data) != int(m.group(4)):
        return None
    return ("keys", int(m.group(1)), int(m.group(2)), int(m.group(3)), data)


def expect_keys(r, flash, seq, slot, other, what):
    rc, out, err = r.run("checker", flash, FAST)
    got = parse_checker(out)
    want = ("keys", seq, slot, other, keyset(seq))
    r.verdict(rc == 0 and got == want, what,
              f"exit {rc}, got {got[:4] if got else out.strip()[:80]}, want {want[:4]}")


def flip(path, offset, mask=0x01):
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([b ^ mask]))


def test_flashops(r):
    rc, out, err = r.run("flashops", None, FAST)
    r.verdict(rc == 0 and "flashops: PASS" in out, "flashops: driver and flash rules (firmware checks)",
              f"exit {rc}: {out.strip()[-120:]}")
    want = "spiflash: 1 0->1 program byte(s), 1 command(s) while busy, 1 protocol error(s)"
    r.verdict("would set 0 bits to 1" in err and want in err,
              "model reports the 0->1 program (warning line and counter)", err.strip()[-200:])
    r.verdict("command 03 while busy" in err and "without write enable (ignored)" in err,
              "model reports a command while busy and a program without write enable", err.strip()[-200:])
    rc, out, err = r.run("flashops", None, FAST + ["--flash-strict"])
    r.verdict(rc == 3 and "--flash-strict" in err, "--flash-strict fails the run on those violations",
              f"exit {rc}")


def test_store_load(r):
    f = r.path("store.bin")
    if os.path.exists(f):
        os.remove(f)
    rc, out, err = r.run("checker", f, FAST)
    data = open(f, "rb").read() if os.path.exists(f) else b""
    r.verdict(rc == 0 and "checker: no keys" in out and data == b"\xff" * FLASH_SIZE,
              "empty flash: 'no keys', file created all 0xFF", f"exit {rc}, {out.strip()[:80]}, file {len(data)} bytes")
    rc, out, err = r.run("writer", f, FAST)
    r.verdict(rc == 0 and "store end" in out and " rc 0 seq 1 " in out, "first store (seq 1)", out.strip()[-120:])
    expect_keys(r, f, 1, 0, -6, "restart: set 1 from slot 0, slot 1 empty")
    rc, out, err = r.run("writer", f, FAST)
    r.verdict(rc == 0 and " rc 0 seq 2 " in out, "second store (seq 2)", out.strip()[-120:])
    expect_keys(r, f, 2, 1, 0, "restart: set 2 from slot 1, slot 0 (set 1) kept")
    shutil.copy(f, r.path("base.bin"))

    g = r.path("corrupt.bin")
    shutil.copy(f, g)
    flip(g, SLOT1 + 16 + 100)                       # a payload byte of the current set
    expect_keys(r, g, 1, 0, -7, "payload byte flipped in the current slot: falls back to set 1")
    shutil.copy(f, g)
    flip(g, SLOT1 + 8, 0x80)                        # its sequence number
    expect_keys(r, g, 1, 0, -7, "sequence number flipped in the current slot: falls back to set 1")
    shutil.copy(f, g)
    flip(g, SLOT1 + 16 + 600 + 31)                  # last hash byte
    expect_keys(r, g, 1, 0, -7, "hash byte flipped in the current slot: falls back to set 1")
    shutil.copy(f, g)
    flip(g, SLOT0 + 0)                              # magic of the older slot
    expect_keys(r, g, 2, 1, -7, "older slot damaged: set 2 still loads")
    flip(g, SLOT1 + 16 + 5, 0x10)
    rc, out, err = r.run("checker", g, FAST)
    r.verdict(rc == 0 and parse_checker(out) == ("damaged",), "both slots damaged: reported, no keys returned",
              out.strip()[:80])
    rc, out, err = r.run("writer", g, FAST)
    r.verdict(rc == 0 and " rc 0 seq 1 " in out, "store after both slots damaged starts again at seq 1",
              out.strip()[-120:])
    shutil.copy(f, g)
    rc, out, err = r.run("eraser", g, FAST)
    r.verdict(rc == 0 and "(no keys)" in out, "keystore_erase: no keys afterwards", out.strip()[:80])


def cut_one(r, i, n):
    f = r.path(f"cut{i % 2}_{i}.bin")
    shutil.copy(r.path("base.bin"), f)
    rcw, outw, errw = r.run("writer", f, FAST, max_cycles=n)
    rc, out, err = r.run("checker", f, FAST)
    got = parse_checker(out)
    os.remove(f)
    phase = "erase" if "during a sector erase" in errw else "program" if "during a page program" in errw else "other"
    if rcw != 124:
        return (n, False, f"writer exit {rcw} (expected the cycle limit)", phase, None)
    if rc != 0 or got is None or got[0] != "keys":
        return (n, False, f"checker exit {rc}: {out.strip()[:80]}", phase, None)
    seq, data = got[1], got[4]
    if seq not in (2, 3) or data != keyset(seq):
        return (n, False, f"loaded seq {seq}, bytes {'equal' if data == keyset(seq) else 'differ'}", phase, seq)
    return (n, True, "", phase, seq)


def test_power_cuts(r):
    full = r.path("full.bin")
    shutil.copy(r.path("base.bin"), full)
    rc, out, err = r.run("writer", full, FAST)
    m1 = re.search(r"store start (\d+)", out)
    m2 = re.search(r"store end (\d+) rc 0 seq 3", out)
    if rc != 0 or not m1 or not m2:
        r.verdict(False, "power cuts: uncut writer run", f"exit {rc}: {out.strip()[-120:]}")
        return
    expect_keys(r, full, 3, 0, 0, "uncut writer: set 3 in slot 0, set 2 kept in slot 1")
    start, end = int(m1.group(1)), int(m2.group(1))
    # 200 cut cycles spread evenly over the store, a little before and after.
    lo, hi = start - 2000, end + 2000
    cuts = [lo + (hi - lo) * k // (CUTS - 1) for k in range(CUTS)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        res = list(ex.map(lambda a: cut_one(r, *a), enumerate(cuts)))
    bad = [x for x in res if not x[1]]
    old = sum(1 for x in res if x[1] and x[4] == 2)
    new = sum(1 for x in res if x[1] and x[4] == 3)
    erase = sum(1 for x in res if x[3] == "erase")
    prog = sum(1 for x in res if x[3] == "program")
    print(f"keystore: power cuts at {CUTS} cycles in [{lo}, {hi}]: {old} old, {new} new, "
          f"{erase} during an erase, {prog} during a page program, {len(bad)} bad")
    r.verdict(not bad, f"power cuts at {len(res)} cycles: the key store holds the old or the new set, byte for byte",
              "; ".join(f"cycle {x[0]} ({x[3]}): {x[2]}" for x in bad[:5]))
    r.verdict(old > 0 and new > 0 and erase > 0 and prog > 0,
              "power cuts hit the erase, the page programs, and both outcomes occur",
              f"{old} old, {new} new, {erase} erase, {prog} program")
    # After a cut, the next store completes from whatever state the cut left.
    again = [cuts[k] for k in range(0, CUTS, 40)]
    ok, why = True, ""
    for n in again:
        f = r.path("again.bin")
        shutil.copy(r.path("base.bin"), f)
        r.run("writer", f, FAST, max_cycles=n)
        rc, out, err = r.run("checker", f, FAST)
        got = parse_checker(out)
        rc, out, err = r.run("writer", f, FAST)
        rc2, out2, err2 = r.run("checker", f, FAST)
        got2 = parse_checker(out2)
        if not got or got[0] != "keys" or rc != 0 or not got2 or got2[0] != "keys" \
           or got2[1] != got[1] + 1 or got2[4] != keyset(got[1] + 1):
            ok, why = False, f"cut at {n}: {out.strip()[-80:]}"
            break
    r.verdict(ok, f"a store after a power cut completes ({len(again)} cuts)", why)


def bench(r, json_path):
    f = r.path("bench.bin")
    if os.path.exists(f):
        os.remove(f)
    figures = {}
    # Two stores to fill both slots, then the measured one (steady state:
    # both slots valid, the older one rewritten). Default busy times.
    for k in range(3):
        rc, out, err = r.run("writer", f, ["--flash-size", str(FLASH_SIZE)], max_cycles=200000000)
        if rc != 0:
            sys.exit(f"bench-keystore: writer exit {rc}\n{out}\n{err}")
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[0] == "bench":
            figures[p[1]] = p[2]
    args = [x for kv in figures.items() for x in kv]
    subprocess.run([sys.executable, "scripts/bench.py", "set", json_path] + args, check=True)
    for k, v in figures.items():
        print(f"  {k} {v}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sim", required=True)
    ap.add_argument("--fw", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--log")
    ap.add_argument("--bench")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    r = Runner(a.sim, a.fw, a.work, a.log)
    if a.bench:
        bench(r, a.bench)
        return 0
    if a.log and os.path.exists(a.log):
        os.remove(a.log)
    test_flashops(r)
    test_store_load(r)
    test_power_cuts(r)
    print(f"keystore: {r.passed} passed, {r.failed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
