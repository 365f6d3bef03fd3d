/*
 * models/include/linux/ethtool.h - what `ethtool` asks a driver
 *
 * Mirrors the parts of include/linux/ethtool.h and its uapi that the
 * ethtool command uses: driver info, link settings, ring sizes (-g/-G),
 * channels (-l/-L), coalescing (-c/-C), statistics (-S) and the RSS
 * indirection table and key (-x/-X).  A callback left NULL makes the
 * command answer "Operation not supported", as ethtool does.
 */
#ifndef _SKBSIM_LINUX_ETHTOOL_H
#define _SKBSIM_LINUX_ETHTOOL_H

#include "linux/netdevice.h"
#include "sim/err.h"

struct ethtool_drvinfo {
	char driver[32];
	char version[32];
	char fw_version[32];
	char bus_info[32];
};

struct ethtool_link_ksettings {
	u32 speed;			/* Mb/s; 0xFFFFFFFF: unknown */
	u8 duplex;			/* DUPLEX_FULL */
	u8 port;			/* PORT_TP, PORT_OTHER */
	u8 autoneg;
	bool link;
};
#define DUPLEX_HALF	0x00
#define DUPLEX_FULL	0x01
#define DUPLEX_UNKNOWN	0xff
#define SPEED_UNKNOWN	0xFFFFFFFFu
#define PORT_TP		0x00
#define PORT_OTHER	0xff

struct ethtool_ringparam {
	u32 rx_max_pending, tx_max_pending;
	u32 rx_pending, tx_pending;
};

struct ethtool_channels {
	u32 max_combined, combined_count;
};

struct ethtool_coalesce {
	u32 rx_coalesce_usecs;
	u32 rx_max_coalesced_frames;
	bool use_napi;			/* skbsim: interrupt-per-frame when false */
};

struct ethtool_ops {
	void (*get_drvinfo)(struct net_device *dev, struct ethtool_drvinfo *info);
	int (*get_link_ksettings)(struct net_device *dev, struct ethtool_link_ksettings *ks);
	void (*get_ringparam)(struct net_device *dev, struct ethtool_ringparam *ring);
	int (*set_ringparam)(struct net_device *dev, const struct ethtool_ringparam *ring,
			     struct sim_err *err);
	void (*get_channels)(struct net_device *dev, struct ethtool_channels *ch);
	int (*set_channels)(struct net_device *dev, const struct ethtool_channels *ch,
			    struct sim_err *err);
	int (*get_coalesce)(struct net_device *dev, struct ethtool_coalesce *ec);
	int (*set_coalesce)(struct net_device *dev, const struct ethtool_coalesce *ec,
			    struct sim_err *err);
	/* statistics: names then values, in the same order */
	int (*get_sset_count)(struct net_device *dev);
	void (*get_strings)(struct net_device *dev, const char **names);
	void (*get_ethtool_stats)(struct net_device *dev, u64 *data);
	/* RSS */
	u32 (*get_rxfh_indir_size)(struct net_device *dev);
	u32 (*get_rxfh_key_size)(struct net_device *dev);
	int (*get_rxfh)(struct net_device *dev, u32 *indir, u8 *key);
	int (*set_rxfh)(struct net_device *dev, const u32 *indir, const u8 *key,
			struct sim_err *err);
};

#endif
