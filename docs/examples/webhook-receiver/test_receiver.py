#!/usr/bin/env python3
"""Checks receiver.verify against the Standard Webhooks example and a few refusals: python3 test_receiver.py"""
import time
import unittest

import receiver

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
BODY = b'{"test": 2432232314}'


class VerifyTest(unittest.TestCase):
    def headers(self, timestamp, signature):
        return {"webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": str(timestamp),
                "webhook-signature": signature}

    def test_the_specifications_example_verifies(self):
        real_time = time.time
        time.time = lambda: 1614265330
        try:
            receiver.verify([SECRET], self.headers(1614265330, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), BODY)
            # one good signature among several (a rotation) is enough
            receiver.verify([SECRET], self.headers(1614265330, "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), BODY)
            with self.assertRaises(receiver.InvalidSignature):
                receiver.verify([SECRET], self.headers(1614265330, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), BODY + b" ")
        finally:
            time.time = real_time

    def test_an_old_timestamp_is_refused(self):
        with self.assertRaises(receiver.InvalidSignature):
            receiver.verify([SECRET], self.headers(1614265330, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), BODY)


if __name__ == "__main__":
    unittest.main()
