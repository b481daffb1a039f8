"""Same-machine PyTorch reference for bench/train.js: the same two models,
trained on random data with torch.set_num_threads(1) (tfjs's wasm backend runs
one thread here). Prints {"m1": samples_per_s, "m2": samples_per_s} as JSON.

Needs torch (Debian: apt-get install python3-torch); bench/train.js skips this
script when /usr/bin/python3 cannot import torch.
"""
import json
import time

import torch
from torch import nn


class WisdmConvGru(nn.Module):
    """Conv1D(64,5)-MaxPool(2)-Dropout-Conv1D(128,5)-MaxPool(2)-Dropout-GRU(50, sequences)-Flatten-Dense(6)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(3, 64, 5), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.5),
            nn.Conv1d(64, 128, 5), nn.ReLU(), nn.MaxPool1d(2), nn.Dropout(0.5),
        )
        self.gru = nn.GRU(128, 50, batch_first=True)
        self.head = nn.Linear(22 * 50, 6)

    def forward(self, x):  # x: [batch, 100 timesteps, 3 axes], as Keras takes it
        h = self.features(x.transpose(1, 2)).transpose(1, 2)
        seq, _ = self.gru(h)
        return self.head(seq.flatten(1))


MODELS = {
    "m1": dict(make=lambda: nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)),
               input_shape=(784,), classes=10, batch_size=32, batches=300),
    "m2": dict(make=WisdmConvGru, input_shape=(100, 3), classes=6, batch_size=64, batches=20),
}


def samples_per_second(spec):
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
    return n / (time.perf_counter() - start)


if __name__ == "__main__":
    torch.set_num_threads(1)
    print(json.dumps({name: samples_per_second(spec) for name, spec in MODELS.items()}))
