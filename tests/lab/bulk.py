#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""bulk.py: a bounded TCP bulk transfer for the lab (python3 stdlib only).

  bulk.py server --bind ADDR [--bind ADDR...] [--port P] [--lifetime S]
  bulk.py client HOST [--port P] [--bytes N] [--dir up|down|both]
                      [--stall S] [--timeout S]

The server prints "listening ..." once every address is bound, then serves until
--lifetime seconds have passed (the harness stops it by PID before that).  Each client
connection starts with one request: b"U" + 8-byte length (the client then sends that
many bytes and the server answers with the 8-byte count it received) or b"D" + 8-byte
length (the server sends that many bytes).

The client runs the upload, then the download, each on a connection of its own, and
prints one line per direction:

  bulk up   bytes=20971520/20971520 secs=1.53 stalled=no mss=1334 pmtu=1374
  bulk down bytes=1448/20971520 secs=3.01 stalled=yes mss=1460 pmtu=1500

Progress is what the other end has taken: for the upload the bytes the server has
acknowledged (TCP_INFO tcpi_bytes_acked, so the socket buffer cannot hide a stall), for
the download the bytes received.  No progress for --stall seconds = stalled; the whole
direction may take --timeout seconds at most.  mss/pmtu are the client socket's
tcpi_snd_mss and tcpi_pmtu at the end.  Exit 0 when every direction moved all its
bytes, 1 when one stalled or timed out, 2 on a usage or connection error.
"""

import argparse
import selectors
import socket
import struct
import sys
import threading
import time

CHUNK = 65536
HEADER = struct.Struct("!cQ")
# struct tcp_info (linux/tcp.h): byte offsets of the fields read here.
TI_SND_MSS, TI_PMTU, TI_BYTES_ACKED = 16, 60, 120


def tcp_info(sock):
    """(snd_mss, pmtu, bytes_acked) of a connected socket."""
    raw = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    if len(raw) < TI_BYTES_ACKED + 8:
        return 0, 0, 0
    mss = struct.unpack_from("I", raw, TI_SND_MSS)[0]
    pmtu = struct.unpack_from("I", raw, TI_PMTU)[0]
    acked = struct.unpack_from("Q", raw, TI_BYTES_ACKED)[0]
    return mss, pmtu, acked


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        part = sock.recv(n - len(buf))
        if not part:
            raise ConnectionError("peer closed early")
        buf += part
    return buf


# ---------------------------------------------------------------------------- server

def serve_one(conn, lifetime):
    conn.settimeout(lifetime)
    with conn:
        try:
            op, size = HEADER.unpack(recv_exact(conn, HEADER.size))
            if op == b"U":
                got = 0
                while got < size:
                    part = conn.recv(CHUNK)
                    if not part:
                        break
                    got += len(part)
                conn.sendall(struct.pack("!Q", got))
            elif op == b"D":
                block = bytes(CHUNK)
                left = size
                while left > 0:
                    n = conn.send(block[: min(left, CHUNK)])
                    left -= n
                conn.shutdown(socket.SHUT_WR)
                conn.recv(1)  # wait for the client to close: all data delivered
        except OSError:
            pass  # the client gave up (stall) or the lifetime ran out


def server(args):
    socks = []
    for addr in args.bind:
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, args.port))
        s.listen(8)
        socks.append(s)
    print(f"listening {' '.join(args.bind)} port {args.port}", flush=True)
    deadline = time.monotonic() + args.lifetime
    sel = selectors.DefaultSelector()
    for s in socks:
        sel.register(s, selectors.EVENT_READ)
    while (left := deadline - time.monotonic()) > 0:
        for key, _ in sel.select(timeout=min(left, 1.0)):
            conn, peer = key.fileobj.accept()
            print(f"connection from {peer[0]}", flush=True)
            threading.Thread(target=serve_one, args=(conn, max(left, 1.0)),
                             daemon=True).start()
    return 0


# ---------------------------------------------------------------------------- client

class Transfer:
    """One direction: the progress clock and the result line."""

    def __init__(self, name, size, stall, timeout):
        self.name, self.size, self.stall = name, size, stall
        self.start = self.last = time.monotonic()
        self.deadline = self.start + timeout
        self.done = 0
        self.why = ""

    def progress(self, done):
        now = time.monotonic()
        if done > self.done:
            self.done, self.last = done, now
        if now - self.last >= self.stall:
            self.why = f"no progress for {self.stall:g}s"
        elif now >= self.deadline:
            self.why = "overall timeout"
        return not self.why

    def report(self, sock):
        mss, pmtu, _ = tcp_info(sock)
        secs = time.monotonic() - self.start
        ok = self.done >= self.size and not self.why
        print(f"bulk {self.name:<4} bytes={self.done}/{self.size} secs={secs:.2f} "
              f"stalled={'no' if ok else 'yes'} mss={mss} pmtu={pmtu}"
              + (f" ({self.why})" if self.why else ""), flush=True)
        return ok


def upload(sock, t):
    sock.setblocking(False)
    sent, block, reply = 0, bytes(CHUNK), b""
    sel = selectors.DefaultSelector()
    sel.register(sock, selectors.EVENT_WRITE)
    while t.progress(max(0, tcp_info(sock)[2] - HEADER.size - 1)):
        if sent == t.size and len(reply) == 8:
            break
        for _, ev in sel.select(timeout=0.1):
            if ev & selectors.EVENT_WRITE:
                try:
                    sent += sock.send(block[: min(CHUNK, t.size - sent)])
                except BlockingIOError:
                    pass
                if sent == t.size:
                    sock.shutdown(socket.SHUT_WR)
                    sel.modify(sock, selectors.EVENT_READ)
            if ev & selectors.EVENT_READ:
                part = sock.recv(8 - len(reply))
                if not part:
                    t.why = "server closed without a count"
                    return
                reply += part
    if len(reply) == 8:
        # the server's own count is the truth about what arrived
        t.done = struct.unpack("!Q", reply)[0]
        if t.done != t.size:
            t.why = f"server received {t.done} of {t.size}"


def download(sock, t):
    sock.setblocking(False)
    got = 0
    sel = selectors.DefaultSelector()
    sel.register(sock, selectors.EVENT_READ)
    while got < t.size and t.progress(got):
        for _ in sel.select(timeout=0.1):
            try:
                part = sock.recv(CHUNK)
            except BlockingIOError:
                continue
            if not part:
                t.why = "server closed early"
                t.done = got
                return
            got += len(part)
    t.progress(got)
    t.done = got


def client(args):
    ok = True
    for name, op, fn in (("up", b"U", upload), ("down", b"D", download)):
        if args.dir not in (name, "both"):
            continue
        try:
            sock = socket.create_connection((args.host, args.port), timeout=args.stall)
        except OSError as e:
            print(f"bulk {name:<4} connect to {args.host} port {args.port}: {e}", flush=True)
            return 2
        with sock:
            t = Transfer(name, args.bytes, args.stall, args.timeout)
            try:
                sock.sendall(HEADER.pack(op, args.bytes))
                fn(sock, t)
            except OSError as e:
                t.why = f"socket error: {e}"
            ok = t.report(sock) and ok
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("server")
    s.add_argument("--bind", action="append", required=True)
    s.add_argument("--port", type=int, default=5001)
    s.add_argument("--lifetime", type=float, default=150)
    c = sub.add_parser("client")
    c.add_argument("host")
    c.add_argument("--port", type=int, default=5001)
    c.add_argument("--bytes", type=int, default=20 * 1024 * 1024)
    c.add_argument("--dir", choices=("up", "down", "both"), default="both")
    c.add_argument("--stall", type=float, default=4)
    c.add_argument("--timeout", type=float, default=30)
    args = ap.parse_args()
    return server(args) if args.cmd == "server" else client(args)


if __name__ == "__main__":
    sys.exit(main())
