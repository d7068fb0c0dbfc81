#!/usr/bin/env python3
"""A stand-in provider for benchmarks: takes the alert service's webhook notifications (alert.notify.channels) on
127.0.0.1:PORT and appends one line per message to FILE: "<epoch> <json body>". Stops when killed.
   notify_receiver.py PORT FILE"""
import http.server
import sys
import time

port, out = int(sys.argv[1]), sys.argv[2]


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8", "replace")
        with open(out, "a", encoding="utf-8") as f:
            f.write(f"{time.time():.3f} {body}\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
