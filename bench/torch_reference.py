"""Same-machine PyTorch reference for bench/train.js, on one thread.

    python3 bench/torch_reference.py m1|m2   trains one model on random data, prints
                                             {"samplesPerSec": ..., "params": ...}
    python3 bench/torch_reference.py peak    times a @ b at 1024x1024 (float32), prints
                                             {"gflops": ...}, the single-core matmul peak

The models are bench/train-models.js's: m1 the MNIST MLP (batch 32, 300 batches), m2 the
lecture's conv+GRU with padding "same" (batch 64, 50 batches). PyTorch's GRU has a second bias
per gate (27,000 parameters against Keras's 26,850), the same products. Needs torch (Debian:
apt-get install python3-torch); bench/train.js skips PyTorch when /usr/bin/python3 lacks it.
"""
import json
import sys
import time

import torch
from torch import nn


class WisdmConvGru(nn.Module):
    """Conv1D(64,5)-MaxPool(2)-Dropout-Conv1D(128,5)-MaxPool(2)-Dropout-GRU(50, sequences)-Flatten-Dense(6)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(3, 64, 5, padding=2), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.5),
            nn.Conv1d(64, 128, 5, padding=2), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.5),
        )
        self.gru = nn.GRU(128, 50, batch_first=True)
        self.head = nn.Linear(25 * 50, 6)

    def forward(self, x):  # x: [batch, 100 timesteps, 3 axes], as Keras takes it
        h = self.features(x.transpose(1, 2)).transpose(1, 2)
        seq, _ = self.gru(h)
        return self.head(seq.flatten(1))


MODELS = {
    "m1": dict(make=lambda: nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)),
               input_shape=(784,), classes=10, batch_size=32, batches=300),
    "m2": dict(make=WisdmConvGru, input_shape=(100, 3), classes=6, batch_size=64, batches=50),
}


def train(spec):
    torch.manual_seed(0)
    model = spec["make"]()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()  # softmax is folded into the loss, as usual in PyTorch
    n = spec["batches"] * spec["batch_size"]
    x = torch.rand((n, *spec["input_shape"])) * 2 - 1
    y = torch.randint(0, spec["classes"], (n,))

    def step(i):
        batch = slice(i * spec["batch_size"], (i + 1) * spec["batch_size"])
        optimizer.zero_grad()
        loss_fn(model(x[batch]), y[batch]).backward()
        optimizer.step()

    step(0)  # warm-up
    start = time.perf_counter()
    for i in range(spec["batches"]):
        step(i)
    params = sum(p.numel() for p in model.parameters())
    return {"samplesPerSec": n / (time.perf_counter() - start), "params": params}


def matmul_peak(size=1024, seconds=1.0):
    a, b = torch.rand(size, size), torch.rand(size, size)
    a @ b  # warm-up
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        a @ b
        count += 1
    return {"gflops": 2 * size ** 3 * count / (time.perf_counter() - start) / 1e9}


if __name__ == "__main__":
    torch.set_num_threads(1)
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "peak":
        print(json.dumps(matmul_peak()))
    elif what in MODELS:
        print(json.dumps(train(MODELS[what])))
    else:
        sys.exit(f"usage: {sys.argv[0]} m1|m2|peak")
