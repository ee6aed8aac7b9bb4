// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

/**
 * The kernel's nf_tables constants this codec uses, with the kernel's names
 * ({@code linux/netfilter/nf_tables.h}, {@code linux/netfilter/nfnetlink.h}); a test checks them
 * against the installed headers. Attribute values of nf_tables are big-endian unless noted.
 */
public final class Nft {
    private Nft() {
    }

    // ---------------------------------------------------------------- nfnetlink
    /** The netlink protocol of netfilter. */
    public static final int NETLINK_NETFILTER = 12;
    /** The nf_tables subsystem: the high byte of every nf_tables message type. */
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    /** Opens a batch (nlmsg_type NLMSG_MIN_TYPE). */
    public static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    /** Closes a batch: the kernel commits it. */
    public static final int NFNL_MSG_BATCH_END = 0x11;
    /** Batch attribute: the generation the batch was built against (the kernel refuses it with ERESTART otherwise). */
    public static final int NFNL_BATCH_GENID = 1;
    /** The multicast group of nf_tables change notifications. */
    public static final int NFNLGRP_NFTABLES = 7;

    // ---------------------------------------------------------------- messages (low byte)
    public static final int NFT_MSG_NEWTABLE = 0;
    public static final int NFT_MSG_GETTABLE = 1;
    public static final int NFT_MSG_DELTABLE = 2;
    public static final int NFT_MSG_NEWCHAIN = 3;
    public static final int NFT_MSG_GETCHAIN = 4;
    public static final int NFT_MSG_DELCHAIN = 5;
    public static final int NFT_MSG_NEWRULE = 6;
    public static final int NFT_MSG_GETRULE = 7;
    public static final int NFT_MSG_DELRULE = 8;
    public static final int NFT_MSG_NEWSET = 9;
    public static final int NFT_MSG_GETSET = 10;
    public static final int NFT_MSG_DELSET = 11;
    public static final int NFT_MSG_NEWSETELEM = 12;
    public static final int NFT_MSG_GETSETELEM = 13;
    public static final int NFT_MSG_DELSETELEM = 14;
    public static final int NFT_MSG_NEWGEN = 15;
    public static final int NFT_MSG_GETGEN = 16;

    /**
     * {@return the nlmsg_type of an nf_tables message}
     *
     * @param msg NFT_MSG_*
     */
    public static int type(int msg) {
        return (NFNL_SUBSYS_NFTABLES << 8) | msg;
    }

    /**
     * {@return the name of an nf_tables message type, for errors: {@code NFT_MSG_NEWRULE}}
     *
     * @param type nlmsg_type
     */
    public static String messageName(int type) {
        if (type == NFNL_MSG_BATCH_BEGIN) {
            return "NFNL_MSG_BATCH_BEGIN";
        }
        if (type == NFNL_MSG_BATCH_END) {
            return "NFNL_MSG_BATCH_END";
        }
        String[] names = {"NEWTABLE", "GETTABLE", "DELTABLE", "NEWCHAIN", "GETCHAIN", "DELCHAIN", "NEWRULE",
            "GETRULE", "DELRULE", "NEWSET", "GETSET", "DELSET", "NEWSETELEM", "GETSETELEM", "DELSETELEM", "NEWGEN",
            "GETGEN"};
        int msg = type & 0xff;
        return (type >> 8) == NFNL_SUBSYS_NFTABLES && msg < names.length ? "NFT_MSG_" + names[msg]
                : "nlmsg_type " + type;
    }

    // ---------------------------------------------------------------- list, hook, table, chain, rule
    public static final int NFTA_LIST_ELEM = 1;
    public static final int NFTA_HOOK_HOOKNUM = 1;
    public static final int NFTA_HOOK_PRIORITY = 2;
    public static final int NFTA_HOOK_DEV = 3;
    public static final int NFTA_TABLE_NAME = 1;
    public static final int NFTA_TABLE_FLAGS = 2;
    public static final int NFTA_TABLE_USE = 3;
    public static final int NFTA_TABLE_HANDLE = 4;
    public static final int NFTA_TABLE_USERDATA = 6;
    public static final int NFT_TABLE_F_DORMANT = 1;
    public static final int NFTA_CHAIN_TABLE = 1;
    public static final int NFTA_CHAIN_HANDLE = 2;
    public static final int NFTA_CHAIN_NAME = 3;
    public static final int NFTA_CHAIN_HOOK = 4;
    public static final int NFTA_CHAIN_POLICY = 5;
    public static final int NFTA_CHAIN_USE = 6;
    public static final int NFTA_CHAIN_TYPE = 7;
    public static final int NFTA_CHAIN_COUNTERS = 8;
    public static final int NFTA_CHAIN_FLAGS = 10;
    public static final int NFTA_CHAIN_USERDATA = 12;
    public static final int NFTA_RULE_TABLE = 1;
    public static final int NFTA_RULE_CHAIN = 2;
    public static final int NFTA_RULE_HANDLE = 3;
    public static final int NFTA_RULE_EXPRESSIONS = 4;
    public static final int NFTA_RULE_POSITION = 6;
    public static final int NFTA_RULE_USERDATA = 7;
    public static final int NFTA_EXPR_NAME = 1;
    public static final int NFTA_EXPR_DATA = 2;

    // ---------------------------------------------------------------- sets
    public static final int NFT_SET_ANONYMOUS = 0x1;
    public static final int NFT_SET_CONSTANT = 0x2;
    public static final int NFT_SET_INTERVAL = 0x4;
    public static final int NFT_SET_MAP = 0x8;
    public static final int NFT_SET_TIMEOUT = 0x10;
    public static final int NFT_SET_EVAL = 0x20;
    public static final int NFT_SET_OBJECT = 0x40;
    public static final int NFT_SET_CONCAT = 0x80;
    public static final int NFTA_SET_TABLE = 1;
    public static final int NFTA_SET_NAME = 2;
    public static final int NFTA_SET_FLAGS = 3;
    public static final int NFTA_SET_KEY_TYPE = 4;
    public static final int NFTA_SET_KEY_LEN = 5;
    public static final int NFTA_SET_DATA_TYPE = 6;
    public static final int NFTA_SET_DATA_LEN = 7;
    public static final int NFTA_SET_POLICY = 8;
    public static final int NFTA_SET_DESC = 9;
    public static final int NFTA_SET_ID = 10;
    public static final int NFTA_SET_TIMEOUT = 11;
    public static final int NFTA_SET_GC_INTERVAL = 12;
    public static final int NFTA_SET_USERDATA = 13;
    public static final int NFTA_SET_HANDLE = 16;
    public static final int NFTA_SET_DESC_SIZE = 1;
    public static final int NFT_SET_ELEM_INTERVAL_END = 1;
    public static final int NFTA_SET_ELEM_KEY = 1;
    public static final int NFTA_SET_ELEM_DATA = 2;
    public static final int NFTA_SET_ELEM_FLAGS = 3;
    public static final int NFTA_SET_ELEM_TIMEOUT = 4;
    public static final int NFTA_SET_ELEM_EXPIRATION = 5;
    public static final int NFTA_SET_ELEM_USERDATA = 6;
    public static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    public static final int NFTA_SET_ELEM_LIST_SET = 2;
    public static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    public static final int NFTA_SET_ELEM_LIST_SET_ID = 4;
    /** NFTA_SET_DATA_TYPE of a verdict map. */
    public static final int NFT_DATA_VERDICT = 0xffffff00;

    // ---------------------------------------------------------------- data, verdicts
    public static final int NFTA_DATA_VALUE = 1;
    public static final int NFTA_DATA_VERDICT = 2;
    public static final int NFTA_VERDICT_CODE = 1;
    public static final int NFTA_VERDICT_CHAIN = 2;
    public static final int NF_DROP = 0;
    public static final int NF_ACCEPT = 1;
    public static final int NFT_CONTINUE = -1;
    public static final int NFT_BREAK = -2;
    public static final int NFT_JUMP = -3;
    public static final int NFT_GOTO = -4;
    public static final int NFT_RETURN = -5;
    public static final int NFT_REG_VERDICT = 0;
    public static final int NFT_REG_1 = 1;
    public static final int NFT_REG_2 = 2;
    public static final int NFT_REG32_00 = 8;

    // ---------------------------------------------------------------- expressions
    public static final int NFTA_IMMEDIATE_DREG = 1;
    public static final int NFTA_IMMEDIATE_DATA = 2;
    public static final int NFTA_BITWISE_SREG = 1;
    public static final int NFTA_BITWISE_DREG = 2;
    public static final int NFTA_BITWISE_LEN = 3;
    public static final int NFTA_BITWISE_MASK = 4;
    public static final int NFTA_BITWISE_XOR = 5;
    public static final int NFTA_BITWISE_OP = 6;
    public static final int NFTA_BITWISE_DATA = 7;
    public static final int NFTA_BYTEORDER_SREG = 1;
    public static final int NFTA_BYTEORDER_DREG = 2;
    public static final int NFTA_BYTEORDER_OP = 3;
    public static final int NFTA_BYTEORDER_LEN = 4;
    public static final int NFTA_BYTEORDER_SIZE = 5;
    public static final int NFT_BYTEORDER_NTOH = 0;
    public static final int NFT_BYTEORDER_HTON = 1;
    public static final int NFTA_CMP_SREG = 1;
    public static final int NFTA_CMP_OP = 2;
    public static final int NFTA_CMP_DATA = 3;
    public static final int NFT_CMP_EQ = 0;
    public static final int NFT_CMP_NEQ = 1;
    public static final int NFT_CMP_LT = 2;
    public static final int NFT_CMP_LTE = 3;
    public static final int NFT_CMP_GT = 4;
    public static final int NFT_CMP_GTE = 5;
    public static final int NFTA_RANGE_SREG = 1;
    public static final int NFTA_RANGE_OP = 2;
    public static final int NFTA_RANGE_FROM_DATA = 3;
    public static final int NFTA_RANGE_TO_DATA = 4;
    public static final int NFT_RANGE_EQ = 0;
    public static final int NFT_RANGE_NEQ = 1;
    public static final int NFTA_LOOKUP_SET = 1;
    public static final int NFTA_LOOKUP_SREG = 2;
    public static final int NFTA_LOOKUP_DREG = 3;
    public static final int NFTA_LOOKUP_SET_ID = 4;
    public static final int NFTA_LOOKUP_FLAGS = 5;
    public static final int NFT_LOOKUP_F_INV = 1;
    public static final int NFTA_PAYLOAD_DREG = 1;
    public static final int NFTA_PAYLOAD_BASE = 2;
    public static final int NFTA_PAYLOAD_OFFSET = 3;
    public static final int NFTA_PAYLOAD_LEN = 4;
    public static final int NFT_PAYLOAD_LL_HEADER = 0;
    public static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
    public static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;
    public static final int NFT_PAYLOAD_INNER_HEADER = 3;
    public static final int NFTA_META_DREG = 1;
    public static final int NFTA_META_KEY = 2;
    public static final int NFTA_META_SREG = 3;
    public static final int NFTA_CT_DREG = 1;
    public static final int NFTA_CT_KEY = 2;
    public static final int NFTA_CT_DIRECTION = 3;
    public static final int NFTA_CT_SREG = 4;
    public static final int NFTA_COUNTER_BYTES = 1;
    public static final int NFTA_COUNTER_PACKETS = 2;
    public static final int NFTA_LIMIT_RATE = 1;
    public static final int NFTA_LIMIT_UNIT = 2;
    public static final int NFTA_LIMIT_BURST = 3;
    public static final int NFTA_LIMIT_TYPE = 4;
    public static final int NFTA_LIMIT_FLAGS = 5;
    public static final int NFT_LIMIT_PKTS = 0;
    public static final int NFT_LIMIT_PKT_BYTES = 1;
    public static final int NFT_LIMIT_F_INV = 1;
    public static final int NFTA_LOG_GROUP = 1;
    public static final int NFTA_LOG_PREFIX = 2;
    public static final int NFTA_LOG_SNAPLEN = 3;
    public static final int NFTA_LOG_QTHRESHOLD = 4;
    public static final int NFTA_LOG_LEVEL = 5;
    public static final int NFTA_LOG_FLAGS = 6;
    public static final int NFTA_QUOTA_BYTES = 1;
    public static final int NFTA_QUOTA_FLAGS = 2;
    public static final int NFTA_QUOTA_CONSUMED = 4;
    public static final int NFT_QUOTA_F_INV = 1;
    public static final int NFTA_REJECT_TYPE = 1;
    public static final int NFTA_REJECT_ICMP_CODE = 2;
    public static final int NFT_REJECT_ICMP_UNREACH = 0;
    public static final int NFT_REJECT_TCP_RST = 1;
    public static final int NFT_REJECT_ICMPX_UNREACH = 2;
    public static final int NFTA_NAT_TYPE = 1;
    public static final int NFTA_NAT_FAMILY = 2;
    public static final int NFTA_NAT_REG_ADDR_MIN = 3;
    public static final int NFTA_NAT_REG_ADDR_MAX = 4;
    public static final int NFTA_NAT_REG_PROTO_MIN = 5;
    public static final int NFTA_NAT_REG_PROTO_MAX = 6;
    public static final int NFTA_NAT_FLAGS = 7;
    public static final int NFT_NAT_SNAT = 0;
    public static final int NFT_NAT_DNAT = 1;
    public static final int NFTA_MASQ_FLAGS = 1;
    public static final int NFTA_MASQ_REG_PROTO_MIN = 2;
    public static final int NFTA_MASQ_REG_PROTO_MAX = 3;
    public static final int NFTA_REDIR_REG_PROTO_MIN = 1;
    public static final int NFTA_REDIR_REG_PROTO_MAX = 2;
    public static final int NFTA_REDIR_FLAGS = 3;
    public static final int NFTA_NG_DREG = 1;
    public static final int NFTA_NG_MODULUS = 2;
    public static final int NFTA_NG_TYPE = 3;
    public static final int NFTA_NG_OFFSET = 4;
    public static final int NFT_NG_INCREMENTAL = 0;
    public static final int NFT_NG_RANDOM = 1;
    public static final int NFTA_GEN_ID = 1;

    // ---------------------------------------------------------------- linux/netfilter/nf_nat.h
    public static final int NF_NAT_RANGE_MAP_IPS = 1;
    public static final int NF_NAT_RANGE_PROTO_SPECIFIED = 2;
    public static final int NF_NAT_RANGE_PROTO_RANDOM = 4;
    public static final int NF_NAT_RANGE_PERSISTENT = 8;
    public static final int NF_NAT_RANGE_PROTO_RANDOM_FULLY = 16;
}
