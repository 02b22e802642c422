#!/usr/bin/env python3
"""Dividers for the ECP5 EHXPLLL that makes the system clock.

  fpga_pll.py REF_MHZ OUT_MHZ

Prints `ClkiDiv ClkfbDiv ClkopDiv ClkopCphase ACTUAL_MHZ` for the board top
level (boards/common/obti_board_pll.v). With CLKOP as feedback,
f_out = f_ref * ClkfbDiv / ClkiDiv and f_vco = f_out * ClkopDiv. Limits from
the ECP5 family data sheet (FPGA-DS-02012, sysCLOCK PLL timing): PFD
3.125..400 MHz, VCO 400..800 MHz, output 3.125..400 MHz. Among exact or
closest solutions the one with the VCO nearest 600 MHz wins, as ecppll does.
Exits non-zero when no setting lands within 0.5 % of the request.
"""
import sys


def solve(f_ref, f_out):
    best = None
    for clki in range(1, 129):
        f_pfd = f_ref / clki
        if not 3.125 <= f_pfd <= 400:
            continue
        for clkfb in range(1, 81):
            f = f_pfd * clkfb
            if not 3.125 <= f <= 400:
                continue
            for clkop in range(1, 129):
                f_vco = f * clkop
                if not 400 <= f_vco <= 800:
                    continue
                key = (abs(f - f_out), abs(f_vco - 600))
                if best is None or key < best[0]:
                    best = (key, clki, clkfb, clkop, f)
    return best


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    f_ref, f_out = float(sys.argv[1]), float(sys.argv[2])
    best = solve(f_ref, f_out)
    if best is None or best[0][0] > f_out * 0.005:
        sys.exit(f"fpga_pll.py: no EHXPLLL setting makes {f_out} MHz from {f_ref} MHz")
    _, clki, clkfb, clkop, f = best
    # CPHASE = CLKOP_DIV - 1 is the 0-degree phase (Lattice TN1263).
    print(clki, clkfb, clkop, clkop - 1, f"{f:g}")


if __name__ == "__main__":
    main()
