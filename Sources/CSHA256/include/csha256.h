/*
 * CSHA256: the SHA-256 block compression (FIPS 180-4) on the CPU's SHA instructions, for
 * Determinism.SHA256. It owns no padding, buffering or state beyond the eight chaining words: the Swift
 * side does all of that and keeps its portable compression for CPUs without these instructions.
 *
 * x86-64: the SHA extensions (SHA-NI, with SSSE3 and SSE4.1), detected with cpuid.
 * aarch64: the ARMv8 SHA-256 instructions, detected with getauxval(AT_HWCAP) on Linux.
 * Elsewhere csha256_hw_available() returns 0 and csha256_hw_compress must not be called.
 *
 * Depends on nothing but the C compiler's own headers; no special compiler flags are needed.
 */
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this CPU has the SHA-256 instructions csha256_hw_compress uses, else 0. Asks the CPU each
/// time (cpuid may trap to a hypervisor): call it once and keep the answer.
int csha256_hw_available(void);

/// Runs the SHA-256 compression over `count` whole 64-byte blocks at `blocks` (any alignment), updating
/// the chaining words `state` (a, b, c, d, e, f, g, h as native integers). Only call it when
/// csha256_hw_available() returned 1.
void csha256_hw_compress(uint32_t state[8], const uint8_t *blocks, size_t count);

#ifdef __cplusplus
}
#endif

#endif
