// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.wire;

import io.netns.netlink.NetlinkDecodeException;

import java.lang.foreign.MemorySegment;

import static io.netns.netlink.wire.MessageWriter.U16;
import static io.netns.netlink.wire.MessageWriter.U32;

/**
 * An NLMSG_ERROR message: an ack ({@code errno == 0}) or a failure, with the kernel's extended
 * ack when it sent one (NETLINK_EXT_ACK): the message {@code ip} prints after "Error:" and the
 * offset of the offending attribute in the request.
 *
 * @param errno the positive errno (the kernel sends it negated), 0 for an ack
 * @param requestType nlmsg_type of the request this answers
 * @param requestSeq nlmsg_seq of the request this answers
 * @param message NLMSGERR_ATTR_MSG, or null
 * @param offset NLMSGERR_ATTR_OFFS (offset of the offending attribute in the request), or -1
 * @param missingType NLMSGERR_ATTR_MISS_TYPE (a required attribute that was missing), or -1
 */
public record ErrorMessage(int errno, int requestType, int requestSeq, String message, int offset, int missingType) {

    /** {@return whether this is an acknowledgement ({@code errno == 0}) rather than a failure} */
    public boolean isAck() {
        return errno == 0;
    }

    /**
     * Decodes the NLMSG_ERROR message the reader is on: struct nlmsgerr (linux/netlink.h), the error
     * and the request's header, then the extended-ack attributes when NLM_F_ACK_TLVS is set.
     *
     * @param r a reader on a message of type {@code NLMSG_ERROR}
     * @return the error, or the ack
     * @throws NetlinkDecodeException if the message is too short for struct nlmsgerr or its attributes
     *     are malformed
     */
    public static ErrorMessage decode(MessageReader r) {
        MemorySegment seg = r.segment();
        long p = r.payload();
        if (r.length() - MessageReader.HEADER < 4 + 16) {
            throw new NetlinkDecodeException("NLMSG_ERROR at offset " + r.start() + " has " + (r.length() - 16)
                    + " payload bytes, too few for struct nlmsgerr (20)");
        }
        int error = seg.get(U32, p);
        int origLen = seg.get(U32, p + 4);
        int origType = Short.toUnsignedInt(seg.get(U16, p + 8));
        int origSeq = seg.get(U32, p + 12);
        String message = null;
        int offset = -1;
        int missing = -1;
        if ((r.flags() & Nlmsg.NLM_F_ACK_TLVS) != 0) {
            long tlvStart = p + 4 + ((r.flags() & Nlmsg.NLM_F_CAPPED) != 0 ? 16 : ((origLen + 3L) & ~3L));
            if (tlvStart <= r.end()) {
                AttrReader a = new AttrReader(seg, tlvStart, r.end(), "NLMSG_ERROR extended ack");
                while (a.next()) {
                    switch (a.type()) {
                        case Nlmsg.NLMSGERR_ATTR_MSG -> message = a.string();
                        case Nlmsg.NLMSGERR_ATTR_OFFS -> offset = a.u32();
                        case Nlmsg.NLMSGERR_ATTR_MISS_TYPE -> missing = a.u32();
                        default -> {
                            // cookie, policy, missing nest: not needed
                        }
                    }
                }
            }
        }
        return new ErrorMessage(error == Integer.MIN_VALUE ? Integer.MAX_VALUE : -error, origType, origSeq,
                message, offset, missing);
    }
}
