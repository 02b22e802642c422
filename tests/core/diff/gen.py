#!/usr/bin/env python3
"""Random RV32IM + Zicsr + Zifencei test programs for the differential test.

Encodes instructions itself (no assembler) and writes the `objcopy -O verilog`
hex format that both build/sim/obti_sim and refsim load. A program is:

  prologue  mtvec -> handler (direct or vectored mode), minstret near a carry,
            mscratch, then every register set to an interesting value and x3
            pointed into data RAM;
  handler   mepc += 4; mret (an instruction access fault returns to x1 instead,
            which the jalr that caused it has just written);
  body      a few hundred random blocks from all of RV32IM and the CSRs, with
            only forward control flow so that every program terminates;
  epilogue  reads the trap CSRs, stores every register to data RAM and writes
            0 to the simulation-control EXIT register.

wfi is left out unless asked for (--wfi): with no interrupt pending and
enabled, a core may legally stall on it for ever (privileged spec 3.3.3).

Usage: gen.py SEED OUT.hex [--listing OUT.lst] [--blocks N] [--wfi]
"""
import argparse
import random

# ---- memory map (docs/memory-map.md) -------------------------------------
CODE_BYTES = 0x40000
ROM_BYTES = 0x4000
DATA_BASE = 0x10000000
DATA_BYTES = 0x10000
EXIT_ADDR = 0x2000F000

BASE = 3                      # x3 points into data RAM; the body never writes it
BASE_ADDR = DATA_BASE + 0x8000
DATA_INIT = (BASE_ADDR - 0x800, 0x1000)   # random bytes around BASE_ADDR
CODE_DATA = 0x3F000                       # writable code memory used as data
CODE_INIT = (CODE_DATA, 0x400)
SMC_AREA = 0x3F800                        # self-modifying code slots, 8 bytes each
HANDLER = 0x40

M32 = 0xFFFFFFFF

# ---- encoders (unprivileged spec ch. 2 "Base Instruction Formats") -------

OP_LUI, OP_AUIPC, OP_JAL, OP_JALR = 0x37, 0x17, 0x6F, 0x67
OP_BRANCH, OP_LOAD, OP_STORE = 0x63, 0x03, 0x23
OP_IMM, OP_OP, OP_MISC, OP_SYSTEM = 0x13, 0x33, 0x0F, 0x73


def enc_r(f7, rs2, rs1, f3, rd, op):
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op


def enc_i(imm, rs1, f3, rd, op):
    return ((imm & 0xFFF) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op


def enc_s(imm, rs2, rs1, f3, op=OP_STORE):
    imm &= 0xFFF
    return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1F) << 7) | op


def enc_b(imm, rs2, rs1, f3):
    imm &= 0x1FFF
    return (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3F) << 25) | (rs2 << 20) | (rs1 << 15) \
        | (f3 << 12) | (((imm >> 1) & 0xF) << 8) | (((imm >> 11) & 1) << 7) | OP_BRANCH


def enc_u(imm20, rd, op):
    return ((imm20 & 0xFFFFF) << 12) | (rd << 7) | op


def enc_j(imm, rd):
    imm &= 0x1FFFFF
    return (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3FF) << 21) | (((imm >> 11) & 1) << 20) \
        | (((imm >> 12) & 0xFF) << 12) | (rd << 7) | OP_JAL


def sx(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def hi_lo(value):
    """Split a 32-bit value into lui and addi immediates (addi sign-extends)."""
    value &= M32
    lo = sx(value, 12)
    hi = ((value - lo) >> 12) & 0xFFFFF
    return hi, lo


# Mnemonics in the style of `objdump -M no-aliases,numeric`, so listings can
# be checked against the binutils disassembler (see check_encodings()).
ALU_R = {  # name: (funct7, funct3)
    'add': (0, 0), 'sub': (0x20, 0), 'sll': (0, 1), 'slt': (0, 2), 'sltu': (0, 3),
    'xor': (0, 4), 'srl': (0, 5), 'sra': (0x20, 5), 'or': (0, 6), 'and': (0, 7),
    'mul': (1, 0), 'mulh': (1, 1), 'mulhsu': (1, 2), 'mulhu': (1, 3),
    'div': (1, 4), 'divu': (1, 5), 'rem': (1, 6), 'remu': (1, 7),
}
ALU_I = {'addi': 0, 'slti': 2, 'sltiu': 3, 'xori': 4, 'ori': 6, 'andi': 7}
SHIFT_I = {'slli': (0, 1), 'srli': (0, 5), 'srai': (0x20, 5)}
LOADS = {'lb': 0, 'lh': 1, 'lw': 2, 'lbu': 4, 'lhu': 5}
STORES = {'sb': 0, 'sh': 1, 'sw': 2}
BRANCHES = {'beq': 0, 'bne': 1, 'blt': 4, 'bge': 5, 'bltu': 6, 'bgeu': 7}
CSR_OPS = {'csrrw': 1, 'csrrs': 2, 'csrrc': 3, 'csrrwi': 5, 'csrrsi': 6, 'csrrci': 7}
CSR_NAMES = {
    0x300: 'mstatus', 0x301: 'misa', 0x304: 'mie', 0x305: 'mtvec', 0x310: 'mstatush',
    0x340: 'mscratch', 0x341: 'mepc', 0x342: 'mcause', 0x343: 'mtval', 0x344: 'mip',
    0xB00: 'mcycle', 0xB02: 'minstret', 0xB80: 'mcycleh', 0xB82: 'minstreth',
    0xC00: 'cycle', 0xC02: 'instret', 0xC80: 'cycleh', 0xC82: 'instreth',
    0xF11: 'mvendorid', 0xF12: 'marchid', 0xF13: 'mimpid', 0xF14: 'mhartid',
}


def x(r):
    return 'x%d' % r


def r_type(name, rd, rs1, rs2):
    f7, f3 = ALU_R[name]
    return enc_r(f7, rs2, rs1, f3, rd, OP_OP), '%s %s,%s,%s' % (name, x(rd), x(rs1), x(rs2))


def i_type(name, rd, rs1, imm):
    if name in SHIFT_I:
        f7, f3 = SHIFT_I[name]
        return enc_r(f7, imm & 31, rs1, f3, rd, OP_IMM), '%s %s,%s,0x%x' % (name, x(rd), x(rs1), imm & 31)
    return enc_i(imm, rs1, ALU_I[name], rd, OP_IMM), '%s %s,%s,%d' % (name, x(rd), x(rs1), imm)


def lui(rd, imm20):
    return enc_u(imm20, rd, OP_LUI), 'lui %s,0x%x' % (x(rd), imm20 & 0xFFFFF)


def auipc(rd, imm20):
    return enc_u(imm20, rd, OP_AUIPC), 'auipc %s,0x%x' % (x(rd), imm20 & 0xFFFFF)


def load(name, rd, rs1, imm):
    return enc_i(imm, rs1, LOADS[name], rd, OP_LOAD), '%s %s,%d(%s)' % (name, x(rd), imm, x(rs1))


def store(name, rs2, rs1, imm):
    return enc_s(imm, rs2, rs1, STORES[name]), '%s %s,%d(%s)' % (name, x(rs2), imm, x(rs1))


def csr_name(csr):
    return CSR_NAMES.get(csr, '0x%x' % csr)


def csr_op(name, rd, csr, src):
    word = enc_i(csr, src, CSR_OPS[name], rd, OP_SYSTEM)
    srcs = str(src) if name.endswith('i') else x(src)
    return word, '%s %s,%s,%s' % (name, x(rd), csr_name(csr), srcs)


def jalr(rd, rs1, imm):
    return enc_i(imm, rs1, 0, rd, OP_JALR), 'jalr %s,%d(%s)' % (x(rd), imm, x(rs1))


def li(rd, value):
    """Always two instructions, so block sizes do not depend on values."""
    hi, lo = hi_lo(value)
    return [lui(rd, hi), i_type('addi', rd, rd, lo)]


FIXED = {
    'ecall': 0x00000073, 'ebreak': 0x00100073, 'mret': 0x30200073, 'wfi': 0x10500073,
    'fence.i': 0x0000100F,
}


def fence(pred=0xF, succ=0xF):
    word = (pred << 24) | (succ << 20) | OP_MISC
    return word, 'fence %s,%s' % (iorw(pred), iorw(succ))


def iorw(bits):
    return ''.join(c for c, b in zip('iorw', (8, 4, 2, 1)) if bits & b) or 'unknown'


# ---- program assembly ----------------------------------------------------

class Target:
    """A forward reference to the start of body block `block` (+ adjust bytes)."""

    def __init__(self, block, adjust=0):
        self.block, self.adjust = block, adjust


class Program:
    def __init__(self):
        self.code = []       # (address, word, text) after layout
        self.data = {}       # address -> byte for initialised data

    def image(self):
        mem = dict(self.data)
        for addr, word, _ in self.code:
            for i in range(4):
                mem[addr + i] = (word >> (8 * i)) & 0xFF
        return mem

    def hex_text(self):
        """objcopy -O verilog layout: '@ADDR' lines then 16 bytes per line."""
        mem = self.image()
        out = []
        line = []
        prev = None
        for a in sorted(mem):
            if prev is None or a != prev + 1:
                if line:
                    out.append(' '.join(line))
                    line = []
                out.append('@%08X' % a)
            line.append('%02X' % mem[a])
            if len(line) == 16:
                out.append(' '.join(line))
                line = []
            prev = a
        if line:
            out.append(' '.join(line))
        return '\n'.join(out) + '\n'

    def listing(self):
        return ''.join('%08x: %08x  %s\n' % t for t in self.code)


def emit_fixed(prog, addr, items):
    for word, text in items:
        prog.code.append((addr, word & M32, text))
        addr += 4
    return addr


def handler_code():
    """mepc += 4 and mret; an instruction access fault (mcause 1) returns to
    x1, the link of the jalr that jumped out of code memory. x5 is saved in
    mscratch and restored; mscratch ends holding the handler's temporary."""
    t = 5
    return [
        csr_op('csrrw', t, 0x340, t),
        csr_op('csrrs', t, 0x342, 0),
        i_type('addi', t, t, -1),
        (enc_b(12, 0, t, 1), 'bne x5,x0,0x%x' % (HANDLER + 24)),   # not a fetch fault
        csr_op('csrrw', 0, 0x341, 1),
        (enc_j(16, 0), 'jal x0,0x%x' % (HANDLER + 36)),          # to the restore
        csr_op('csrrs', t, 0x341, 0),
        i_type('addi', t, t, 4),
        csr_op('csrrw', 0, 0x341, t),
        csr_op('csrrw', t, 0x340, t),
        (FIXED['mret'], 'mret'),
    ]


class Gen:
    """Random body blocks. Each block is a list of items: (word, text) tuples
    or callables f(pc, resolve) -> (word, text) for forward references."""

    def __init__(self, rng, wfi=False):
        self.rng = rng
        self.wfi = wfi
        self.recent = [1, 2]
        self.smc_slot = 0

    # registers: x3 is reserved; recently written registers are favoured so
    # that dependent instructions follow each other (forwarding, load-use)
    def rd(self, allow_zero=True):
        r = self.rng
        if allow_zero and r.random() < 0.04:
            return 0
        v = r.choice([q for q in range(1, 32) if q != BASE])
        self.recent = (self.recent + [v])[-4:]
        return v

    def rs(self):
        r = self.rng
        p = r.random()
        if p < 0.5:
            return r.choice(self.recent)
        if p < 0.56:
            return 0
        if p < 0.6:
            return BASE
        return r.randrange(32)

    def edge(self):
        r = self.rng
        return r.choice([0, 1, 2, 3, M32, M32 - 1, 0x80000000, 0x7FFFFFFF, 0x80000001,
                         0x8000, 0x7FFF, 0xFFFF, 0xFFFF8000, 0x80, 0xFF, 31, 32, 33,
                         r.getrandbits(32), r.getrandbits(32), r.randrange(-64, 64) & M32])

    def imm12(self):
        r = self.rng
        if r.random() < 0.4:
            return r.choice([0, 1, -1, 2047, -2048, 2, -2, 0x7F0, -0x7F0, 0x555, -0x556])
        return r.randrange(-2048, 2048)

    def shamt(self):
        return self.rng.choice([0, 1, 31, 30, 16, 15, self.rng.randrange(32)])

    # -- block kinds --
    def b_alu_r(self):
        name = self.rng.choice([n for n, (f7, _) in ALU_R.items() if f7 != 1])
        return [r_type(name, self.rd(), self.rs(), self.rs())]

    def b_alu_i(self):
        r = self.rng
        if r.random() < 0.3:
            return [i_type(r.choice(list(SHIFT_I)), self.rd(), self.rs(), self.shamt())]
        return [i_type(r.choice(list(ALU_I)), self.rd(), self.rs(), self.imm12())]

    def b_upper(self):
        r = self.rng
        imm = r.choice([0, 1, 0x80000, 0xFFFFF, 0x7FFFF, r.getrandbits(20)])
        return [(lui if r.random() < 0.5 else auipc)(self.rd(), imm)]

    def b_muldiv(self):
        r = self.rng
        name = r.choice([n for n, (f7, _) in ALU_R.items() if f7 == 1])
        out = []
        rs1, rs2 = self.rs(), self.rs()
        if r.random() < 0.5:
            rs1 = self.rd(allow_zero=False)
            out += li(rs1, r.choice([0x80000000, 0x80000000, M32, 0x7FFFFFFF, 0, 1, self.edge()]))
        if r.random() < 0.5:
            rs2 = self.rd(allow_zero=False)
            out += li(rs2, r.choice([0, 0, M32, M32, 1, 0x80000000, self.edge()]))
        out.append(r_type(name, self.rd(), rs1, rs2))
        if r.random() < 0.3:   # consume the result at once
            out.append(r_type('add', self.rd(), self.recent[-1], self.rs()))
        return out

    def b_load(self):
        r = self.rng
        name = r.choice(list(LOADS))
        size = {0: 1, 1: 2, 2: 4}[LOADS[name] & 3]
        off = r.randrange(-2048, 2048 - 4) & ~(size - 1)
        out = [load(name, self.rd(), BASE, off)]
        if r.random() < 0.4:   # load-use
            use = self.recent[-1]
            k = r.random()
            if k < 0.5:
                out.append(r_type(r.choice(['add', 'xor', 'sub', 'mul']), self.rd(), use, self.rs()))
            elif k < 0.8:
                sn = r.choice(list(STORES))
                sz = 1 << STORES[sn]
                out.append(store(sn, use, BASE, r.randrange(-2048, 2048 - 4) & ~(sz - 1)))
            else:
                out.append(i_type('addi', self.rd(), use, self.imm12()))
        return out

    def b_store(self):
        r = self.rng
        name = r.choice(list(STORES))
        size = 1 << STORES[name]
        off = r.randrange(-2048, 2048 - 4) & ~(size - 1)
        out = [store(name, self.rs(), BASE, off)]
        if r.random() < 0.3:   # read it back at once, maybe with another width
            ln = r.choice(list(LOADS))
            lsz = {0: 1, 1: 2, 2: 4}[LOADS[ln] & 3]
            out.append(load(ln, self.rd(), BASE, (off & ~(lsz - 1)) if r.random() < 0.8 else off & ~3))
        return out

    def b_addr_chain(self):
        """Address computed by the instruction just before the access."""
        r = self.rng
        t = self.rd(allow_zero=False)
        out = [i_type('addi', t, BASE, r.randrange(-1024, 1024) & ~3)]
        if r.random() < 0.5:
            name = r.choice(list(LOADS))
            size = {0: 1, 1: 2, 2: 4}[LOADS[name] & 3]
            out.append(load(name, self.rd(), t, r.randrange(-1000, 1000) & ~(size - 1)))
        else:
            name = r.choice(list(STORES))
            size = 1 << STORES[name]
            out.append(store(name, self.rs(), t, r.randrange(-1000, 1000) & ~(size - 1)))
        return out

    def b_misaligned(self):
        r = self.rng
        if r.random() < 0.5:
            name = r.choice(['lh', 'lhu', 'lw'])
            size = 2 if name != 'lw' else 4
            off = (r.randrange(-2000, 2000) & ~3) + r.choice([o for o in range(1, size)])
            return [load(name, self.rd(), BASE, off)]
        name = r.choice(['sh', 'sw'])
        size = 2 if name == 'sh' else 4
        off = (r.randrange(-2000, 2000) & ~3) + r.choice([o for o in range(1, size)])
        return [store(name, self.rs(), BASE, off)]

    def b_fault(self):
        """Accesses at region edges and unmapped addresses."""
        r = self.rng
        t = self.rd(allow_zero=False)
        addr, off = r.choice([
            (CODE_BYTES, 0), (CODE_BYTES, -4),          # past code / last code word
            (DATA_BASE + DATA_BYTES, 0), (DATA_BASE + DATA_BYTES, -4),
            (DATA_BASE, -4), (DATA_BASE, 0),
            (0x0FFFF000, 0), (0x30000000, 0x10), (0x80000000, 0), (0xFFFFF000, 0x7FC),
            (0x2000A000, 0), (0x20010000, 0), (ROM_BYTES, 0), (ROM_BYTES, -4),
        ])
        out = [lui(t, addr >> 12)]
        if r.random() < 0.5:
            name = r.choice(list(LOADS))
            size = {0: 1, 1: 2, 2: 4}[LOADS[name] & 3]
            out.append(load(name, self.rd(), t, off & ~(size - 1)))
        else:
            name = r.choice(list(STORES))
            size = 1 << STORES[name]
            out.append(store(name, self.rs(), t, off & ~(size - 1)))
        return out

    def b_x0_relative(self):
        """x0-relative: reads of the boot code, stores into the read-only region,
        accesses just below address 0 (unmapped)."""
        r = self.rng
        off = r.choice([r.randrange(0, 2048) & ~3, r.randrange(-2048, 0) & ~3])
        if r.random() < 0.5:
            return [load('lw', self.rd(), 0, off)]
        return [store(r.choice(list(STORES)), self.rs(), 0, off)]

    def b_code_data(self):
        """Writable code memory used as data through the data port."""
        r = self.rng
        t = self.rd(allow_zero=False)
        out = [lui(t, CODE_DATA >> 12)]
        off = r.randrange(0, CODE_INIT[1] - 4) & ~3
        if r.random() < 0.5:
            out.append(load(r.choice(list(LOADS)), self.rd(), t, off))
        else:
            out.append(store(r.choice(list(STORES)), self.rs(), t, off))
        return out

    def b_branch(self, idx, nblocks):
        r = self.rng
        name = r.choice(list(BRANCHES))
        out = []
        if r.random() < 0.2:                        # compare a value just loaded
            rs1 = self.rd(allow_zero=False)
            out.append(load(r.choice(list(LOADS)), rs1, BASE, r.randrange(-512, 512) & ~3))
        else:
            rs1 = self.rs()
        rs2 = rs1 if r.random() < 0.15 else self.rs()
        dest = min(idx + r.randint(1, 4), nblocks)
        adjust = 2 if r.random() < 0.06 else 0      # misaligned target: traps if taken
        f3 = BRANCHES[name]

        def enc(pc, resolve):
            off = resolve(dest) + adjust - pc
            return enc_b(off, rs2, rs1, f3), '%s %s,%s,0x%x' % (name, x(rs1), x(rs2), pc + off)
        return out + [enc]

    def b_shadow(self):
        """A taken jump or branch over an instruction that must not take
        effect: a trap, a store, a CSR write, a divide."""
        r = self.rng
        victim = r.choice([
            (0, '.word 0x00000000'), (FIXED['ecall'], 'ecall'), (FIXED['ebreak'], 'ebreak'),
            load('lw', self.rd(), BASE, 2), load('lw', self.rd(), 0, -4),
            store('sw', self.rs(), BASE, r.randrange(-512, 512) & ~3), store('sw', self.rs(), 0, 0),
            csr_op('csrrw', self.rd(), 0x340, self.rs()), csr_op('csrrw', 0, 0xB02, self.rs()),
            r_type('div', self.rd(), self.rs(), self.rs()), csr_op('csrrs', self.rd(), 0x7C0, 0),
        ])
        k = r.random()
        if k < 0.4:
            return [lambda pc, resolve: (enc_j(8, 0), 'jal x0,0x%x' % (pc + 8)), victim]
        if k < 0.8:
            rs = self.rs()
            return [lambda pc, resolve: (enc_b(8, rs, rs, 0), 'beq %s,%s,0x%x' % (x(rs), x(rs), pc + 8)),
                    victim]
        t = self.rd(allow_zero=False)
        return [auipc(t, 0), jalr(self.rd(), t, 12), victim]

    def b_mret(self):
        """mret to the end of the block through mepc (bits 1:0 of the written
        value are dropped), with MPIE cleared first so MIE stays 0."""
        r = self.rng
        t = self.rd(allow_zero=False)
        return [i_type('addi', t, 0, 0x80), csr_op('csrrc', self.rd(), 0x300, t), auipc(t, 0),
                i_type('addi', t, t, 16 + r.choice([0, 0, 1, 2, 3])), csr_op('csrrw', self.rd(), 0x341, t),
                (FIXED['mret'], 'mret')]

    def b_jal(self, idx, nblocks):
        r = self.rng
        rd = r.choice([0, 1, 5, self.rd()])
        dest = min(idx + r.randint(1, 4), nblocks)
        adjust = 2 if r.random() < 0.08 else 0

        def enc(pc, resolve):
            off = resolve(dest) + adjust - pc
            return enc_j(off, rd), 'jal %s,0x%x' % (x(rd), pc + off)
        return [enc]

    def b_jalr(self, idx, nblocks):
        """auipc t; jalr rd, off(t) to a later block; the low bits of the sum
        are varied: +1 is cleared by jalr (a legal jump), +2/+3 misalign."""
        r = self.rng
        t = self.rd(allow_zero=False)
        rd = r.choice([0, 1, t, self.rd()])
        dest = min(idx + r.randint(1, 4), nblocks)
        adjust = r.choice([0] * 8 + [1, 2, 3])

        def enc0(pc, resolve):
            return auipc(t, 0)

        def enc1(pc, resolve):
            off = resolve(dest) + adjust - (pc - 4)
            return jalr(rd, t, off)
        return [enc0, enc1]

    def b_fetch_fault(self):
        """jalr x1 out of code memory: the fetch faults, the handler returns to x1."""
        r = self.rng
        t = self.rd(allow_zero=False)
        target = r.choice([CODE_BYTES, DATA_BASE, DATA_BASE + 0x100, 0x80000000, 0xFFFFF000, EXIT_ADDR])
        self.recent.append(1)
        return [lui(t, target >> 12), jalr(1, t, 0)]

    def b_csr(self):
        r = self.rng
        k = r.random()
        rw = [0x340, 0x341, 0x343, 0x304]             # mscratch mepc mtval mie
        if k < 0.40:                                  # read/write the plain registers
            csr = r.choice(rw)
            op = r.choice(list(CSR_OPS))
            src = r.randrange(32) if op.endswith('i') else self.rs()
            return [csr_op(op, self.rd(), csr, src)]
        if k < 0.45:
            return self.mcause()
        if k < 0.55:                                  # write then read back at once
            csr = r.choice(rw)
            return [csr_op(r.choice(['csrrw', 'csrrs', 'csrrc']), self.rd(), csr, self.rs()),
                    csr_op('csrrs', self.rd(), csr, 0)]
        if k < 0.65:                                  # minstret
            csr = r.choice([0xB02, 0xB02, 0xB02, 0xB82, 0xC02, 0xC82])
            if csr >= 0xC00 or r.random() < 0.5:
                return [csr_op(r.choice(['csrrs', 'csrrc', 'csrrsi', 'csrrci']), self.rd(), csr, 0)]
            return [csr_op(r.choice(['csrrw', 'csrrs', 'csrrc']), self.rd(), csr, self.rs()),
                    csr_op('csrrs', self.rd(), csr, 0)]
        if k < 0.75:                                  # read-only registers, legal reads
            csr = r.choice([0x301, 0x310, 0x344, 0xF11, 0xF12, 0xF13, 0xF14, 0x305, 0x300])
            return [csr_op(r.choice(['csrrs', 'csrrc', 'csrrsi', 'csrrci']), self.rd(), csr, 0)]
        if k < 0.82:                                  # writes that are ignored
            csr = r.choice([0x301, 0x310, 0x344])
            op = r.choice(list(CSR_OPS))
            src = r.randrange(32) if op.endswith('i') else self.rs()
            return [csr_op(op, self.rd(), csr, src)]
        if k < 0.88:                                  # mstatus without ever setting MIE
            t = self.rd(allow_zero=False)
            c = r.random()
            if c < 0.3:
                return [i_type('andi', t, self.rs(), -9), csr_op('csrrw', self.rd(), 0x300, t)]
            if c < 0.5:
                return [csr_op('csrrc', self.rd(), 0x300, self.rs())]
            if c < 0.7:
                return [csr_op(r.choice(['csrrwi', 'csrrsi', 'csrrci']), self.rd(), 0x300,
                               r.randrange(32) & ~8)]
            return [i_type('addi', t, 0, 0x80), csr_op('csrrs', self.rd(), 0x300, t)]
        if k < 0.92:                                  # counters that are written, never read
            csr = r.choice([0xB00, 0xB80])
            if r.random() < 0.5:
                return [csr_op('csrrw', 0, csr, self.rs())]
            return [csr_op('csrrwi', 0, csr, r.randrange(32))]
        # illegal: writes to read-only CSRs, CSRs that do not exist
        if r.random() < 0.5:
            csr = r.choice([0xC00, 0xC02, 0xC80, 0xC82, 0xF11, 0xF12, 0xF13, 0xF14])
            op = r.choice(list(CSR_OPS))
            src = r.randrange(1, 32)
            return [csr_op(op, self.rd(), csr, src)]
        csr = r.choice([0x302, 0x303, 0x306, 0x320, 0x7B0, 0x7C0, 0xC01, 0xC81, 0x180,
                        0x100, 0x001, 0x3A0, 0x345, 0x000, 0xFFF, 0xF15])
        op = r.choice(list(CSR_OPS))
        src = r.randrange(32)
        return [csr_op(op, self.rd(), csr, src)]

    def mcause(self):
        """mcause is WLRL (privileged spec 3.1.15): only values the core can
        produce itself are written, so that any legal implementation reads
        them back unchanged."""
        r = self.rng
        legal = [0, 1, 2, 3, 4, 5, 6, 7, 11, 0x80000003, 0x80000007, 0x8000000B]
        k = r.random()
        if k < 0.3:
            return [csr_op(r.choice(['csrrs', 'csrrc', 'csrrsi', 'csrrci']), self.rd(), 0x342, 0)]
        if k < 0.6:
            return [csr_op('csrrwi', self.rd(), 0x342, r.choice([v for v in legal if v < 32]))]
        t = self.rd(allow_zero=False)
        return li(t, r.choice(legal)) + [csr_op('csrrw', self.rd(), 0x342, t),
                                         csr_op('csrrs', self.rd(), 0x342, 0)]

    def b_illegal(self):
        r = self.rng
        rd, rs1, rs2 = r.randrange(32), r.randrange(32), r.randrange(32)
        word = r.choice([
            0x00000000, 0xFFFFFFFF,
            r.getrandbits(32) & ~3 | r.randrange(3),                     # 16-bit encodings
            enc_r(r.choice([0x02, 0x04, 0x10, 0x21, 0x40, 0x7F]), rs2, rs1, r.randrange(8), rd, OP_OP),
            enc_r(0x20, rs2, rs1, r.choice([1, 2, 3, 4, 6, 7]), rd, OP_OP),
            enc_r(r.choice([0x20, 0x01, 0x40]), rs2, rs1, 1, rd, OP_IMM),   # slli funct7 != 0
            enc_r(r.choice([0x01, 0x10, 0x40, 0x21]), rs2, rs1, 5, rd, OP_IMM),
            enc_i(r.getrandbits(12), rs1, r.choice([3, 6, 7]), rd, OP_LOAD),
            enc_s(r.getrandbits(12), rs2, rs1, r.choice([3, 4, 5, 6, 7])),
            enc_b(8, rs2, rs1, r.choice([2, 3])),
            enc_i(4, rs1, r.randrange(1, 8), rd, OP_JALR),
            enc_i(r.getrandbits(12), rs1, r.randrange(2, 8), rd, OP_MISC),
            enc_i(r.getrandbits(12), rs1, 4, rd, OP_SYSTEM),
            0x00000073 | (r.randrange(1, 32) << 7),                         # ecall, rd != 0
            0x00100073 | (r.randrange(1, 32) << 15),                        # ebreak, rs1 != 0
            0x10200073, 0x00200073, 0x7B200073, 0x10400073, 0x12000073,     # sret uret dret sfence.vma
            0x30200073 | (1 << 7), 0x10500073 | (1 << 15),                  # mret, wfi with junk
            enc_r(0, rs2, rs1, 2, rd, 0x2F),                                # AMO
            enc_r(0, rs2, rs1, 0, rd, 0x53),                                # FP
            enc_i(0, rs1, 2, rd, 0x07),                                     # flw
            enc_r(0, rs2, rs1, 0, rd, 0x3B),                                # OP-32 (RV64)
            enc_i(1, rs1, 0, rd, 0x1B),                                     # OP-IMM-32
            enc_r(0, rs2, rs1, 0, rd, r.choice([0x0B, 0x2B, 0x5B, 0x7B])),  # custom
            enc_i(0, rs1, 3, rd, OP_LOAD),                                  # ld
        ])
        return [(word, '.word 0x%08x' % word)]

    def b_system(self):
        r = self.rng
        k = r.random()
        if k < 0.3:
            return [(FIXED['ecall'], 'ecall')]
        if k < 0.6:
            return [(FIXED['ebreak'], 'ebreak')]
        if k < 0.75:
            if r.random() < 0.8:
                return [fence(r.randrange(16), r.randrange(16))]
            # reserved fields (rd, rs1, fm) must be ignored by base implementations
            word = (r.choice([0, 8]) << 28) | (r.getrandbits(8) << 20) | (r.randrange(32) << 15) \
                | (r.randrange(32) << 7) | OP_MISC
            return [(word, '.word 0x%08x' % word)]
        if k < 0.9 or not self.wfi:
            if r.random() < 0.85:
                return [(FIXED['fence.i'], 'fence.i')]
            word = enc_i(r.getrandbits(12), r.randrange(32), 1, r.randrange(32), OP_MISC)
            return [(word, '.word 0x%08x' % word)]
        return [(FIXED['wfi'], 'wfi')]

    def b_smc(self):
        """Write two instructions into writable code memory, fence.i, call them:
        a random ALU instruction and `jalr x0, 0(x1)`."""
        r = self.rng
        if self.smc_slot >= 250:
            return self.b_alu_r()
        slot = SMC_AREA + 8 * self.smc_slot
        self.smc_slot += 1
        t = self.rd(allow_zero=False)
        v = self.rd(allow_zero=False)
        while v == t:
            v = self.rd(allow_zero=False)
        rd = self.rd()
        while rd == 1:
            rd = self.rd()
        if r.random() < 0.8:
            w1 = r_type(r.choice(list(ALU_R)), rd, self.rs(), self.rs())[0]
        else:
            w1 = i_type('addi', rd, self.rs(), self.imm12())[0]
        w2 = jalr(0, 1, 0)[0]
        self.recent.append(1)
        return li(t, slot) + li(v, w1) + [store('sw', v, t, 0)] + li(v, w2) + \
            [store('sw', v, t, 4), (FIXED['fence.i'], 'fence.i'), jalr(1, t, 0)]

    KINDS = [  # (weight, method, takes (idx, nblocks))
        (14, 'b_alu_r', False), (12, 'b_alu_i', False), (4, 'b_upper', False),
        (10, 'b_muldiv', False), (10, 'b_load', False), (8, 'b_store', False),
        (4, 'b_addr_chain', False), (3, 'b_misaligned', False), (3, 'b_fault', False),
        (2, 'b_x0_relative', False), (2, 'b_code_data', False),
        (8, 'b_branch', True), (3, 'b_jal', True), (3, 'b_jalr', True),
        (1, 'b_fetch_fault', False), (8, 'b_csr', False), (2, 'b_illegal', False),
        (3, 'b_system', False), (1, 'b_smc', False), (2, 'b_shadow', False),
        (1, 'b_mret', False),
    ]

    def block(self, idx, nblocks):
        total = sum(k[0] for k in self.KINDS)
        p = self.rng.random() * total
        for w, name, pos in self.KINDS:
            if p < w:
                break
            p -= w
        f = getattr(self, name)
        return f(idx, nblocks) if pos else f()


def generate(seed, nblocks=None, wfi=False):
    """Build the random program for seed; returns a Program."""
    rng = random.Random(seed)
    if nblocks is None:
        nblocks = rng.randint(250, 400)
    prog = Program()
    g = Gen(rng, wfi=wfi)

    # data: random bytes where the body loads from
    for base, size in (DATA_INIT, CODE_INIT):
        for i in range(size):
            prog.data[base + i] = rng.getrandbits(8)

    init = HANDLER + 4 * len(handler_code())
    mode = rng.choice([0, 1])                       # direct or vectored
    instret = rng.choice([0, 0xFFFFFF00 + rng.randrange(200), rng.getrandbits(32)])
    pro = li(5, HANDLER | mode) + [csr_op('csrrw', 0, 0x305, 5)]
    pro += li(5, rng.choice([0, M32, 0x7FFFFFFF])) + [csr_op('csrrw', 0, 0xB82, 5)]
    pro += li(5, instret) + [csr_op('csrrw', 0, 0xB02, 5)]
    pro += li(5, rng.getrandbits(32)) + [csr_op('csrrw', 0, 0x340, 5)]
    pro.append((enc_j(init - 4 * len(pro), 0), 'jal x0,0x%x' % init))
    assert 4 * len(pro) <= HANDLER
    emit_fixed(prog, 0, pro)
    emit_fixed(prog, HANDLER, handler_code())

    regs = []
    for reg in range(1, 32):
        value = BASE_ADDR if reg == BASE else g.edge()
        regs += li(reg, value)
    body_start = emit_fixed(prog, init, regs)

    blocks = [g.block(i, nblocks) for i in range(nblocks)]
    starts = []
    pc = body_start
    for b in blocks:
        starts.append(pc)
        pc += 4 * len(b)
    starts.append(pc)                               # the epilogue

    def resolve(i):
        return starts[i]

    for b, start in zip(blocks, starts):
        for k, item in enumerate(b):
            a = start + 4 * k
            word, text = item(a, resolve) if callable(item) else item
            prog.code.append((a, word & M32, text))

    epi = []
    for t, csr in enumerate([0x300, 0x304, 0x341, 0x342, 0x343, 0x340, 0xB02, 0xB82]):
        epi.append(csr_op('csrrs', 24 + t, csr, 0))
    for reg in range(1, 32):
        epi.append(store('sw', reg, BASE, -2048 + 4 * reg))
    epi += li(5, EXIT_ADDR) + [store('sw', 0, 5, 0)]
    end = emit_fixed(prog, pc, epi)
    assert end <= ROM_BYTES, 'program must stay in the read-only region'
    return prog


# ---- self-check of the encoder against binutils ---------------------------

def check_encodings(prog, objdump='riscv64-unknown-elf-objdump'):
    """Disassemble the program's code with binutils and compare every line
    with the generator's own text. Returns a list of mismatch descriptions."""
    import os
    import subprocess
    import tempfile
    code = sorted(prog.code)
    blob = bytearray(code[-1][0] + 4 - code[0][0])
    for addr, word, text in code:
        if text.startswith('.word'):
            word = 0x00000013   # raw words may hold 16-bit encodings; not checked
        blob[addr - code[0][0]:addr - code[0][0] + 4] = word.to_bytes(4, 'little')
    with tempfile.NamedTemporaryFile(suffix='.bin', delete=False) as f:
        f.write(blob)
        path = f.name
    try:
        out = subprocess.run([objdump, '-D', '-b', 'binary', '-m', 'riscv:rv32',
                              '-M', 'no-aliases,numeric', path],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    dis = {}
    for line in out.splitlines():
        parts = line.split('\t')
        if len(parts) >= 3 and parts[0].strip().endswith(':'):
            off = int(parts[0].strip()[:-1], 16)
            dis[off] = ' '.join(p.strip() for p in parts[2:]).split('#')[0].strip()
    bad = []
    base = code[0][0]
    for addr, word, text in code:
        if text.startswith('.word') or ',0x' in text and text.split()[0].startswith('csr') \
                and int(text.split(',')[1], 16) not in CSR_NAMES:
            continue    # raw words; CSRs binutils may name differently
        got = dis.get(addr - base, '?')
        # objdump prints branch/jump targets relative to the blob start
        want = text
        if text.split()[0] in BRANCHES or text.startswith('jal '):
            head, _, tgt = text.rpartition(',')
            want = '%s,0x%x' % (head, int(tgt, 16) - base)
        if ' '.join(got.split()) != ' '.join(want.split()):
            bad.append('%08x %08x: generator "%s", objdump "%s"' % (addr, word, want, got))
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('seed', type=int)
    ap.add_argument('out')
    ap.add_argument('--listing')
    ap.add_argument('--blocks', type=int)
    ap.add_argument('--wfi', action='store_true', help='include wfi')
    ap.add_argument('--check-encodings', action='store_true',
                    help='compare the encodings with riscv64-unknown-elf-objdump')
    a = ap.parse_args()
    prog = generate(a.seed, a.blocks, wfi=a.wfi)
    with open(a.out, 'w') as f:
        f.write(prog.hex_text())
    if a.listing:
        with open(a.listing, 'w') as f:
            f.write(prog.listing())
    if a.check_encodings:
        bad = check_encodings(prog)
        for b in bad:
            print(b)
        raise SystemExit(1 if bad else 0)


if __name__ == '__main__':
    main()
