/* Benchmark kernels: memcpy, CRC-32 and sort. Built with
 * -fno-tree-loop-distribute-patterns so the loops stay loops. */
#include "kernels.h"

void kernel_memcpy(uint32_t *dst, const uint32_t *src, size_t n)
{
    uint32_t *end = dst + n / 4;

    while (dst < end) {
        uint32_t w0 = src[0], w1 = src[1], w2 = src[2], w3 = src[3];

        dst[0] = w0;
        dst[1] = w1;
        dst[2] = w2;
        dst[3] = w3;
        dst += 4;
        src += 4;
    }
}

void crc32_init(uint32_t table[256])
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;

        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        table[i] = c;
    }
}

uint32_t kernel_crc32(const uint32_t table[256], const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;

    while (n--)
        c = table[(c ^ *p++) & 0xffu] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static void insertion_sort(int32_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int32_t v = a[i];
        size_t j = i;

        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static inline void swap32(int32_t *x, int32_t *y)
{
    int32_t t = *x;

    *x = *y;
    *y = t;
}

void kernel_sort(int32_t *a, size_t n)
{
    while (n > 16) {
        size_t mid = n / 2, i = 0, j = n - 1;
        int32_t pivot;

        /* median of three into a[mid] */
        if (a[mid] < a[0])
            swap32(&a[mid], &a[0]);
        if (a[n - 1] < a[0])
            swap32(&a[n - 1], &a[0]);
        if (a[n - 1] < a[mid])
            swap32(&a[n - 1], &a[mid]);
        pivot = a[mid];

        /* Hoare partition: a[0..j] <= pivot <= a[j+1..n-1] */
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            swap32(&a[i], &a[j]);
            i++;
            j--;
        }
        if (j + 1 < n - (j + 1)) {
            kernel_sort(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            kernel_sort(a + j + 1, n - (j + 1));
            n = j + 1;
        }
    }
    insertion_sort(a, n);
}
