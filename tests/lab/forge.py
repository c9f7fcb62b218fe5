#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""An on-path liar for the lab (issue 9): runs in r1's namespace, watches the
client's DF echo requests arrive on r1's LAN interface and, for every one
larger than --mtu, sends the client a forged "fragmentation needed" (RFC 792
type 3 code 4, RFC 1191 next-hop MTU) claiming the path carries only --mtu.
The real probe is forwarded untouched, so the real echo reply still comes
back: the prober must not believe the forgery.

  forge.py IFACE MTU short|full [--count-file F] [--ready-file F]

short: quote the IP header and 8 bytes (RFC 792), which cannot show the
cookie; full: quote the whole probe (cookie and all), as a capable on-path
attacker can. IPv4 only. Stops on SIGTERM; writes how many it forged to
--count-file on the way out. --ready-file is created once the sniffer is
bound, so the harness starts the prober only then (a fixed sleep lost the
race on a loaded machine: "the forger sent nothing")."""
import argparse
import signal
import socket
import struct
import sys

ETH_P_IP = 0x0800


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def forged(probe: bytes, mtu: int, mode: str) -> bytes:
    ihl = (probe[0] & 0x0F) * 4
    quote = probe[: ihl + 8] if mode == "short" else probe
    hdr = struct.pack("!BBHHH", 3, 4, 0, 0, mtu) + quote
    return hdr[:2] + struct.pack("!H", checksum(hdr)) + hdr[4:]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("iface")
    ap.add_argument("mtu", type=int)
    ap.add_argument("mode", choices=["short", "full"])
    ap.add_argument("--count-file")
    ap.add_argument("--ready-file")
    a = ap.parse_args()

    sniff = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP))
    sniff.bind((a.iface, ETH_P_IP))
    # The kernel builds the IP header: source is r1's address toward the
    # client, as a real router's error would be.
    out = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    count = 0
    running = True

    def stop(*_):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if a.ready_file:
        open(a.ready_file, "w").close()
    sniff.settimeout(0.2)
    while running:
        try:
            pkt, addr = sniff.recvfrom(65535)
        except socket.timeout:
            continue
        except InterruptedError:
            continue
        if addr[2] == socket.PACKET_OUTGOING or len(pkt) < 28 or pkt[0] >> 4 != 4:
            continue
        total = struct.unpack("!H", pkt[2:4])[0]
        df = struct.unpack("!H", pkt[6:8])[0] & 0x4000
        ihl = (pkt[0] & 0x0F) * 4
        if pkt[9] != 1 or not df or pkt[ihl] != 8 or total <= a.mtu:
            continue
        src = socket.inet_ntoa(pkt[12:16])
        out.sendto(forged(pkt[:total], a.mtu, a.mode), (src, 0))
        count += 1
    if a.count_file:
        with open(a.count_file, "w") as f:
            f.write(f"{count}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
