#!/usr/bin/env python3
"""Compare the block-RAM contents of two ECP5 textual configurations.

  fpga_bramcmp.py A.config B.config

Reads every `.bram_init N` section (the DP16KD at index N and its 1024
18-bit words, as written by nextpnr --textcfg or yowasp-ecpunpack) and
reports whether both configurations hold the same content in the same
block RAMs. Used by `make test-fpga` to check that a bitstream whose code
memory was filled by ecpbram equals one synthesized with the firmware.
Exit status 0 when equal.
"""
import sys


def brams(path):
    out, cur = {}, None
    with open(path) as f:
        for line in f:
            if line.startswith("."):
                cur = None
                parts = line.split()
                if parts[0] == ".bram_init":
                    cur = int(parts[1])
                    out[cur] = []
            elif cur is not None and line.strip():
                out[cur].extend(int(w, 16) for w in line.split())
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = brams(sys.argv[1]), brams(sys.argv[2])
    if not a:
        sys.exit(f"{sys.argv[1]}: no .bram_init sections")
    diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    nonzero = sum(1 for v in a.values() if any(v))
    if diff:
        print(f"bram: {len(diff)} of {len(set(a) | set(b))} block RAMs differ (first: {diff[:8]})")
        sys.exit(1)
    print(f"bram: all {len(a)} block RAMs equal ({nonzero} hold non-zero data)")


if __name__ == "__main__":
    main()
