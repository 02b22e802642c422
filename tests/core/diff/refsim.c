/* refsim: an instruction-set reference model of the obti core (RV32IM, Zicsr,
 * Zifencei, machine mode only) on the SoC memory map, written from the RISC-V
 * unprivileged and privileged specifications, not from the RTL. It prints the
 * same commit log as build/sim/obti_sim so the two compare line by line.
 *
 * Implementation choices where the specifications leave freedom (and where the
 * core must choose the same for the differential test to pass):
 *  - ebreak writes mtval = pc of the ebreak (privileged spec 3.1.16 allows pc
 *    or 0 for breakpoints); ecall writes mtval = 0.
 *  - An illegal instruction writes mtval = the instruction bits.
 *  - A load/store that is both misaligned and outside any region raises the
 *    misaligned exception (the spec lets either have priority); the random
 *    generator never produces that combination.
 *  - Misaligned jump and taken-branch targets (bit 1 set; no C extension) trap
 *    on the jump with mcause 0, mepc = the jump, mtval = the target, and the
 *    jump writes no link register.
 *  - "Any CSR write takes effect after the writing instruction has otherwise
 *    completed" (privileged spec 3.1.11): a CSR instruction that writes
 *    minstret or minstreth first counts itself (the 64-bit counter increments,
 *    carry included), then the write replaces the half it names. So after
 *    `csrw minstret, v` the next instruction reads v. mcycle is modelled as one
 *    cycle per instruction, which a pipelined core cannot match, so random
 *    programs never read it.
 *  - mtvec modes 2 and 3 are written as 0 (direct). mcause keeps any value
 *    written (its code field is WLRL, so random programs write only causes
 *    the core can produce); mtval and mscratch keep all 32 bits.
 *  - Only the CSRs listed in csr_read() exist; every other address, including
 *    mcountinhibit, the hpm counters and time/timeh, is an illegal instruction.
 *  - Peripheral windows other than simulation control are not modelled: an
 *    access to them is an access fault here (random programs avoid them).
 *  - wfi retires as a no-op (no interrupt sources are modelled).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Memory map (docs/memory-map.md). */
#define CODE_BASE 0x00000000u
#define CODE_BYTES 0x40000u /* 256 KiB */
#define ROM_BYTES 0x4000u   /* first 16 KiB: stores fault */
#define DATA_BASE 0x10000000u
#define DATA_BYTES 0x10000u /* 64 KiB */
#define SIMCTRL_BASE 0x2000F000u
#define SIMCTRL_BYTES 0x1000u

/* Exception causes (privileged spec table 3.6). */
enum {
	EXC_INSN_MISALIGNED = 0,
	EXC_INSN_FAULT = 1,
	EXC_ILLEGAL = 2,
	EXC_BREAKPOINT = 3,
	EXC_LOAD_MISALIGNED = 4,
	EXC_LOAD_FAULT = 5,
	EXC_STORE_MISALIGNED = 6,
	EXC_STORE_FAULT = 7,
	EXC_ECALL_M = 11,
};

/* Process exit codes of refsim itself, beyond the program's own. */
#define EXIT_LIMIT 124
#define EXIT_USAGE 125

struct hart {
	uint32_t x[32];
	uint32_t pc;
	/* CSRs */
	bool mie_bit;  /* mstatus.MIE */
	bool mpie_bit; /* mstatus.MPIE */
	uint32_t mie;
	uint32_t mtvec;
	uint32_t mscratch;
	uint32_t mepc;
	uint32_t mcause;
	uint32_t mtval;
	uint64_t mcycle;
	uint64_t minstret;
};

struct soc {
	struct hart h;
	uint8_t code[CODE_BYTES];
	uint8_t data[DATA_BYTES];
	bool exited;
	int exit_code;
	uint32_t sig_begin, sig_end; /* signature range, valid when sig_end > sig_begin */
};

/* What one step did, for the commit log. */
struct event {
	uint32_t pc, insn;
	bool trap;
	uint32_t cause, tval;
	int rd; /* 0: no register written */
	uint32_t rd_val;
	bool st;
	uint32_t st_addr, st_val;
	int st_size;
};

/* ---- memory ------------------------------------------------------------ */

/* Returns a pointer to size bytes at addr in a RAM-like region, or NULL. */
static uint8_t *mem_ptr(struct soc *s, uint32_t addr, uint32_t size)
{
	if (addr < CODE_BASE + CODE_BYTES && CODE_BYTES - (addr - CODE_BASE) >= size)
		return &s->code[addr - CODE_BASE];
	if (addr >= DATA_BASE && addr - DATA_BASE < DATA_BYTES &&
	    DATA_BYTES - (addr - DATA_BASE) >= size)
		return &s->data[addr - DATA_BASE];
	return NULL;
}

static uint32_t get_le(const uint8_t *p, uint32_t size)
{
	uint32_t v = 0;
	for (uint32_t i = 0; i < size; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void put_le(uint8_t *p, uint32_t v, uint32_t size)
{
	for (uint32_t i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Load size bytes (zero-extended). Returns 0 or an exception cause. */
static int mem_load(struct soc *s, uint32_t addr, uint32_t size, uint32_t *val)
{
	if (addr & (size - 1))
		return EXC_LOAD_MISALIGNED;
	uint8_t *p = mem_ptr(s, addr, size);
	if (p) {
		*val = get_le(p, size);
		return 0;
	}
	if (addr - SIMCTRL_BASE < SIMCTRL_BYTES) {
		/* EXIT (0x0) reads 0, SIM (0x4) reads 1 in simulation, the rest 0. */
		uint32_t word = ((addr & ~3u) == SIMCTRL_BASE + 4) ? 1u : 0u;
		uint32_t sh = 8 * (addr & 3);
		*val = (word >> sh) & (size == 4 ? 0xffffffffu : ((1u << (8 * size)) - 1));
		return 0;
	}
	return EXC_LOAD_FAULT;
}

/* Store the low size bytes of val. Returns 0 or an exception cause. */
static int mem_store(struct soc *s, uint32_t addr, uint32_t size, uint32_t val)
{
	if (addr & (size - 1))
		return EXC_STORE_MISALIGNED;
	if (addr < CODE_BASE + ROM_BYTES)
		return EXC_STORE_FAULT;
	uint8_t *p = mem_ptr(s, addr, size);
	if (p) {
		put_le(p, val, size);
		return 0;
	}
	if (addr - SIMCTRL_BASE < SIMCTRL_BYTES) {
		if ((addr & ~3u) == SIMCTRL_BASE) {
			/* EXIT: the register takes the written lanes; the process
			 * exit code is its low 8 bits. */
			uint32_t word = val << (8 * (addr & 3));
			s->exited = true;
			s->exit_code = (int)(word & 0xff);
		}
		return 0;
	}
	return EXC_STORE_FAULT;
}

/* ---- CSRs -------------------------------------------------------------- */

enum {
	CSR_MSTATUS = 0x300,
	CSR_MISA = 0x301,
	CSR_MIE = 0x304,
	CSR_MTVEC = 0x305,
	CSR_MSTATUSH = 0x310,
	CSR_MSCRATCH = 0x340,
	CSR_MEPC = 0x341,
	CSR_MCAUSE = 0x342,
	CSR_MTVAL = 0x343,
	CSR_MIP = 0x344,
	CSR_MCYCLE = 0xB00,
	CSR_MINSTRET = 0xB02,
	CSR_MCYCLEH = 0xB80,
	CSR_MINSTRETH = 0xB82,
	CSR_CYCLE = 0xC00,
	CSR_INSTRET = 0xC02,
	CSR_CYCLEH = 0xC80,
	CSR_INSTRETH = 0xC82,
	CSR_MVENDORID = 0xF11,
	CSR_MARCHID = 0xF12,
	CSR_MIMPID = 0xF13,
	CSR_MHARTID = 0xF14,
};

#define MSTATUS_MIE (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP (3u << 11)      /* M-mode only: MPP reads 11 */
#define MIE_MASK 0x888u             /* MSIE, MTIE, MEIE */
#define MISA_VALUE 0x40001100u      /* MXL=1 (32-bit), I, M */

/* Read a CSR. Returns false when the CSR does not exist. */
static bool csr_read(const struct hart *h, uint32_t csr, uint32_t *val)
{
	switch (csr) {
	case CSR_MSTATUS:
		*val = MSTATUS_MPP | (h->mie_bit ? MSTATUS_MIE : 0) | (h->mpie_bit ? MSTATUS_MPIE : 0);
		return true;
	case CSR_MISA: *val = MISA_VALUE; return true;
	case CSR_MIE: *val = h->mie; return true;
	case CSR_MTVEC: *val = h->mtvec; return true;
	case CSR_MSTATUSH: *val = 0; return true;
	case CSR_MSCRATCH: *val = h->mscratch; return true;
	case CSR_MEPC: *val = h->mepc; return true;
	case CSR_MCAUSE: *val = h->mcause; return true;
	case CSR_MTVAL: *val = h->mtval; return true;
	case CSR_MIP: *val = 0; return true; /* no interrupt sources modelled */
	case CSR_MCYCLE:
	case CSR_CYCLE: *val = (uint32_t)h->mcycle; return true;
	case CSR_MCYCLEH:
	case CSR_CYCLEH: *val = (uint32_t)(h->mcycle >> 32); return true;
	case CSR_MINSTRET:
	case CSR_INSTRET: *val = (uint32_t)h->minstret; return true;
	case CSR_MINSTRETH:
	case CSR_INSTRETH: *val = (uint32_t)(h->minstret >> 32); return true;
	case CSR_MVENDORID:
	case CSR_MARCHID:
	case CSR_MIMPID:
	case CSR_MHARTID: *val = 0; return true;
	default: return false;
	}
}

/* Write an existing, writable CSR (legality was checked by the caller). */
static void csr_write(struct hart *h, uint32_t csr, uint32_t v)
{
	switch (csr) {
	case CSR_MSTATUS:
		h->mie_bit = (v & MSTATUS_MIE) != 0;
		h->mpie_bit = (v & MSTATUS_MPIE) != 0;
		break;
	case CSR_MIE: h->mie = v & MIE_MASK; break;
	case CSR_MTVEC: h->mtvec = (v & 3u) <= 1 ? v : (v & ~3u); break;
	case CSR_MSCRATCH: h->mscratch = v; break;
	case CSR_MEPC: h->mepc = v & ~3u; break;
	case CSR_MCAUSE: h->mcause = v; break;
	case CSR_MTVAL: h->mtval = v; break;
	case CSR_MCYCLE: h->mcycle = (h->mcycle & 0xffffffff00000000ull) | v; break;
	case CSR_MCYCLEH: h->mcycle = (h->mcycle & 0xffffffffull) | ((uint64_t)v << 32); break;
	case CSR_MINSTRET: h->minstret = (h->minstret & 0xffffffff00000000ull) | v; break;
	case CSR_MINSTRETH: h->minstret = (h->minstret & 0xffffffffull) | ((uint64_t)v << 32); break;
	default: break; /* misa, mstatush, mip: writes ignored */
	}
}

/* ---- execution --------------------------------------------------------- */

static uint32_t sext(uint32_t v, int bits)
{
	uint32_t m = 1u << (bits - 1);
	v &= (bits == 32) ? 0xffffffffu : ((1u << bits) - 1);
	return (v ^ m) - m;
}

static uint32_t sra32(uint32_t a, uint32_t sh)
{
	sh &= 31;
	uint32_t r = a >> sh;
	if ((a & 0x80000000u) && sh)
		r |= ~(0xffffffffu >> sh);
	return r;
}

static uint32_t muldiv(uint32_t f3, uint32_t a, uint32_t b)
{
	int64_t sa = (int32_t)a, sb = (int32_t)b;
	switch (f3) {
	case 0: return (uint32_t)((uint64_t)a * b);                    /* mul */
	case 1: return (uint32_t)((uint64_t)(sa * sb) >> 32);          /* mulh */
	case 2: return (uint32_t)((uint64_t)(sa * (int64_t)b) >> 32);  /* mulhsu */
	case 3: return (uint32_t)(((uint64_t)a * b) >> 32);            /* mulhu */
	case 4:                                                         /* div */
		if (b == 0) return 0xffffffffu;
		if (a == 0x80000000u && b == 0xffffffffu) return a;
		return (uint32_t)(int32_t)(sa / sb);
	case 5: return b == 0 ? 0xffffffffu : a / b;                   /* divu */
	case 6:                                                         /* rem */
		if (b == 0) return a;
		if (a == 0x80000000u && b == 0xffffffffu) return 0;
		return (uint32_t)(int32_t)(sa % sb);
	default: return b == 0 ? a : a % b;                           /* remu */
	}
}

static uint32_t alu(uint32_t f3, bool alt, uint32_t a, uint32_t b)
{
	switch (f3) {
	case 0: return alt ? a - b : a + b;
	case 1: return a << (b & 31);
	case 2: return (int32_t)a < (int32_t)b;
	case 3: return a < b;
	case 4: return a ^ b;
	case 5: return alt ? sra32(a, b) : a >> (b & 31);
	case 6: return a | b;
	default: return a & b;
	}
}

static void take_trap(struct hart *h, struct event *ev, uint32_t cause, uint32_t tval)
{
	ev->trap = true;
	ev->cause = cause;
	ev->tval = tval;
	ev->rd = 0;
	ev->st = false;
	h->mepc = ev->pc;
	h->mcause = cause;
	h->mtval = tval;
	h->mpie_bit = h->mie_bit;
	h->mie_bit = false;
	h->pc = h->mtvec & ~3u; /* exceptions always go to BASE */
}

/* Jump to target, or trap when it is not 4-byte aligned. */
static bool jump(struct hart *h, struct event *ev, uint32_t target)
{
	if (target & 3u) {
		take_trap(h, ev, EXC_INSN_MISALIGNED, target);
		return false;
	}
	h->pc = target;
	return true;
}

/* Execute one instruction (or take one exception). */
static void step(struct soc *s, struct event *ev)
{
	struct hart *h = &s->h;
	memset(ev, 0, sizeof(*ev));
	ev->pc = h->pc;

	if (h->pc >= CODE_BASE + CODE_BYTES) {
		take_trap(h, ev, EXC_INSN_FAULT, ev->pc);
		return;
	}
	uint32_t insn = get_le(&s->code[h->pc - CODE_BASE], 4);
	ev->insn = insn;

	uint32_t opc = insn & 0x7f;
	uint32_t rd = (insn >> 7) & 31, f3 = (insn >> 12) & 7;
	uint32_t rs1 = (insn >> 15) & 31, rs2 = (insn >> 20) & 31;
	uint32_t f7 = insn >> 25;
	uint32_t a = h->x[rs1], b = h->x[rs2];
	uint32_t imm_i = sext(insn >> 20, 12);
	uint32_t imm_s = sext(((insn >> 25) << 5) | ((insn >> 7) & 31), 12);
	uint32_t imm_b = sext((((insn >> 31) & 1) << 12) | (((insn >> 7) & 1) << 11) |
			      (((insn >> 25) & 0x3f) << 5) | (((insn >> 8) & 0xf) << 1), 13);
	uint32_t imm_u = insn & 0xfffff000u;
	uint32_t imm_j = sext((((insn >> 31) & 1) << 20) | (((insn >> 12) & 0xff) << 12) |
			      (((insn >> 20) & 1) << 11) | (((insn >> 21) & 0x3ff) << 1), 21);
	uint32_t next = h->pc + 4;
	bool wr = false;     /* writes rd */
	uint32_t res = 0;    /* value for rd */
	bool counted = false; /* counters already advanced for this instruction */
	int cause;

	switch (opc) {
	case 0x37: wr = true; res = imm_u; break;             /* lui */
	case 0x17: wr = true; res = h->pc + imm_u; break;     /* auipc */
	case 0x6f:                                             /* jal */
		if (!jump(h, ev, h->pc + imm_j)) return;
		wr = true; res = next;
		goto retire_jumped;
	case 0x67:                                             /* jalr */
		if (f3 != 0) goto illegal;
		if (!jump(h, ev, (a + imm_i) & ~1u)) return;
		wr = true; res = next;
		goto retire_jumped;
	case 0x63: {                                           /* branches */
		bool t;
		switch (f3) {
		case 0: t = a == b; break;
		case 1: t = a != b; break;
		case 4: t = (int32_t)a < (int32_t)b; break;
		case 5: t = (int32_t)a >= (int32_t)b; break;
		case 6: t = a < b; break;
		case 7: t = a >= b; break;
		default: goto illegal;
		}
		if (t) {
			if (!jump(h, ev, h->pc + imm_b)) return;
			goto retire_jumped;
		}
		break;
	}
	case 0x03: {                                           /* loads */
		static const uint32_t size_of[8] = {1, 2, 4, 0, 1, 2, 0, 0};
		uint32_t size = size_of[f3], addr = a + imm_i, v = 0;
		if (!size) goto illegal;
		if ((cause = mem_load(s, addr, size, &v))) {
			take_trap(h, ev, (uint32_t)cause, addr);
			return;
		}
		wr = true;
		res = f3 & 4 ? v : sext(v, (int)(8 * size));
		break;
	}
	case 0x23: {                                           /* stores */
		if (f3 > 2) goto illegal;
		uint32_t size = 1u << f3, addr = a + imm_s;
		uint32_t v = size == 4 ? b : b & ((1u << (8 * size)) - 1);
		if ((cause = mem_store(s, addr, size, v))) {
			take_trap(h, ev, (uint32_t)cause, addr);
			return;
		}
		ev->st = true; ev->st_addr = addr; ev->st_val = v; ev->st_size = (int)size;
		break;
	}
	case 0x13:                                             /* OP-IMM */
		if (f3 == 1 && f7 != 0) goto illegal;
		if (f3 == 5 && f7 != 0 && f7 != 0x20) goto illegal;
		wr = true;
		res = alu(f3, f3 == 5 && f7 == 0x20, a, f3 == 1 || f3 == 5 ? rs2 : imm_i);
		break;
	case 0x33:                                             /* OP */
		if (f7 == 1) res = muldiv(f3, a, b);
		else if (f7 == 0 || (f7 == 0x20 && (f3 == 0 || f3 == 5))) res = alu(f3, f7 == 0x20, a, b);
		else goto illegal;
		wr = true;
		break;
	case 0x0f:                                             /* fence, fence.i */
		/* Reserved fields (fm, rs1, rd; fence.i imm, rs1, rd) are ignored, as
		 * the unprivileged spec requires of base implementations. */
		if (f3 > 1) goto illegal;
		break;
	case 0x73:                                             /* SYSTEM */
		if (f3 == 0) {
			switch (insn) {
			case 0x00000073: take_trap(h, ev, EXC_ECALL_M, 0); return;
			case 0x00100073: take_trap(h, ev, EXC_BREAKPOINT, h->pc); return;
			case 0x30200073:                                /* mret */
				h->mie_bit = h->mpie_bit;
				h->mpie_bit = true;
				h->pc = h->mepc;
				goto retire_jumped;
			case 0x10500073: break;                         /* wfi */
			default: goto illegal;
			}
			break;
		}
		if (f3 == 4) goto illegal;
		{
			uint32_t csr = insn >> 20, old = 0;
			uint32_t src = f3 & 4 ? rs1 : a;
			bool do_write = (f3 & 3) == 1 || rs1 != 0;
			if (!csr_read(h, csr, &old)) goto illegal;
			if (do_write && (csr >> 10) == 3) goto illegal;
			if (do_write) {
				uint32_t nv = (f3 & 3) == 1 ? src : (f3 & 3) == 2 ? old | src : old & ~src;
				/* The instruction retires, then the write takes effect. */
				h->minstret++;
				h->mcycle++;
				counted = true;
				csr_write(h, csr, nv);
			}
			wr = true;
			res = old;
		}
		break;
	default:
		goto illegal;
	}
	h->pc = next;
retire_jumped:
	if (wr && rd) {
		h->x[rd] = res;
		ev->rd = (int)rd;
		ev->rd_val = res;
	}
	if (!counted) {
		h->minstret++;
		h->mcycle++;
	}
	return;
illegal:
	take_trap(h, ev, EXC_ILLEGAL, insn);
}

/* ---- program loading --------------------------------------------------- */

static int load_byte(struct soc *s, uint32_t addr, uint8_t v)
{
	uint8_t *p = mem_ptr(s, addr, 1);
	if (!p) {
		fprintf(stderr, "refsim: byte at 0x%08" PRIx32 " is outside code and data memory\n", addr);
		return -1;
	}
	*p = v;
	return 0;
}

static int load_hex(struct soc *s, const uint8_t *buf, size_t len)
{
	uint32_t addr = 0;
	size_t i = 0;
	while (i < len) {
		uint8_t c = buf[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			i++;
			continue;
		}
		bool at = c == '@';
		if (at) i++;
		uint64_t v = 0;
		size_t n = 0;
		for (; i < len; i++, n++) {
			c = buf[i];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0) break;
			if (n < 16) v = v << 4 | (uint64_t)d;
		}
		if (n == 0 || (at && (n > 8 || v > 0xffffffffu)) || (!at && n != 2)) {
			fprintf(stderr, "refsim: bad hex file near offset %zu\n", i);
			return -1;
		}
		if (at) {
			addr = (uint32_t)v;
		} else {
			if (load_byte(s, addr, (uint8_t)v)) return -1;
			addr++;
		}
	}
	return 0;
}

static uint32_t rd32(const uint8_t *p) { return get_le(p, 4); }
static uint32_t rd16(const uint8_t *p) { return get_le(p, 2); }

/* Load an ELF32 little-endian RISC-V executable by physical address and find
 * the signature symbols. */
static int load_elf(struct soc *s, const uint8_t *buf, size_t len)
{
	if (len < 52 || buf[4] != 1 || buf[5] != 1 || rd16(buf + 18) != 243) {
		fprintf(stderr, "refsim: not a 32-bit little-endian RISC-V ELF\n");
		return -1;
	}
	uint32_t phoff = rd32(buf + 28), shoff = rd32(buf + 32);
	uint32_t phentsize = rd16(buf + 42), phnum = rd16(buf + 44);
	uint32_t shentsize = rd16(buf + 46), shnum = rd16(buf + 48);
	for (uint32_t i = 0; i < phnum; i++) {
		uint64_t off = (uint64_t)phoff + (uint64_t)i * phentsize;
		if (phentsize < 32 || off + 32 > len) goto bad;
		const uint8_t *ph = buf + off;
		if (rd32(ph) != 1) continue; /* PT_LOAD */
		uint32_t p_off = rd32(ph + 4), paddr = rd32(ph + 12);
		uint32_t filesz = rd32(ph + 16), memsz = rd32(ph + 20);
		if ((uint64_t)p_off + filesz > len || filesz > memsz) goto bad;
		for (uint32_t k = 0; k < memsz; k++)
			if (load_byte(s, paddr + k, k < filesz ? buf[p_off + k] : 0)) return -1;
	}
	for (uint32_t i = 0; i < shnum; i++) {
		uint64_t off = (uint64_t)shoff + (uint64_t)i * shentsize;
		if (shentsize < 40 || off + 40 > len) goto bad;
		const uint8_t *sh = buf + off;
		if (rd32(sh + 4) != 2) continue; /* SHT_SYMTAB */
		uint32_t sym_off = rd32(sh + 16), sym_size = rd32(sh + 20), link = rd32(sh + 24);
		uint64_t str_hdr = (uint64_t)shoff + (uint64_t)link * shentsize;
		if (link >= shnum || str_hdr + 40 > len) goto bad;
		uint32_t str_off = rd32(buf + str_hdr + 16), str_size = rd32(buf + str_hdr + 20);
		if ((uint64_t)sym_off + sym_size > len || (uint64_t)str_off + str_size > len) goto bad;
		for (uint32_t k = 0; k + 16 <= sym_size; k += 16) {
			const uint8_t *sym = buf + sym_off + k;
			uint32_t name = rd32(sym), value = rd32(sym + 4);
			if (name >= str_size) continue;
			const char *nm = (const char *)buf + str_off + name;
			size_t maxn = str_size - name;
			if (!memchr(nm, 0, maxn)) continue;
			if (!strcmp(nm, "begin_signature")) s->sig_begin = value;
			if (!strcmp(nm, "end_signature")) s->sig_end = value;
		}
	}
	return 0;
bad:
	fprintf(stderr, "refsim: malformed ELF file\n");
	return -1;
}

static int load_file(struct soc *s, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "refsim: %s: %s\n", path, strerror(errno));
		return -1;
	}
	size_t cap = 1 << 16, len = 0;
	uint8_t *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			uint8_t *nb = realloc(buf, cap *= 2);
			if (!nb) { free(buf); buf = NULL; }
			else buf = nb;
		}
	}
	fclose(f);
	if (!buf) {
		fprintf(stderr, "refsim: out of memory\n");
		return -1;
	}
	int rc = len >= 4 && !memcmp(buf, "\x7f" "ELF", 4) ? load_elf(s, buf, len) : load_hex(s, buf, len);
	free(buf);
	return rc;
}

/* ---- main -------------------------------------------------------------- */

static void log_event(FILE *f, const struct event *ev)
{
	if (ev->trap) {
		fprintf(f, "trap %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n", ev->cause, ev->pc, ev->tval);
		return;
	}
	fprintf(f, "%08" PRIx32 " %08" PRIx32, ev->pc, ev->insn);
	if (ev->rd) fprintf(f, " x%d=%08" PRIx32, ev->rd, ev->rd_val);
	if (ev->st) fprintf(f, " st %08" PRIx32 " %08" PRIx32 " %d", ev->st_addr, ev->st_val, ev->st_size);
	fputc('\n', f);
}

static int write_signature(struct soc *s, const char *path)
{
	if (s->sig_end <= s->sig_begin) {
		fprintf(stderr, "refsim: no begin_signature/end_signature symbols\n");
		return -1;
	}
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "refsim: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (uint32_t a = s->sig_begin; a < s->sig_end; a += 4) {
		uint8_t *p = mem_ptr(s, a, 4);
		fprintf(f, "%08" PRIx32 "\n", p ? get_le(p, 4) : 0);
	}
	return fclose(f) ? -1 : 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: refsim [options] PROGRAM\n"
		"PROGRAM: ELF32 RISC-V executable or objcopy -O verilog hex file\n"
		"  --commit-log FILE  one line per retired instruction and per trap\n"
		"  --max-instr N      stop after N instructions and traps (exit 124)\n"
		"  --signature FILE   dump words from begin_signature to end_signature\n"
		"  --quiet            do not print the exit statistics\n"
		"Exits with the code the program writes to EXIT (0x2000f000).\n");
}

int main(int argc, char **argv)
{
	const char *log_path = NULL, *sig_path = NULL, *prog = NULL;
	uint64_t max_instr = UINT64_MAX;
	bool quiet = false;

	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "--commit-log") && i + 1 < argc) log_path = argv[++i];
		else if (!strcmp(o, "--signature") && i + 1 < argc) sig_path = argv[++i];
		else if (!strcmp(o, "--max-instr") && i + 1 < argc) {
			char *end;
			errno = 0;
			max_instr = strtoull(argv[++i], &end, 0);
			if (errno || *end || end == argv[i]) {
				fprintf(stderr, "refsim: bad --max-instr value\n");
				return EXIT_USAGE;
			}
		} else if (!strcmp(o, "--quiet")) quiet = true;
		else if (!strcmp(o, "--help")) { usage(stdout); return 0; }
		else if (o[0] == '-' || prog) { usage(stderr); return EXIT_USAGE; }
		else prog = o;
	}
	if (!prog) { usage(stderr); return EXIT_USAGE; }

	struct soc *s = calloc(1, sizeof(*s));
	if (!s) return EXIT_USAGE;
	if (load_file(s, prog)) { free(s); return EXIT_USAGE; }

	FILE *log = NULL;
	if (log_path) {
		log = fopen(log_path, "w");
		if (!log) {
			fprintf(stderr, "refsim: %s: %s\n", log_path, strerror(errno));
			free(s);
			return EXIT_USAGE;
		}
		setvbuf(log, NULL, _IOFBF, 1 << 16);
	}

	uint64_t n = 0, retired = 0;
	struct event ev;
	while (!s->exited && n < max_instr) {
		step(s, &ev);
		n++;
		retired += !ev.trap;
		if (log) log_event(log, &ev);
	}

	int rc = s->exited ? s->exit_code : EXIT_LIMIT;
	if (!s->exited) fprintf(stderr, "refsim: instruction limit\n");
	if (log && fclose(log)) rc = EXIT_USAGE;
	if (sig_path && write_signature(s, sig_path)) rc = EXIT_USAGE;
	if (!quiet)
		fprintf(stderr, "refsim: exit %d after %" PRIu64 " instructions and traps, %" PRIu64
			" retired\n", rc, n, retired);
	free(s);
	return rc;
}
