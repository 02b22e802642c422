#!/usr/bin/env python3
"""Code-memory image for the bitstream, from the firmware ELF.

  fpga_hex.py ELF CODE_BYTES OUT.hex [--data-bytes N --data-out DATA.hex]

Writes CODE_BYTES/4 lines, one little-endian 32-bit word per line in hex
(word i = bytes 4i..4i+3 from address 0): the format of both Verilog
$readmemh (obti_soc CodeInitFile) and yowasp-ecpbram. Loads the PT_LOAD
segments at their physical addresses, as the simulator does
(docs/simulation.md). The data RAM needs no image (crt0 copies .data from
the code memory); a segment with file contents there is written to
--data-out when given and is an error otherwise, as is any byte outside both
memories.
"""
import argparse
import struct
import sys

CODE_BASE = 0x0000_0000
DATA_BASE = 0x1000_0000


def segments(path):
    with open(path, "rb") as f:
        d = f.read()
    if len(d) < 52 or d[:4] != b"\x7fELF" or d[4] != 1 or d[5] != 1:
        sys.exit(f"{path}: not a 32-bit little-endian ELF")
    if struct.unpack_from("<H", d, 18)[0] != 243:
        sys.exit(f"{path}: not a RISC-V ELF")
    phoff, = struct.unpack_from("<I", d, 28)
    phentsize, phnum = struct.unpack_from("<HH", d, 42)
    for i in range(phnum):
        p_type, off, _vaddr, paddr, filesz, _memsz = struct.unpack_from(
            "<IIIIII", d, phoff + i * phentsize)
        if p_type != 1 or filesz == 0:      # PT_LOAD with contents
            continue
        if off + filesz > len(d):
            sys.exit(f"{path}: segment beyond the end of the file")
        yield paddr, d[off:off + filesz]


def write_words(path, image):
    with open(path, "w") as f:
        for i in range(0, len(image), 4):
            f.write("%08x\n" % struct.unpack_from("<I", image, i)[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("elf")
    ap.add_argument("code_bytes", type=lambda s: int(s, 0))
    ap.add_argument("out")
    ap.add_argument("--data-bytes", type=lambda s: int(s, 0), default=0)
    ap.add_argument("--data-out")
    a = ap.parse_args()

    code = bytearray(a.code_bytes)
    data = bytearray(a.data_bytes)
    used_data = False
    for paddr, blob in segments(a.elf):
        end = paddr + len(blob)
        if CODE_BASE <= paddr and end <= CODE_BASE + a.code_bytes:
            code[paddr - CODE_BASE:end - CODE_BASE] = blob
        elif DATA_BASE <= paddr and end <= DATA_BASE + a.data_bytes and a.data_out:
            data[paddr - DATA_BASE:end - DATA_BASE] = blob
            used_data = True
        else:
            sys.exit(f"{a.elf}: segment 0x{paddr:08x}..0x{end:08x} lies outside the "
                     f"code memory (CODE_BYTES={a.code_bytes})"
                     + ("" if a.data_out else " and no --data-out was given"))
    write_words(a.out, code)
    if a.data_out:
        write_words(a.data_out, data)



if __name__ == "__main__":
    main()
