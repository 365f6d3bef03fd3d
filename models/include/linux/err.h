/*
 * models/include/linux/err.h - an errno carried in a pointer
 *
 * Mirrors the interface of include/linux/err.h (our own code): a function
 * that returns an object returns ERR_PTR(-errno) when it fails; the last
 * page of the address space never holds an object.
 */
#ifndef _SKBSIM_LINUX_ERR_H
#define _SKBSIM_LINUX_ERR_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_ERRNO	4095

static inline void *ERR_PTR(long error)
{
	return (void *)(intptr_t)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)(intptr_t)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (uintptr_t)ptr >= (uintptr_t)-MAX_ERRNO;
}

#endif
