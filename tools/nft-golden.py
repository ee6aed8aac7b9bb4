#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Captures the golden bytes of netns-nftables: for each ruleset of the corpus, what `nft -j -f` sends
to the kernel (strace of nft in a throwaway namespace), and what `nft -j list ruleset` prints after.

    tools/nft-golden.py [NAME...]      (as root; default: every corpus file)

Reads netns-nftables/src/test/resources/io/netns/nftables/corpus/NAME.json, writes golden/NAME.hex
(the batch of the last sendmsg, one netlink message in hex per line) and golden/NAME.list.json. The
namespace is named nftgold-PID and deleted afterwards, also on failure; nothing runs in the root
namespace. Needs nft (Debian nftables 1.0.6), strace and ip.
"""
import os, pathlib, re, struct, subprocess, sys, tempfile

RES = pathlib.Path(__file__).resolve().parent.parent / 'netns-nftables/src/test/resources/io/netns/nftables'

def capture(src, ns):
    trace = tempfile.mktemp(prefix='nftgold-')
    try:
        subprocess.run(['ip', 'netns', 'add', ns], check=True)
        subprocess.run(['ip', '-n', ns, 'link', 'set', 'lo', 'up'], check=True)
        r = subprocess.run(['ip', 'netns', 'exec', ns, 'strace', '-qq', '-e', 'trace=sendmsg', '-e', 'write=3',
                            '-o', trace, 'nft', '-j', '-f', str(src)], capture_output=True, text=True)
        if r.returncode:
            sys.exit(f'nft -j -f {src} failed: {r.stderr}')
        listing = subprocess.run(['ip', 'netns', 'exec', ns, 'nft', '-j', 'list', 'ruleset'], capture_output=True,
                                 text=True, check=True).stdout
    finally:
        subprocess.run(['ip', 'netns', 'del', ns], stderr=subprocess.DEVNULL)
    dumps, cur = [], None
    with open(trace) as f:
        for line in f:
            if re.match(r'\s*\* \d+ bytes in buffer', line):
                cur = bytearray()
                dumps.append(cur)
                continue
            m = re.match(r'\s*\| [0-9a-f]{5}  ((?:[0-9a-f]{2} {1,2})+)', line)
            if m and cur is not None:
                cur += bytes.fromhex(m.group(1).replace(' ', ''))
    os.unlink(trace)
    batch, p, messages = bytes(dumps[-1]), 0, []
    while p + 16 <= len(batch):
        n = struct.unpack_from('<I', batch, p)[0]
        messages.append(batch[p:p + n].hex())
        p += (n + 3) & ~3
    return messages, listing

def main():
    names = sys.argv[1:] or sorted(p.stem for p in (RES / 'corpus').glob('*.json'))
    (RES / 'golden').mkdir(exist_ok=True)
    for name in names:
        messages, listing = capture(RES / 'corpus' / f'{name}.json', f'nftgold-{os.getpid()}')
        (RES / 'golden' / f'{name}.hex').write_text('\n'.join(messages) + '\n')
        (RES / 'golden' / f'{name}.list.json').write_text(listing)
        print(f'{name}: {len(messages)} messages')

if __name__ == '__main__':
    main()
