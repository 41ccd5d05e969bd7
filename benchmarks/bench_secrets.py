"""Per-value cost of the ENC[...] envelope: encrypt and decrypt (median of batches, in process).

    python benchmarks/bench_secrets.py [--values 1000]
"""

from __future__ import annotations

import argparse
import statistics
import time

from receivers_cli.secrets.envelope import Binding, decrypt, encrypt
from receivers_cli.secrets.keys import Keyring, generate_key
from receivers_cli.secrets.names import AEAD_NAMES

URL = "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--values", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=5)
    args = parser.parse_args()
    key, public = generate_key()
    keyring = Keyring([key])
    bindings = [Binding(f"t{i % 50}", f"r{i}", ("api_url",)) for i in range(args.values)]
    for aead in AEAD_NAMES:
        enc_times, dec_times = [], []
        for _ in range(args.batches):
            start = time.perf_counter()
            envelopes = [encrypt(URL, public.public_key, public.id, b, aead) for b in bindings]
            enc_times.append((time.perf_counter() - start) / args.values)
            start = time.perf_counter()
            for envelope, binding in zip(envelopes, bindings, strict=True):
                decrypt(envelope, keyring, binding)
            dec_times.append((time.perf_counter() - start) / args.values)
        print(f"{aead:18} encrypt {statistics.median(enc_times) * 1e6:6.1f} us/value   "
              f"decrypt {statistics.median(dec_times) * 1e6:6.1f} us/value   "
              f"envelope {len(envelopes[0])} chars for a {len(URL)}-char URL")


if __name__ == "__main__":
    main()
