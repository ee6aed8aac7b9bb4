// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import io.netns.NetworkNamespace;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Nlmsg;

import java.util.List;

/**
 * One change request, before the devices it names are resolved to indexes and the namespaces it
 * carries are opened as descriptors. The {@link Exchange} does both just before encoding it.
 */
public interface Request {
    /** NLM_F_* of a request that creates and fails if it exists ({@code ip ... add}). */
    int CREATE = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK | Nlmsg.NLM_F_EXCL | Nlmsg.NLM_F_CREATE;
    /** NLM_F_* of a request that creates or replaces ({@code ip ... replace}). */
    int REPLACE = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK | Nlmsg.NLM_F_REPLACE | Nlmsg.NLM_F_CREATE;
    /** NLM_F_* of a request that changes, deletes or gets one object and is acknowledged. */
    int CHANGE = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK;
    /** NLM_F_* of a dump. */
    int DUMP = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_DUMP;

    /** {@return the request's message type (RTM_NEWLINK ...), for naming it in errors} */
    int type();

    /** {@return what the request is about, as the user said it: {@code 198.18.0.1/24 dev veth0}} */
    String target();

    /** {@return the devices named by name or index, resolved before encoding} */
    default List<IfRef> devices() {
        return List.of();
    }

    /** {@return the namespaces whose descriptors the request carries, kept open until it is acknowledged} */
    default List<NetworkNamespace> namespaces() {
        return List.of();
    }

    /**
     * {@return the link names this request makes exist in the socket's namespace if it succeeds (a
     * new link, a veth peer beside it, a rename)}: when it fails, a batch does not send the later
     * requests that name them, which would otherwise find nothing or a link of that name from before
     */
    default List<String> names() {
        return List.of();
    }

    /**
     * {@return this request, declaring the link names it makes exist}
     *
     * @param names see {@link #names()}
     */
    default Request naming(List<String> names) {
        List<String> copy = List.copyOf(names);
        Request r = this;
        return new Request() {
            @Override
            public int type() {
                return r.type();
            }

            @Override
            public String target() {
                return r.target();
            }

            @Override
            public List<IfRef> devices() {
                return r.devices();
            }

            @Override
            public List<NetworkNamespace> namespaces() {
                return r.namespaces();
            }

            @Override
            public List<String> names() {
                return copy;
            }

            @Override
            public void encode(MessageWriter w, int seq, Resolved resolved) {
                r.encode(w, seq, resolved);
            }
        };
    }

    /**
     * Encodes the request.
     *
     * @param w the writer
     * @param seq its sequence number
     * @param resolved the devices' indexes and the namespaces' descriptors
     */
    void encode(MessageWriter w, int seq, Resolved resolved);

    /** What the exchange resolved for one request. */
    interface Resolved {
        /**
         * {@return the index of a device the request named}
         *
         * @param device one of {@link Request#devices()}, or null (then 0)
         */
        int index(IfRef device);

        /**
         * {@return the descriptor of a namespace the request carries}
         *
         * @param namespace one of {@link Request#namespaces()}, or null (then -1)
         */
        int fd(NetworkNamespace namespace);
    }

    /**
     * {@return a request with no devices or namespaces to resolve}
     *
     * @param type its message type
     * @param target what it is about
     * @param encoder how to encode it
     */
    static Request of(int type, String target, Encoder encoder) {
        return new Request() {
            @Override
            public int type() {
                return type;
            }

            @Override
            public String target() {
                return target;
            }

            @Override
            public void encode(MessageWriter w, int seq, Resolved resolved) {
                encoder.encode(w, seq);
            }
        };
    }

    /**
     * {@return a request naming devices and carrying namespaces}
     *
     * @param type its message type
     * @param target what it is about
     * @param devices devices to resolve (nulls are skipped)
     * @param namespaces namespaces to open (nulls are skipped)
     * @param encoding how to encode it once resolved
     */
    static Request of(int type, String target, List<IfRef> devices, List<NetworkNamespace> namespaces,
                      Encoding encoding) {
        List<IfRef> d = devices.stream().filter(x -> x != null).toList();
        List<NetworkNamespace> n = namespaces.stream().filter(x -> x != null).toList();
        return new Request() {
            @Override
            public int type() {
                return type;
            }

            @Override
            public String target() {
                return target;
            }

            @Override
            public List<IfRef> devices() {
                return d;
            }

            @Override
            public List<NetworkNamespace> namespaces() {
                return n;
            }

            @Override
            public void encode(MessageWriter w, int seq, Resolved resolved) {
                encoding.encode(w, seq, resolved);
            }
        };
    }

    /** Encodes a request that needs nothing resolved. */
    interface Encoder {
        /**
         * Encodes one message.
         *
         * @param w the writer
         * @param seq its sequence number
         */
        void encode(MessageWriter w, int seq);
    }

    /** Encodes a request with what was resolved for it. */
    interface Encoding {
        /**
         * Encodes one message.
         *
         * @param w the writer
         * @param seq its sequence number
         * @param resolved indexes and descriptors
         */
        void encode(MessageWriter w, int seq, Resolved resolved);
    }
}
