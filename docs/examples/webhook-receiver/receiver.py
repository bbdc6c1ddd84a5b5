#!/usr/bin/env python3
"""A small webhook receiver for the grid suite: verifies Standard Webhooks signatures and fans events out.

Python 3.9+, standard library only. Run it where notification-service can reach it (in production: a public https
URL in front of it), then subscribe its URL (docs/webhooks.md):

    WEBHOOK_SECRET=whsec_... python3 receiver.py --port 9000

Before the subscription exists the service sends a verification request with a challenge; this receiver answers it
(signed with the secret the creation will return, which it does not know yet — so it answers the challenge without
checking, and nothing else). Every other request must carry a valid signature and a timestamp within 5 minutes, or
it is refused with 401 (the service then retries; a receiver that keeps refusing gets its subscription disabled).

Each verified CloudEvent goes to `deliver(event)`: replace its body with your channel — an SMS gateway, WeChat
template messages, app push (APNs/FCM) — keyed by the event's type and data. `webhook-id` is the same on every retry
and redelivery of a delivery: remember the ones handled (here in memory; use a table with a unique key in earnest)
and answer 2xx again for a repeat without sending a second SMS.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60
VERIFICATION_TYPE = "cn.grid.notification.webhook.verification.v1"


class InvalidSignature(Exception):
    pass


def verify(secrets, headers, body):
    """Standard Webhooks: HMAC-SHA256 over '<webhook-id>.<webhook-timestamp>.<body>', keyed with the base64 after
    whsec_; the header holds 'v1,<base64>' signatures separated by spaces (two during a secret rotation)."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise InvalidSignature("missing webhook-id, webhook-timestamp or webhook-signature")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise InvalidSignature("webhook-timestamp is not a number")
    if abs(time.time() - sent_at) > TOLERANCE_SECONDS:
        raise InvalidSignature("webhook-timestamp too far from now (replayed?)")
    signed = f"{msg_id}.{timestamp}.".encode() + body
    for secret in secrets:
        key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        for candidate in signatures.split(" "):
            version, _, signature = candidate.partition(",")
            if version == "v1" and hmac.compare_digest(signature, expected):
                return
    raise InvalidSignature("no signature matches")


handled_ids = set()  # webhook-ids already handled: a retry or redelivery must not send a second message


def deliver(event):
    """Where the integrator's channel goes. Examples by type:
    - cn.grid.notification.created.v1: a person's new inbox notification -> app push / SMS to that person
    - cn.grid.request.dispatched.v1: a ticket dispatched -> WeChat template message to the assignee
    - cn.grid.request.resolved.v1: resolved -> SMS to the citizen asking for a rating
    """
    print(f"{event['type']} {event['id']} subject={event.get('subject')}", flush=True)


class Handler(BaseHTTPRequestHandler):
    secrets = []

    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        if length > 1_000_000:
            return self.answer(413, {"error": "too large"})
        body = self.rfile.read(length)
        try:
            event = json.loads(body)
        except ValueError:
            return self.answer(400, {"error": "not JSON"})
        if event.get("type") == VERIFICATION_TYPE:
            # the subscription is being created: echo the challenge to prove this URL wants the events
            return self.answer(200, {"challenge": event["data"]["challenge"]})
        try:
            verify(self.secrets, self.headers, body)
        except InvalidSignature as e:
            return self.answer(401, {"error": str(e)})
        webhook_id = self.headers["webhook-id"]
        if webhook_id not in handled_ids:
            deliver(event)
            handled_ids.add(webhook_id)
        self.answer(204, None)

    def answer(self, status, payload):
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if payload is not None:
            self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    # during a rotation put both secrets here, space-separated, until the old one's grace period is over
    Handler.secrets = os.environ.get("WEBHOOK_SECRET", "").split()
    if not Handler.secrets:
        # enough to answer the verification while subscribing; restart with the secret the creation returned
        print("WEBHOOK_SECRET unset: answering verification requests only, refusing deliveries", file=sys.stderr)
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print(f"listening on http://{args.host}:{args.port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
