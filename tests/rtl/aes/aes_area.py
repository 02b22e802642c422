#!/usr/bin/env python3
"""Area of the AES engine (obti_aes and its submodules) on ECP5.

Runs Yosys synth_ecp5 on rtl/periph/aes/*.v + rtl/soc/obti_fifo.v three
times: flattened as the SoC instantiates it (KsCores = 2: a second round
engine for the keystream; the figure, cross-module optimisation included),
flattened with the defaults (one round engine), and with -noflatten and the
defaults (the split per module, each module's own cells, submodules
excluded). Prints a table and writes aes.area.* into the bench file.

  aes_area.py --yosys Y --out DIR --gen GEN [--bench FILE] RTL...
  (--yosys - prints the last run's statistics again)
"""
import argparse
import json
import os
import subprocess
import sys

CELLS = ["LUT4", "CCU2C", "PFUMX", "L6MUX21", "TRELLIS_DPR16X4", "TRELLIS_FF", "DP16KD"]


def synth(yosys, out, gen, rtl, flat, kscores=None):
    tag = ("flat" if flat else "hier") + (f"-ks{kscores}" if kscores else "")
    ys = os.path.join(out, f"synth-{tag}.ys")
    js = os.path.join(out, f"stat-{tag}.json")
    log = os.path.join(out, f"synth-{tag}.log")
    if yosys == "-":                       # reuse the last run's statistics
        with open(js) as f:
            return json.load(f)
    with open(ys, "w") as f:
        f.write(f"read_verilog -sv -I{gen}/rtl {' '.join(rtl)}\n")
        if kscores:
            f.write(f"chparam -set KsCores {kscores} obti_aes\n")
        f.write(f"synth_ecp5 {'' if flat else '-noflatten '}-top obti_aes\n")
        f.write(f"tee -q -o {js} stat -json\n")
    r = subprocess.run([yosys, "-q", "-l", log, ys], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        sys.exit(f"aes_area: yosys failed, see {log}")
    with open(js) as f:
        return json.load(f)


def cells(mod):
    ct = mod.get("num_cells_by_type", {})
    return {c: int(ct.get(c, 0)) for c in CELLS}


def short(name):
    name = name.lstrip("\\")
    if name.startswith("$paramod"):
        name = name.split("\\")[1]
    return name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--yosys", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--bench")
    ap.add_argument("rtl", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    soc = synth(a.yosys, a.out, a.gen, a.rtl, True, 2)
    flat = synth(a.yosys, a.out, a.gen, a.rtl, True)
    hier = synth(a.yosys, a.out, a.gen, a.rtl, False)

    def top(d):
        return cells(d["modules"]["\\obti_aes"] if "\\obti_aes" in d["modules"] else d["design"])
    total = top(flat)
    total2 = top(soc)
    rows = []
    for name, mod in hier["modules"].items():
        if short(name) == "obti_aes_sbox_rom":
            continue                       # a bare block RAM, counted in its parent below
        c = cells(mod)
        n = 1
        for sub, cnt in mod.get("num_cells_by_type", {}).items():
            if short(sub) == "obti_aes_sbox_rom":
                c["DP16KD"] += int(cnt) * cells(hier["modules"]["\\" + short(sub)])["DP16KD"]
        for parent in hier["modules"].values():
            n = max(n, int(parent.get("num_cells_by_type", {}).get(name, 1)))
        rows.append((short(name) + (f" (x{n})" if n > 1 else ""), c))
    rows.sort(key=lambda r: -r[1]["LUT4"])

    head = "module (own cells, -noflatten)"
    w = max([len(r[0]) for r in rows] + [len(head)])
    print(f"  {head:<{w}}  " + " ".join(f"{c.replace('TRELLIS_', ''):>8}" for c in CELLS))
    for name, c in rows:
        print(f"  {name:<{w}}  " + " ".join(f"{c[k]:>8}" for k in CELLS))
    print(f"  {'obti_aes flattened, KsCores=1':<{w}}  " + " ".join(f"{total[k]:>8}" for k in CELLS))
    print(f"  {'obti_aes flattened, KsCores=2':<{w}}  " + " ".join(f"{total2[k]:>8}" for k in CELLS))
    # a TRELLIS_DPR16X4 (16x4 LUT RAM) takes the LUTs of two slices (4 LUT4)
    # plus write logic in a third; count it as 4 LUT4 in the equivalent figure
    eq = total["LUT4"] + 4 * total["TRELLIS_DPR16X4"]
    eq2 = total2["LUT4"] + 4 * total2["TRELLIS_DPR16X4"]
    print(f"  LUT4 + 4 x DPR16X4: {eq} (KsCores=1), {eq2} (KsCores=2, as in the SoC)")

    if a.bench:
        figs = ["aes.area.lut4", total2["LUT4"], "aes.area.lut4_equiv", eq2,
                "aes.area.dp16kd", total2["DP16KD"], "aes.area.ff", total2["TRELLIS_FF"],
                "aes.area.lut4_1core", total["LUT4"], "aes.area.dp16kd_1core", total["DP16KD"]]
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                                     "scripts", "bench.py"),
                        "set", a.bench] + [str(x) for x in figs], check=True)


if __name__ == "__main__":
    main()
