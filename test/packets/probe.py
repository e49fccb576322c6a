#!/usr/bin/env python3
# Probe agent for the packet tests: started once per network namespace
# (`ip netns exec NS python3 probe.py`), it reads one JSON command per line on stdin and
# answers with one JSON line on stdout, so a test sends hundreds of packets without
# spawning a process per packet.
#
#   {"op": "listen", "listeners": [{"proto": "tcp"|"udp"|"esp", "family": 4|6, "port": N}]}
#       opens wildcard listeners (ESP: a raw protocol-50 socket per family) and records the
#       probe id carried by every TCP stream, UDP datagram or ESP packet they receive.
#   {"op": "send", "timeout": 0.3, "jobs": [{"id", "proto", "family", "src", "dst", "sport", "dport"}]}
#       sends every job at once (TCP: connect from src:sport, then the id; UDP: one datagram;
#       ESP: one raw packet) and answers after `timeout` with what each client saw.
#   {"op": "ctflush"}  empties the namespace's connection tracking table (conntrack -F), so
#       one round's connections cannot pass the next round's packets as replies.
#   {"op": "collect"}  answers with the ids received since the last collect.
#   {"op": "exit"}
import json
import resource
import selectors
import socket
import sys
import threading
import time

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

ESP = 50
received = set()
lock = threading.Lock()
selector = selectors.DefaultSelector()
selector_lock = threading.Lock()
listeners = []
lingering = []


def family_of(family):
    return socket.AF_INET if family == 4 else socket.AF_INET6


def note(payload):
    text = payload.decode("ascii", "replace")
    for part in text.split("\n"):
        if part.startswith("pexnet-probe:"):
            with lock:
                received.add(part[len("pexnet-probe:"):].strip())


def reuse(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)


def open_listener(spec):
    fam = family_of(spec["family"])
    proto = spec["proto"]
    if proto == "esp":
        sock = socket.socket(fam, socket.SOCK_RAW, ESP)
    elif proto == "tcp":
        sock = socket.socket(fam, socket.SOCK_STREAM)
        reuse(sock)
        if fam == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", spec["port"]))
        sock.listen(128)
    else:
        sock = socket.socket(fam, socket.SOCK_DGRAM)
        reuse(sock)
        if fam == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", spec["port"]))
    sock.setblocking(False)
    with selector_lock:
        selector.register(sock, selectors.EVENT_READ, ("listener", proto))
    listeners.append(sock)


def serve():
    while True:
        with selector_lock:
            ready = selector.select(timeout=0) if selector.get_map() else []
        if not ready:
            time.sleep(0.002)
            continue
        for key, _ in ready:
            sock = key.fileobj
            kind, proto = key.data
            try:
                if kind == "listener" and proto == "tcp":
                    conn, _ = sock.accept()
                    conn.setblocking(False)
                    with selector_lock:
                        selector.register(conn, selectors.EVENT_READ, ("stream", "tcp"))
                elif kind == "stream":
                    data = sock.recv(4096)
                    if data:
                        note(data)
                    else:
                        with selector_lock:
                            selector.unregister(sock)
                        sock.close()
                elif proto == "esp":
                    data = sock.recv(65535)
                    # IPv4 raw sockets deliver the IP header too; skip it.
                    if sock.family == socket.AF_INET and data:
                        data = data[(data[0] & 0x0F) * 4:]
                    note(data[8:])  # after the ESP SPI and sequence number
                else:
                    data, _ = sock.recvfrom(65535)
                    note(data)
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                try:
                    with selector_lock:
                        selector.unregister(sock)
                    sock.close()
                except Exception:
                    pass


def send(jobs, timeout):
    results = {}
    pending = {}
    sel = selectors.DefaultSelector()
    keep = []
    for job in jobs:
        jid = job["id"]
        fam = family_of(job["family"])
        payload = ("pexnet-probe:%s\n" % jid).encode()
        results[jid] = {"error": None, "connected": None}
        try:
            if job["proto"] == "esp":
                sock = socket.socket(fam, socket.SOCK_RAW, ESP)
                sock.bind((job["src"], 0))
                # SPI and sequence number, then the id as the "encrypted" payload.
                sock.sendto(b"\x00\x00\x10\x01\x00\x00\x00\x01" + payload, (job["dst"], 0))
                keep.append(sock)
            elif job["proto"] == "udp":
                sock = socket.socket(fam, socket.SOCK_DGRAM)
                reuse(sock)
                sock.bind((job["src"], job.get("sport") or 0))
                sock.sendto(payload, (job["dst"], job["dport"]))
                # A socket bound to a specific address and port takes datagrams for it
                # before the wildcard listener: read it too until the next collect.
                sock.setblocking(False)
                with selector_lock:
                    selector.register(sock, selectors.EVENT_READ, ("listener", "udp"))
                lingering.append(sock)
            else:
                sock = socket.socket(fam, socket.SOCK_STREAM)
                reuse(sock)
                # Close with a reset: no TIME_WAIT to block the same ports in the next run.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                sock.bind((job["src"], job.get("sport") or 0))
                sock.setblocking(False)
                err = sock.connect_ex((job["dst"], job["dport"]))
                if err not in (0, 115):  # EINPROGRESS
                    raise OSError(err, "connect failed")
                results[jid]["connected"] = False
                pending[sock] = (jid, payload)
                sel.register(sock, selectors.EVENT_WRITE)
                keep.append(sock)
        except OSError as exc:
            results[jid]["error"] = str(exc)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=max(0.0, deadline - time.monotonic())):
            sock = key.fileobj
            jid, payload = pending.pop(sock)
            sel.unregister(sock)
            err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err == 0:
                results[jid]["connected"] = True
                try:
                    sock.send(payload)
                except OSError as exc:
                    results[jid]["error"] = str(exc)
            else:
                results[jid]["error"] = "connect: errno %d" % err
    # Give the last streams a moment to deliver their ids before the resets.
    time.sleep(0.03)
    for sock in keep:
        sock.close()
    return results


def ctflush():
    # IPCTNL_MSG_CT_DELETE without attributes flushes the table, one request per family.
    import struct
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 12)  # NETLINK_NETFILTER
    try:
        for seq, fam in enumerate((socket.AF_INET, socket.AF_INET6), start=1):
            msg = struct.pack("=IHHII", 20, (1 << 8) | 2, 0x1 | 0x4, seq, 0) + struct.pack("!BBH", fam, 0, 0)
            sock.send(msg)
            reply = sock.recv(4096)
            _, kind, _, _, _ = struct.unpack("=IHHII", reply[:16])
            error = struct.unpack("=i", reply[16:20])[0] if kind == 2 else 0
            if error not in (0, -2):  # ENOENT: nothing tracked yet
                raise OSError(-error, "conntrack flush failed")
    finally:
        sock.close()


def main():
    threading.Thread(target=serve, daemon=True).start()
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        op = cmd["op"]
        try:
            if op == "listen":
                errors = []
                for spec in cmd["listeners"]:
                    try:
                        open_listener(spec)
                    except OSError as exc:
                        errors.append("%s: %s" % (json.dumps(spec), exc))
                answer = {"ok": not errors, "errors": errors}
            elif op == "send":
                answer = {"ok": True, "results": send(cmd["jobs"], cmd.get("timeout", 0.3))}
            elif op == "ctflush":
                ctflush()
                answer = {"ok": True}
            elif op == "collect":
                time.sleep(cmd.get("wait", 0))
                with selector_lock:
                    for sock in lingering:
                        try:
                            selector.unregister(sock)
                        except (KeyError, ValueError):
                            pass
                        sock.close()
                    lingering.clear()
                with lock:
                    ids = sorted(received)
                    received.clear()
                answer = {"ok": True, "received": ids}
            elif op == "exit":
                print(json.dumps({"ok": True}), flush=True)
                return
            else:
                answer = {"ok": False, "errors": ["unknown op " + op]}
        except Exception as exc:  # report, never die silently
            answer = {"ok": False, "errors": [repr(exc)]}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
