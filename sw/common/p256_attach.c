/* obti_p256_comb_attach (p256_comb.h). */
#include "p256_comb.h"

#include "mbedtls/platform.h"

/* The window mbedTLS 2.28's ecp_pick_window_size() picks for the base point
 * of a 256-bit curve: 4, plus one for the base point, at most
 * MBEDTLS_ECP_WINDOW_SIZE (when that is under 6). */
#if MBEDTLS_ECP_FIXED_POINT_OPTIM == 1 && !defined(MBEDTLS_ECP_ALT) && \
    !defined(MBEDTLS_ECP_MUL_COMB_ALT)
#if MBEDTLS_ECP_WINDOW_SIZE >= 5
#define COMB_W 5
#define COMB_TABLE obti_p256_comb_w5
#elif MBEDTLS_ECP_WINDOW_SIZE == 4
#define COMB_W 4
#define COMB_TABLE obti_p256_comb_w4
#endif
#endif

int obti_p256_comb_attach(mbedtls_ecp_group *grp)
{
#if defined(COMB_W)
    const size_t n = (size_t)1 << (COMB_W - 1);
    int ret;
    if (grp->id != MBEDTLS_ECP_DP_SECP256R1 || grp->T != NULL)
        return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
    /* Entry 0 is G itself: a table that does not start with the group's
     * base point is not this group's. */
    mbedtls_mpi gx;
    mbedtls_mpi_init(&gx);
    ret = mbedtls_mpi_read_binary(&gx, COMB_TABLE[0], 32);
    if (ret == 0 && mbedtls_mpi_cmp_mpi(&gx, &grp->G.X) != 0)
        ret = MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
    mbedtls_mpi_free(&gx);
    if (ret != 0)
        return ret;
    mbedtls_ecp_point *t = mbedtls_calloc(n, sizeof(*t));
    if (t == NULL)
        return MBEDTLS_ERR_ECP_ALLOC_FAILED;
    for (size_t i = 0; i < n; i++)
        mbedtls_ecp_point_init(&t[i]);
    for (size_t i = 0; i < n && ret == 0; i++) {
        ret = mbedtls_mpi_read_binary(&t[i].X, COMB_TABLE[i], 32);
        if (ret == 0)
            ret = mbedtls_mpi_read_binary(&t[i].Y, COMB_TABLE[i] + 32, 32);
        if (ret == 0)
            ret = mbedtls_mpi_lset(&t[i].Z, 1);
    }
    if (ret != 0) {
        for (size_t i = 0; i < n; i++)
            mbedtls_ecp_point_free(&t[i]);
        mbedtls_free(t);
        return ret;
    }
    /* Owned by the group from here: mbedtls_ecp_group_free frees it. */
    grp->T = t;
    grp->T_size = n;
    return 0;
#else
    (void)grp;
    return 0;
#endif
}
