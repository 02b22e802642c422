#!/usr/bin/env python3
"""Network tests of the simulated SoC: the netecho firmware (sw/fw/app/netecho)
behind the PHY model's libslirp bridge (sim/models/eth.cpp). Every server and
socket of the test is bound to 127.0.0.1 (the tap test: to its own network
namespace). Prints PASS/FAIL/SKIP lines (and `FIGURE name value` lines for the
bench). Expected values come from the test itself: the datagrams it sent,
hashlib.sha256 of the file it served, the number of bad frames it asked the
model to inject, the model's own counts of what it dropped.

Host sockets receive in wall-clock time while the SoC runs in simulated time,
about 300 times slower: every socket that takes datagrams from the SoC is
read by its own thread and has a large receive buffer, otherwise the kernel
drops what does not fit (counted as RcvbufErrors in /proc/net/snmp).

usage: net_test.py SIM FIRMWARE TEST [options]
  TEST: echo | burst | http | inject | random | loss | tap | bench
       net_test.py SIM FIRMWARE suite --jobs N --log FILE "TEST [options]"...
         runs the tests, N at a time, and prints their verdicts in order
"""
import argparse
import collections
import functools
import hashlib
import http.server
import os
import random
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

CTRL_GUEST, ECHO_GUEST, SINK_GUEST = 9000, 7, 9001
RCVBUF = 4 << 20
# the TAP test's link (its own network namespace)
TAP_IF, TAP_HOST, TAP_GUEST = "obti0", "10.0.3.1", "10.0.3.15"


def udp_socket(bind_addr="127.0.0.1"):
    """A UDP socket with a receive buffer large enough for a burst from the SoC."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RCVBUF)
    s.bind((bind_addr, 0))
    return s


class Drain:
    """Reads a socket on its own thread until closed: (time, datagram) in order."""

    def __init__(self, sock):
        self.sock = sock
        self.got = []
        self.cv = threading.Condition()
        sock.settimeout(0.2)
        self.stop = False
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _run(self):
        while not self.stop:
            try:
                d, _ = self.sock.recvfrom(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.cv:
                self.got.append(d)
                self.cv.notify_all()

    def wait(self, n, timeout):
        """Wait until n datagrams arrived or timeout seconds without a new one."""
        with self.cv:
            last = len(self.got)
            while len(self.got) < n:
                if not self.cv.wait(timeout):
                    if len(self.got) == last:
                        break
                last = len(self.got)
            return list(self.got)

    def close(self):
        self.stop = True
        self.t.join()


def free_port(kind=socket.SOCK_DGRAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Soc:
    """The simulator running netecho, with UDP forwards for echo, control and sink."""

    def __init__(self, sim, fw, extra=(), max_cycles=2_000_000_000, tap=None):
        if tap:   # the SoC's own address on the TAP link, no forwards
            self.host = TAP_GUEST
            self.ports = {g: g for g in (CTRL_GUEST, ECHO_GUEST, SINK_GUEST)}
            cmd = [sim, "--max-cycles", str(max_cycles), "--eth", "tap:" + tap]
            bind = TAP_HOST
        else:
            self.host = "127.0.0.1"
            self.ports = {g: free_port() for g in (CTRL_GUEST, ECHO_GUEST, SINK_GUEST)}
            cmd = [sim, "--max-cycles", str(max_cycles), "--eth", "slirp"]
            for g, h in self.ports.items():
                cmd += ["--eth-hostfwd", f"udp:127.0.0.1:{h}-:{g}"]
            bind = "127.0.0.1"
        cmd += list(extra) + [fw]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.err_lines = []
        self.addr_seen = threading.Event()
        self.inject_done = threading.Event()
        self.readers = [threading.Thread(target=self._read, daemon=True),
                        threading.Thread(target=self._read_err, daemon=True)]
        for t in self.readers:
            t.start()
        self.sock = udp_socket(bind)
        self.bind = bind

    def dst(self, guest_port):
        return (self.host, self.ports[guest_port])

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("netecho: address"):
                self.addr_seen.set()

    def _read_err(self):
        for line in self.proc.stderr:
            self.err_lines.append(line)
            if line.startswith("eth: injected all"):
                self.inject_done.set()

    def wait_address(self, timeout=300):
        if not self.addr_seen.wait(timeout):
            raise RuntimeError("no DHCP address: " + " | ".join(self.lines[-5:]))

    def command(self, text, timeout=120.0, retries=3):
        """Send a control command, return the reply (retried: UDP may be lost)."""
        for _ in range(retries):
            self.sock.settimeout(timeout / retries)
            self.sock.sendto(text.encode(), self.dst(CTRL_GUEST))
            try:
                while True:
                    d, _ = self.sock.recvfrom(2048)
                    r = d.decode(errors="replace")
                    if r.split(" ")[0] == text.split(" ")[0] or text == "exit" or r.startswith("http"):
                        return r
            except socket.timeout:
                continue
        raise RuntimeError(f"no reply to '{text}'")

    def stats(self, retries=3):
        r = self.command("stats", retries=retries)
        return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", r)}

    def finish(self, retries=2):
        try:
            self.command("exit", timeout=15 * retries, retries=retries)
        except RuntimeError:
            pass
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for t in self.readers:
            t.join(timeout=10)
        self.sock.close()
        return self.proc.returncode, "".join(self.err_lines)


def model_counts(err):
    """The PHY model's end-of-run line (sim/models/eth.cpp) as a dict."""
    m = re.search(r"eth: (\d+) frames to the SoC, (\d+) from it .*?--eth-drop dropped "
                  r"(\d+) of (\d+) to the SoC and (\d+) of (\d+) from it.*?injected (.*)", err)
    if not m:
        return {}
    keys = ["to_soc", "from_soc", "drop_to", "offered_to", "drop_from", "offered_from"]
    d = {k: int(v) for k, v in zip(keys, m.groups()[:6])}
    d.update({k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(7))})
    return d


def echo_run(soc, count, sizes, window=8, timeout=1.5, retransmit=True):
    """Send `count` datagrams (a 4-byte sequence number, then pseudo-random
    bytes) with up to `window` outstanding; each must come back identical.
    A datagram not back after `timeout` s is sent again (or, without
    retransmit, given up). Returns (intact, retransmissions, corrupt, seconds)."""
    s = udp_socket(soc.bind)
    s.settimeout(0.05)
    dst = soc.dst(ECHO_GUEST)
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
                if retransmit:
                    s.sendto(data[seq], dst)
                    pending[seq] = now
                    retx += 1
                else:
                    del pending[seq]
        if not retransmit and nxt == count and not pending:
            break
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
        # 4 outstanding: as many as the MAC's receive ring holds, so that
        # the MAC hardly ever has to drop a request (the burst test does that)
        n, retx, bad, secs = echo_run(soc, a.count, mixed_size, window=4)
        st = soc.stats()
        ok = n == a.count and bad == 0
        print(f"{'PASS' if ok else 'FAIL'} net: UDP echo of {a.count} datagrams (4..1472 bytes) "
              f"through slirp: {n} returned intact, {bad} corrupt, {retx} retransmitted "
              f"(MAC overruns {st.get('overrun')}, no pbuf {st.get('nomem')}), {secs:.0f} s")
    finally:
        rc, err = soc.finish()
        sys.stderr.write(err[-400:])
    return ok


def test_burst(a):
    """Bursts both ways with 1472-byte datagrams (full 1514-byte frames).
    SoC -> host: `txburst` sends a.count datagrams back to back; every one
    must reach the host socket intact and in order. Host -> SoC: 64 datagrams
    sent at once to the echo port outrun the CPU (an echo of 1472 bytes takes
    longer than a frame's wire time), so some are lost in the MAC: every
    datagram must either come back intact or be counted by the MAC's overrun
    counter or the netif's no-memory counter, nothing else."""
    soc = Soc(a.sim, a.fw)
    ok = False
    try:
        soc.wait_address()
        rx = udp_socket()
        drain = Drain(rx)
        n = a.count
        r = soc.command(f"txburst {rx.getsockname()[1]} {n} 1472", timeout=600, retries=1)
        got = drain.wait(n, 10)
        drain.close()
        rx.close()
        # netecho's pattern: byte k of datagram i is (i + k) & 0xff
        want = [bytes((i + k) & 0xFF for k in range(1472)) for i in range(n)]
        tx_ok = got == want and f"n={n} " in r
        st0 = soc.stats()
        e = udp_socket()
        edrain = Drain(e)
        m = 64
        sent = [i.to_bytes(4, "big") + random.Random(i).randbytes(1468) for i in range(m)]
        for d in sent:
            e.sendto(d, soc.dst(ECHO_GUEST))
        back = edrain.wait(m, 10)
        edrain.close()
        e.close()
        st1 = soc.stats()
        intact = sum(1 for d in back if len(d) >= 4 and int.from_bytes(d[:4], "big") < m
                     and d == sent[int.from_bytes(d[:4], "big")])
        lost_mac = (st1["overrun"] - st0["overrun"]) + (st1["nomem"] - st0["nomem"])
        rx_ok = intact == len(back) and len(set(back)) == len(back) and intact + lost_mac == m
        ok = tx_ok and rx_ok
        print(f"{'PASS' if ok else 'FAIL'} net: bursts of 1472-byte datagrams: SoC -> host "
              f"{len(got)}/{n} {'intact in order' if tx_ok else 'NOT intact: ' + r}; host -> SoC "
              f"echo of {m} at once: {intact} back intact + {lost_mac} counted MAC overruns "
              f"= {intact + lost_mac} (of {len(back)} replies)")
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
        # no commands while the frames arrive: formatting `stats` keeps the
        # CPU busy long enough for the 4-slot ring to overflow (an overrun
        # would take the place of the frame's own counter)
        if not soc.inject_done.wait(600):
            raise RuntimeError("the model did not finish injecting")
        st = wait_stats(soc, lambda s: s["tcp_lenerr"] >= n, 60)
        checks = {
            "crc": (st["crc"], n), "runt": (st["runt"], n), "oversize": (st["oversize"], n),
            "ip_lenerr": (st["ip_lenerr"], 2 * n), "udp_lenerr": (st["udp_lenerr"], n),
            "tcp_lenerr": (st["tcp_lenerr"], n),
        }
        checks["overrun"] = (st["overrun"], 0)
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
    """Random frames (60..199 bytes, good FCS, to the SoC's MAC address, IPv4
    type half of the time) injected by the model: the MAC takes each one or
    counts it as an overrun, lwIP drops and counts what it took, and the
    firmware answers echo afterwards."""
    n = a.count
    soc = Soc(a.sim, a.fw, ["--eth-inject", f"random={n}", "--eth-inject-gap", str(a.gap)])
    ok = False
    st = {}
    try:
        soc.wait_address()
        t0 = time.time()
        if not soc.inject_done.wait(3600):
            raise RuntimeError("the model did not finish injecting")
        st = wait_stats(soc, lambda s: s["rx_ok"] + s["overrun"] >= n, 60)
        secs = time.time() - t0
        got, _, bad, _ = echo_run(soc, 20, lambda r, i: 200)
        st = soc.stats()
    finally:
        rc, err = soc.finish()
        sys.stderr.write(err[-400:])
    mc = model_counts(err)
    # every frame on the wire (slirp's and injected) is counted once by the MAC;
    # the `exit` command (and its retries) arrive after the last `stats`
    wire = mc.get("to_soc", 0) + mc.get("random", 0)
    mac = st["rx_ok"] + st["overrun"] + st["filtered"] + st["crc"] + st["runt"] + st["oversize"]
    lwip_drops = st["etharp_drop"] + st["ip_drop"] + st["link_drop"]
    taken = st["rx_ok"] - (mc.get("to_soc", 0) - 1)   # random frames the MAC took (about)
    ok = (mc.get("random") == n and 1 <= wire - mac <= 3 and lwip_drops >= taken - 2
          and got == 20 and bad == 0 and rc == 0)
    print(f"{'PASS' if ok else 'FAIL'} net: {n} random frames (60..199 bytes, good FCS, to the "
          f"SoC's address) counted and dropped: model injected {mc.get('random')}, MAC counted "
          f"{mac} of {wire} frames on the wire ({st['overrun']} overruns), lwIP dropped "
          f"{lwip_drops} (etharp {st['etharp_drop']}, ip {st['ip_drop']}); echo {got}/20 after "
          f"({secs:.0f} s)")
    return ok


def test_loss(a):
    """--eth-drop: a.drop % of the frames lost in each direction at random.
    Echo of a.count 200-byte datagrams without retransmission: the model's
    drop fractions in both directions and the share of echoes that come back
    ((1 - p)^2) must each be within 5 standard deviations of the binomial
    expectation, and the TCP/UDP command channel (with retries) still works."""
    p = a.drop / 100
    soc = Soc(a.sim, a.fw, ["--eth-drop", str(a.drop), "--eth-seed", str(a.seed)])
    ok = False
    try:
        soc.wait_address()
        got, _, bad, secs = echo_run(soc, a.count, lambda r, i: 200, window=8, timeout=2.0,
                                     retransmit=False)
        st = soc.stats(retries=10)
    finally:
        rc, err = soc.finish(retries=10)
        sys.stderr.write(err[-400:])
    mc = model_counts(err)

    def near(k, n, q):
        sd = (n * q * (1 - q)) ** 0.5
        return n > 0 and abs(k - n * q) <= 5 * sd + 1

    q_back = (1 - p) ** 2
    ok = (bool(mc) and near(mc["drop_to"], mc["offered_to"], p)
          and near(mc["drop_from"], mc["offered_from"], p)
          and near(got, a.count, q_back) and near(st["echoed"], a.count, 1 - p) and bad == 0)
    print(f"{'PASS' if ok else 'FAIL'} net: link loss --eth-drop {a.drop:g} (seed {a.seed}): "
          f"model dropped {mc.get('drop_to')}/{mc.get('offered_to')} frames to the SoC and "
          f"{mc.get('drop_from')}/{mc.get('offered_from')} from it; {st['echoed']}/{a.count} "
          f"echo requests reached the SoC (expected {a.count * (1 - p):.0f}), {got} replies "
          f"came back (expected {a.count * q_back:.0f}), {secs:.0f} s")
    return ok


def dhcp_server(sock, stop):
    """A DHCP server (RFC 2131, RFC 2132 options) for one client on the TAP
    link: OFFER for DISCOVER, ACK for REQUEST, always TAP_GUEST, router and
    server TAP_HOST."""
    while not stop.is_set():
        try:
            d, _ = sock.recvfrom(2048)
        except socket.timeout:
            continue
        if len(d) < 240 or d[0] != 1 or d[236:240] != b"\x63\x82\x53\x63":
            continue
        opts, i, kind = d[240:], 0, 0
        while i < len(opts) and opts[i] != 255:
            if opts[i] == 0:
                i += 1
                continue
            if opts[i] == 53 and i + 2 < len(opts):
                kind = opts[i + 2]
            i += 2 + (opts[i + 1] if i + 1 < len(opts) else 0)
        reply = {1: 2, 3: 5}.get(kind)
        if reply is None:
            continue
        srv, cli = socket.inet_aton(TAP_HOST), socket.inet_aton(TAP_GUEST)
        msg = (bytes([2, 1, 6, 0]) + d[4:8] + b"\0\0" + d[10:12] + bytes(4) + cli + srv + bytes(4)
               + d[28:44] + bytes(192) + b"\x63\x82\x53\x63"
               + bytes([53, 1, reply, 54, 4]) + srv + bytes([51, 4]) + struct.pack(">I", 3600)
               + bytes([1, 4, 255, 255, 255, 0, 3, 4]) + srv + bytes([255]))
        sock.sendto(msg, ("255.255.255.255", 68))


def tap_available():
    """None when this process can make a network namespace with a TAP
    device, else the reason it cannot."""
    if not os.path.exists("/dev/net/tun"):
        return "no /dev/net/tun"
    for tool in ("unshare", "ip"):
        if not shutil.which(tool):
            return f"no '{tool}' command"
    r = subprocess.run(["unshare", "-rn", "ip", "tuntap", "add", "dev", TAP_IF, "mode", "tap"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return "cannot create a TAP device in a user+network namespace: " + (r.stderr.strip()
                                                                            or f"exit {r.returncode}")
    return None


def test_tap(a):
    """--eth tap:IF: the SoC on a TAP device in a network namespace that the
    test makes (unshare -rn: no root needed where user namespaces are
    allowed). The test re-runs itself inside the namespace, serves DHCP on
    the link, echoes a.count datagrams and downloads a file over TCP from an
    HTTP server on the TAP address. SKIP (not a pass) where namespaces or TAP
    devices are not available."""
    if os.environ.get("OBTI_NET_IN_NS") != "1":
        why = tap_available()
        if why:
            print(f"SKIP net: TAP bridge in a network namespace: {why}")
            return True
        env = dict(os.environ, OBTI_NET_IN_NS="1")
        r = subprocess.run(["unshare", "-rn", sys.executable, os.path.abspath(__file__)] + sys.argv[1:],
                           env=env)
        return r.returncode == 0
    for cmd in (["ip", "link", "set", "lo", "up"],
                ["ip", "tuntap", "add", "dev", TAP_IF, "mode", "tap"],
                ["ip", "addr", "add", TAP_HOST + "/24", "dev", TAP_IF],
                ["ip", "link", "set", TAP_IF, "up"]):
        subprocess.run(cmd, check=True)
    stop = threading.Event()
    ds = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    ds.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    ds.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, TAP_IF.encode())
    ds.bind(("0.0.0.0", 67))
    ds.settimeout(0.2)
    threading.Thread(target=dhcp_server, args=(ds, stop), daemon=True).start()
    tmp = tempfile.mkdtemp(prefix="obti-net-")
    body = random.Random(12).randbytes(a.size)
    with open(os.path.join(tmp, "blob.bin"), "wb") as f:
        f.write(body)
    srv = http.server.ThreadingHTTPServer((TAP_HOST, 0), functools.partial(QuietHandler, directory=tmp))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    soc = Soc(a.sim, a.fw, tap=TAP_IF)
    ok = False
    try:
        soc.wait_address()
        got, retx, bad, secs = echo_run(soc, a.count, mixed_size, window=4)
        r = soc.command(f"get {srv.server_address[1]} /blob.bin", timeout=600, retries=1)
        m = dict(re.findall(r"(\w+)=(\w+)", r))
        http_ok = m.get("len") == str(a.size) and m.get("sha256") == hashlib.sha256(body).hexdigest()
        ok = got == a.count and bad == 0 and http_ok
        print(f"{'PASS' if ok else 'FAIL'} net: TAP bridge in a network namespace: DHCP from the "
              f"test, UDP echo {got}/{a.count} intact ({retx} retransmitted), TCP download of "
              f"{a.size} bytes {'SHA-256 matches' if http_ok else 'wrong: ' + r}")
    finally:
        rc, err = soc.finish()
        sys.stderr.write(err[-400:])
        stop.set()
        srv.shutdown()
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
        rx = udp_socket()
        drain = Drain(rx)
        r = soc.command(f"txburst {rx.getsockname()[1]} 200 1472", timeout=600, retries=1)
        m = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", r)}
        got = drain.wait(200, 10)
        drain.close()
        rx.close()
        print(f"FIGURE net.udp_tx_mbps {m['bytes'] * 8 / (m['cycles'] / 100e6) / 1e6:.2f}")
        print(f"INFO tx burst: {m}, {len(got)} of 200 received by the host")
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


def suite(argv):
    """Run several tests as child processes, `--jobs` at a time (each
    simulator is one thread), and print their verdict lines in the given
    order; a test that prints no verdict is a FAIL."""
    ap = argparse.ArgumentParser()
    ap.add_argument("sim")
    ap.add_argument("fw")
    ap.add_argument("suite")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--log", required=True)
    ap.add_argument("specs", nargs="+")
    a = ap.parse_args(argv)
    me = os.path.abspath(__file__)
    results = [None] * len(a.specs)
    todo = collections.deque(enumerate(a.specs))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                i, spec = todo.popleft()
            t0 = time.time()
            r = subprocess.run([sys.executable, me, a.sim, a.fw] + spec.split(),
                               capture_output=True, text=True)
            results[i] = (spec, r.stdout, r.stderr, time.time() - t0)

    threads = [threading.Thread(target=worker) for _ in range(max(1, a.jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok = True
    with open(a.log, "a") as log:
        for spec, out, err, secs in results:
            log.write(f"--- {spec} ({secs:.0f} s)\n{out}{err}")
            verdicts = [ln for ln in out.splitlines() if re.match(r"(PASS|FAIL|SKIP) ", ln)]
            if not verdicts:
                verdicts = [f"FAIL net: {spec}: no verdict (see {a.log})"]
            for v in verdicts:
                print(v)
                ok = ok and not v.startswith("FAIL")
    return 0 if ok else 1


def main():
    if len(sys.argv) > 3 and sys.argv[3] == "suite":
        return suite(sys.argv[1:])
    ap = argparse.ArgumentParser()
    ap.add_argument("sim")
    ap.add_argument("fw")
    ap.add_argument("test", choices=["echo", "burst", "http", "inject", "random", "loss", "tap",
                                     "bench"])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--size", type=int, default=1 << 20)
    ap.add_argument("--drop", type=float, default=0)
    ap.add_argument("--gap", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    try:
        ok = {"echo": test_echo, "burst": test_burst, "http": test_http, "inject": test_inject,
              "random": test_random, "loss": test_loss, "tap": test_tap,
              "bench": test_bench}[a.test](a)
    except Exception as e:  # a harness failure is a test failure, with the reason
        print(f"FAIL net: {a.test}: {e}")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
