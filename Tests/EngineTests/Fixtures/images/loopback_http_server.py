#!/usr/bin/env python3
"""HTTP server for bluevirt's image cache tests, on 127.0.0.1 only.

Usage: loopback_http_server.py DIRECTORY LOGFILE
Prints the port it bound (an ephemeral one) on the first line of stdout, then serves:
  GET /files/NAME      the file DIRECTORY/NAME, with its Content-Length
  GET /truncated/NAME  announces the full Content-Length of DIRECTORY/NAME, sends half, closes
  GET /stalled/NAME    announces the full Content-Length, sends half, then sends nothing for 60 s
  anything else        404
Every request's path is appended to LOGFILE as one line, before it is answered, so a test can
count how often the server was asked.
"""
import http.server
import os
import sys
import threading
import time

directory, log_path = sys.argv[1], sys.argv[2]
log_lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with log_lock, open(log_path, "a") as log:
            log.write(self.path + "\n")
        kind, _, name = self.path.lstrip("/").partition("/")
        path = os.path.join(directory, os.path.basename(name))
        if kind not in ("files", "truncated", "stalled") or not name or not os.path.isfile(path):
            self.send_error(404)
            return
        with open(path, "rb") as source:
            body = source.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if kind in ("truncated", "stalled"):
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            if kind == "stalled":
                time.sleep(60)
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
