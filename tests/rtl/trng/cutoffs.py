#!/usr/bin/env python3
"""SP 800-90B section 4.4 health-test cutoffs for a binary noise source with
assessed min-entropy H bits/sample and false-positive probability alpha:
  RCT (4.4.1): C = 1 + ceil(-log2(alpha) / H)
  APT (4.4.2): C = 1 + CRITBINOM(W, 2^-H, 1 - alpha), W = 1024 for binary
               sources
CRITBINOM(n, p, q) is the smallest k with P[X <= k] >= q for X ~ B(n, p)
(the spreadsheet function the standard names). Exact rational arithmetic.
usage: cutoffs.py [H] [LOG2_ALPHA] [--check TOML]  (defaults 1, -20)"""
import math
import sys
import tomllib
from fractions import Fraction


def rct_cutoff(h, log2_alpha):
    return 1 + math.ceil(-log2_alpha / h)


def critbinom(n, p, q):
    cdf = Fraction(0)
    for k in range(n + 1):
        cdf += math.comb(n, k) * p ** k * (1 - p) ** (n - k)
        if cdf >= q:
            return k
    return n


def apt_cutoff(h, log2_alpha, window=1024):
    # 2^-H is exact for whole H; otherwise the nearest double.
    p = Fraction(1, 2 ** h) if h == int(h) else Fraction(2 ** -h)
    alpha = Fraction(1, 2 ** -log2_alpha)
    return 1 + critbinom(window, p, 1 - alpha)


def main():
    argv = sys.argv[1:]
    toml = None
    if "--check" in argv:
        toml = argv[argv.index("--check") + 1]
        argv = [a for a in argv if a not in ("--check", toml)]
    args = argv
    h = float(args[0]) if args else 1
    h = int(h) if h == int(h) else h
    la = int(args[1]) if len(args) > 1 else -20
    rct, apt = rct_cutoff(h, la), apt_cutoff(h, la)
    print(f"H = {h} bit/sample, alpha = 2^{la}: RCT cutoff {rct}, APT cutoff {apt} (W = 1024)")
    if toml:
        d = tomllib.load(open(toml, "rb"))
        reset = {r["name"]: r["reset"] for r in d["reg"]}
        ok = reset["RCTCUT"] == rct and reset["APTCUT"] == apt
        print(("PASS" if ok else "FAIL") + f" trng: register defaults RCTCUT {reset['RCTCUT']}, "
              f"APTCUT {reset['APTCUT']} equal the SP 800-90B cutoffs for H = 1, alpha = 2^-20 ({rct}, {apt})")


if __name__ == "__main__":
    main()
