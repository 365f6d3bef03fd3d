/*
 * models/core/dst.c - destination cache entries
 *
 * Mirrors net/core/dst.c: a dst lives while referenced; the last
 * dst_release() hands it to its family's destroy (rtable for IPv4).
 */
#include "net/dst.h"

void dst_release(struct dst_entry *dst)
{
	if (!dst)
		return;
	SIM_BUG_ON(dst->refcnt <= 0);
	if (--dst->refcnt == 0 && dst->ops && dst->ops->destroy)
		dst->ops->destroy(dst);
}
