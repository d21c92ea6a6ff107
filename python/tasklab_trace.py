"""Write TaskLab routing traces (binary .tlrt, version 1) from any PyTorch Mixture-of-Experts model.

Standard library + numpy only (torch tensors are accepted where arrays are). The lab's trace cell and
`npx tasklab routing FILE.tlrt` read the file; the format is docs/routing-trace-format.md in TaskLab.

Write sequences yourself:

    from tasklab_trace import TraceWriter
    with TraceWriter("trace.tlrt", num_layers=L, num_experts=E, top_k=2) as w:
        w.add(experts)                      # int array [T, L, k]: token t's experts at layer l, best first
        w.add(experts, weights=gates, domain="code", tokens=list("def f"))

Routers whose number of experts varies per token (top-p, expert choice, null experts) pass
top_k="variable" and pad each list with -1.

Or let forward hooks record a model's routers. In a typical MoE block the router is an nn.Linear
whose output logits pick the top-k experts:

    class MoeBlock(nn.Module):
        def __init__(self, d, num_experts):
            super().__init__()
            self.router = nn.Linear(d, num_experts, bias=False)   # logits [..., E]
            self.experts = nn.ModuleList(...)

    from tasklab_trace import TraceWriter, record_routers
    routers = [block.moe.router for block in model.blocks]   # or their names, "blocks.0.moe.router"
    with TraceWriter("trace.tlrt", num_layers=len(routers), num_experts=E, top_k=2) as w:
        for tokens in sequences:                             # one sequence [T] per forward
            with record_routers(model, routers, top_k=2) as rec, torch.no_grad():
                model(tokens[None])
            experts, weights = rec.take()                    # [T, L, 2], best first
            w.add(experts, weights=weights)
"""
import json
import struct
from contextlib import contextmanager

import numpy as np

MAGIC, VERSION = b"TLRT", 1
HEADER = struct.Struct("<4sHHIIIIIB3x")  # 32 bytes: magic, version, flags, L, E, k, sequences, tokens, idBytes
FLAG_VARIABLE_K, FLAG_WEIGHTS = 1, 2


def _array(values):
    """numpy view of a numpy array, a torch tensor (any device) or nested lists."""
    if hasattr(values, "detach"):
        values = values.detach().cpu().numpy()
    return np.asarray(values)


class TraceWriter:
    """Streams sequences to a .tlrt file; the header's counts are filled in on close."""

    def __init__(self, path, num_layers, num_experts, top_k):
        if not 1 <= num_experts <= 65535:
            raise ValueError(f"num_experts must be in 1..65535, got {num_experts}")
        self.variable_k = top_k == "variable"
        self.top_k = num_experts if self.variable_k else int(top_k)
        if not 1 <= self.top_k <= num_experts:
            raise ValueError(f"top_k must be in 1..num_experts ({num_experts}), got {top_k}")
        self.num_layers, self.num_experts = num_layers, num_experts
        self.id_type = np.uint8 if num_experts <= 255 else np.uint16
        self.pad = np.iinfo(self.id_type).max
        self.has_weights = None  # decided by the first sequence
        self.num_sequences = self.num_tokens = 0
        self.file = open(path, "wb")
        self.file.write(bytes(HEADER.size))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def add(self, experts, weights=None, domain=None, tokens=None):
        """One sequence: experts [T, L, k] (ids best first, -1 = no expert with top_k="variable")."""
        ids = _array(experts).astype(np.int64)
        if ids.ndim != 3 or ids.shape[1] != self.num_layers or ids.shape[2] > self.top_k:
            raise ValueError(f"experts must have shape [tokens, {self.num_layers}, ≤{self.top_k}], got {list(ids.shape)}")
        if ids.max(initial=-1) >= self.num_experts:
            raise ValueError(f"expert id {ids.max()} is out of range 0..{self.num_experts - 1}")
        if not self.variable_k and (ids.shape[2] != self.top_k or ids.min(initial=0) < 0):
            raise ValueError(f'every token needs exactly top_k = {self.top_k} ids per layer; use top_k="variable" for routers with varying k')
        gates = None if weights is None else _array(weights).astype(np.float32)
        if gates is not None and gates.shape != ids.shape:
            raise ValueError(f"weights must have the shape of experts {list(ids.shape)}, got {list(gates.shape)}")
        if self.has_weights is None:
            self.has_weights = gates is not None
        elif self.has_weights != (gates is not None):
            raise ValueError("either every sequence has weights or none does")
        count = ids.shape[0]
        if tokens is not None and len(tokens) != count:
            raise ValueError(f"tokens has {len(tokens)} entries for {count} tokens")

        # Valid ids first in their given order, padding after (the stable sort keeps best-first order).
        order = np.argsort(ids < 0, axis=2, kind="stable")
        ids = np.take_along_axis(ids, order, axis=2)
        width = ids.shape[2]
        padded = np.full((count, self.num_layers, self.top_k), -1, dtype=np.int64)
        padded[:, :, :width] = ids
        sorted_ids = np.sort(padded, axis=2)
        if ((sorted_ids[:, :, 1:] == sorted_ids[:, :, :-1]) & (sorted_ids[:, :, 1:] >= 0)).any():
            raise ValueError("a token lists the same expert twice in one layer")
        meta = {k: v for k, v in (("domain", domain), ("tokens", None if tokens is None else list(tokens))) if v is not None}
        meta_bytes = json.dumps(meta).encode("utf-8") if meta else b""
        self.file.write(struct.pack("<II", count, len(meta_bytes)) + meta_bytes)
        for layer in range(self.num_layers):
            layer_ids = padded[:, layer, :]
            if self.variable_k:
                self.file.write((layer_ids >= 0).sum(1).astype(self.id_type).tobytes())
            self.file.write(np.where(layer_ids >= 0, layer_ids, self.pad).astype(self.id_type).tobytes())
            if self.has_weights:
                layer_gates = np.zeros((count, self.top_k), dtype=np.float32)
                layer_gates[:, :width] = np.take_along_axis(gates, order, axis=2)[:, layer, :]
                self.file.write(np.where(layer_ids >= 0, layer_gates, 0).astype("<f4").tobytes())
        self.num_sequences += 1
        self.num_tokens += count

    def close(self):
        if self.file.closed:
            return
        flags = (FLAG_VARIABLE_K if self.variable_k else 0) | (FLAG_WEIGHTS if self.has_weights else 0)
        id_bytes = np.dtype(self.id_type).itemsize
        self.file.seek(0)
        self.file.write(HEADER.pack(MAGIC, VERSION, flags, self.num_layers, self.num_experts, self.top_k, self.num_sequences, self.num_tokens, id_bytes))
        self.file.close()


class RouterRecording:
    """What forward hooks saw: per router, the top-k ids and softmax weights of every forward, in order."""

    def __init__(self, num_layers, top_k):
        self.top_k = top_k
        self.calls = [[] for _ in range(num_layers)]

    def hook(self, layer):
        def record(module, inputs, output):
            logits = output[0] if isinstance(output, (tuple, list)) else output
            logits = logits.detach().float().reshape(-1, logits.shape[-1])  # [tokens, E]
            weights, ids = logits.softmax(-1).topk(self.top_k, dim=-1)  # descending
            self.calls[layer].append((ids.cpu().numpy(), weights.cpu().numpy()))

        return record

    def take(self):
        """experts and weights [tokens, L, k] of everything recorded since the last take."""
        if any(len(calls) != len(self.calls[0]) for calls in self.calls) or not self.calls[0]:
            raise RuntimeError("every router must have run the same number of times (and at least once)")
        experts = np.stack([np.concatenate([ids for ids, _ in calls]) for calls in self.calls], axis=1)
        weights = np.stack([np.concatenate([w for _, w in calls]) for calls in self.calls], axis=1)
        self.calls = [[] for _ in self.calls]
        return experts, weights


@contextmanager
def record_routers(model, routers, top_k):
    """Records each listed router module's top-k (from its output logits) by forward hooks.

    routers: modules, or their names in model.named_modules(). Yields a RouterRecording.
    """
    modules = [model.get_submodule(r) if isinstance(r, str) else r for r in routers]
    recording = RouterRecording(len(modules), top_k)
    handles = [module.register_forward_hook(recording.hook(layer)) for layer, module in enumerate(modules)]
    try:
        yield recording
    finally:
        for handle in handles:
            handle.remove()
