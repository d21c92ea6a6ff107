"""TaskLab experiment exported to PyTorch: a message-passing GNN on CLRS-lite graph-algorithm tasks.

Reads spec.json and data/ beside this file (the exact rows the lab trains and validates on), trains
with the lab's losses, auxiliary losses, optimiser and batches, and writes result.json in the format
the lab reads back. Run it as

    python3 train.py --out result.json                                  # one process
    torchrun --standalone --nproc_per_node 2 train.py --out result.json  # DistributedDataParallel

The model: an encoder and processor (rounds of message passing, spec.model.aggregation attention |
mean | max), shared or branched over the rounds (spec.model.tree), and one decoder per task: node
values, pointers to nodes, or edge logits.
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
args = parser.parse_args()

with open(os.path.join(HERE, "spec.json")) as f:
    spec = json.load(f)
with open(os.path.join(HERE, "data", "meta.json")) as f:
    meta = json.load(f)
model_spec, training = spec["model"], spec["training"]
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
    """Every field of one split as a tensor on the device: nodes [G, N, 3], adj / weights / dag [G, N, N],
    and per task "<task>/target" and "<task>/mask" (0 on padding nodes and non-edges)."""
    return {name: torch.from_numpy(np.load(os.path.join(HERE, field[split]))).to(device) for name, field in meta["fields"].items()}


train_data, val_data = load_split("train"), load_split("validation")
graph_tasks = meta["graphTasks"]  # [{name, level: node|edge, output: binary|regression|pointer}]


# -------------------------------------------------------------------------------------------------
# Building blocks (initialisation: He-normal kernels and zero biases, as in the lab)
EDGE_CHANNELS, WEIGHT_CHANNEL = 4, 1


def dense(inputs, outputs, bias=True):
    layer = nn.Linear(inputs, outputs, bias=bias)
    nn.init.normal_(layer.weight, std=math.sqrt(2 / inputs))
    if bias:
        nn.init.zeros_(layer.bias)
    return layer


def graph_inputs(batch):
    """Edge channels of a message u -> v, each [B, N(v), N(u)]: adjacency, weight, arc u->v, arc v->u."""
    adj, dag = batch["adj"], batch["dag"]
    edges = torch.stack([adj, batch["weights"], dag.transpose(1, 2), dag], dim=-1)  # [B, N, N, 4]
    allowed = (adj + torch.eye(adj.shape[1], device=adj.device)).clamp(max=1)  # neighbours and the node itself
    return {"nodes": batch["nodes"], "adj": adj, "edges": edges, "attention_bias": (allowed - 1) * 1e9}


def bilinear_scores(h, projection):
    """h_v M h_u / sqrt(H) for every pair of nodes: [B, N, N]."""
    return projection(h) @ h.transpose(1, 2) / math.sqrt(h.shape[-1])


class AttentionLayer(nn.Module):
    """Dense graph attention over neighbours and self; scores and messages also see the edge channels."""

    def __init__(self, hidden):
        super().__init__()
        self.score, self.value, self.self_ = dense(hidden, hidden), dense(hidden, hidden), dense(hidden, hidden)
        self.edge_value = dense(EDGE_CHANNELS, hidden)
        self.edge_score = nn.Parameter(torch.zeros(EDGE_CHANNELS, 1))

    def forward(self, h, g):
        scores = bilinear_scores(h, self.score) + (g["edges"] @ self.edge_score).squeeze(-1) + g["attention_bias"]
        attention = scores.softmax(-1)  # [B, N, N]
        edges_seen = (attention.unsqueeze(-1) * g["edges"]).sum(2)  # [B, N, 4]
        return F.relu(self.self_(h) + attention @ self.value(h) + self.edge_value(edges_seen))


class MeanLayer(nn.Module):
    """Relational GCN: h_v <- ReLU(U h_v + sum_c (A_c / degree) h W_c), one matmul per edge channel."""

    def __init__(self, hidden):
        super().__init__()
        self.self_ = dense(hidden, hidden)
        self.per_channel = nn.ModuleList(dense(hidden, hidden) for _ in range(EDGE_CHANNELS))

    def forward(self, h, g):
        inverse_degree = 1 / g["adj"].sum(-1, keepdim=True).clamp(min=1)
        messages = sum((g["edges"][..., c] @ layer(h)) * inverse_degree for c, layer in enumerate(self.per_channel))
        return F.relu(self.self_(h) + messages)


class MaxLayer(nn.Module):
    """MPNN with max aggregation (the CLRS default): all N^2 messages ReLU(W_r h_v + W_s h_u + W_e e_uv)."""

    def __init__(self, hidden):
        super().__init__()
        self.receiver, self.sender, self.self_, self.merge = (dense(hidden, hidden) for _ in range(4))
        self.edge = dense(EDGE_CHANNELS, hidden)

    def forward(self, h, g):
        pairs = self.receiver(h).unsqueeze(2) + self.sender(h).unsqueeze(1) + self.edge(g["edges"])  # [B, N, N, H]
        messages = F.relu(pairs) * g["adj"].unsqueeze(-1)  # messages are >= 0: a node without neighbours gets 0
        return F.relu(self.self_(h) + self.merge(messages.max(2).values))


class NodeDecoder(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.out = dense(hidden, 1)

    def forward(self, h, g):  # one value per node, [B, N]
        return self.out(h).squeeze(-1)


class PointerDecoder(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.score, self.target = dense(hidden, hidden), dense(hidden, 1)

    def forward(self, h, g):  # row v: scores of every node u as v's pointer, padded nodes at -1e9; [B, N, N]
        is_node = g["nodes"][..., 0].unsqueeze(1)
        return bilinear_scores(h, self.score) + self.target(h).transpose(1, 2) + (is_node - 1) * 1e9


class EdgeDecoder(nn.Module):
    """Edge logits: bilinear + weight-scaled bilinear + a small pair MLP + node terms, made symmetric."""

    PAIR_UNITS = 8

    def __init__(self, hidden):
        super().__init__()
        self.pair, self.weighted, self.node = dense(hidden, hidden), dense(hidden, hidden), dense(hidden, 1)
        self.receiver, self.sender = dense(hidden, self.PAIR_UNITS), dense(hidden, self.PAIR_UNITS)
        self.edge, self.out = dense(EDGE_CHANNELS, self.PAIR_UNITS), dense(self.PAIR_UNITS, 1)

    def forward(self, h, g):
        r = self.node(h)  # [B, N, 1]
        units = F.relu(self.receiver(h).unsqueeze(2) + self.sender(h).unsqueeze(1) + self.edge(g["edges"]))
        logits = (
            bilinear_scores(h, self.pair)
            + g["edges"][..., WEIGHT_CHANNEL] * bilinear_scores(h, self.weighted)
            + self.out(units).squeeze(-1)
            + (r + r.transpose(1, 2))
        )
        return (logits + logits.transpose(1, 2)) * 0.5


class Gnn(nn.Module):
    """Encoder + processor (the trunk), one decoder per task (the heads). With spec.model.tree the
    processor is branched as the lab's AutoBRANE tree: tree[l][i] lists the tasks of group i at round l,
    which owns its message-passing layer fed by its parent group's node states; each round-0 group owns
    its encoder too. Without a tree every round has one group of all tasks: one shared trunk."""

    def __init__(self, s):
        super().__init__()
        layer = {"attention": AttentionLayer, "mean": MeanLayer, "max": MaxLayer}[s["aggregation"]]
        self.tree = s.get("tree") or [[list(range(num_tasks))] for _ in range(s["layers"])]
        self.parents = [[-1 if l == 0 else next(p for p, parent in enumerate(self.tree[l - 1]) if group[0] in parent) for group in groups] for l, groups in enumerate(self.tree)]
        self.leaf_of = [next(i for i, group in enumerate(self.tree[-1]) if t in group) for t in range(num_tasks)]
        self.encoders = nn.ModuleList(dense(3, s["hidden"]) for _ in self.tree[0])
        self.processor = nn.ModuleList(nn.ModuleList(layer(s["hidden"]) for _ in groups) for groups in self.tree)
        decoder = lambda task: EdgeDecoder if task["level"] == "edge" else PointerDecoder if task["output"] == "pointer" else NodeDecoder
        self.decoders = nn.ModuleList(decoder(task)(s["hidden"]) for task in graph_tasks)

    def forward(self, batch):
        g = graph_inputs(batch)
        states = [encoder(g["nodes"]) for encoder in self.encoders]  # one per round-0 group
        for l, blocks in enumerate(self.processor):
            states = [block(states[i if l == 0 else self.parents[l][i]], g) for i, block in enumerate(blocks)]
        return [decoder(states[self.leaf_of[t]], g) for t, decoder in enumerate(self.decoders)]


model = Gnn(model_spec).to(device)
ddp_model = nn.parallel.DistributedDataParallel(model) if distributed else model


# -------------------------------------------------------------------------------------------------
# Losses and scores, averaged only where the task's mask is 1 (padding and non-edges never count)
def masked_mean(values, mask):
    return (values * mask).sum() / mask.sum().clamp(min=1)


def task_loss(task, output, target, mask):
    if task["output"] == "binary":
        return masked_mean(F.softplus(output) - output * target, mask)  # BCE on logits
    if task["output"] == "regression":
        return masked_mean((output - target) ** 2, mask)
    return masked_mean(-(target * output.log_softmax(-1)).sum(-1), mask)  # pointer: softmax CE


def task_score(task, output, target, mask):
    if task["output"] == "binary":
        return masked_mean(((output > 0) == (target > 0.5)).float(), mask)  # accuracy
    if task["output"] == "regression":  # R^2 over the masked entries
        mean = masked_mean(target, mask)
        sse, sst = (((output - target) ** 2) * mask).sum(), (((target - mean) ** 2) * mask).sum()
        return torch.where(sst > 1e-12, 1 - sse / sst.clamp(min=1e-12), torch.zeros_like(sst))
    at_target = (output * target).sum(-1)  # pointer accuracy (ties count as correct)
    return masked_mean((at_target >= output.max(-1).values).float(), mask)


def per_task(measure, outputs, batch):
    return torch.stack([measure(task, out, batch[f"{task['name']}/target"], batch[f"{task['name']}/mask"]) for task, out in zip(graph_tasks, outputs)])


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
    size = train_data["nodes"].shape[0]
    batch = min(training["batchSize"], size)
    if batch < world_size:
        raise SystemExit(f"the batch of {batch} rows cannot be split over {world_size} processes; use at most {batch}")
    generator = np.random.default_rng(spec["seed"])
    while True:
        order = generator.permutation(size)
        for start in range(0, size - batch + 1, batch):
            mine = np.array_split(order[start : start + batch], world_size)[rank]
            yield {name: values[torch.from_numpy(mine).to(device)] for name, values in train_data.items()}


# -------------------------------------------------------------------------------------------------
# Training loop
history = torch.zeros(steps, num_tasks)
started = time.perf_counter()
batch_stream = batches()
for step in range(steps):
    batch = next(batch_stream)
    losses = per_task(task_loss, ddp_model(batch), batch)
    optimizer.zero_grad(set_to_none=True)
    losses.sum().backward()  # equal task weights
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
# Evaluation on the whole validation split (the training graphs when there is none), and the result
model.eval()
evaluation = val_data if val_data["nodes"].shape[0] > 0 else train_data
with torch.no_grad():
    outputs = model(evaluation)
    val_losses, val_scores = per_task(task_loss, outputs, evaluation).cpu(), per_task(task_score, outputs, evaluation).cpu()

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
        "scoreName": "score",
        "history": {name: {"loss": history[:, t].tolist()} for t, name in enumerate(task_names)},
        "final": {name: {"trainLoss": float(history[-1, t]), "validationLoss": float(val_losses[t]), "validationScore": float(val_scores[t])} for t, name in enumerate(task_names)},
    }
    with open(args.out, "w") as f:
        json.dump(result, f)
    print(f"{steps} steps in {seconds:.1f} s on {world_size} process(es); mean validation loss {val_losses.mean():.4f}; wrote {args.out}")
if distributed:
    dist.destroy_process_group()
