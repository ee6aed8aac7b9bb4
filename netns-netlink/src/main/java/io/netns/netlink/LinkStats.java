package io.netns.netlink;

/**
 * Link counters from IFLA_STATS64 ({@code ip -s link}).
 *
 * @param rxPackets packets received
 * @param txPackets packets sent
 * @param rxBytes bytes received
 * @param txBytes bytes sent
 * @param rxErrors receive errors
 * @param txErrors send errors
 * @param rxDropped received packets dropped
 * @param txDropped packets dropped before sending
 * @param multicast multicast packets received
 * @param collisions collisions
 */
public record LinkStats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
                        long rxDropped, long txDropped, long multicast, long collisions) {
}
