/*
 * samsa_crc32c: CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) as a
 * Node-API addon.
 *
 *   crc32c(data: ArrayBufferView | ArrayBuffer, initial?: number): number
 *   hardware: boolean   (true when the SSE4.2 path is in use)
 *   crc32cPortable(data, initial?): number   (always the table path; for tests
 *                                              and benchmarks)
 *
 * `initial` is a previous crc32c() result to continue from (default 0), so
 * crc32c(b, crc32c(a)) === crc32c(concat(a, b)).
 *
 * On x86-64 with SSE4.2 the data is split into three interleaved streams fed
 * to the crc32 instruction (latency 3, throughput 1/cycle, so three
 * independent dependency chains keep the unit busy).  The three partial CRCs
 * are joined by "append N zero bytes" operators: an operator is a linear map
 * on the 32-bit CRC register, computed once at load time as a power of the
 * one-zero-bit GF(2) matrix and stored as four 256-entry byte tables.  Two
 * block sizes are used: LONG for big inputs and SHORT for what remains.
 *
 * Everywhere else (other CPUs, other architectures) a portable slicing-by-8
 * table implementation is used.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SAMSA_CRC_X86 1
#include <nmmintrin.h>
#else
#define SAMSA_CRC_X86 0
#endif

#define CRC32C_POLY 0x82f63b78u

/* ---------------------------------------------------------------------------
 * Portable path: slicing-by-8.
 * sw_table[k][b] is the register after feeding byte b followed by k zero bytes
 * into a zero register.
 */
static uint32_t sw_table[8][256];

static void build_sw_tables(void) {
  for (uint32_t b = 0; b < 256; b++) {
    uint32_t c = b;
    for (int bit = 0; bit < 8; bit++) c = (c & 1) ? (c >> 1) ^ CRC32C_POLY : c >> 1;
    sw_table[0][b] = c;
  }
  for (uint32_t b = 0; b < 256; b++) {
    uint32_t c = sw_table[0][b];
    for (int k = 1; k < 8; k++) {
      c = sw_table[0][c & 0xff] ^ (c >> 8);
      sw_table[k][b] = c;
    }
  }
}

/* Little-endian 32-bit load independent of host byte order and alignment. */
static inline uint32_t load_le32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t crc32c_portable(uint32_t crc, const uint8_t *p, size_t len) {
  uint32_t c = ~crc;
  while (len >= 8) {
    uint32_t lo = c ^ load_le32(p);
    uint32_t hi = load_le32(p + 4);
    c = sw_table[7][lo & 0xff] ^ sw_table[6][(lo >> 8) & 0xff] ^
        sw_table[5][(lo >> 16) & 0xff] ^ sw_table[4][lo >> 24] ^
        sw_table[3][hi & 0xff] ^ sw_table[2][(hi >> 8) & 0xff] ^
        sw_table[1][(hi >> 16) & 0xff] ^ sw_table[0][hi >> 24];
    p += 8;
    len -= 8;
  }
  while (len--) c = sw_table[0][(c ^ *p++) & 0xff] ^ (c >> 8);
  return ~c;
}

/* ---------------------------------------------------------------------------
 * x86-64 SSE4.2 path.
 */
#if SAMSA_CRC_X86

#define LONG_BLOCK 8192
#define SHORT_BLOCK 256

/* A linear operator on the 32-bit register: column i is the image of bit i. */
typedef struct { uint32_t col[32]; } gf2_matrix;

static uint32_t gf2_apply(const gf2_matrix *m, uint32_t v) {
  uint32_t r = 0;
  for (int i = 0; v != 0; i++, v >>= 1)
    if (v & 1) r ^= m->col[i];
  return r;
}

/* out = a ∘ b (apply b, then a). out may not alias a or b. */
static void gf2_compose(gf2_matrix *out, const gf2_matrix *a, const gf2_matrix *b) {
  for (int i = 0; i < 32; i++) out->col[i] = gf2_apply(a, b->col[i]);
}

/* Operator "append n zero bytes" to a raw (unconditioned) CRC register. */
static void zeros_operator(gf2_matrix *out, size_t n) {
  gf2_matrix base, tmp;
  /* One zero bit: shift right, fold in the polynomial if bit 0 fell out. */
  base.col[0] = CRC32C_POLY;
  for (int i = 1; i < 32; i++) base.col[i] = 1u << (i - 1);
  /* 2, 4, then 8 zero bits = one zero byte. */
  for (int s = 0; s < 3; s++) {
    gf2_compose(&tmp, &base, &base);
    base = tmp;
  }
  /* Square-and-multiply: out = base^n. */
  for (int i = 0; i < 32; i++) out->col[i] = 1u << i;
  while (n) {
    if (n & 1) {
      gf2_compose(&tmp, &base, out);
      *out = tmp;
    }
    n >>= 1;
    if (n) {
      gf2_compose(&tmp, &base, &base);
      base = tmp;
    }
  }
}

static void build_shift_table(uint32_t table[4][256], size_t nbytes) {
  gf2_matrix m;
  zeros_operator(&m, nbytes);
  for (int k = 0; k < 4; k++)
    for (uint32_t b = 0; b < 256; b++) table[k][b] = gf2_apply(&m, b << (8 * k));
}

/* shift_X1 appends X zero bytes, shift_X2 appends 2*X (so both partial CRCs of a
 * block can be shifted in parallel rather than one after the other). */
static uint32_t shift_long1[4][256], shift_long2[4][256];
static uint32_t shift_short1[4][256], shift_short2[4][256];

static inline uint32_t shift_crc(const uint32_t table[4][256], uint32_t c) {
  return table[0][c & 0xff] ^ table[1][(c >> 8) & 0xff] ^ table[2][(c >> 16) & 0xff] ^
         table[3][c >> 24];
}

static inline uint64_t load64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, sizeof v);
  return v;
}

__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const uint8_t *p, size_t len) {
  uint64_t c0 = (uint32_t)~crc;

  /* Align to 8 bytes so the 64-bit loads never straddle cache lines. */
  while (len && ((uintptr_t)p & 7)) {
    c0 = _mm_crc32_u8((uint32_t)c0, *p++);
    len--;
  }

  while (len >= 3 * LONG_BLOCK) {
    uint64_t c1 = 0, c2 = 0;
    const uint8_t *end = p + LONG_BLOCK;
    do {
      c0 = _mm_crc32_u64(c0, load64(p));
      c1 = _mm_crc32_u64(c1, load64(p + LONG_BLOCK));
      c2 = _mm_crc32_u64(c2, load64(p + 2 * LONG_BLOCK));
      p += 8;
    } while (p < end);
    c0 = shift_crc(shift_long2, (uint32_t)c0) ^ shift_crc(shift_long1, (uint32_t)c1) ^ (uint32_t)c2;
    p += 2 * LONG_BLOCK;
    len -= 3 * LONG_BLOCK;
  }

  while (len >= 3 * SHORT_BLOCK) {
    uint64_t c1 = 0, c2 = 0;
    const uint8_t *end = p + SHORT_BLOCK;
    do {
      c0 = _mm_crc32_u64(c0, load64(p));
      c1 = _mm_crc32_u64(c1, load64(p + SHORT_BLOCK));
      c2 = _mm_crc32_u64(c2, load64(p + 2 * SHORT_BLOCK));
      p += 8;
    } while (p < end);
    c0 = shift_crc(shift_short2, (uint32_t)c0) ^ shift_crc(shift_short1, (uint32_t)c1) ^ (uint32_t)c2;
    p += 2 * SHORT_BLOCK;
    len -= 3 * SHORT_BLOCK;
  }

  while (len >= 8) {
    c0 = _mm_crc32_u64(c0, load64(p));
    p += 8;
    len -= 8;
  }
  while (len--) c0 = _mm_crc32_u8((uint32_t)c0, *p++);
  return ~(uint32_t)c0;
}

#endif /* SAMSA_CRC_X86 */

/* ---------------------------------------------------------------------------
 * Dispatch and one-time initialisation.
 */
typedef uint32_t (*crc_fn)(uint32_t, const uint8_t *, size_t);
static crc_fn crc_impl = crc32c_portable;
static bool crc_hardware = false;

static void crc_init(void) {
  build_sw_tables();
#if SAMSA_CRC_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("sse4.2")) {
    build_shift_table(shift_long1, LONG_BLOCK);
    build_shift_table(shift_long2, 2 * LONG_BLOCK);
    build_shift_table(shift_short1, SHORT_BLOCK);
    build_shift_table(shift_short2, 2 * SHORT_BLOCK);
    crc_impl = crc32c_sse42;
    crc_hardware = true;
  }
#endif
}

#if defined(__GNUC__) || defined(__clang__)
/* Runs once at dlopen, before any thread (main or worker) can call us. */
__attribute__((constructor)) static void crc_ctor(void) { crc_init(); }
#define CRC_INIT_IN_MODULE 0
#else
#define CRC_INIT_IN_MODULE 1
#endif

/* ---------------------------------------------------------------------------
 * Node-API glue.
 */
static size_t typedarray_element_size(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array: case napi_uint8_array: case napi_uint8_clamped_array: return 1;
    case napi_int16_array: case napi_uint16_array: return 2;
    case napi_int32_array: case napi_uint32_array: case napi_float32_array: return 4;
    case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: return 8;
    default: return 1;
  }
}

static napi_value throw_type_error(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

static napi_value crc_call(napi_env env, napi_callback_info info, crc_fn fn) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 1) return throw_type_error(env, "crc32c: expected a Uint8Array");

  void *data = NULL;
  size_t len = 0;
  bool is;
  if (napi_is_typedarray(env, argv[0], &is) == napi_ok && is) {
    napi_typedarray_type type;
    size_t count;
    if (napi_get_typedarray_info(env, argv[0], &type, &count, &data, NULL, NULL) != napi_ok)
      return NULL;
    len = count * typedarray_element_size(type);
  } else if (napi_is_dataview(env, argv[0], &is) == napi_ok && is) {
    if (napi_get_dataview_info(env, argv[0], &len, &data, NULL, NULL) != napi_ok) return NULL;
  } else if (napi_is_arraybuffer(env, argv[0], &is) == napi_ok && is) {
    if (napi_get_arraybuffer_info(env, argv[0], &data, &len) != napi_ok) return NULL;
  } else {
    return throw_type_error(env, "crc32c: expected a Uint8Array");
  }

  uint32_t initial = 0;
  if (argc >= 2) {
    napi_valuetype vt;
    if (napi_typeof(env, argv[1], &vt) != napi_ok) return NULL;
    if (vt == napi_number) {
      if (napi_get_value_uint32(env, argv[1], &initial) != napi_ok) return NULL;
    } else if (vt != napi_undefined && vt != napi_null) {
      return throw_type_error(env, "crc32c: initial must be a number");
    }
  }

  uint32_t crc = len ? fn(initial, (const uint8_t *)data, len) : initial;
  napi_value result;
  if (napi_create_uint32(env, crc, &result) != napi_ok) return NULL;
  return result;
}

static napi_value js_crc32c(napi_env env, napi_callback_info info) {
  return crc_call(env, info, crc_impl);
}

static napi_value js_crc32c_portable(napi_env env, napi_callback_info info) {
  return crc_call(env, info, crc32c_portable);
}

NAPI_MODULE_INIT() {
#if CRC_INIT_IN_MODULE
  static bool initialised = false; /* best effort on compilers without constructors */
  if (!initialised) { crc_init(); initialised = true; }
#endif
  napi_value fn, hw;
  if (napi_create_function(env, "crc32c", NAPI_AUTO_LENGTH, js_crc32c, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "crc32c", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "crc32cPortable", NAPI_AUTO_LENGTH, js_crc32c_portable, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "crc32cPortable", fn) != napi_ok) return NULL;
  if (napi_get_boolean(env, crc_hardware, &hw) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "hardware", hw) != napi_ok) return NULL;
  return exports;
}
