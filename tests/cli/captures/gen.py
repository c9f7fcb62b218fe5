#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Writes the synthetic capture files that tests/cli/inspect.sh reads.

Usage: gen.py DIR      write every file into DIR (the committed ones live next
                       to this script; inspect.sh regenerates them into a
                       temporary directory, through inspect_check.py make and
                       good_files()/bad_files(), and compares, so they cannot drift).

Every packet is built here byte by byte, with correct ICMP checksums (the
parser rejects bad ones), from RFC 5737 and RFC 3849 documentation
addresses. Probes follow src/wire/wire_build.c: IPv4 with DF and id = seq, or
IPv6; ICMP echo request; data = 8-byte cookie, then byte k = k & 0xff.
Deterministic: fixed time stamps, no randomness."""
import os
import struct
import sys

T0 = 1700000000  # 2023-11-14, an arbitrary fixed epoch second

# LINKTYPE_ values (pcap-linktype(7)).
LT_ETHERNET, LT_RAW, LT_LINUX_SLL, LT_IEEE802_11 = 1, 101, 113, 105
LT_IPV4, LT_IPV6, LT_LINUX_SLL2 = 228, 229, 276

WAN_SRC, WAN_DST, R1 = "192.0.2.10", "198.51.100.20", "203.0.113.1"
TUN_DST, TUN_GW = "203.0.113.50", "192.0.2.1"
V6_SRC, V6_DST, V6_R1 = "2001:db8:1::10", "2001:db8:2::20", "2001:db8:ff::1"
COOKIE1 = bytes.fromhex("a1b2c3d4e5f60718")
COOKIE2 = bytes.fromhex("0badc0de12345678")
COOKIE6 = bytes.fromhex("6666777788889999")


def v4(a):
    return bytes(int(x) for x in a.split("."))


def v6(a):
    head, _, tail = a.partition("::")
    h = [int(x, 16) for x in head.split(":") if x]
    t = [int(x, 16) for x in tail.split(":") if x]
    return struct.pack("!8H", *(h + [0] * (8 - len(h) - len(t)) + t))


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def icmp(typ, code, rest, data, pseudo=b""):
    msg = struct.pack("!BBH", typ, code, 0) + rest + data
    return msg[:2] + struct.pack("!H", csum(pseudo + msg)) + msg[4:]


def ip4(src, dst, payload, proto=1, ident=0, df=True, ttl=64, total=None):
    tot = 20 + len(payload) if total is None else total
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, tot, ident, 0x4000 if df else 0,
                    ttl, proto, 0, v4(src), v4(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ip6(src, dst, payload, nh=58, hlim=64):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, hlim,
                       v6(src), v6(dst)) + payload


def pseudo6(src, dst, n):
    return v6(src) + v6(dst) + struct.pack("!IxxxB", n, 58)


def probe_data(cookie, n):
    return cookie + bytes(k & 0xFF for k in range(8, n))


def probe4(src, dst, ident, seq, size, cookie):
    data = probe_data(cookie, size - 28)
    return ip4(src, dst, icmp(8, 0, struct.pack("!HH", ident, seq), data), ident=seq)


def reply4(probe):
    """The target's echo reply: same data, addresses swapped, type 0."""
    ihl = (probe[0] & 15) * 4
    ident, seq = struct.unpack("!HH", probe[ihl + 4:ihl + 8])
    return ip4(socket_str4(probe[16:20]), socket_str4(probe[12:16]),
               icmp(0, 0, struct.pack("!HH", ident, seq), probe[ihl + 8:]), df=False)


def socket_str4(b):
    return ".".join(str(x) for x in b)


def ptb4(router, probe, mtu, quote=548, code=4, typ=3):
    """RFC 1191 fragmentation needed; quotes up to 576 - 28 bytes (RFC 1812)."""
    rest = struct.pack("!HH", 0, mtu) if (typ, code) == (3, 4) else b"\0\0\0\0"
    return ip4(router, socket_str4(probe[12:16]), icmp(typ, code, rest, probe[:quote]), df=False)


def probe6(src, dst, ident, seq, size, cookie):
    data = probe_data(cookie, size - 48)
    msg = icmp(128, 0, struct.pack("!HH", ident, seq), data, pseudo6(src, dst, 8 + len(data)))
    return ip6(src, dst, msg)


def reply6(src, dst, probe, hlim=255):
    """As probe --pcap writes it: the IPv6 header rebuilt, hop limit 255."""
    body = probe[48:]
    ident, seq = struct.unpack("!HH", probe[44:48])
    msg = icmp(129, 0, struct.pack("!HH", ident, seq), body, pseudo6(src, dst, 8 + len(body)))
    return ip6(src, dst, msg, hlim=hlim)


def ptb6(router, dst, probe, mtu, quote=1232):
    """RFC 4443 §3.2: as much of the probe as fits in 1280 bytes."""
    data = probe[:quote]
    msg = icmp(2, 0, struct.pack("!I", mtu), data, pseudo6(router, dst, 8 + len(data)))
    return ip6(router, dst, msg, hlim=255)


def udp4(src, dst, n):
    return ip4(src, dst, struct.pack("!HHHH", 5353, 53, 8 + n, 0) + bytes(n), proto=17)


def tcp4(src, dst):
    return ip4(src, dst, struct.pack("!HHIIBBHHH", 443, 50000, 1, 1, 0x50, 0x10, 65535, 0, 0), proto=6)


def ping4(src, dst, ident, seq, reply=False):
    """iputils ping: a 16-byte time stamp, then byte k = k (so not a probe)."""
    data = struct.pack("<QQ", T0, 123456) + bytes(k & 0xFF for k in range(16, 56))
    msg = icmp(0 if reply else 8, 0, struct.pack("!HH", ident, seq), data)
    return ip4(dst, src, msg) if reply else ip4(src, dst, msg)


def ns6(src):
    """An ICMPv6 neighbour solicitation: ICMPv6, but neither echo nor error."""
    dst = "ff02::1:ff00:20"
    data = v6(V6_DST)
    return ip6(src, dst, icmp(135, 0, b"\0\0\0\0", data, pseudo6(src, dst, 8 + len(data))), hlim=255)


# ---- link layers ----

MAC_A, MAC_B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")


def ethertype(pkt):
    return 0x86DD if pkt[0] >> 4 == 6 else 0x0800


def eth(pkt, tags=(), etype=None, out=True):
    hdr = (MAC_B + MAC_A) if out else (MAC_A + MAC_B)
    for tpid, vid in tags:
        hdr += struct.pack("!H", tpid) + struct.pack("!H", vid)
    frame = hdr + struct.pack("!H", ethertype(pkt) if etype is None else etype) + pkt
    return frame + bytes(max(0, 60 - len(frame)))  # minimum frame, padded


def sll(pkt, out=True, vlan=None):
    """LINKTYPE_LINUX_SLL: libpcap puts a VLAN tag back after the header."""
    proto = ethertype(pkt)
    extra = b""
    if vlan is not None:
        extra = struct.pack("!HH", vlan, proto)
        proto = 0x8100
    return struct.pack("!HHH8sH", 4 if out else 0, 1, 6, MAC_A + b"\0\0", proto) + extra + pkt


def sll2(pkt, out=True):
    return struct.pack("!HHIHBB8s", ethertype(pkt), 0, 2, 1, 4 if out else 0, 6,
                       MAC_A + b"\0\0") + pkt


# ---- file formats ----

def pcap(linktype, recs, snaplen=262144, magic=0xA1B2C3D4, major=2):
    """recs: (seconds offset, bytes) or (seconds offset, bytes, orig_len)."""
    # Parts joined once: appending to one bytes object copies it every time
    # (quadratic: the 1,000-run capture of inspect.sh took 25 s that way).
    out = [struct.pack("<IHHiIII", magic, major, 4, 0, 0, snaplen, linktype)]
    for r in recs:
        t, data = r[0], r[1]
        orig = r[2] if len(r) > 2 else len(data)
        cap = data[:snaplen]
        sec, usec = T0 + int(t), round((t - int(t)) * 1e6)
        out += [struct.pack("<IIII", sec, usec, len(cap), orig), cap]
    return b"".join(out)


def pcapng(linktype, recs, order="<"):
    """One section; order "<" little-endian, ">" big-endian (its own byte order)."""
    def block(btype, body):
        body += bytes(-len(body) % 4)
        n = 12 + len(body)
        return struct.pack(order + "II", btype, n) + body + struct.pack(order + "I", n)
    out = [block(0x0A0D0D0A, struct.pack(order + "IHHq", 0x1A2B3C4D, 1, 0, -1)),
           block(1, struct.pack(order + "HHI", linktype, 0, 262144))]
    for t, data in recs:
        ts = (T0 * 1000000) + round(t * 1e6)
        out.append(block(6, struct.pack(order + "IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data),
                                        len(data)) + data))
    return b"".join(out)


# ---- scenarios ----

def wan_run():
    """A WAN run over a 1454-byte PPPoE line: r1 answers 'fragmentation
    needed', the target answers what fits; 1480 goes unanswered."""
    p = {s: probe4(WAN_SRC, WAN_DST, 0x4D54, s, z, COOKIE1)
         for s, z in [(1, 1500), (2, 1492), (3, 1454), (4, 1455), (5, 1480), (6, 1454)]}
    return [
        (0.000, p[1]), (0.002, ptb4(R1, p[1], 1454)),
        (0.010, p[2]), (0.012, ptb4(R1, p[2], 1454)),
        (0.020, p[3]), (0.031, reply4(p[3])),
        (0.040, p[4]), (0.041, ptb4(R1, p[4], 1454, quote=28)),  # RFC 792: header + 8 bytes
        (0.050, p[5]),
        (1.050, p[6]), (1.061, reply4(p[6])),
    ]


def tunnel_run():
    """Through the tunnel: the local gateway refuses above 1374 (ESP)."""
    p = {s: probe4(WAN_SRC, TUN_DST, 0x4D55, s, z, COOKIE2) for s, z in [(1, 1400), (2, 1374), (3, 1375)]}
    return [
        (2.000, p[1]), (2.001, ptb4(TUN_GW, p[1], 1374)),
        (2.010, p[2]), (2.030, reply4(p[2])),
        (2.040, p[3]), (2.041, ptb4(TUN_GW, p[3], 1374)),
    ]


def noise4():
    """What else a field capture holds, each ignored for its own reason."""
    p = probe4(WAN_SRC, WAN_DST, 0x4D54, 9, 1400, COOKIE1)
    forged = reply4(probe4(WAN_SRC, WAN_DST, 0x4D54, 9, 1400, bytes(8)))
    bad = bytearray(ptb4(R1, p, 1400))
    bad[-1] ^= 0xFF
    other = probe4(WAN_SRC, "198.51.100.99", 0x4D54, 3, 1500, COOKIE1)
    return [
        (0.005, tcp4("192.0.2.33", "198.51.100.80")),
        (0.006, ping4(WAN_SRC, WAN_DST, 0x1111, 1)),
        (0.007, ping4(WAN_SRC, WAN_DST, 0x1111, 1, reply=True)),
        (0.008, udp4(WAN_SRC, "198.51.100.53", 30)),
        (0.015, forged),
        (0.016, bytes(bad)),
        (0.017, ptb4(R1, other, 1400)),             # quotes a probe to someone else
    ]


def v6_run():
    p = {s: probe6(V6_SRC, V6_DST, 0x4D56, s, z, COOKIE6)
         for s, z in [(1, 1500), (2, 1454), (3, 1455), (4, 1460)]}
    hbh = bytearray(reply6(V6_DST, V6_SRC, p[2]))
    # the same echo reply behind a hop-by-hop header (RFC 8200 §4.3, PadN)
    ext = bytes([58, 0, 1, 4, 0, 0, 0, 0])
    plen = struct.unpack("!H", hbh[4:6])[0] + 8
    hbh = bytes(hbh[:4]) + struct.pack("!HB", plen, 0) + bytes(hbh[7:40]) + ext + bytes(hbh[40:])
    return [
        (0.000, p[1]), (0.003, ptb6(V6_R1, V6_SRC, p[1], 1454)),
        (0.004, ns6(V6_SRC)),
        (0.010, p[2]), (0.025, reply6(V6_DST, V6_SRC, p[2])),
        (0.026, hbh),
        (0.030, p[3]), (0.033, ptb6(V6_R1, V6_SRC, p[3], 1454)),
        (0.040, p[4]),
    ]


def lying():
    """Packets whose own length fields lie: ignored, each with its reason."""
    p = probe4(WAN_SRC, WAN_DST, 0x4D54, 1, 1454, COOKIE1)
    liar = bytearray(probe4(WAN_SRC, WAN_DST, 0x4D54, 2, 200, COOKIE1))
    liar[2:4] = struct.pack("!H", 65535)            # claims 65535 bytes in 200
    short_hl = bytearray(reply4(p))
    short_hl[0] = 0x42                              # header length 8 bytes
    v6short = bytearray(reply6(V6_DST, V6_SRC, probe6(V6_SRC, V6_DST, 1, 1, 1280, COOKIE6)))
    v6short[4:6] = struct.pack("!H", 60000)
    broken = bytearray(p)
    broken[100] ^= 1                                # one data byte off the probe pattern
    return [
        (0.0, p), (0.001, bytes(liar)), (0.002, bytes(short_hl)), (0.003, bytes(v6short)),
        (0.004, b"\x45"), (0.005, b""), (0.006, b"\x00" * 40), (0.007, reply4(p)),
        (0.008, bytes(broken)),
    ]


def winping4(src, dst, seq, size, reply=False):
    """Windows ping -f -l N: ident 1, seq counting across runs, TTL 128, data
    'abcdefghijklmnopqrstuvw' over and over; DF set with -f."""
    data = bytes(ord("a") + k % 23 for k in range(size - 28))
    msg = icmp(0 if reply else 8, 0, struct.pack("!HH", 1, seq), data)
    if reply:
        return ip4(dst, src, msg, df=False, ttl=63)
    return ip4(src, dst, msg, ident=0x1000 + seq, ttl=128)


def windows_ping():
    """ping -f -l 1464 -n 2, -l 1426 -n 2, -l 1427 -n 1 from Windows over the
    1454-byte line: r1's frag-needed quotes only the header + 8 bytes (RFC
    792), 1454 is echoed, and the 1455 is lost (no frag-needed came back)."""
    runs = [(1, 1492), (2, 1492), (3, 1454), (4, 1454), (5, 1455)]
    p = {s: winping4(WAN_SRC, WAN_DST, s, z) for s, z in runs}
    recs = []
    for i, (s, z) in enumerate(runs):
        t = i * 1.0
        recs.append((t, p[s]))
        if z == 1492:
            recs.append((t + 0.002, ptb4(R1, p[s], 1454, quote=28)))
        elif z == 1454:
            recs.append((t + 0.011, winping4(WAN_SRC, WAN_DST, s, z, reply=True)))
    return recs


def tracepath4(src, dst, sport, dport, ttl, size):
    """iputils tracepath: UDP with DF, data = struct probehdr (a uint32 TTL in
    host order, padding, a struct timespec), then zeros."""
    data = struct.pack("<IIqq", ttl, 0, T0, 123456789) + bytes(size - 28 - 24)
    udp = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    return ip4(src, dst, udp, proto=17, ttl=ttl)


def unreach4(sender, probe, code, quote=548):
    return ip4(sender, socket_str4(probe[12:16]), icmp(3, code, b"\0\0\0\0", probe[:quote]), df=False)


def mismatched():
    """Answers that name another tool's probe but do not fit it: each ignored
    with its reason. One answer comes before its probe (two taps whose
    clocks disagree) and is still matched."""
    p1 = winping4(WAN_SRC, WAN_DST, 1, 1454)
    p2 = winping4(WAN_SRC, WAN_DST, 2, 1400)
    big = winping4(WAN_SRC, WAN_DST, 2, 1500)          # seq 2, but not at 1400
    t1 = tracepath4(WAN_SRC, WAN_DST, 40000, 44444, 1, 1500)
    t2 = tracepath4(WAN_SRC, WAN_DST, 40000, 44445, 2, 1454)
    lying_len = bytearray(t2)
    lying_len[24:26] = struct.pack("!H", 1000)          # quoted UDP length disagrees
    return [
        (0.000, ptb4(R1, p1, 1400, quote=28)),          # before its probe
        (0.001, p1),
        (0.010, p2), (0.011, ptb4(R1, big, 1400, quote=28)),
        (0.012, winping4(WAN_SRC, WAN_DST, 9, 1400, reply=True)),   # seq 9 never sent
        (0.020, t1), (0.021, ip4(R1, WAN_SRC, icmp(11, 0, b"\0\0\0\0", t1[:548]), df=False)),
        (0.030, t2), (0.031, unreach4(WAN_DST, bytes(lying_len), 3)),
        (0.032, unreach4(WAN_DST, tracepath4(WAN_SRC, WAN_DST, 40000, 44446, 2, 1454), 3)),
        (0.033, unreach4(WAN_DST, t2, 3)),
    ]


def nothing():
    """No probe of any kind: a ping without DF (BSD and macOS send these),
    its reply, a DNS query with DF, TCP."""
    nodf = ip4(WAN_SRC, WAN_DST, icmp(8, 0, struct.pack("!HH", 7, 1), bytes(56)), df=False)
    return [(0.0, tcp4("192.0.2.33", "198.51.100.80")), (0.1, nodf),
            (0.2, udp4(WAN_SRC, "198.51.100.53", 30))]


def sort(recs):
    return sorted(recs, key=lambda r: r[0])


def good_files():
    wan = sort(wan_run() + noise4())
    both = sort(wan + tunnel_run())
    v6r = v6_run()
    arp = bytes.fromhex("0001080006040001") + MAC_A + v4(WAN_SRC) + bytes(6) + v4(R1)
    eth_recs = [(t, eth(d, tags=[(0x8100, 100)] if i % 2 else [(0x88A8, 10), (0x8100, 100)],
                        out=d[12:16] == v4(WAN_SRC)))
                for i, (t, d) in enumerate(wan_run())]
    eth_recs += [(0.0001, eth(arp, etype=0x0806)), (0.0002, MAC_A + MAC_B)]
    black = [(i * 0.5, probe4(WAN_SRC, WAN_DST, 7, i + 1, z, COOKIE2))
             for i, z in enumerate([1500, 1492, 1454, 1400])]
    black.append((1.6, reply4(black[3][1])))
    return {
        "raw-v4.pcap": pcap(LT_RAW, both),
        "raw-v4.pcapng": pcapng(LT_RAW, both),
        "raw-v6.pcap": pcap(LT_RAW, v6r),
        "ipv4-linktype.pcap": pcap(LT_IPV4, tunnel_run()),
        "ipv6-linktype.pcap": pcap(LT_IPV6, v6r),
        "ether-vlan.pcap": pcap(LT_ETHERNET, sort(eth_recs)),
        "sll-v6.pcap": pcap(LT_LINUX_SLL, [(t, sll(d, d[8:24] == v6(V6_SRC), 42 if i == 4 else None))
                                          for i, (t, d) in enumerate(v6r)]),
        "sll2-v4.pcap": pcap(LT_LINUX_SLL2, [(t, sll2(d, d[12:16] == v4(WAN_SRC))) for t, d in wan_run()]),
        "snapped.pcap": pcap(LT_ETHERNET, [(t, eth(d)) for t, d in wan_run()], snaplen=128),
        "blackhole.pcap": pcap(LT_RAW, black),
        "lying.pcap": pcap(LT_RAW, lying()),
        "swapped-be.pcap": pcap_be(LT_RAW, tunnel_run()),
        "no-probes.pcap": pcap(LT_RAW, noise4()[:4]),
        "header-only.pcap": pcap(LT_RAW, []),
        "windows-ping.pcap": pcap(LT_ETHERNET, [(t, eth(d, out=d[12:16] == v4(WAN_SRC)))
                                                for t, d in windows_ping()]),
        "foreign-mismatch.pcap": pcap(LT_RAW, mismatched()),
        "nothing.pcap": pcap(LT_RAW, nothing()),
    }


def pcap_be(linktype, recs):
    """Big-endian pcap with nanosecond time stamps (magic a1b23c4d)."""
    out = struct.pack(">IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 262144, linktype)
    for t, data in recs:
        out += struct.pack(">IIII", T0 + int(t), round((t - int(t)) * 1e9), len(data), len(data)) + data
    return out


def bad_files():
    good = pcap(LT_RAW, tunnel_run())
    first = 24 + 16 + 1400  # file header + first record (a 1400-byte probe)
    second = first + 16 + 576  # + its 576-byte fragmentation needed
    hdr = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, LT_RAW)
    p = probe4(WAN_SRC, WAN_DST, 0x4D54, 1, 1454, COOKIE1)
    ng_good = pcapng(LT_RAW, tunnel_run())
    ng_first = len(pcapng(LT_RAW, [])) + 32 + 1400  # SHB, IDB, the first packet block
    return {
        "empty.pcap": b"",
        "tiny.pcap": b"\xd4\xc3",
        "short-header.pcap": good[:20],
        "short-pcapng.pcapng": pcapng(LT_RAW, [])[:20],
        "garbage.pcap": b"GARBAGE, not a capture file at all\n" * 4,
        "archaic.pcap": pcap(LT_RAW, tunnel_run(), major=1),
        "wifi.pcap": pcap(LT_IEEE802_11, [(0.0, bytes(40))]),
        # a record cut off inside its data, after good records
        "cut-mid-record.pcap": good[:second + 16 + 700],
        # after good records, 7 bytes of a 16-byte record header
        "cut-record-header.pcap": good[:first + 7],
        # the first record claims 4 GB
        "huge-caplen.pcap": hdr + struct.pack("<IIII", T0, 0, 0xFFFFFFFF, 0xFFFFFFFF) + p,
        # the first record holds more bytes than the packet had
        "caplen-over-len.pcap": hdr + struct.pack("<IIII", T0, 0, len(p), 100) + p,
        # a good probe, then a record that holds more than the packet had
        "caplen-over-len-late.pcap": good[:first] + struct.pack("<IIII", T0, 0, len(p), 100) + p,
        # pcapng whose second block claims a length below the minimum
        "bad-block.pcapng": pcapng(LT_RAW, [])[:28] + struct.pack("<II", 1, 4) + bytes(16),
        # pcapng cut inside its second packet block
        "cut-mid-block.pcapng": ng_good[:ng_first + 100],
        # pcapng whose second packet block ends with a length that disagrees
        "bad-trailer.pcapng": ng_good[:ng_first] + struct.pack("<II", 6, 48)
        + struct.pack("<IIIII", 0, 0, 0, 16, 16) + bytes(16) + struct.pack("<I", 44),
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen.py DIR")
    for name, data in {**good_files(), **bad_files()}.items():
        with open(os.path.join(sys.argv[1], name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
