"""Test helper for tasklab_trace.py (run by src/cli/exportTrace.test.ts under Debian's python3-torch).

    python3 check_trace.py write TRACE.json OUT.tlrt   # the JSON form's sequences through TraceWriter
    python3 check_trace.py hook                        # a toy MoE's routers through record_routers; prints JSON
"""
import json
import sys

import numpy as np

from tasklab_trace import TraceWriter, record_routers


def write(json_path, out_path):
    trace = json.load(open(json_path))
    variable = trace["topK"] == "variable"
    width = trace["numExperts"] if variable else trace["topK"]
    with TraceWriter(out_path, num_layers=trace["numLayers"], num_experts=trace["numExperts"], top_k=trace["topK"]) as writer:
        for sequence in trace["sequences"]:
            ids = np.full((len(sequence["experts"]), trace["numLayers"], width), -1)
            weights = np.zeros(ids.shape, dtype=np.float32)
            for t, layers in enumerate(sequence["experts"]):
                for l, experts in enumerate(layers):
                    ids[t, l, : len(experts)] = experts
                    if "weights" in sequence:
                        weights[t, l, : len(experts)] = sequence["weights"][t][l]
            writer.add(ids, weights=weights if "weights" in sequence else None, domain=sequence.get("domain"), tokens=sequence.get("tokens"))


def hook():
    """Two MoE blocks whose routers are nn.Linear layers with known weights: token i of a one-hot input
    scores expert (i + l) % 4 highest at layer l and expert (i + l + 1) % 4 second."""
    import torch
    import torch.nn as nn

    class Block(nn.Module):
        def __init__(self, layer):
            super().__init__()
            self.router = nn.Linear(4, 4, bias=False)
            scores = torch.zeros(4, 4)
            for i in range(4):
                scores[(i + layer) % 4, i], scores[(i + layer + 1) % 4, i] = 2.0, 1.0
            self.router.weight.data = scores  # logits = x @ scores.T

        def forward(self, x):
            logits = self.router(x)
            return x + 0 * logits.sum()

    model = nn.Sequential(Block(0), Block(1))
    tokens = torch.eye(4)[[0, 1, 2, 3, 1]]  # one sequence of 5 tokens
    with record_routers(model, ["0.router", model[1].router], top_k=2) as recording, torch.no_grad():
        model(tokens.unsqueeze(0))
    experts, weights = recording.take()
    print(json.dumps({"experts": experts.tolist(), "weightSums": weights.sum(-1).tolist()}))


if __name__ == "__main__":
    write(*sys.argv[2:4]) if sys.argv[1] == "write" else hook()
