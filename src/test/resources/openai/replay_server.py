#!/usr/bin/env python3
"""An OpenAI-compatible server that replays a recorded event stream, independent of InferBench's Java code.

Usage: replay_server.py PORT_FILE FIXTURE DELAY_MS

Binds 127.0.0.1 on a free port and writes the port to PORT_FILE once it listens. GET /v1/models lists one model,
"m"; GET /version answers {"version": "python-replay-1"}; POST /v1/completions and /v1/chat/completions stream
FIXTURE's events (blocks separated by a blank line) with DELAY_MS before each, as HTTP/1.1 chunks, and add
"inferbench_write_ns" (the epoch time of the write) to every JSON chunk, as the ground-truth server does.
A request for another model gets a 404 with an OpenAI-style error object.
"""
import http.server
import json
import os
import socket
import sys
import time

PORT_FILE, FIXTURE, DELAY_MS = sys.argv[1], sys.argv[2], float(sys.argv[3])

with open(FIXTURE, encoding="utf-8") as f:
    EVENTS = [block for block in f.read().replace("\r\n", "\n").strip().split("\n\n") if block.strip()]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # small writes go out at once, as a streaming server sends them (Nagle would hold a chunk for an ACK)
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass  # quiet: the test reads what the client saw, not the server's log

    def _json(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.rstrip("/") == "/v1/models":
            self._json(200, {"object": "list", "data": [{"id": "m", "object": "model", "owned_by": "python"}]})
        elif self.path == "/version":
            self._json(200, {"version": "python-replay-1"})
        else:
            self._json(404, {"detail": "Not Found"})

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        if request.get("model") != "m":
            self._json(404, {"object": "error", "type": "NotFoundError",
                             "message": "The model `%s` does not exist." % request.get("model")})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        for block in EVENTS:
            time.sleep(DELAY_MS / 1000.0)
            self._chunk(stamp(block).encode())
        self._chunk(b"")  # the last, empty chunk ends the body


    def _chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()


def stamp(block):
    """The block with the write time in its JSON data, read as late as possible before the write."""
    lines = []
    for line in block.split("\n"):
        if line.startswith("data:") and line[5:].strip().startswith("{"):
            obj = json.loads(line[5:])
            obj["inferbench_write_ns"] = time.time_ns()
            line = "data: " + json.dumps(obj, separators=(",", ":"))
        lines.append(line)
    return "\n".join(lines) + "\n\n"


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
tmp = PORT_FILE + ".tmp"
with open(tmp, "w") as f:
    f.write(str(server.server_address[1]))
os.replace(tmp, PORT_FILE)  # the test never reads half a port number
server.serve_forever()
