/*
 * models/include/linux/types.h - the kernel's fixed-width type names
 *
 * Mirrors include/linux/types.h for the names models use (u8..u64, __be16,
 * __sum16...).  Endianness annotations are documentation only here.
 */
#ifndef _SKBSIM_LINUX_TYPES_H
#define _SKBSIM_LINUX_TYPES_H

#include <arpa/inet.h>		/* htons & co, and the uapi socket structs */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The same types as the kernel's uapi (u64 is unsigned long long), so a
 * system header that brings in the host's <linux/types.h> agrees with us.
 */
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed char __s8;
typedef short __s16;
typedef int __s32;
typedef long long __s64;
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u64 __be64;
typedef __u16 __sum16;
typedef __u32 __wsum;

#define BIT(n)		(1UL << (n))
#define BIT_ULL(n)	(1ULL << (n))
#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#ifndef min
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#endif
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#endif
