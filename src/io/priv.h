/* Privileges: the only code that gives them up. */
#ifndef MTUPROBE_PRIV_H
#define MTUPROBE_PRIV_H

#include <stddef.h>

/* Give up every capability and any setuid identity. Call once every raw
 * socket is open. Returns 0, or -1 with a message. */
int priv_drop(char *err, size_t errlen);

/* One line telling the user exactly how to get CAP_NET_RAW. */
void priv_advice(char *buf, size_t len);

#endif
