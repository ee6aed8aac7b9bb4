#!/usr/bin/env python3
"""Rewrites golden netlink fixtures (one message in hex) as commented hex, one field per line.

    tools/annotate-golden.py FILE.hex...

A fixture may already be annotated: everything after '#' on a line is a comment and whitespace is
ignored, so the bytes are read back the same way the tests read them (GoldenFixtures.java). Field
names come from the constants the library generates from the kernel headers
(netns-netlink/src/main/java/io/netns/netlink/wire/*.java), so a fixture reads like the C structs.
"""
import pathlib, re, struct, sys

WIRE = pathlib.Path(__file__).resolve().parent.parent / 'netns-netlink/src/main/java/io/netns/netlink/wire'

def constants(cls, prefix):
    out = {}
    for m in re.finditer(r'public static final int (\w+) = (-?\w+);', (WIRE / f'{cls}.java').read_text()):
        if m.group(1).startswith(prefix):
            out.setdefault(int(m.group(2), 0), m.group(1))
    return out

RTM = constants('Rtm', 'RTM_')
IFLA, INFO, RTA, IFA, NDA, FRA = (constants('Ifla', 'IFLA_'), constants('IflaInfo', 'IFLA_INFO_'),
                                  constants('Rta', 'RTA_'), constants('Ifa', 'IFA_'), constants('Nda', 'NDA_'),
                                  constants('Fra', 'FRA_'))
DATA = {'vxlan': constants('IflaVxlan', 'IFLA_VXLAN_'), 'vlan': constants('IflaVlan', 'IFLA_VLAN_'),
        'macvlan': constants('IflaMacvlan', 'IFLA_MACVLAN_'), 'ipvlan': constants('IflaIpvlan', 'IFLA_IPVLAN_'),
        'bond': constants('IflaBond', 'IFLA_BOND_'), 'bridge': constants('IflaBr', 'IFLA_BR_'),
        'veth': {1: 'VETH_INFO_PEER'}}
FLAGS = [(1, 'REQUEST'), (4, 'ACK'), (0x100, 'REPLACE'), (0x200, 'EXCL'), (0x400, 'CREATE'), (0x300, 'DUMP')]
FIXED = {'LINK': ('ifinfomsg', '<BxHiII', ['family', 'type', 'index', 'flags', 'change']),
         'ADDR': ('ifaddrmsg', '<BBBBi', ['family', 'prefixlen', 'flags', 'scope', 'index']),
         'ROUTE': ('rtmsg', '<BBBBBBBBI', ['family', 'dst_len', 'src_len', 'tos', 'table', 'protocol', 'scope', 'type', 'flags']),
         'NEIGH': ('ndmsg', '<BxxxiHBB', ['family', 'ifindex', 'state', 'flags', 'type']),
         'RULE': ('fib_rule_hdr', '<BBBBBBBBI', ['family', 'dst_len', 'src_len', 'tos', 'table', 'res1', 'res2', 'action', 'flags'])}

def hx(b):
    return b.hex()

def read(path):
    text = ''.join(line.split('#', 1)[0] for line in path.read_text().splitlines())
    return bytes.fromhex(''.join(text.split()))

def fixed(out, data, off, kind, indent):
    name, fmt, fields = FIXED[kind]
    size = struct.calcsize(fmt)
    values = struct.unpack_from(fmt, data, off)
    out.append(f'{indent}# struct {name}')
    pos = off
    for f, (c, v) in zip(fields, zip(re.findall(r'x+|[BHiI]', fmt[1:]), [None] * 99)):
        pass
    # walk the format with padding
    i = 0
    for code in re.findall(r'x|[BHiI]', fmt[1:]):
        n = struct.calcsize('<' + code)
        if code == 'x':
            out.append(f'{indent}{hx(data[pos:pos + n])}  # pad')
        else:
            v = struct.unpack_from('<' + code, data, pos)[0]
            out.append(f'{indent}{hx(data[pos:pos + n])}  # {fields[i]} {v}')
            i += 1
        pos += n
    return off + size

def attrs(out, data, off, end, names, indent, kind=None):
    while off + 4 <= end:
        ln, typ = struct.unpack_from('<HH', data, off)
        t = typ & 0x3fff
        name = names.get(t, f'type {t}')
        val = data[off + 4:off + ln]
        out.append(f'{indent}{hx(data[off:off + 4])}  # nlattr len {ln} {name}')
        if name == 'IFLA_LINKINFO':
            k = None
            p = off + 4
            while p + 4 <= off + ln:
                l2, t2 = struct.unpack_from('<HH', data, p)
                if t2 == 1:
                    k = data[p + 4:p + l2].rstrip(b'\0').decode()
                p += (l2 + 3) & ~3
            attrs(out, data, off + 4, off + ln, INFO, indent + '  ', k)
        elif name == 'IFLA_INFO_DATA' and kind in DATA:
            if kind == 'veth':
                p = off + 4
                l2, t2 = struct.unpack_from('<HH', data, p)
                out.append(f'{indent}  {hx(data[p:p + 4])}  # nlattr len {l2} VETH_INFO_PEER')
                q = fixed(out, data, p + 4, 'LINK', indent + '    ')
                attrs(out, data, q, p + l2, IFLA, indent + '    ')
            else:
                attrs(out, data, off + 4, off + ln, DATA[kind], indent + '  ')
        elif name in ('RTA_METRICS',):
            attrs(out, data, off + 4, off + ln, {2: 'RTAX_MTU'}, indent + '  ')
        elif name == 'RTA_MULTIPATH':
            p = off + 4
            while p + 8 <= off + ln:
                l2, fl, hops, idx = struct.unpack_from('<HBBi', data, p)
                out.append(f'{indent}  {hx(data[p:p + 8])}  # rtnexthop len {l2} flags {fl} hops {hops} (weight {hops + 1}) ifindex {idx}')
                attrs(out, data, p + 8, p + l2, RTA, indent + '    ')
                p += (l2 + 3) & ~3
        elif val:
            desc = ''
            if name.endswith(('NAME', 'KIND', 'LABEL')) or name in ('IFLA_IFNAME',):
                desc = ' "' + val.rstrip(b'\0').decode(errors='replace') + '"'
            elif len(val) == 4 and not any(s in name for s in ('DST', 'SRC', 'GATEWAY', 'LOCAL', 'ADDRESS', 'GROUP', 'PREFSRC', 'BROADCAST')):
                desc = f' = {struct.unpack("<I", val)[0]}'
            elif len(val) == 2:
                desc = f' = {struct.unpack("<H", val)[0]} (be {struct.unpack(">H", val)[0]})'
            elif len(val) == 1:
                desc = f' = {val[0]}'
            elif len(val) in (4, 16):
                import ipaddress
                desc = ' ' + str(ipaddress.ip_address(val))
            elif len(val) == 6:
                desc = ' ' + ':'.join(f'{b:02x}' for b in val)
            out.append(f'{indent}  {hx(val)}  # value{desc}')
            pad = ((ln + 3) & ~3) - ln
            if pad and off + ln + pad <= end:
                out.append(f'{indent}  {hx(data[off + ln:off + ln + pad])}  # pad')
        off += (ln + 3) & ~3

def annotate(path):
    data = read(path)
    ln, typ, flags, seq, pid = struct.unpack_from('<IHHII', data, 0)
    tname = RTM.get(typ, str(typ))
    fl = '|'.join(n for v, n in FLAGS if flags & v == v and v != 0x300) or '0'
    out = [f'# {path.stem}: one netlink message exactly as iproute2 6.1 sent it (see README.md).',
           '# Hex bytes; "#" starts a comment. Multi-byte fields are little-endian unless marked (be).',
           '# struct nlmsghdr',
           f'{hx(data[0:4])}  # nlmsg_len {ln}', f'{hx(data[4:6])}  # nlmsg_type {tname}',
           f'{hx(data[6:8])}  # nlmsg_flags {fl}', f'{hx(data[8:12])}  # nlmsg_seq (ip\'s own; the tests ignore it)',
           f'{hx(data[12:16])}  # nlmsg_pid {pid}']
    kind = tname[7:]
    off = fixed(out, data, 16, kind, '')
    names = {'LINK': IFLA, 'ADDR': IFA, 'ROUTE': RTA, 'NEIGH': NDA, 'RULE': FRA}[kind]
    attrs(out, data, off, ln, names, '')
    text = '\n'.join(out) + '\n'
    path.write_text(text)
    assert read(path) == data, path

for p in sys.argv[1:]:
    annotate(pathlib.Path(p))
