#!/usr/bin/env bash
# Capture golden rtnetlink request bytes as sent by iproute2's `ip`.
#
# Usage (as root):  ./capture.sh [OUTDIR]
#   OUTDIR defaults to the directory holding this script.
#
# For every capture the script runs
#     strace -f -xx -s 65536 -e trace=sendmsg -e write=all -o TRACE ip -n NS <args>
# and keeps the FIRST netlink message (sent with sendmsg) whose nlmsg_type is
# the request type of interest, skipping the helper requests `ip` sends first
# (RTM_GETLINK for name -> ifindex resolution, etc.). The message is written as
# the message (exactly nlmsg_len bytes) to OUTDIR/<name>.hex, annotated field by field
# by tools/annotate-golden.py.
#
# Bytes come from strace's full hex dump of the iov buffers (-e write=all),
# concatenated across iov entries; where strace also prints the payload as a
# "\x.." string (-xx) that string is parsed too and must agree with the dump.
#
# Everything happens inside a scratch namespace created here and deleted on
# exit. Objects are created in a fixed order in a fresh namespace so ifindexes
# are deterministic: lo=1, va=2, vb=3, br0=4, v1=5, v0=6, mv0=7, vx0=8, ifb0=9
# (checked below; the script aborts if they differ). Only 198.18.0.0/15 and
# fd42:6e73::/32 are used. The root namespace is never modified.
set -euo pipefail

IP=${IP:-ip}
OUTDIR=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
NS="gold-cap-$$"
TMP=$(mktemp -d)
NS_CREATED=0

cleanup() {
    local rc=$?
    if [[ $NS_CREATED == 1 ]]; then
        "$IP" netns del "$NS" 2>/dev/null || true
    fi
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT INT TERM

[[ $(id -u) == 0 ]] || { echo "must run as root" >&2; exit 1; }
command -v strace >/dev/null || { echo "strace not found" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }
mkdir -p "$OUTDIR"

# Extractor: reads an strace log, prints the first message of type $2 as hex.
cat > "$TMP/extract.py" <<'PY'
import re, struct, sys

path, want = sys.argv[1], int(sys.argv[2])

# strace -f -o FILE prefixes lines with "PID  "; on a terminal, "[pid PID] ".
SYSCALL = re.compile(r'^(?:\d+\s+|\[pid\s+\d+\]\s+)?sendmsg\((\d+),')
BUFHDR = re.compile(r'^ \* (\d+) bytes in buffer (\d+)\s*$')
DUMP = re.compile(r'^ \| ([0-9a-f]{5,})  (.{49})')
RET = re.compile(r'\)\s+=\s+(-?\d+)(?:\s.*)?$')

def unescape_strings(line):
    """All "\\x.." string literals of the iov part of an strace -xx line."""
    out = []
    for m in re.finditer(r'"((?:\\x[0-9a-f]{2})*)"', line):
        out.append(bytes.fromhex(m.group(1).replace('\\x', '')))
    return out

calls = []          # list of dicts: line, ret, buffers(list of bytearray)
cur = None
with open(path, encoding='latin-1') as f:
    for raw in f:
        line = raw.rstrip('\n')
        if SYSCALL.match(line):
            m = RET.search(line)
            cur = {'line': line, 'ret': int(m.group(1)) if m else None,
                   'buffers': []}
            calls.append(cur)
            continue
        m = BUFHDR.match(line)
        if m and cur is not None:
            cur['buffers'].append({'len': int(m.group(1)), 'data': bytearray()})
            continue
        m = DUMP.match(line)
        if m and cur is not None and cur['buffers']:
            buf = cur['buffers'][-1]
            off = int(m.group(1), 16)
            if off != len(buf['data']):
                sys.exit(f'hex dump offset mismatch at {off}')
            for tok in m.group(2).split():
                if re.fullmatch(r'[0-9a-f]{2}', tok):
                    buf['data'].append(int(tok, 16))
            continue

for call in calls:
    data = bytearray()
    for b in call['buffers']:
        if len(b['data']) != b['len']:
            sys.exit(f"buffer length mismatch: dump {len(b['data'])} != {b['len']}")
        data += b['data']
    if call['ret'] is not None and call['ret'] >= 0 and call['ret'] != len(data):
        sys.exit(f"sendmsg returned {call['ret']} but dumped {len(data)} bytes")
    off = 0
    while off + 16 <= len(data):
        nlen, ntype, nflags, nseq, npid = struct.unpack_from('<IHHII', data, off)
        if nlen < 16 or off + nlen > len(data):
            break
        if ntype == want:
            msg = bytes(data[off:off + nlen])
            # Cross-check with the -xx rendering of the iov when available.
            line = call['line']
            strs = unescape_strings(line)
            if '{nlmsg_len=' in line:
                # strace decoded the header as a struct, payload as "\x.." string
                m = re.search(r'nlmsg_len=(\d+),.*?nlmsg_seq=(\d+), nlmsg_pid=(\d+)', line)
                if m and (int(m.group(1)), int(m.group(2)), int(m.group(3))) != (nlen, nseq, npid):
                    sys.exit('decoded header disagrees with hex dump')
                if len(strs) == 1 and off == 0 and len(call['buffers']) == 1 \
                        and strs[0] != msg[16:]:
                    sys.exit('-xx payload string disagrees with hex dump')
            elif strs and b''.join(strs) != bytes(data):
                sys.exit('-xx iov strings disagree with hex dump')
            print(msg.hex())
            sys.exit(0)
        off += (nlen + 3) & ~3
sys.exit(f'no netlink message of type {want} found in sendmsg calls')
PY

# capture NAME TYPE ARGS...  -- run `ip -n NS ARGS...` under strace, save message.
capture() {
    local name=$1 type=$2
    shift 2
    local trace="$TMP/$name.strace" rc=0
    strace -f -xx -s 65536 -e trace=sendmsg -e write=all -o "$trace" \
        "$IP" -n "$NS" "$@" >"$TMP/$name.out" 2>&1 || rc=$?
    local hex
    hex=$(python3 "$TMP/extract.py" "$trace" "$type")
    printf '%s\n' "$hex" > "$OUTDIR/$name.hex"
    # one field per line with its name, as the tests and reviewers read it
    python3 "$(dirname "$0")/../../../../../tools/annotate-golden.py" "$OUTDIR/$name.hex"
    printf '%-22s type=%-3s len=%-4s exit=%s %s\n' "$name" "$type" \
        "$(( ${#hex} / 2 ))" "$rc" "$(tr '\n' ' ' < "$TMP/$name.out")"
    if [[ $rc != 0 && ${ALLOW_FAIL:-0} != 1 ]]; then
        echo "unexpected failure of: ip -n $NS $*" >&2
        exit 1
    fi
}

ifindex() {  # ifindex NAME -> prints ifindex of NAME in the scratch namespace
    "$IP" -n "$NS" -o link show dev "$1" | sed -n 's/^\([0-9]*\):.*/\1/p'
}

expect_ifindex() {
    local got
    got=$(ifindex "$1")
    if [[ $got != "$2" ]]; then
        echo "ifindex of $1 is $got, expected $2 (namespace not fresh?)" >&2
        exit 1
    fi
}

RTM_NEWLINK=16 RTM_DELLINK=17 RTM_NEWADDR=20 RTM_NEWROUTE=24
RTM_NEWNEIGH=28 RTM_NEWRULE=32

"$IP" netns add "$NS"
NS_CREATED=1

# --- fixed setup: peer "va" is registered first, so lo=1, va=2, vb=3 ---------
"$IP" -n "$NS" link add vb type veth peer name va
"$IP" -n "$NS" link set vb up
expect_ifindex lo 1
expect_ifindex va 2
expect_ifindex vb 3

# --- captures, in this exact order ------------------------------------------
capture link_set_up      $RTM_NEWLINK link set va up
capture link_set_mtu     $RTM_NEWLINK link set va mtu 1400
capture addr_add_v4      $RTM_NEWADDR addr add 198.18.0.1/24 dev va
capture addr_add_v6      $RTM_NEWADDR addr add fd42:6e73::1/64 dev va nodad

capture link_add_bridge  $RTM_NEWLINK link add br0 type bridge
capture link_add_veth    $RTM_NEWLINK link add v0 type veth peer name v1
capture link_add_macvlan $RTM_NEWLINK link add link va name mv0 type macvlan mode bridge
capture link_add_vxlan   $RTM_NEWLINK link add vx0 type vxlan id 42 dstport 4789 dev va
capture link_add_ifb     $RTM_NEWLINK link add ifb0 type ifb
expect_ifindex br0 4
expect_ifindex v1 5
expect_ifindex v0 6
expect_ifindex mv0 7
expect_ifindex vx0 8
expect_ifindex ifb0 9
capture link_del         $RTM_DELLINK link del br0

capture route_add_v4        $RTM_NEWROUTE route add 198.18.5.0/24 via 198.18.0.2 dev va metric 100
capture route_add_default   $RTM_NEWROUTE route add default via 198.18.0.2
capture route_add_multipath $RTM_NEWROUTE route add 198.18.6.0/24 nexthop via 198.18.0.2 dev va weight 1 nexthop via 198.18.0.3 dev va weight 2
capture route_add_blackhole $RTM_NEWROUTE route add blackhole 198.18.7.0/24
capture neigh_add           $RTM_NEWNEIGH neigh add 198.18.0.9 lladdr 02:00:00:00:00:09 dev va nud permanent
capture rule_add            $RTM_NEWRULE  rule add from 198.18.8.0/24 table 100 priority 1000

# Link kinds that may be missing from the kernel ("Unknown device type"):
# iproute2 still sends the request. They run last so that, on a kernel that
# does support them, they cannot shift any ifindex used above.
ALLOW_FAIL=1 capture link_add_dummy  $RTM_NEWLINK link add d0 type dummy
ALLOW_FAIL=1 capture link_add_vlan   $RTM_NEWLINK link add link va name va.100 type vlan id 100
ALLOW_FAIL=1 capture link_add_ipvlan $RTM_NEWLINK link add link va name ipv0 type ipvlan mode l2
ALLOW_FAIL=1 capture link_add_bond   $RTM_NEWLINK link add bond0 type bond mode active-backup

echo "iproute2: $("$IP" -V)"
echo "golden files written to $OUTDIR"
