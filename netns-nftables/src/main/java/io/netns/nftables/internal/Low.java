// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The kernel's expressions, one record per {@code NFTA_EXPR_NAME}, as the wire carries them: the
 * register machine below the statements of libnftables JSON. Optional attributes are nullable
 * boxed fields, so a decoded expression encodes back to the same bytes. {@link #encode} and
 * {@link LowCodec#decode} are inverse; {@link Unknown} keeps any other expression byte for byte.
 */
public sealed interface Low {
    /** {@return the expression's NFTA_EXPR_NAME} */
    String name();

    /** {@code payload}: loads {@code len} bytes at {@code offset} of header {@code base} into {@code dreg}. */
    record Payload(int dreg, int base, int offset, int len) implements Low {
        @Override
        public String name() {
            return "payload";
        }
    }

    /** {@code cmp}: compares register {@code sreg} with {@code data}. */
    record Cmp(int sreg, int op, Bytes data) implements Low {
        @Override
        public String name() {
            return "cmp";
        }
    }

    /**
     * {@code bitwise} with the mask-and-xor operation: NFTA_BITWISE_OP absent, or 0 ({@code op}:
     * {@code nft} sends it for an explicit {@code &}, not for prefixes and flags).
     */
    record Bitwise(int sreg, int dreg, Integer op, int len, Bytes mask, Bytes xor) implements Low {
        @Override
        public String name() {
            return "bitwise";
        }
    }

    /** {@code byteorder}: converts {@code len} bytes of {@code size}-byte words. */
    record Byteorder(int sreg, int dreg, int op, int len, int size) implements Low {
        @Override
        public String name() {
            return "byteorder";
        }
    }

    /** {@code meta}: loads ({@code dreg}) or sets ({@code sreg}) a packet's meta datum. */
    record Meta(int key, Integer dreg, Integer sreg) implements Low {
        @Override
        public String name() {
            return "meta";
        }
    }

    /** {@code ct}: loads ({@code dreg}) or sets ({@code sreg}) a conntrack datum. */
    record Ct(int key, Integer dreg, Integer direction, Integer sreg) implements Low {
        @Override
        public String name() {
            return "ct";
        }
    }

    /** {@code immediate}: loads a value, or a verdict (dreg 0), into a register. */
    record Immediate(int dreg, Bytes value, Integer verdict, String chain) implements Low {
        @Override
        public String name() {
            return "immediate";
        }
    }

    /** {@code lookup}: tests register {@code sreg} against a set (by name, and by id in the same batch). */
    record Lookup(String set, int sreg, Integer dreg, Integer setId, Integer flags) implements Low {
        @Override
        public String name() {
            return "lookup";
        }
    }

    /** {@code range}: tests {@code from <= sreg <= to}. */
    record Range(int sreg, int op, Bytes from, Bytes to) implements Low {
        @Override
        public String name() {
            return "range";
        }
    }

    /** {@code counter}; both values absent when a rule is added without initial counts. */
    record Counter(Long bytes, Long packets) implements Low {
        @Override
        public String name() {
            return "counter";
        }
    }

    /** {@code limit}: rate per unit seconds, burst, packets or bytes, inverted. */
    record Limit(long rate, long unit, Integer burst, Integer type, Integer flags) implements Low {
        @Override
        public String name() {
            return "limit";
        }
    }

    /** {@code log}. */
    record Log(Integer group, String prefix, Integer snaplen, Integer qthreshold, Integer level, Integer flags)
            implements Low {
        @Override
        public String name() {
            return "log";
        }
    }

    /** {@code quota}. */
    record Quota(long bytes, Integer flags, Long consumed) implements Low {
        @Override
        public String name() {
            return "quota";
        }
    }

    /** {@code reject}. */
    record Reject(int type, Integer code) implements Low {
        @Override
        public String name() {
            return "reject";
        }
    }

    /** {@code nat}: snat or dnat, with the registers holding addresses and ports. */
    record Nat(int type, int family, Integer addrMin, Integer addrMax, Integer protoMin, Integer protoMax,
               Integer flags) implements Low {
        @Override
        public String name() {
            return "nat";
        }
    }

    /** {@code masq}. */
    record Masq(Integer flags, Integer protoMin, Integer protoMax) implements Low {
        @Override
        public String name() {
            return "masq";
        }
    }

    /** {@code redir}. */
    record Redir(Integer protoMin, Integer protoMax, Integer flags) implements Low {
        @Override
        public String name() {
            return "redir";
        }
    }

    /** {@code numgen}. */
    record Numgen(int dreg, int modulus, int type, Integer offset) implements Low {
        @Override
        public String name() {
            return "numgen";
        }
    }

    /** Any other expression (or one with attributes this codec does not model), byte for byte. */
    record Unknown(String name, Bytes data) implements Low {
    }

    /** An immutable byte string with value semantics, for register data. */
    final class Bytes {
        private final byte[] b;

        private Bytes(byte[] b) {
            this.b = b;
        }

        /**
         * {@return a copy of {@code b} as bytes}
         *
         * @param b the bytes
         */
        public static Bytes of(byte... b) {
            return new Bytes(b.clone());
        }

        static Bytes wrap(byte[] b) {
            return new Bytes(b);
        }

        /** {@return a copy of the bytes} */
        public byte[] toArray() {
            return b.clone();
        }

        /** {@return the length} */
        public int length() {
            return b.length;
        }

        /**
         * {@return byte {@code i}}
         *
         * @param i the index
         */
        public int get(int i) {
            return b[i] & 0xff;
        }

        byte[] raw() {
            return b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes x && Arrays.equals(b, x.b);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(b);
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(b);
        }
    }

    /**
     * {@return a verdict immediate}
     *
     * @param code NF_ACCEPT, NFT_JUMP ...
     * @param chain the chain of a jump or goto, else null
     */
    static Immediate verdict(int code, String chain) {
        return new Immediate(Nft.NFT_REG_VERDICT, null, code, chain);
    }

    /**
     * {@return a data immediate}
     *
     * @param dreg the register
     * @param value the value
     */
    static Immediate data(int dreg, byte[] value) {
        return new Immediate(dreg, Bytes.wrap(Objects.requireNonNull(value)), null, null);
    }
}
