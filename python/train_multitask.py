"""TaskLab experiment exported to PyTorch: a multitask regression model on tabular rows.

Reads spec.json and data/ beside this file (the exact rows the lab trains and validates on), trains
with the lab's losses, auxiliary losses, optimiser and batches, and writes result.json in the format
the lab reads back. Run it as

    python3 train.py --out result.json                                  # one process
    torchrun --standalone --nproc_per_node 2 train.py --out result.json  # DistributedDataParallel

Models (spec.model.kind): shared-bottom, branched, mmoe, ple, home, task-expert. Only the one the spec
names is built.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
RESULT_FORMAT, RESULT_VERSION = "tasklab-result", 1

# -------------------------------------------------------------------------------------------------
# Command line: everything else comes from spec.json
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--out", default="result.json", help="where rank 0 writes the result")
parser.add_argument("--device", choices=["cpu", "cuda"], default="cuda" if torch.cuda.is_available() else "cpu")
parser.add_argument("--steps", type=int, help="override spec.training.steps")
parser.add_argument("--affinity", choices=["lookahead", "cosine"], help="measure task affinity (default: spec.affinity.method, if any)")
args = parser.parse_args()

with open(os.path.join(HERE, "spec.json")) as f:
    spec = json.load(f)
with open(os.path.join(HERE, "data", "meta.json")) as f:
    meta = json.load(f)
model_spec, training = spec["model"], spec["training"]
affinity_method = args.affinity or (spec.get("affinity") or {}).get("method")
steps = args.steps if args.steps is not None else training["steps"]
task_names = meta["taskNames"]
num_tasks = len(task_names)

# -------------------------------------------------------------------------------------------------
# Processes: torchrun sets RANK/WORLD_SIZE; gloo on CPU, nccl on CUDA. Rank 0 writes the files.
distributed = "RANK" in os.environ
if distributed:
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    if args.device == "cuda":
        if local_rank >= torch.cuda.device_count():
            sys.exit(f"train.py: process {local_rank} has no GPU of its own ({torch.cuda.device_count()} visible); "
                     "use --nproc_per_node no larger than the GPU count, or --device cpu")
        torch.cuda.set_device(local_rank)
    dist.init_process_group(backend="nccl" if args.device == "cuda" else "gloo")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    device = torch.device(f"cuda:{local_rank}" if args.device == "cuda" else "cpu")
else:
    rank, world_size, device = 0, 1, torch.device(args.device)
torch.manual_seed(spec["seed"])  # the same initial weights on every rank


def load_split(split):
    """Every field of one split as a tensor on the device: x [N, in], y [N, T], maybe mask [N, T]."""
    return {name: torch.from_numpy(np.load(os.path.join(HERE, field[split]))).to(device) for name, field in meta["fields"].items()}


train_data, val_data = load_split("train"), load_split("validation")
input_dim = train_data["x"].shape[1]


# -------------------------------------------------------------------------------------------------
# Building blocks (initialisation: He-normal kernels and zero biases, as in the lab)
def activate(x, kind):
    if kind == "relu":
        return F.relu(x)
    if kind == "tanh":
        return torch.tanh(x)
    if kind == "swish":
        return x * torch.sigmoid(x)
    return F.gelu(x, approximate="tanh")  # the lab's gelu is the tanh approximation


def dense(inputs, outputs):
    layer = nn.Linear(inputs, outputs)
    nn.init.normal_(layer.weight, std=math.sqrt(2 / inputs))
    nn.init.zeros_(layer.bias)
    return layer


class ExpertBank(nn.Module):
    """E MLPs stored stacked, so all experts run in one batched matmul: [E, R, in] -> [E, R, out].

    depth = hidden layers per expert (1: in -> hidden -> out), as the spec's expertDepth / towerDepth."""

    def __init__(self, num_experts, inputs, hidden, outputs, activation, depth=1):
        super().__init__()
        self.w1 = nn.Parameter(torch.randn(num_experts, inputs, hidden) * math.sqrt(2 / inputs))
        self.b1 = nn.Parameter(torch.zeros(num_experts, 1, hidden))
        self.w2 = nn.Parameter(torch.randn(num_experts, hidden, outputs) * math.sqrt(2 / hidden))
        self.b2 = nn.Parameter(torch.zeros(num_experts, 1, outputs))
        self.deeper_w = nn.ParameterList(nn.Parameter(torch.randn(num_experts, hidden, hidden) * math.sqrt(2 / hidden)) for _ in range(depth - 1))
        self.deeper_b = nn.ParameterList(nn.Parameter(torch.zeros(num_experts, 1, hidden)) for _ in range(depth - 1))
        self.activation = activation

    def forward(self, x):  # x: [E, R, in], expert e on its own rows
        h = activate(x @ self.w1 + self.b1, self.activation)
        for w, b in zip(self.deeper_w, self.deeper_b):
            h = activate(h @ w + b, self.activation)
        return h @ self.w2 + self.b2

    def on_all(self, x):  # x: [N, in] -> [E, N, out], every expert on every row
        return self(x.unsqueeze(0).expand(self.w1.shape[0], -1, -1))


def task_gates(logits, gate_spec):
    """Gates from logits [G, N, E]: mixture weights [G, N, E] and the gates' mean auxiliary loss.

    Switch balance: alpha * E * sum_e f_e * P_e with f_e the share of each gate's top-k choices (top-1
    for a dense softmax gate); ST-MoE z-loss: beta * mean(logsumexp^2). Both averaged over the G gates.
    """
    g, n, e = logits.shape
    k = min(gate_spec["k"], e) if gate_spec["gate"] == "topk" else 1
    probs = logits.softmax(-1)
    chosen = torch.zeros_like(probs).scatter_(-1, probs.topk(k, dim=-1).indices, 1.0)
    weights = probs
    if gate_spec["gate"] == "topk":
        picked = probs * chosen
        weights = picked / picked.sum(-1, keepdim=True)
    fractions = chosen.sum(1) / (n * k)  # [G, E], constants
    balance = gate_spec["balanceWeight"] * e * (fractions * probs.mean(1)).sum(-1)
    z_loss = gate_spec["zLossWeight"] * (torch.logsumexp(logits, -1) ** 2).mean(-1)
    return weights, (balance + z_loss).mean()


# -------------------------------------------------------------------------------------------------
# The four multitask models. Each returns predictions [N, T] and an auxiliary loss (0 without gates).
class SharedBottom(nn.Module):
    """One MLP trunk shared by all tasks, one linear head per task."""

    def __init__(self, s):
        super().__init__()
        widths = [input_dim] + s["hidden"]
        self.trunk = nn.ModuleList(dense(a, b) for a, b in zip(widths, widths[1:]))
        self.heads = dense(widths[-1], num_tasks)  # column t is task t's head
        self.activation = s["activation"]

    def forward(self, x):
        for layer in self.trunk:
            x = activate(layer(x), self.activation)
        return self.heads(x), x.new_zeros(())


class Branched(nn.Module):
    """A tree of dense blocks: layers[l][g] lists the tasks whose path shares block g at depth l."""

    def __init__(self, s):
        super().__init__()
        self.layers, self.activation = s["layers"], s["activation"]
        width = s["width"]
        self.parents = [[-1 if l == 0 else next(p for p, parent in enumerate(self.layers[l - 1]) if group[0] in parent) for group in groups] for l, groups in enumerate(self.layers)]
        self.blocks = nn.ModuleList(nn.ModuleList(dense(input_dim if l == 0 else width, width) for _ in groups) for l, groups in enumerate(self.layers))
        self.heads = nn.ModuleList(dense(width, len(group)) for group in self.layers[-1])
        self.register_buffer("task_order", torch.tensor([t for group in self.layers[-1] for t in group]).argsort())

    def forward(self, x):
        outputs = [x]
        for l, blocks in enumerate(self.blocks):
            outputs = [activate(block(outputs[max(0, self.parents[l][g])]), self.activation) for g, block in enumerate(blocks)]
        leaves = torch.cat([head(h) for head, h in zip(self.heads, outputs)], dim=1)  # leaf order
        return leaves[:, self.task_order], x.new_zeros(())


class MMoE(nn.Module):
    """Multi-gate MoE (Ma et al. 2018): E shared experts, one gate and one tower per task."""

    def __init__(self, s):
        super().__init__()
        self.s, e = s, s["numExperts"]
        self.experts = ExpertBank(e, input_dim, s["expertHidden"], s["expertOutput"], s["activation"], s.get("expertDepth", 1))
        self.gates = nn.Parameter(torch.randn(input_dim, num_tasks * e) * 0.02)  # near-uniform gates at start
        self.towers = ExpertBank(num_tasks, s["expertOutput"], s["towerHidden"], 1, s["activation"], s.get("towerDepth", 1))

    def forward(self, x):
        n, e = x.shape[0], self.s["numExperts"]
        weights, aux = task_gates((x @ self.gates).view(n, num_tasks, e).transpose(0, 1), self.s)  # [T, N, E]
        outputs = self.experts.on_all(x).transpose(0, 1)  # [N, E, o]
        mixed = (weights.transpose(0, 1) @ outputs).transpose(0, 1)  # [T, N, o]
        return self.towers(mixed).squeeze(-1).t(), aux


class PLE(nn.Module):
    """Progressive Layered Extraction (Tang et al. 2020): per level, task-owned and shared experts;
    task t's gate mixes its own and the shared experts, a shared gate mixes all of them for the next level."""

    def __init__(self, s):
        super().__init__()
        self.s = s
        nt, ns, o, act = s["taskExperts"], s["sharedExperts"], s["expertOutput"], s["activation"]
        self.task_banks, self.shared_banks = nn.ModuleList(), nn.ModuleList()
        self.task_gates, self.shared_gates = nn.ParameterList(), nn.ParameterList()
        for level in range(s["numLevels"]):
            d = input_dim if level == 0 else o
            self.task_banks.append(ExpertBank(num_tasks * nt, d, s["expertHidden"], o, act, s.get("expertDepth", 1)))  # task t owns t*nt .. (t+1)*nt-1
            self.shared_banks.append(ExpertBank(ns, d, s["expertHidden"], o, act, s.get("expertDepth", 1)))
            self.task_gates.append(nn.Parameter(torch.randn(num_tasks, d, nt + ns) * 0.02))
            if level < s["numLevels"] - 1:
                self.shared_gates.append(nn.Parameter(torch.randn(d, num_tasks * nt + ns) * 0.02))
        self.towers = ExpertBank(num_tasks, o, s["towerHidden"], 1, act, s.get("towerDepth", 1))

    def forward(self, x):
        nt, ns, o = self.s["taskExperts"], self.s["sharedExperts"], self.s["expertOutput"]
        n = x.shape[0]
        task_in, shared_in, aux_terms = x.unsqueeze(0).expand(num_tasks, -1, -1), x, []
        for level in range(self.s["numLevels"]):
            per_expert = task_in.unsqueeze(1).expand(-1, nt, -1, -1).reshape(num_tasks * nt, n, -1)
            task_out = self.task_banks[level](per_expert).view(num_tasks, nt, n, o)
            shared_out = self.shared_banks[level].on_all(shared_in)  # [ns, N, o]
            candidates = torch.cat([task_out, shared_out.unsqueeze(0).expand(num_tasks, -1, -1, -1)], 1)  # [T, nt+ns, N, o]
            weights, aux = task_gates(task_in @ self.task_gates[level], self.s)  # [T, N, nt+ns]
            next_task_in = (candidates * weights.transpose(1, 2).unsqueeze(-1)).sum(1)
            if level < self.s["numLevels"] - 1:
                shared_weights, shared_aux = task_gates((shared_in @ self.shared_gates[level]).unsqueeze(0), self.s)
                everything = torch.cat([task_out.reshape(num_tasks * nt, n, o), shared_out], 0)
                shared_in = (everything * shared_weights[0].t().unsqueeze(-1)).sum(0)
                aux = aux + shared_aux
            task_in = next_task_in
            aux_terms.append(aux)
        return self.towers(task_in).squeeze(-1).t(), torch.stack(aux_terms).mean()


def mix(weights, outputs):
    """sum_e weights[g, n, e] * outputs[e, n, :] -> [G, N, out]."""
    return (weights.transpose(0, 1) @ outputs.transpose(0, 1)).transpose(0, 1)


def masked_softmax(logits, visible):
    """Softmax over the visible experts only (visible: bool [G, E]); hidden ones get exactly 0."""
    return (logits + (visible.float() - 1).unsqueeze(1) * 1e9).softmax(-1)


def self_gate_weights(logits, visible):
    """HoME's self gate: a sigmoid where a gate sees one expert (a softmax over one is constantly 1), else a softmax."""
    single = (visible.sum(-1, keepdim=True) == 1).unsqueeze(1)  # [G, 1, 1]
    return torch.where(single, torch.sigmoid(logits) * visible.float().unsqueeze(1), masked_softmax(logits, visible))


class HomeLevel(nn.Module):
    """One level of HoME experts (arXiv 2408.05430 section 4): expert e reads candidate input input_of[e], gate g
    reads gate_input_of[g] and weighs only the experts visible[g] allows. Optional: feature gates
    2*sigmoid(x A B) on each expert's input, expert normalisation (batch statistics) + Swish on every layer incl. the output, self gates (sigmoid over one own expert)."""

    def __init__(self, inputs, input_of, gate_input_of, visible, self_visible, s):
        super().__init__()
        e, g, h, rank = len(input_of), len(gate_input_of), s["expertHidden"], s["featureGateRank"] if s["featureGate"] else 0
        depth = s.get("expertDepth", 1)
        self.bank = ExpertBank(e, inputs, h, s["expertOutput"], "swish" if s["expertNorm"] else "relu", depth)
        self.gate = nn.Parameter(torch.randn(g, inputs, e) * 0.02)
        self.self_gate = nn.Parameter(torch.randn(g, inputs, e) * 0.02) if self_visible else None
        # Expert normalisation on every hidden layer and on the output, each followed by Swish: Swish(Norm(MLP_E(v))).
        sizes = [h] * depth + [s["expertOutput"]]
        self.norm = nn.ParameterList(p for size in sizes for p in (nn.Parameter(torch.ones(e, 1, size)), nn.Parameter(torch.zeros(e, 1, size)))) if s["expertNorm"] else None
        # B starts at zero, so every feature gate starts at 2 * sigmoid(0) = 1 (the plain input).
        self.feature_gate = nn.ParameterList([nn.Parameter(torch.randn(e, inputs, rank) / math.sqrt(inputs)), nn.Parameter(torch.zeros(e, rank, inputs))]) if rank else None
        self.register_buffer("input_of", torch.tensor(input_of))
        self.register_buffer("gate_input_of", torch.tensor(gate_input_of))
        self.register_buffer("visible", torch.tensor(visible))
        self.register_buffer("self_visible", torch.tensor(self_visible) if self_visible else None)

    def layer(self, pre, index, last):
        """Normalised + Swish with expert normalisation (batch statistics, also at evaluation, as the lab;
        under torchrun each process normalises over its own slice, so N processes are close to one run,
        not equal), else ReLU on hidden layers and nothing on the output."""
        if self.norm is None:
            return pre if last else F.relu(pre)
        gamma, beta = self.norm[2 * index], self.norm[2 * index + 1]
        mean, variance = pre.mean(1, keepdim=True), pre.var(1, unbiased=False, keepdim=True)
        normed = (pre - mean) / torch.sqrt(variance + 1e-5) * gamma + beta
        return normed * torch.sigmoid(normed)

    def forward(self, candidates):  # [K, N, in] -> one mixture per gate, [G, N, out]
        inputs = candidates[self.input_of]
        if self.feature_gate is not None:
            a, b = self.feature_gate
            inputs = inputs * 2 * torch.sigmoid(inputs @ a @ b)
        bank = self.bank
        layers = [(bank.w1, bank.b1), *zip(bank.deeper_w, bank.deeper_b), (bank.w2, bank.b2)]
        h = inputs
        for i, (w, b) in enumerate(layers):
            h = self.layer(h @ w + b, i, last=i == len(layers) - 1)
        outputs = h
        gate_in = candidates[self.gate_input_of]
        mixed = mix(masked_softmax(gate_in @ self.gate, self.visible), outputs)
        if self.self_gate is not None:  # a residual mixture of the task's own experts
            mixed = mixed + mix(self_gate_weights(gate_in @ self.self_gate, self.self_visible), outputs)
        return mixed


class HoME(nn.Module):
    """HoME (Wang et al., KDD 2025). With the hierarchy mask, a meta level of category experts (shared
    within a category) and global experts on x, one gate per category plus a global gate; then a task
    level where task t's gate sees its own experts, its category's and the global ones, reading its
    category's mixture (global experts read the global one). Without it, one level of task-owned and
    shared experts (CGC). Towers (ReLU) on top."""

    def __init__(self, s):
        super().__init__()
        t, own, hierarchy = num_tasks, s["taskExperts"], s["hierarchyMask"]
        category = (s.get("categories") or [0] * t) if hierarchy else [0] * t
        c = max(category) + 1
        self.meta = None
        if hierarchy:
            owner = [cat for cat in range(c) for _ in range(s["categoryExperts"])] + [-1] * s["sharedExperts"]
            visible = [[cat == c or of in (cat, -1) for of in owner] for cat in range(c + 1)]  # gate c is the global one
            self.meta = HomeLevel(input_dim, [0] * len(owner), [0] * (c + 1), visible, None, s)
        experts = (  # (owners, candidate input) of each task-level expert
            [([i // own], category[i // own]) for i in range(t * own)]
            + [([task for task in range(t) if category[task] == cat], cat) for cat in (range(c) if hierarchy else []) for _ in range(s["categoryExperts"])]
            + [(list(range(t)), c) for _ in range(s["sharedExperts"])]
        )
        input_of = [source if hierarchy else 0 for _, source in experts]
        visible = [[task in owners for owners, _ in experts] for task in range(t)]
        self_visible = [[owners == [task] for owners, _ in experts] for task in range(t)] if s["selfGate"] else None
        gate_input_of = [category[task] if hierarchy else 0 for task in range(t)]
        self.task_level = HomeLevel(s["expertOutput"] if hierarchy else input_dim, input_of, gate_input_of, visible, self_visible, s)
        self.towers = ExpertBank(t, s["expertOutput"], s["towerHidden"], 1, "relu", s.get("towerDepth", 1))

    def forward(self, x):
        candidates = x.unsqueeze(0)
        if self.meta is not None:
            candidates = self.meta(candidates)
        return self.towers(self.task_level(candidates)).squeeze(-1).t(), x.new_zeros(())


class TaskExpert(nn.Module):
    """TaskExpert (Ye & Xu, ICCV 2023): a shared trunk; at each layer E experts decompose the trunk's
    feature, a per-sample gate per task assembles the task's feature from them, and the multi-task
    memory (the task's feature of the layer before) is one more expert for the gate. Towers read the
    last task features."""

    def __init__(self, s):
        super().__init__()
        self.s, e, w = s, s["numExperts"], s["width"]
        self.trunk = nn.ModuleList(dense(input_dim if l == 0 else w, w) for l in range(s["numLayers"]))
        self.experts = nn.ModuleList(ExpertBank(e, w, s["expertHidden"], w, s["activation"], s.get("expertDepth", 1)) for _ in range(s["numLayers"]))
        self.gates = nn.ParameterList(nn.Parameter(torch.randn(num_tasks, w, e + 1) * 0.02) for _ in range(s["numLayers"]))  # last column: the memory
        self.towers = ExpertBank(num_tasks, w, s["towerHidden"], 1, s["activation"], s.get("towerDepth", 1))

    def forward(self, x):
        e, h, memory = self.s["numExperts"], x, None
        for trunk, experts, gates in zip(self.trunk, self.experts, self.gates):
            h = activate(trunk(h), self.s["activation"])
            logits = h @ gates  # [T, N, E + 1]
            use_memory = self.s["memory"] and memory is not None
            if not use_memory:  # without memory (or at the first layer) its slot is masked out
                logits = logits + torch.cat([logits.new_zeros(e), logits.new_full((1,), -1e9)])
            weights = logits.softmax(-1)
            feature = mix(weights[..., :e], experts.on_all(h))  # [T, N, w]
            if use_memory:
                feature = feature + weights[..., e:] * memory
            memory = feature
        return self.towers(memory).squeeze(-1).t(), x.new_zeros(())


MODELS = {"shared-bottom": SharedBottom, "branched": Branched, "mmoe": MMoE, "ple": PLE, "home": HoME, "task-expert": TaskExpert}
model = MODELS[model_spec["kind"]](model_spec).to(device)
ddp_model = nn.parallel.DistributedDataParallel(model) if distributed else model


# -------------------------------------------------------------------------------------------------
# Losses and scores: per-task MSE and R^2, over present targets only when the table has gaps (mask)
def task_losses(predictions, batch):
    squared = (predictions - batch["y"]) ** 2
    if "mask" not in batch:
        return squared.mean(0)
    return (squared * batch["mask"]).sum(0) / batch["mask"].sum(0).clamp(min=1)


def task_r2(predictions, batch):
    mask = batch.get("mask", torch.ones_like(batch["y"]))
    count = mask.sum(0).clamp(min=1)
    mean = (batch["y"] * mask).sum(0) / count
    variance = (((batch["y"] - mean) ** 2) * mask).sum(0) / count
    r2 = 1 - task_losses(predictions, batch) / variance.clamp(min=1e-12)
    return torch.where(variance > 1e-12, r2, torch.zeros_like(r2))


# -------------------------------------------------------------------------------------------------
# Optimiser: the lab's (tfjs) settings. Adam's epsilon is tfjs's 1e-7; momentum is 0.9 without dampening.
lr = training["learningRate"]
if training["optimizer"] == "adam":
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
else:
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9 if training["optimizer"] == "momentum" else 0.0)


# Learning-rate schedule, gradient clipping and weight decay, as the lab's trainer applies them
# (src/engine/train/schedule.ts and trainer.ts): warm-up, then constant or cosine decay of the rate.
def learning_rate_at(step):
    warmup = training.get("warmupSteps", 0)
    if step < warmup:  # rises linearly, so the first step already moves (lr / warmup)
        return lr * (step + 1) / warmup
    if training.get("schedule", "constant") == "constant":
        return lr
    progress = (step - warmup) / max(1, steps - warmup)  # towards 0 at the last step, which is still > 0
    return lr * 0.5 * (1 + math.cos(math.pi * min(1, progress)))


def update(step):
    """After backward(): the step's rate, clipping to a global gradient norm, the optimiser's step, then
    decoupled (AdamW-style) weight decay that shrinks every weight by rate * weightDecay of itself."""
    rate = learning_rate_at(step)
    for group in optimizer.param_groups:
        group["lr"] = rate
    clip = training.get("gradClipNorm", 0)
    if clip > 0:
        grads = [p.grad for p in model.parameters() if p.grad is not None]
        norm = torch.sqrt(sum((g**2).sum() for g in grads))
        for g in grads:
            g.mul_(torch.clamp(clip / (norm + 1e-12), max=1.0))
    optimizer.step()
    decay = training.get("weightDecay", 0)
    if decay > 0:
        with torch.no_grad():
            for p in model.parameters():
                p.mul_(1 - rate * decay)


# Batches: epoch-wise shuffles of the training rows (the same on every rank); each rank trains on its
# slice of the global batch, and DDP averages the gradients, so N processes take the same steps as one.
def batches():
    size = train_data["x"].shape[0]
    batch = min(training["batchSize"], size)
    if batch < world_size:
        raise SystemExit(f"the batch of {batch} rows cannot be split over {world_size} processes; use at most {batch}")
    generator = np.random.default_rng(spec["seed"])
    while True:
        order = generator.permutation(size)
        for start in range(0, size - batch + 1, batch):
            mine = np.array_split(order[start : start + batch], world_size)[rank]
            yield {name: values[torch.from_numpy(mine).to(device)] for name, values in train_data.items()}


# Optional: live task affinity (ALGORITHMS.md Part 1), measured on the shared trunk every `every` steps.
def shared_parameters():
    heads = {"shared-bottom": ["heads"], "branched": ["heads"], "mmoe": ["gates", "towers"], "ple": ["task_banks", "task_gates", "towers"], "home": ["towers"], "task-expert": ["gates", "towers"]}[model_spec["kind"]]
    return [p for name, p in model.named_parameters() if name.split(".")[0] not in heads]


def measure_affinity(batch):
    """[T, T] affinity of source task i onto target j on this batch: TAG lookahead or gradient cosine."""
    shared = shared_parameters()
    losses = task_losses(model(batch["x"])[0], batch)
    grads = [torch.autograd.grad(losses[i], shared, retain_graph=True, allow_unused=True) for i in range(num_tasks)]
    grads = [torch.cat([(g if g is not None else torch.zeros_like(p)).flatten() for g, p in zip(gs, shared)]) for gs in grads]
    if affinity_method == "cosine":
        stacked = torch.stack(grads)
        unit = stacked / (stacked.norm(dim=1, keepdim=True) + 1e-12)
        return unit @ unit.t()
    eta = (spec.get("affinity") or {}).get("learningRate") or lr
    matrix = torch.zeros(num_tasks, num_tasks, device=device)
    with torch.no_grad():
        before = losses.detach().clamp(min=1e-8)
        originals = [p.detach().clone() for p in shared]
        for i in range(num_tasks):
            offset = 0
            for p, original in zip(shared, originals):  # plain SGD lookahead on the trunk only
                p.copy_(original - eta * grads[i][offset : offset + p.numel()].view_as(p))
                offset += p.numel()
            matrix[i] = 1 - task_losses(model(batch["x"])[0], batch) / before
        for p, original in zip(shared, originals):
            p.copy_(original)
    return matrix / eta


# -------------------------------------------------------------------------------------------------
# Training loop
history = torch.zeros(steps, num_tasks)
affinity_sum, affinity_count = torch.zeros(num_tasks, num_tasks), 0
affinity_every = (spec.get("affinity") or {}).get("every", 10)
affinity_skip = (spec.get("affinity") or {}).get("skipSteps", 20 if training["optimizer"] == "adam" else 0)
started = time.perf_counter()
batch_stream = batches()
for step in range(steps):
    batch = next(batch_stream)
    if affinity_method and step >= affinity_skip and step % affinity_every == 0 and rank == 0:
        affinity_sum += measure_affinity(batch).cpu()
        affinity_count += 1
    predictions, aux = ddp_model(batch["x"])
    losses = task_losses(predictions, batch)
    optimizer.zero_grad(set_to_none=True)
    (losses.sum() + aux).backward()  # equal task weights, plus the gates' auxiliary loss
    update(step)
    logged = losses.detach()
    if distributed:
        dist.all_reduce(logged)
        logged /= world_size
    if not torch.isfinite(logged).all():
        bad = int((~torch.isfinite(logged)).nonzero()[0])
        raise SystemExit(f'Training diverged: the loss of task "{task_names[bad]}" became {logged[bad].item()} at step {step}. Try a lower learning rate (now {lr}).')
    history[step] = logged.cpu()
seconds = time.perf_counter() - started

# -------------------------------------------------------------------------------------------------
# Evaluation on the whole validation split (the training rows when there is none), and the result
model.eval()
evaluation = val_data if val_data["x"].shape[0] > 0 else train_data
with torch.no_grad():
    predictions, _ = model(evaluation["x"])
    val_losses, val_scores = task_losses(predictions, evaluation).cpu(), task_r2(predictions, evaluation).cpu()

if rank == 0:
    result = {
        "format": RESULT_FORMAT,
        "version": RESULT_VERSION,
        "experiment": spec["name"],
        "spec": spec,
        "tasks": task_names,
        "backend": "pytorch",
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
        "worldSize": world_size,
        "seconds": seconds,
        "steps": steps,
        "scoreName": "R²",
        "history": {name: {"loss": history[:, t].tolist()} for t, name in enumerate(task_names)},
        "final": {name: {"trainLoss": float(history[-1, t]), "validationLoss": float(val_losses[t]), "validationScore": float(val_scores[t])} for t, name in enumerate(task_names)},
    }
    if affinity_count:
        result["affinity"] = {"method": affinity_method, "tasks": task_names, "matrix": (affinity_sum / affinity_count).tolist(), "measurements": affinity_count}
    with open(args.out, "w") as f:
        json.dump(result, f)
    print(f"{steps} steps in {seconds:.1f} s on {world_size} process(es); mean validation loss {val_losses.mean():.4f}; wrote {args.out}")
if distributed:
    dist.destroy_process_group()
