/* A compiled C program for the reference model (and the core): ordinary
 * compiler output (calls, recursion, the stack, byte and halfword data, 64-bit
 * arithmetic made of mul/mulhu/sltu, a lookup table in .rodata) checked against
 * values that are known independently. main() returns the number of the first
 * failing check (0 = all pass), which crt0.S writes to EXIT; the results are
 * also left in the signature area (expected words in prog.sig). */
#include <stddef.h>
#include <stdint.h>

volatile uint32_t trap_cause, trap_epc, trap_tval;

/* begin_signature..end_signature: one word per result, see prog.sig. */
uint32_t sig[12] __attribute__((section(".signature"))) = {0};

/* gcc may emit calls to these for loops and aggregate copies. */
void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

/* CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320) with a table built at run
 * time; the CRC catalogue's check value for "123456789" is 0xCBF43926. */
static uint32_t crc_table[256];

static uint32_t crc32(const char *s, size_t n)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	uint32_t crc = 0xFFFFFFFFu;
	while (n--)
		crc = crc_table[(crc ^ (uint8_t)*s++) & 0xFF] ^ (crc >> 8);
	return crc ^ 0xFFFFFFFFu;
}

/* fib(20) = 6765, fib(25) = 75025 (OEIS A000045) */
static uint32_t fib(uint32_t n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* Insertion sort of halfwords, so lh/sh and signed compares are exercised. */
static void sort16(int16_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		int16_t v = a[i];
		int j = i - 1;
		while (j >= 0 && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

/* Binary GCD with shifts only; gcd(1071, 462) = 21 (Euclid's example). */
static uint32_t gcd(uint32_t a, uint32_t b)
{
	while (b) {
		uint32_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static const char digits[] = "123456789";
static int16_t values[8] = {300, -5, 32767, -32768, 0, 7, -300, 1};

int main(void)
{
	volatile int32_t a = -7, b = 2;
	volatile uint32_t big = 0xFFFFFFFFu;
	int n = 0;

	n++; sig[0] = crc32(digits, 9);
	if (sig[0] != 0xCBF43926u) return n;

	n++; sig[1] = fib(20);
	if (sig[1] != 6765) return n;

	n++; sig[2] = (uint32_t)(a / b);                /* C99: truncation */
	if ((int32_t)sig[2] != -3) return n;
	n++; sig[3] = (uint32_t)(a % b);
	if ((int32_t)sig[3] != -1) return n;

	n++;
	uint64_t p = (uint64_t)big * big;               /* (2^32-1)^2 */
	sig[4] = (uint32_t)(p >> 32);
	sig[5] = (uint32_t)p;
	if (p != 0xFFFFFFFE00000001ull) return n;

	n++;
	int64_t q = (int64_t)a * 1000000007;            /* -7000000049 */
	if (q != -7000000049ll) return n;

	n++;
	sort16(values, 8);
	sig[6] = (uint16_t)values[0] | (uint32_t)(uint16_t)values[7] << 16;
	for (int i = 1; i < 8; i++)
		if (values[i - 1] > values[i]) return n;
	if (values[0] != -32768 || values[7] != 32767) return n;

	n++; sig[7] = gcd(1071, 462);
	if (sig[7] != 21) return n;

	/* Traps: ecall (mcause 11), ebreak (3, mtval = its pc as this SoC's core
	 * does), a misaligned load (4, mtval = the address). */
	n++;
	__asm__ volatile("ecall");
	sig[8] = trap_cause;
	if (trap_cause != 11 || trap_tval != 0) return n;
	n++;
	__asm__ volatile("ebreak");
	sig[9] = trap_cause;
	if (trap_cause != 3 || trap_tval != trap_epc) return n;
	n++;
	uintptr_t mis = (uintptr_t)&sig[0] + 2;
	uint32_t dummy;
	/* asm, because gcc splits a misaligned C access into halfword loads */
	__asm__ volatile("lw %0, 0(%1)" : "=r"(dummy) : "r"(mis) : "memory");
	(void)dummy;
	sig[10] = trap_cause;
	if (trap_cause != 4 || trap_tval != mis) return n;

	n++;
	uint32_t misa;
	__asm__ volatile("csrr %0, misa" : "=r"(misa));
	sig[11] = misa;
	if (misa != 0x40001100u) return n;
	return 0;
}
