/* picolibc malloc over the linker's heap [__heap_start, __heap_end): every
 * block lies inside the heap, is 8-byte aligned (the largest alignment of
 * the scalar types the firmware uses: uint64_t, double) and keeps its
 * content while others are allocated and freed; exhaustion returns NULL
 * instead of overlapping the stack; freed memory is reused (C11 7.22.3). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwtest.h"

extern char __heap_start[], __heap_end[];

#define NBLOCKS 200

static uint8_t *blocks[NBLOCKS];
static size_t sizes[NBLOCKS];

static uint8_t pattern(unsigned block, size_t i)
{
    return (uint8_t)(block * 37u + i * 11u + 1u);
}

static int in_heap(const void *p, size_t n)
{
    return (const char *)p >= __heap_start && (const char *)p + n <= __heap_end;
}

static int block_intact(unsigned b)
{
    for (size_t i = 0; i < sizes[b]; i++)
        if (blocks[b][i] != pattern(b, i))
            return 0;
    return 1;
}

static void fill(unsigned b)
{
    for (size_t i = 0; i < sizes[b]; i++)
        blocks[b][i] = pattern(b, i);
}

int main(void)
{
    size_t heap = (size_t)(__heap_end - __heap_start);
    unsigned ok_all = 1, ok_align = 1, ok_in = 1;
    size_t total = 0, chunk = 1024;
    void **hoard;
    unsigned nhoard = 0;

    printf("heap: %p..%p (%u bytes)\n", (void *)__heap_start, (void *)__heap_end, (unsigned)heap);
    CHECK(heap >= 16 * 1024);

    /* many blocks of varied sizes */
    for (unsigned b = 0; b < NBLOCKS; b++) {
        sizes[b] = 1 + (b * 13u) % 157u;
        blocks[b] = malloc(sizes[b]);
        if (!blocks[b]) {
            ok_all = 0;
            break;
        }
        ok_align &= ((uintptr_t)blocks[b] & 7u) == 0;
        ok_in &= in_heap(blocks[b], sizes[b]);
        fill(b);
    }
    CHECK(ok_all);
    CHECK(ok_align);
    CHECK(ok_in);
    for (unsigned b = 0; b < NBLOCKS && ok_all; b++)
        ok_all &= block_intact(b);
    CHECK(ok_all);

    /* free every other one, allocate larger ones, the rest stays intact */
    for (unsigned b = 0; b < NBLOCKS; b += 2) {
        free(blocks[b]);
        sizes[b] = 200 + b;
        blocks[b] = malloc(sizes[b]);
        if (blocks[b])
            fill(b);
        else
            ok_all = 0;
    }
    CHECK(ok_all);
    for (unsigned b = 0; b < NBLOCKS && ok_all; b++)
        ok_all &= block_intact(b);
    CHECK(ok_all);

    /* realloc keeps the content, calloc returns zeros */
    blocks[1] = realloc(blocks[1], 3000);
    CHECK(blocks[1] != NULL && block_intact(1));
    {
        uint32_t *z = calloc(256, sizeof *z);
        unsigned zero = z != NULL;

        for (unsigned i = 0; zero && i < 256; i++)
            zero = z[i] == 0;
        CHECK(zero);
        free(z);
    }
    {
        volatile size_t huge = SIZE_MAX / 2;   /* not seen at compile time */

        CHECK(calloc(huge, 4) == NULL);        /* size overflow */
    }
    for (unsigned b = 0; b < NBLOCKS; b++)
        free(blocks[b]);

    /* exhaustion: NULL, never a block beyond the heap */
    CHECK(malloc(heap + 1) == NULL);
    hoard = malloc(512 * sizeof *hoard);
    CHECK(hoard != NULL);
    while (hoard && nhoard < 512) {
        void *p = malloc(chunk);

        if (!p) {
            if (chunk == 16)
                break;
            chunk /= 2;
            continue;
        }
        ok_in &= in_heap(p, chunk);
        hoard[nhoard++] = p;
        total += chunk;
    }
    printf("allocated %u bytes in %u blocks before NULL\n", (unsigned)total, nhoard);
    CHECK(ok_in);
    CHECK(total >= heap - heap / 8);           /* little lost to headers */
    while (nhoard)
        free(hoard[--nhoard]);
    free(hoard);

    /* after freeing everything the free space coalesces again */
    {
        void *big = malloc(heap / 2);

        CHECK(big != NULL);
        free(big);
    }
    return fwtest_done("malloc");
}
