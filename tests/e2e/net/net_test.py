#!/usr/bin/env python3
"""Network tests of the simulated SoC: the netecho firmware (sw/fw/app/netecho)
behind the PHY model's libslirp bridge (sim/models/eth.cpp). Every server and
socket of the test is bound to 127.0.0.1. Prints PASS/FAIL lines (and
`FIGURE name value` lines for the bench). Expected values come from the test
itself: the datagrams it sent, hashlib.sha256 of the file it served, the
number of bad frames it asked the model to inject.

usage: net_test.py SIM FIRMWARE TEST [options]
  TEST: echo | http | inject | random | bench
"""
import argparse
import functools
import hashlib
import http.server
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

CTRL_GUEST, ECHO_GUEST, SINK_GUEST = 9000, 7, 9001


def free_port(kind=socket.SOCK_DGRAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Soc:
    """The simulator running netecho, with UDP forwards for echo, control and sink."""

    def __init__(self, sim, fw, extra=(), max_cycles=2_000_000_000):
        self.ports = {g: free_port() for g in (CTRL_GUEST, ECHO_GUEST, SINK_GUEST)}
        cmd = [sim, "--max-cycles", str(max_cycles), "--eth", "slirp"]
        for g, h in self.ports.items():
            cmd += ["--eth-hostfwd", f"udp:127.0.0.1:{h}-:{g}"]
        cmd += list(extra) + [fw]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.addr_seen = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("netecho: address"):
                self.addr_seen.set()

    def wait_address(self, timeout=300):
        if not self.addr_seen.wait(timeout):
            raise RuntimeError("no DHCP address: " + " | ".join(self.lines[-5:]))

    def command(self, text, timeout=120.0, retries=3):
        """Send a control command, return the reply (retried: UDP may be lost)."""
        for _ in range(retries):
            self.sock.settimeout(timeout / retries)
            self.sock.sendto(text.encode(), ("127.0.0.1", self.ports[CTRL_GUEST]))
            try:
                while True:
                    d, _ = self.sock.recvfrom(2048)
                    r = d.decode(errors="replace")
                    if r.split(" ")[0] == text.split(" ")[0] or text == "exit" or r.startswith("http"):
                        return r
            except socket.timeout:
                continue
        raise RuntimeError(f"no reply to '{text}'")

    def stats(self):
        r = self.command("stats")
        return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", r)}

    def finish(self):
        try:
            self.command("exit", timeout=30, retries=2)
        except RuntimeError:
            pass
        try:
            _, err = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        self.sock.close()
        return self.proc.returncode, err


def echo_run(soc, count, sizes, window=8, timeout=20.0):
    """Send `count` datagrams (a 4-byte sequence number, then pseudo-random
    bytes) with up to `window` outstanding; each must come back identical.
    Returns (intact, retransmissions, seconds)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(0.5)
    dst = ("127.0.0.1", soc.ports[ECHO_GUEST])
    rng = random.Random(7)
    data = {}
    for i in range(count):
        n = sizes(rng, i)
        data[i] = i.to_bytes(4, "big") + bytes(rng.getrandbits(8) for _ in range(n - 4))
    pending = {}     # seq -> send time
    nxt, done, retx, bad = 0, set(), 0, 0
    t0 = time.time()
    last_progress = t0
    while len(done) < count:
        while nxt < count and len(pending) < window:
            s.sendto(data[nxt], dst)
            pending[nxt] = time.time()
            nxt += 1
        try:
            d, _ = s.recvfrom(2048)
            seq = int.from_bytes(d[:4], "big") if len(d) >= 4 else -1
            if seq in data and d == data[seq]:
                if seq not in done:
                    done.add(seq)
                    last_progress = time.time()
                pending.pop(seq, None)
            else:
                bad += 1
        except socket.timeout:
            pass
        now = time.time()
        for seq, t in list(pending.items()):
            if now - t > timeout:
                s.sendto(data[seq], dst)
                pending[seq] = now
                retx += 1
        if now - last_progress > 120:
            break
    s.close()
    return len(done), retx, bad, time.time() - t0


def mixed_size(rng, i):
    # mostly voice-sized datagrams, some small, every 10th at the MTU limit
    if i % 10 == 0:
        return 1472
    if i % 10 == 5:
        return rng.randint(4, 64)
    return rng.randint(64, 600)


def test_echo(a):
    soc = Soc(a.sim, a.fw)
    ok = False
    try:
        soc.wait_address()
        n, retx, bad, secs = echo_run(soc, a.count, mixed_size)
        st = soc.stats()
        ok = n == a.count and bad == 0
        print(f"{'PASS' if ok else 'FAIL'} net: UDP echo of {a.count} datagrams (4..1472 bytes) "
              f"through slirp: {n} returned intact, {bad} corrupt, {retx} retransmitted, "
              f"{secs:.0f} s, MAC overruns {st.get('overrun')}")
    finally:
        rc, err = soc.finish()
        sys.stderr.write(err[-400:])
    return ok


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_http(a):
    tmp = tempfile.mkdtemp(prefix="obti-net-")
    body = random.Random(11).randbytes(a.size)
    with open(os.path.join(tmp, "blob.bin"), "wb") as f:
        f.write(body)
    want = hashlib.sha256(body).hexdigest()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                          functools.partial(QuietHandler, directory=tmp))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    port = srv.server_address[1]
    extra = ["--eth-drop", str(a.drop)] if a.drop else []
    soc = Soc(a.sim, a.fw, extra)
    ok = False
    try:
        soc.wait_address()
        t0 = time.time()
        r = soc.command(f"get {port} /blob.bin", timeout=1800, retries=1)
        secs = time.time() - t0
        m = dict(re.findall(r"(\w+)=(\w+)", r))
        ok = m.get("status") == "200" and m.get("len") == str(a.size) and m.get("sha256") == want
        print(f"{'PASS' if ok else 'FAIL'} net: TCP download of {a.size} bytes from a host HTTP "
              f"server, SHA-256 on the SoC {'matches' if ok else 'differs: ' + r} "
              f"({int(m.get('cycles', 0))} cycles, {secs:.0f} s{', drop %s %%' % a.drop if a.drop else ''})")
    finally:
        soc.finish()
        srv.shutdown()
    return ok


def wait_stats(soc, cond, timeout):
    end = time.time() + timeout
    st = soc.stats()
    while not cond(st) and time.time() < end:
        time.sleep(2)
        st = soc.stats()
    return st


def test_inject(a):
    n = a.count
    spec = f"badcrc={n},runt={n},oversize={n},trunc={4 * n}"
    soc = Soc(a.sim, a.fw, ["--eth-inject", spec, "--eth-inject-gap", "3000"])
    ok = False
    try:
        soc.wait_address()
        st = wait_stats(soc, lambda s: s["tcp_lenerr"] >= n, 600)
        checks = {
            "crc": (st["crc"], n), "runt": (st["runt"], n), "oversize": (st["oversize"], n),
            "ip_lenerr": (st["ip_lenerr"], 2 * n), "udp_lenerr": (st["udp_lenerr"], n),
            "tcp_lenerr": (st["tcp_lenerr"], n),
        }
        wrong = {k: v for k, v in checks.items() if v[0] != v[1]}
        got, _, bad, _ = echo_run(soc, 20, lambda r, i: 200)
        ok = not wrong and got == 20 and bad == 0
        print(f"{'PASS' if ok else 'FAIL'} net: injected bad frames counted and dropped "
              f"({n} bad FCS, {n} runts, {n} oversize, {4 * n} truncated IP/UDP/TCP headers), "
              f"echo still answers" + (f": wrong counts {wrong}" if wrong else "")
              + ("" if got == 20 else f": echo {got}/20"))
    finally:
        rc, err = soc.finish()
        sys.stderr.write(err[-400:])
    return ok


def test_random(a):
    n = a.count
    soc = Soc(a.sim, a.fw, ["--eth-inject", f"random={n}", "--eth-inject-gap", str(a.gap)])
    ok = False
    try:
        soc.wait_address()
        t0 = time.time()
        base = soc.stats()
        st = wait_stats(soc, lambda s: s["rx_ok"] + s["overrun"] + s["filtered"] >= n, 3600)
        secs = time.time() - t0
        got, _, bad, _ = echo_run(soc, 20, lambda r, i: 200)
        seen = st["rx_ok"] + st["overrun"] + st["filtered"]
        ok = seen >= n and got == 20 and bad == 0
        print(f"{'PASS' if ok else 'FAIL'} net: {n} random frames (60..199 bytes, good FCS, to the "
              f"SoC's address) leave the firmware alive: {seen - base['rx_ok']} taken by the MAC, "
              f"echo {got}/20 after ({secs:.0f} s)")
    finally:
        rc, err = soc.finish()
        sys.stderr.write(err[-400:])
    return ok


def test_bench(a):
    soc = Soc(a.sim, a.fw)
    try:
        soc.wait_address()
        # cycles per echoed 200-byte datagram (frame taken from the MAC to reply handed to it)
        echo_run(soc, 200, lambda r, i: 200, window=1)
        st = soc.stats()
        print(f"FIGURE net.cycles_per_packet {st['cpp200']}")
        # TX: the SoC sends 200 datagrams of 1472 bytes to a host socket
        rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rx.bind(("127.0.0.1", 0))
        r = soc.command(f"txburst {rx.getsockname()[1]} 200 1472", timeout=600, retries=1)
        m = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", r)}
        rx.close()
        print(f"FIGURE net.udp_tx_mbps {m['bytes'] * 8 / (m['cycles'] / 100e6) / 1e6:.2f}")
        # RX: the host sends 300 datagrams of 1472 bytes to the sink at once
        soc.command("rxstat")
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for i in range(300):
            s.sendto(bytes(1472), ("127.0.0.1", soc.ports[SINK_GUEST]))
            if i % 8 == 7:
                time.sleep(0.05)
        time.sleep(20)
        r = soc.command("rxstat")
        m = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", r)}
        mbps = m["bytes"] * 8 / (m["cycles"] / 100e6) / 1e6 if m["cycles"] else 0
        print(f"FIGURE net.udp_rx_mbps {mbps:.2f}")
        print(f"INFO rx sink: {m}")
    finally:
        soc.finish()
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sim")
    ap.add_argument("fw")
    ap.add_argument("test", choices=["echo", "http", "inject", "random", "bench"])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--size", type=int, default=1 << 20)
    ap.add_argument("--drop", type=float, default=0)
    ap.add_argument("--gap", type=int, default=1500)
    a = ap.parse_args()
    try:
        ok = {"echo": test_echo, "http": test_http, "inject": test_inject,
              "random": test_random, "bench": test_bench}[a.test](a)
    except Exception as e:  # a harness failure is a test failure, with the reason
        print(f"FAIL net: {a.test}: {e}")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
