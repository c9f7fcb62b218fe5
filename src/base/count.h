/* SPDX-License-Identifier: BSD-2-Clause */
/* The number of elements of an array (not of a pointer: the compiler
 * cannot tell them apart here, so pass only arrays). */
#ifndef MTUPROBE_BASE_COUNT_H
#define MTUPROBE_BASE_COUNT_H

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))

#endif
