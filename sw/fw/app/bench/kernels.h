/* The core benchmark kernels, written here (only SHA-256 is mbedTLS's). */
#ifndef OBTI_BENCH_KERNELS_H
#define OBTI_BENCH_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/* Copy n bytes, n a multiple of 16, both pointers word-aligned: four words
 * per iteration, as a tuned memcpy does for the aligned bulk. */
void kernel_memcpy(uint32_t *dst, const uint32_t *src, size_t n);

/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, init and final XOR
 * all-ones) with a 256-entry table that crc32_init() fills. */
void crc32_init(uint32_t table[256]);
uint32_t kernel_crc32(const uint32_t table[256], const uint8_t *p, size_t n);

/* Ascending in-place sort: quicksort, median of three, insertion sort below
 * 16 elements, recursion on the smaller part only. */
void kernel_sort(int32_t *a, size_t n);

#endif /* OBTI_BENCH_KERNELS_H */
