/*
 * SHA-256 compression on the CPU's SHA instructions. Each architecture's code is compiled with a
 * target attribute, so the rest of the file (and the package) needs no -msha or -march flags; the
 * instructions only run after runtime detection said they exist.
 */
#include "csha256.h"

/* The 64 round constants, in groups of four as the instructions consume them. */
static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define CSHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>

/* cpuid: SSSE3 (leaf 1 ECX bit 9), SSE4.1 (leaf 1 ECX bit 19), SHA (leaf 7 subleaf 0 EBX bit 29). */
static int detect(void) {
    unsigned int eax, ebx, ecx, edx;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ecx & (1u << 9)) || !(ecx & (1u << 19))) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & (1u << 29)) != 0;
}

/* Four rounds on the message words `m` (state kept as ABEF / CDGH, as sha256rnds2 wants it). */
#define ROUNDS4(m, group)                                                                      \
    do {                                                                                       \
        __m128i wk = _mm_add_epi32((m), _mm_load_si128((const __m128i *)&K[4 * (group)]));     \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                          \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));                 \
    } while (0)

/* next += sigma terms: finishes the four schedule words after `current` (msg1 already applied). */
#define SCHEDULE2(next, current, previous)                                                     \
    do {                                                                                       \
        (next) = _mm_add_epi32((next), _mm_alignr_epi8((current), (previous), 4));             \
        (next) = _mm_sha256msg2_epu32((next), (current));                                      \
    } while (0)

#define SCHEDULE1(previous, current) ((previous) = _mm_sha256msg1_epu32((previous), (current)))

__attribute__((target("sha,sse4.1,ssse3")))
static void compress(uint32_t state[8], const uint8_t *data, size_t count) {
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; count > 0; count--, data += 64) {
        const __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteswap);

        ROUNDS4(m0, 0);
        ROUNDS4(m1, 1);  SCHEDULE1(m0, m1);
        ROUNDS4(m2, 2);  SCHEDULE1(m1, m2);
        ROUNDS4(m3, 3);  SCHEDULE2(m0, m3, m2); SCHEDULE1(m2, m3);
        ROUNDS4(m0, 4);  SCHEDULE2(m1, m0, m3); SCHEDULE1(m3, m0);
        ROUNDS4(m1, 5);  SCHEDULE2(m2, m1, m0); SCHEDULE1(m0, m1);
        ROUNDS4(m2, 6);  SCHEDULE2(m3, m2, m1); SCHEDULE1(m1, m2);
        ROUNDS4(m3, 7);  SCHEDULE2(m0, m3, m2); SCHEDULE1(m2, m3);
        ROUNDS4(m0, 8);  SCHEDULE2(m1, m0, m3); SCHEDULE1(m3, m0);
        ROUNDS4(m1, 9);  SCHEDULE2(m2, m1, m0); SCHEDULE1(m0, m1);
        ROUNDS4(m2, 10); SCHEDULE2(m3, m2, m1); SCHEDULE1(m1, m2);
        ROUNDS4(m3, 11); SCHEDULE2(m0, m3, m2); SCHEDULE1(m2, m3);
        ROUNDS4(m0, 12); SCHEDULE2(m1, m0, m3); SCHEDULE1(m3, m0);
        ROUNDS4(m1, 13); SCHEDULE2(m2, m1, m0);
        ROUNDS4(m2, 14); SCHEDULE2(m3, m2, m1);
        ROUNDS4(m3, 15);

        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0)); /* dcba */
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));    /* hgfe */
}

#elif defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))
#define CSHA256_ARM 1
#include <arm_neon.h>
#if defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif
#endif

static int detect(void) {
#if defined(__ARM_FEATURE_SHA2)
    return 1; /* the whole build already assumes these instructions (e.g. every Apple arm64 CPU) */
#elif defined(__linux__)
    return (getauxval(AT_HWCAP) & HWCAP_SHA2) != 0;
#else
    return 0;
#endif
}

/* Four rounds on the message words `m`. */
#define ROUNDS4(m, group)                                                                      \
    do {                                                                                       \
        uint32x4_t wk = vaddq_u32((m), vld1q_u32(&K[4 * (group)]));                            \
        uint32x4_t abcd_before = abcd;                                                         \
        abcd = vsha256hq_u32(abcd, efgh, wk);                                                  \
        efgh = vsha256h2q_u32(efgh, abcd_before, wk);                                          \
    } while (0)

/* The next four schedule words, in place of the oldest four. */
#define SCHEDULE(m0, m1, m2, m3) ((m0) = vsha256su1q_u32(vsha256su0q_u32((m0), (m1)), (m2), (m3)))

__attribute__((target("sha2")))
static void compress(uint32_t state[8], const uint8_t *data, size_t count) {
    uint32x4_t abcd = vld1q_u32(&state[0]);
    uint32x4_t efgh = vld1q_u32(&state[4]);

    for (; count > 0; count--, data += 64) {
        const uint32x4_t abcd0 = abcd, efgh0 = efgh;
        uint32x4_t m0 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 0)));
        uint32x4_t m1 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 16)));
        uint32x4_t m2 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 32)));
        uint32x4_t m3 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 48)));

        for (int group = 0; group < 12; group += 4) {
            ROUNDS4(m0, group + 0); SCHEDULE(m0, m1, m2, m3);
            ROUNDS4(m1, group + 1); SCHEDULE(m1, m2, m3, m0);
            ROUNDS4(m2, group + 2); SCHEDULE(m2, m3, m0, m1);
            ROUNDS4(m3, group + 3); SCHEDULE(m3, m0, m1, m2);
        }
        ROUNDS4(m0, 12);
        ROUNDS4(m1, 13);
        ROUNDS4(m2, 14);
        ROUNDS4(m3, 15);

        abcd = vaddq_u32(abcd, abcd0);
        efgh = vaddq_u32(efgh, efgh0);
    }

    vst1q_u32(&state[0], abcd);
    vst1q_u32(&state[4], efgh);
}
#endif

#if defined(CSHA256_X86) || defined(CSHA256_ARM)
int csha256_hw_available(void) { return detect(); }

void csha256_hw_compress(uint32_t state[8], const uint8_t *blocks, size_t count) {
    if (count > 0) compress(state, blocks, count);
}
#else
int csha256_hw_available(void) { return 0; }

void csha256_hw_compress(uint32_t state[8], const uint8_t *blocks, size_t count) {
    (void)state; (void)blocks; (void)count;
}
#endif
