#!/usr/bin/env python3
"""Known-answer programs that check the reference model itself, so that refsim
cannot be wrong in the same way as the core without a test noticing.

  alu   self-checking program: every RV32IM computation in ALU_CASES,
        BRANCH_CASES and MEM_CASES with its expected result written out by hand
        from the unprivileged spec (chapter and rule noted per group); exits
        with the number of the first failing case, 0 when all pass, 255 on an
        unexpected trap. ALU_CASES is also cross-checked against check_value(),
        an independent Python statement of the same rules.
  trap  a program of traps and CSR accesses with its expected commit log
        written out line by line (privileged spec ch. 3); the test compares
        refsim's log with it exactly.

Usage: kat.py alu OUT.hex | kat.py trap OUT.hex EXPECTED.log | kat.py selfcheck
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import (ALU_I, EXIT_ADDR, FIXED, SHIFT_I, Program, emit_fixed, enc_b,  # noqa: E402
                 enc_j, csr_op, i_type, r_type, lui, auipc, load, store, jalr, li, fence)

M = 0xFFFFFFFF
INT_MIN = 0x80000000

# (mnemonic, rs1 value, rs2 value or immediate, expected rd), by hand.
ALU_CASES = [
    # 2.4 integer register-immediate / register-register: wrap-around, no traps
    ('add', 0x7FFFFFFF, 1, 0x80000000),
    ('add', M, 1, 0),
    ('sub', 0, 1, M),
    ('sub', INT_MIN, 1, 0x7FFFFFFF),
    ('sll', 1, 31, INT_MIN),
    ('sll', 1, 32, 1),                      # only rs2[4:0] counts
    ('sll', M, 4, 0xFFFFFFF0),
    ('srl', INT_MIN, 31, 1),
    ('srl', INT_MIN, 33, 0x40000000),
    ('sra', INT_MIN, 31, M),
    ('sra', INT_MIN, 1, 0xC0000000),
    ('sra', 0x7FFFFFFF, 30, 1),
    ('sra', 0x80000001, 0, 0x80000001),
    ('slt', M, 0, 1),
    ('slt', 0, M, 0),
    ('slt', INT_MIN, 0x7FFFFFFF, 1),
    ('sltu', M, 0, 0),
    ('sltu', 0, M, 1),
    ('sltu', 5, 5, 0),
    ('xor', 0xFF00FF00, 0x0FF00FF0, 0xF0F0F0F0),
    ('or', 0xFF00FF00, 0x0FF00FF0, 0xFFF0FFF0),
    ('and', 0xFF00FF00, 0x0FF00FF0, 0x0F000F00),
    ('addi', 0x7FFFFFFF, 1, INT_MIN),
    ('addi', 0, -2048, 0xFFFFF800),
    ('addi', 5, 2047, 0x804),
    ('slti', M, 0, 1),
    ('slti', 0, -1, 0),
    ('sltiu', 0, -1, 1),                    # immediate sign-extended, then unsigned
    ('sltiu', M, -1, 0),
    ('sltiu', 0, 1, 1),
    ('sltiu', 7, 1, 0),
    ('xori', 0x0F0F0F0F, -1, 0xF0F0F0F0),
    ('ori', 0, -2048, 0xFFFFF800),
    ('andi', M, 2047, 0x7FF),
    ('andi', 0x12345678, -16, 0x12345670),
    ('slli', 3, 30, 0xC0000000),
    ('srli', 0xF0000000, 28, 0xF),
    ('srai', 0xF0000000, 28, M),
    ('srai', 0x70000000, 28, 7),
    ('srai', INT_MIN, 0, INT_MIN),
    # 13.1 multiplication: low word, and the high words of the signed x signed,
    # unsigned x unsigned and signed x unsigned 64-bit products
    ('mul', INT_MIN, M, INT_MIN),
    ('mul', M, M, 1),
    ('mul', 0x12345678, 0x9ABCDEF0, 0x242D2080),
    ('mulh', INT_MIN, INT_MIN, 0x40000000),
    ('mulh', M, M, 0),
    ('mulh', M, 1, M),
    ('mulh', 0x12345678, 0x9ABCDEF0, 0xF8CC93D6),   # mulhu - rs1, as rs2 < 0
    ('mulhsu', M, M, M),
    ('mulhsu', INT_MIN, M, INT_MIN),
    ('mulhsu', 1, M, 0),
    ('mulhsu', 0x7FFFFFFF, M, 0x7FFFFFFE),
    ('mulhu', M, M, 0xFFFFFFFE),
    ('mulhu', INT_MIN, 2, 1),
    ('mulhu', 0x12345678, 0x9ABCDEF0, 0x0B00EA4E),
    # 13.2 division: rounds toward zero; the remainder takes the dividend's
    # sign; table 13.1: x/0 = -1 (all ones), x%0 = x, INT_MIN/-1 = INT_MIN, %-1 = 0
    ('div', 7, 2, 3),
    ('div', 0xFFFFFFF9, 2, 0xFFFFFFFD),
    ('div', 7, 0xFFFFFFFE, 0xFFFFFFFD),
    ('div', 0xFFFFFFF9, 0xFFFFFFFE, 3),
    ('div', 7, 0, M),
    ('div', 0, 0, M),
    ('div', INT_MIN, M, INT_MIN),
    ('divu', 7, 0, M),
    ('divu', M, 2, 0x7FFFFFFF),
    ('divu', INT_MIN, M, 0),
    ('rem', 0xFFFFFFF9, 2, M),
    ('rem', 7, 0xFFFFFFFE, 1),
    ('rem', 7, 0, 7),
    ('rem', 0xFFFFFFF9, 0, 0xFFFFFFF9),
    ('rem', INT_MIN, M, 0),
    ('remu', 7, 0, 7),
    ('remu', M, 10, 5),
    ('remu', INT_MIN, M, INT_MIN),
]

# (branch, rs1, rs2, taken) -- 2.5 conditional branches
BRANCH_CASES = [
    ('beq', 5, 5, True), ('beq', 5, 6, False),
    ('bne', 5, 6, True), ('bne', M, M, False),
    ('blt', M, 0, True), ('blt', 0, M, False), ('blt', INT_MIN, 0x7FFFFFFF, True),
    ('bge', 0, M, True), ('bge', M, M, True), ('bge', INT_MIN, 0, False),
    ('bltu', 0, M, True), ('bltu', M, 0, False), ('bltu', 3, 3, False),
    ('bgeu', M, 0, True), ('bgeu', 3, 3, True), ('bgeu', 0, INT_MIN, False),
]

# 2.6 loads and stores, little-endian. The word at BASE starts as MEM_INIT.
MEM_INIT = 0x80F17F01
MEM_CASES = [   # (op, offset, store value or None, expected rd for loads)
    ('lw', 0, None, 0x80F17F01),
    ('lb', 0, None, 0x00000001),
    ('lb', 1, None, 0x0000007F),
    ('lb', 2, None, 0xFFFFFFF1),
    ('lb', 3, None, 0xFFFFFF80),
    ('lbu', 3, None, 0x00000080),
    ('lh', 0, None, 0x00007F01),
    ('lh', 2, None, 0xFFFF80F1),
    ('lhu', 2, None, 0x000080F1),
    ('sb', 1, 0x123456AB, None),            # only the low byte is stored
    ('lw', 0, None, 0x80F1AB01),
    ('sh', 2, 0x1234CDEF, None),
    ('lw', 0, None, 0xCDEFAB01),
    ('lhu', 2, None, 0x0000CDEF),
    ('sw', 4, 0xDEADBEEF, None),
    ('lbu', 5, None, 0x000000BE),
    ('lh', 6, None, 0xFFFFDEAD),
]


def check_value(op, a, b):
    """Independent Python statement of the ALU rules (unbounded integers)."""
    def s(v):
        v &= M
        return v - (1 << 32) if v >> 31 else v
    b &= M                                      # immediates are sign-extended
    sh = b & 31
    base = op.replace('i', '', 1) if op in ALU_I or op in SHIFT_I else op
    r = {
        'add': lambda: a + b, 'sub': lambda: a - b,
        'sll': lambda: a << sh, 'srl': lambda: (a & M) >> sh, 'sra': lambda: s(a) >> sh,
        'slt': lambda: int(s(a) < s(b)), 'sltu': lambda: int((a & M) < (b & M)),
        'xor': lambda: a ^ b, 'or': lambda: a | b, 'and': lambda: a & b,
        'mul': lambda: a * b,
        'mulh': lambda: (s(a) * s(b)) >> 32,
        'mulhsu': lambda: (s(a) * (b & M)) >> 32,
        'mulhu': lambda: ((a & M) * (b & M)) >> 32,
        'div': lambda: -1 if b == 0 else (s(a) if (s(a), s(b)) == (-2**31, -1)
                                         else int(abs(s(a)) // abs(s(b))) * (1 if (s(a) < 0) == (s(b) < 0) else -1)),
        'divu': lambda: M if b == 0 else a // b,
        'rem': lambda: a if b == 0 else (0 if (s(a), s(b)) == (-2**31, -1)
                                         else (abs(s(a)) % abs(s(b))) * (-1 if s(a) < 0 else 1)),
        'remu': lambda: a if b == 0 else a % b,
    }[base]()
    return r & M


def selfcheck():
    bad = []
    for op, a, b, want in ALU_CASES:
        got = check_value(op, a, b)
        if got != want:
            bad.append('%s 0x%08x 0x%08x: table 0x%08x, python 0x%08x' % (op, a, b & M, want, got))
    return bad


# ---- the self-checking ALU program ----------------------------------------

def alu_program():
    prog = Program()
    items = []
    case = [0]

    def check(reg, want):
        """beq over a 3-instruction stub that exits with the case number."""
        case[0] += 1
        assert case[0] < 255
        out = li(13, want)
        out.append((enc_b(16, 13, reg, 0), 'beq'))
        out += [lui(5, EXIT_ADDR >> 12), i_type('addi', 6, 0, case[0]), store('sw', 6, 5, 0)]
        return out

    # an unexpected trap exits with 255
    handler = 0x80
    items += li(5, handler) + [csr_op('csrrw', 0, 0x305, 5)] + li(3, 0x10000100)
    for op, a, b, want in ALU_CASES:
        items += li(10, a)
        if op in ALU_I or op in SHIFT_I:
            items.append(i_type(op, 12, 10, b))
        else:
            items += li(11, b)
            items.append(r_type(op, 12, 10, 11))
        items += check(12, want)
    for op, a, b, taken in BRANCH_CASES:
        f3 = {'beq': 0, 'bne': 1, 'blt': 4, 'bge': 5, 'bltu': 6, 'bgeu': 7}[op]
        items += li(10, a) + li(11, b) + [i_type('addi', 12, 0, 0), (enc_b(8, 11, 10, f3), op),
                                          i_type('addi', 12, 0, 1)]
        items += check(12, 0 if taken else 1)
    items += li(10, MEM_INIT) + [store('sw', 10, 3, 0)]
    for op, off, val, want in MEM_CASES:
        if val is None:
            items.append(load(op, 12, 3, off))
            items += check(12, want)
        else:
            items += li(11, val) + [store(op, 11, 3, off)]
    # lui, auipc, jal, jalr (2.4, 2.5): values relative to the instruction's pc
    rel = []                                   # (index into items, kind)
    items.append(lui(12, 0xFFFFF))
    items += check(12, 0xFFFFF000)
    rel.append(len(items))
    items.append(auipc(12, 0x80000))           # x12 = pc + 0x80000000
    items += [None] * 2 + [None] + [None] * 3  # check() filled in after layout
    rel.append(len(items))
    items.append((enc_j(8, 12), 'jal'))         # x12 = pc + 4, skips one
    items.append((FIXED['ebreak'], 'ebreak'))   # must be skipped (would trap)
    items += [None] * 6
    rel.append(len(items))
    items += [auipc(10, 0), jalr(12, 10, 13)]   # target (pc+13) & ~1 = pc+12
    items.append((FIXED['ebreak'], 'ebreak'))
    items += [None] * 6
    items += [fence(), (FIXED['fence.i'], 'fence.i')]
    items += [lui(5, EXIT_ADDR >> 12), store('sw', 0, 5, 0)]

    start = 0x100
    for idx in rel:
        pc = start + 4 * idx
        if items[idx][1].startswith('auipc x12'):
            want, at = pc + 0x80000000, idx + 1
        elif items[idx][1] == 'jal':
            want, at = pc + 4, idx + 2
        else:
            want, at = pc + 8, idx + 3
        items[at:at + 6] = check(12, want & M)
    assert None not in items
    pro = li(5, start) + [(0x00028067, 'jalr x0,0(x5)')]
    emit_fixed(prog, 0, pro)
    emit_fixed(prog, handler, [lui(5, EXIT_ADDR >> 12), i_type('addi', 6, 0, 255), store('sw', 6, 5, 0)])
    emit_fixed(prog, start, items)
    return prog


# ---- the trap and CSR program with its expected log ------------------------

HANDLER = 0x200


def handler_items():
    return [
        csr_op('csrrs', 8, 0x342, 0),                  # 200 x8 = mcause
        i_type('addi', 9, 0, 1),                       # 204 x9 = 1
        (enc_b(0x18, 9, 8, 0), 'beq'),                 # 208 fetch fault -> 220
        csr_op('csrrs', 8, 0x341, 0),                  # 20c x8 = mepc
        i_type('addi', 8, 8, 4),                       # 210
        csr_op('csrrw', 0, 0x341, 8),                  # 214
        (FIXED['mret'], 'mret'),                       # 218
        (0, '.word 0'),                                # 21c
        csr_op('csrrw', 0, 0x341, 1),                  # 220 return to the link
        (FIXED['mret'], 'mret'),                       # 224
    ]


def handler_log(cause, mepc):
    """The handler's own commit lines for a trap (its code is fixed above)."""
    w = {a: word for a, (word, _) in zip(range(HANDLER, HANDLER + 40, 4), handler_items())}
    out = ['%08x %08x x8=%08x' % (0x200, w[0x200], cause),
           '%08x %08x x9=00000001' % (0x204, w[0x204]),
           '%08x %08x' % (0x208, w[0x208])]
    if cause == 1:
        return out + ['%08x %08x' % (0x220, w[0x220]), '%08x %08x' % (0x224, w[0x224])]
    return out + ['%08x %08x x8=%08x' % (0x20c, w[0x20c], mepc),
                  '%08x %08x x8=%08x' % (0x210, w[0x210], mepc + 4),
                  '%08x %08x' % (0x214, w[0x214]),
                  '%08x %08x' % (0x218, w[0x218])]


def pc_expr(text, pc):
    """Replace {pc} / {pc+N} in an expected suffix by the hex address."""
    return re.sub(r'\{pc([+-]\d+)?\}', lambda m: '%08x' % (pc + int(m.group(1) or 0)), text)


def trap_program():
    """Returns (Program, expected log lines). Each entry: an instruction and
    what it must log: a suffix ('' / ' x7=...' / ' st ...'; '{pc}' etc. are
    this instruction's address), or ('trap', mcause, mtval) where mtval may
    be an expression of pc."""
    T = 'trap'
    body = [
        # misaligned and faulting loads and stores (privileged 3.1.15, 3.1.16)
        (load('lw', 7, 3, 2), (T, 4, '0x10000002')),
        (load('lh', 7, 3, 1), (T, 4, '0x10000001')),
        (load('lhu', 7, 3, 3), (T, 4, '0x10000003')),
        (load('lb', 7, 3, 1), ' x7=ffffff81'),
        (store('sw', 3, 3, 2), (T, 6, '0x10000002')),
        (store('sh', 3, 3, 3), (T, 6, '0x10000003')),
        (store('sb', 3, 3, 3), ' st 10000003 00000000 1'),
        (store('sh', 5, 3, 0), ' st 10000000 00000200 2'),
        (load('lw', 7, 3, 0), ' x7=00820200'),
        (store('sw', 5, 0, 0x10), (T, 7, '0x10')),               # read-only region
        (load('lw', 7, 0, -4), (T, 5, '0xfffffffc')),            # unmapped
        (lui(6, 0x4), ' x6=00004000'),
        (store('sw', 6, 6, -4), (T, 7, '0x3ffc')),               # last read-only word
        (store('sw', 6, 6, 0), ' st 00004000 00004000 4'),       # first writable word
        (lui(6, 0x40), ' x6=00040000'),
        (load('lw', 7, 6, -4), ' x7=00000000'),                  # last code word
        (store('sw', 7, 6, 0), (T, 7, '0x40000')),
        (lui(6, 0x10010), ' x6=10010000'),
        (load('lbu', 7, 6, -1), ' x7=00000000'),                 # last data byte
        (load('lw', 7, 6, 0), (T, 5, '0x10010000')),
        (load('lw', 0, 6, 0), (T, 5, '0x10010000')),             # rd = x0 still faults
        # illegal instructions: mtval = the instruction bits
        ((0x00000000, '.word'), (T, 2, '0x00000000')),
        ((0x02001013, '.word'), (T, 2, '0x02001013')),           # slli, funct7 = 1
        ((0x20105013, '.word'), (T, 2, '0x20105013')),           # srli/srai, funct7 = 0x10
        ((0x40001033, '.word'), (T, 2, '0x40001033')),           # sll with funct7 = 0x20
        ((0x0000300F, '.word'), (T, 2, '0x0000300f')),           # MISC-MEM funct3 = 3
        ((0x10200073, '.word'), (T, 2, '0x10200073')),           # sret
        ((0x00000001, '.word'), (T, 2, '0x00000001')),           # compressed: no C
        # ecall: mtval 0; ebreak: mtval = pc (an implementation choice)
        ((FIXED['ecall'], 'ecall'), (T, 11, '0')),
        ((FIXED['ebreak'], 'ebreak'), (T, 3, '{pc}')),
        # CSRs
        (csr_op('csrrs', 7, 0x301, 0), ' x7=40001100'),          # misa: RV32 I M
        (csr_op('csrrw', 7, 0x301, 5), ' x7=40001100'),          # write ignored
        (csr_op('csrrs', 7, 0x301, 0), ' x7=40001100'),
        (csr_op('csrrs', 7, 0x300, 0), ' x7=00001880'),          # MPP=11, MPIE=1 after mret
        (csr_op('csrrs', 7, 0x310, 0), ' x7=00000000'),          # mstatush
        (csr_op('csrrs', 7, 0xF14, 0), ' x7=00000000'),          # mhartid
        (csr_op('csrrw', 7, 0xF14, 0), (T, 2, '0xf14013f3')),    # write to read-only
        (csr_op('csrrsi', 7, 0xF11, 0), ' x7=00000000'),         # no write: legal
        (csr_op('csrrsi', 7, 0xF11, 1), (T, 2, '0xf110e3f3')),
        (csr_op('csrrc', 7, 0xC02, 1), (T, 2, '0xc020b3f3')),    # rs1 = x1 != 0
        (csr_op('csrrs', 7, 0x7C0, 0), (T, 2, '0x7c0023f3')),    # no such CSR
        (csr_op('csrrs', 7, 0x320, 0), (T, 2, '0x320023f3')),    # mcountinhibit: absent
        (csr_op('csrrw', 0, 0x340, 5), ''),                      # mscratch = 0x200
        (csr_op('csrrwi', 7, 0x340, 31), ' x7=00000200'),
        (csr_op('csrrsi', 7, 0x340, 0), ' x7=0000001f'),
        (csr_op('csrrc', 7, 0x340, 9), ' x7=0000001f'),          # x9 = 1 (handler)
        (csr_op('csrrs', 7, 0x340, 0), ' x7=0000001e'),
        (i_type('addi', 11, 0, -1), ' x11=ffffffff'),
        (csr_op('csrrw', 0, 0x304, 11), ''),
        (csr_op('csrrs', 7, 0x304, 0), ' x7=00000888'),          # MSIE MTIE MEIE only
        (csr_op('csrrw', 7, 0x304, 0), ' x7=00000888'),
        (csr_op('csrrs', 7, 0x344, 0), ' x7=00000000'),          # mip: nothing pending
        (csr_op('csrrwi', 0, 0x341, 31), ''),
        (csr_op('csrrs', 7, 0x341, 0), ' x7=0000001c'),          # mepc[1:0] = 0
        (csr_op('csrrwi', 0, 0x342, 11), ''),
        (csr_op('csrrs', 7, 0x342, 0), ' x7=0000000b'),
        (csr_op('csrrw', 7, 0x343, 11), ' x7=320023f3'),         # mtval of the last trap
        (csr_op('csrrs', 7, 0x343, 0), ' x7=ffffffff'),
        # minstret: the written value is what the next instruction reads
        (csr_op('csrrwi', 0, 0xB82, 0), ''),
        (csr_op('csrrwi', 0, 0xB02, 5), ''),
        (csr_op('csrrs', 7, 0xB02, 0), ' x7=00000005'),
        (csr_op('csrrs', 7, 0xC02, 0), ' x7=00000006'),          # instret shadows it
        (csr_op('csrrs', 7, 0xC82, 0), ' x7=00000000'),
        (i_type('addi', 11, 0, -2), ' x11=fffffffe'),
        (csr_op('csrrw', 0, 0xB02, 11), ''),
        (i_type('addi', 0, 0, 0), ''),                           # -> 0xffffffff
        (i_type('addi', 0, 0, 0), ''),                           # -> carry into minstreth
        (csr_op('csrrs', 7, 0xB82, 0), ' x7=00000001'),
        (csr_op('csrrs', 7, 0xB02, 0), ' x7=00000001'),
        # misaligned jump targets trap on the jump; no link written
        ((enc_j(6, 1), 'jal x1,+6'), (T, 0, '{pc}+6')),
        ((enc_b(10, 0, 0, 0), 'beq x0,x0,+10'), (T, 0, '{pc}+10')),
        ((enc_b(10, 0, 0, 1), 'bne x0,x0,+10'), ''),             # not taken: no trap
        (auipc(6, 0), ' x6={pc}'),
        (jalr(1, 6, 13), ' x1={pc+4}'),                      # (pc-4+13)&~1 = pc+8
        ((0, '.word 0'), None),                                  # skipped
        (jalr(1, 6, 14), (T, 0, '{pc}+2')),                      # x6 + 14 = pc + 2
        (fence(), ''),
        ((FIXED['fence.i'], 'fence.i'), ''),
        # fetch outside code memory: mepc = mtval = the target
        (lui(6, 0x10000), ' x6=10000000'),
        (jalr(1, 6, 0), ' x1={pc+4}', 'fetchfault'),
        (lui(5, EXIT_ADDR >> 12), ' x5=2000f000'),
        (store('sw', 0, 5, 0), ' st 2000f000 00000000 4'),
    ]
    prog = Program()
    pro = [lui(5, 0), i_type('addi', 5, 5, HANDLER), csr_op('csrrw', 0, 0x305, 5), lui(3, 0x10000)]
    log = ['00000000 %08x x5=00000000' % pro[0][0], '00000004 %08x x5=00000200' % pro[1][0],
           '00000008 %08x' % pro[2][0], '0000000c %08x x3=10000000' % pro[3][0]]
    emit_fixed(prog, 0, pro)
    emit_fixed(prog, HANDLER, handler_items())
    for i, b in enumerate([0x80, 0x81, 0x82, 0x83]):
        prog.data[0x10000000 + i] = b
    pc = 0x10
    for entry in body:
        (word, text), expect = entry[0], entry[1]
        prog.code.append((pc, word, text))
        if expect is None:
            pass
        elif isinstance(expect, tuple):
            tval = eval(expect[2].replace('{pc}', str(pc)), {})
            log.append('trap %08x %08x %08x' % (expect[1], pc, tval))
            log += handler_log(expect[1], pc)
        else:
            log.append('%08x %08x%s' % (pc, word, pc_expr(expect, pc)))
            if len(entry) > 2:              # the fetch fault after the jump
                log.append('trap 00000001 10000000 10000000')
                log += handler_log(1, 0x10000000)
        pc += 4
    assert pc <= HANDLER, 'trap program overlaps its handler'
    return prog, log


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == 'selfcheck':
        bad = selfcheck()
        for b in bad:
            print(b)
        sys.exit(1 if bad else 0)
    if len(sys.argv) == 3 and sys.argv[1] == 'alu':
        with open(sys.argv[2], 'w') as f:
            f.write(alu_program().hex_text())
        return
    if len(sys.argv) == 4 and sys.argv[1] == 'trap':
        prog, log = trap_program()
        with open(sys.argv[2], 'w') as f:
            f.write(prog.hex_text())
        with open(sys.argv[3], 'w') as f:
            f.write('\n'.join(log) + '\n')
        return
    sys.exit(__doc__)


if __name__ == '__main__':
    main()
