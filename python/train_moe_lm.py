"""TaskLab experiment exported to PyTorch: a tiny character-level transformer whose feed-forward
blocks are Mixture-of-Experts layers, trained on windows of multi-domain text (one "task" per domain).

Reads spec.json and data/ beside this file (the exact rows the lab trains and validates on), trains
with the lab's losses, auxiliary losses, optimiser and batches, and writes result.json in the format
the lab reads back. Run it as

    python3 train.py --out result.json                                  # one process
    torchrun --standalone --nproc_per_node 2 train.py --out result.json  # DistributedDataParallel

Routers (spec.model.router): topk, topp, expert-choice, soft, compete (CompeteSMoE); routerMemory
"recurrent" replaces the per-layer routers by one GRU carried across the layers. --trace FILE.tlrt writes
how every validation token was routed, for the lab's trace cell and `tasklab routing`.
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

from tasklab_trace import TraceWriter

HERE = os.path.dirname(os.path.abspath(__file__))
RESULT_FORMAT, RESULT_VERSION = "tasklab-result", 1

# -------------------------------------------------------------------------------------------------
# Command line: everything else comes from spec.json
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--out", default="result.json", help="where rank 0 writes the result")
parser.add_argument("--device", choices=["cpu", "cuda"], default="cuda" if torch.cuda.is_available() else "cpu")
parser.add_argument("--steps", type=int, help="override spec.training.steps")
parser.add_argument("--trace", help="write the validation tokens' routing to this .tlrt file")
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
    """Every field of one split as a tensor on the device: inputs / targets [N, T] character ids, domain [N, 1]."""
    return {name: torch.from_numpy(np.load(os.path.join(HERE, field[split]))).to(device) for name, field in meta["fields"].items()}


train_data, val_data = load_split("train"), load_split("validation")
for split in (train_data, val_data):
    for name in split:
        split[name] = split[name].long()
vocab = meta["vocab"]


# -------------------------------------------------------------------------------------------------
# The MoE layer: a router picks experts per token, the chosen experts' outputs are mixed by their gates
s = model_spec
router_kind = s["router"]
num_experts, k = s["numExperts"], min(s["k"], s["numExperts"])
# Auxiliary-loss weights of the lab (ALGORITHMS.md Part 2 §3): Switch balance, ST-MoE z-loss, and for
# top-p a small entropy ("dynamic") loss. Soft MoE has none.
aux_weights = {"balance": s["balanceWeight"], "z": s["zLossWeight"], "entropy": 1e-4 if router_kind == "topp" else 0.0}


class Experts(nn.Module):
    """E two-layer ReLU MLPs d -> hidden -> d, stored stacked (He-normal kernels, zero biases)."""

    def __init__(self, d, hidden):
        super().__init__()
        self.w1 = nn.Parameter(torch.randn(num_experts, d, hidden) * math.sqrt(2 / d))
        self.b1 = nn.Parameter(torch.zeros(num_experts, 1, hidden))
        self.w2 = nn.Parameter(torch.randn(num_experts, hidden, d) * math.sqrt(2 / hidden))
        self.b2 = nn.Parameter(torch.zeros(num_experts, 1, d))

    def one(self, e, x):  # expert e on rows x [R, d]
        return F.relu(x @ self.w1[e] + self.b1[e]) @ self.w2[e] + self.b2[e]

    def all(self, x):  # every expert on every row: [E, N, d]
        return F.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2


def choose(probs):
    """Which experts each token uses, [N, E] 0/1, from router probabilities [N, E]."""
    n = probs.shape[0]
    chosen = torch.zeros_like(probs)
    if router_kind in ("topk", "compete"):
        return chosen.scatter_(1, probs.topk(k, dim=1).indices, 1.0)
    if router_kind == "topp":  # the smallest prefix of sorted probabilities with mass >= topP (at least one)
        sorted_probs, order = probs.sort(dim=1, descending=True)
        mass_before = sorted_probs.cumsum(1) - sorted_probs
        return chosen.scatter_(1, order, (mass_before < s["topP"] - 1e-6).float())
    # Expert choice: each expert takes its C = round(N * capacityFactor / E) highest-scoring tokens.
    capacity = min(n, max(1, round(n * (s.get("capacityFactor") or k) / num_experts)))
    return chosen.scatter_(0, probs.topk(capacity, dim=0).indices, 1.0)


def apply_capacity(chosen, probs):
    """Token choice with a capacity factor: each expert keeps at most ceil(CF * choices / E) choices,
    first choices before second ones, then higher probability, then earlier token."""
    if router_kind == "expert-choice" or s.get("capacityFactor") is None:
        return chosen
    capacity = max(1, math.ceil(s["capacityFactor"] * chosen.sum().item() / num_experts - 1e-9))
    rank = (probs.unsqueeze(2) < probs.unsqueeze(1)).sum(2)  # position of each expert in its token's ranking
    priority = torch.where(chosen > 0, rank * 2.0 - probs, torch.full_like(probs, float("inf")))
    order = priority.argsort(dim=0, stable=True)  # per expert, its tokens by priority
    keep_sorted = (torch.arange(probs.shape[0], device=probs.device).unsqueeze(1) < capacity).float().expand_as(probs)
    return chosen * torch.zeros_like(chosen).scatter_(0, order, keep_sorted)


class MoeLayer(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.experts = Experts(d, s["expertHidden"])
        if router_kind == "soft":  # Soft MoE: one slot per expert, mixtures of all tokens
            self.slots = nn.Parameter(torch.randn(d, num_experts) / math.sqrt(d))
        elif s["routerMemory"] != "recurrent":
            self.router = nn.Parameter(torch.randn(d, num_experts) * 0.02)  # small init: near-uniform routing

    def forward(self, x, logits=None, compete=False):
        """x [N, d] (all tokens of the batch) -> output [N, d], aux loss, and (gates, chosen) for traces."""
        if router_kind == "soft":
            return self.soft(x)
        if compete:
            return self.competition(x, logits)
        logits = x @ self.router if logits is None else logits
        probs = logits.softmax(-1)
        chosen = choose(probs.detach())
        gates = probs * apply_capacity(chosen, probs.detach())  # the chosen probabilities, not renormalised
        out = torch.zeros_like(x)
        for e in range(num_experts):  # each expert only on its own tokens
            rows = gates[:, e].nonzero().squeeze(1)
            out = out.index_add(0, rows, gates[rows, e, None] * self.experts.one(e, x[rows]))
        fractions = chosen.sum(0) / chosen.sum().clamp(min=1)  # share of choices per expert (before capacity)
        aux = aux_weights["balance"] * num_experts * (fractions * probs.mean(0)).sum()
        aux = aux + aux_weights["z"] * (torch.logsumexp(logits, -1) ** 2).mean()
        if aux_weights["entropy"]:
            aux = aux + aux_weights["entropy"] * (-(probs * (probs + 1e-9).log()).sum(-1)).mean()
        return out, aux, ((probs * chosen).detach(), chosen)  # traces record choices before capacity, as the lab

    def soft(self, x):
        logits = x @ self.slots  # [N, E]
        dispatch = logits.t().softmax(-1)  # each slot: a softmax over tokens, [E, N]
        combine = logits.softmax(-1)  # each token: a softmax over slots, [N, E]
        slot_out = self.experts.all(dispatch @ x)  # every expert on every slot, [E, E, d]; keep the diagonal
        slot_out = slot_out[torch.arange(num_experts), torch.arange(num_experts)]  # expert e on its slot e
        heaviest = torch.zeros_like(combine).scatter_(1, combine.argmax(1, keepdim=True), 1.0)
        return combine @ slot_out, x.new_zeros(()), ((combine * heaviest).detach(), heaviest)

    def competition(self, x, logits):
        """CompeteSMoE step: every expert runs; each token takes the top-k experts by response score
        s = softmax_e(softplus(||expert_e(x)||)), and the router is distilled towards s."""
        outputs = self.experts.all(x)  # [E, N, d]
        scores = F.softplus((outputs.pow(2).sum(-1) + 1e-12).sqrt().t()).softmax(-1)  # [N, E]
        winners = torch.zeros_like(scores).scatter_(1, scores.detach().topk(k, dim=1).indices, 1.0)
        out = ((scores * winners).t().unsqueeze(-1) * outputs).sum(0)
        logits = x.detach() @ self.router if logits is None else logits  # router-only gradients
        probs = logits.softmax(-1)
        teacher = scores.detach()
        squared = (probs - teacher) ** 2
        distill = s["distillWeight"] * (squared.mean() + s["winnerWeight"] * (squared * winners).sum(1).mean() / k)
        fractions = winners.sum(0) / winners.sum()
        aux = aux_weights["balance"] * num_experts * (fractions * probs.mean(0)).sum()
        aux = aux + aux_weights["z"] * (torch.logsumexp(logits, -1) ** 2).mean() + distill
        return out, aux, ((scores * winners).detach(), winners)


class RecurrentRouter(nn.Module):
    """Layerwise recurrent router (arXiv 2408.06793): a GRU shared by all layers carries a routing state
    r across depth, r_l = GRU(Proj_l(x_l), r_{l-1}), and layer l's logits are W_l r_l."""

    def __init__(self, d, layers):
        super().__init__()
        sd = s["routerStateDim"]
        self.projections = nn.ParameterList(nn.Parameter(torch.randn(d, sd) / math.sqrt(d)) for _ in range(layers))
        self.input_gates = nn.Parameter(torch.randn(sd, 3 * sd) / math.sqrt(sd))  # update | reset | candidate
        self.state_gates = nn.Parameter(torch.randn(sd, 3 * sd) / math.sqrt(sd))
        self.gate_bias = nn.Parameter(torch.zeros(3 * sd))
        self.heads = nn.ParameterList(nn.Parameter(torch.randn(sd, num_experts) * 0.02) for _ in range(layers))

    def forward(self, layer, x, state):
        previous = x.new_zeros(x.shape[0], self.gate_bias.shape[0] // 3) if state is None else state
        u_in, r_in, c_in = ((x @ self.projections[layer]) @ self.input_gates + self.gate_bias).chunk(3, dim=-1)
        u_st, r_st, c_st = (previous @ self.state_gates).chunk(3, dim=-1)
        update, reset = torch.sigmoid(u_in + u_st), torch.sigmoid(r_in + r_st)
        state = (1 - update) * torch.tanh(c_in + reset * c_st) + update * previous
        return state @ self.heads[layer], state


# -------------------------------------------------------------------------------------------------
# The transformer: pre-LayerNorm blocks of causal self-attention and an MoE feed-forward layer
class Block(nn.Module):
    def __init__(self, d, heads, layers):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d, eps=1e-5), nn.LayerNorm(d, eps=1e-5)
        self.qkv = nn.Parameter(torch.randn(d, 3 * d) / math.sqrt(d))
        self.proj = nn.Parameter(torch.randn(d, d) / math.sqrt(d) / math.sqrt(2 * layers))  # GPT-2 style small residual init
        self.moe = MoeLayer(d)
        self.heads = heads

    def attend(self, x, b, t):
        d = x.shape[-1]
        q, key, v = (x @ self.qkv).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)  # each [B, h, T, dh]
        scores = q @ key.transpose(-1, -2) / math.sqrt(d // self.heads)
        scores = scores.masked_fill(torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1), -1e9)
        return (scores.softmax(-1) @ v).transpose(1, 2).reshape(b * t, d) @ self.proj


class MoeLm(nn.Module):
    def __init__(self):
        super().__init__()
        d, layers, context = s["dModel"], s["numLayers"], train_data["inputs"].shape[1]
        self.tokens = nn.Parameter(torch.randn(len(vocab), d) * 0.02 * math.sqrt(d))
        self.positions = nn.Parameter(torch.randn(context, d) * 0.02 * math.sqrt(d))
        self.blocks = nn.ModuleList(Block(d, s["numHeads"], layers) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d, eps=1e-5)
        self.head = nn.Parameter(torch.randn(d, len(vocab)) / math.sqrt(d))
        recurrent = s["routerMemory"] == "recurrent" and router_kind != "soft"
        self.recurrent = RecurrentRouter(d, layers) if recurrent else None

    def forward(self, batch, compete=False):
        """Per-domain mean cross-entropy [domains], the mean auxiliary loss, and per-layer routing."""
        inputs, targets, domain = batch["inputs"], batch["targets"], batch["domain"][:, 0]
        b, t = inputs.shape
        x = (self.tokens[inputs] + self.positions[:t]).view(b * t, -1)
        aux_terms, routing, state = [], [], None
        for l, block in enumerate(self.blocks):
            x = x + block.attend(block.ln1(x), b, t)
            h = block.ln2(x)
            logits = None
            if self.recurrent is not None:
                logits, state = self.recurrent(l, h, state)
            out, aux, routed = block.moe(h, logits, compete)
            x = x + out
            aux_terms.append(aux)
            routing.append(routed)
        logits = self.ln_f(x) @ self.head
        per_window = F.cross_entropy(logits, targets.view(-1), reduction="none").view(b, t).mean(1)  # [B]
        by_domain = torch.zeros(num_tasks, device=x.device).index_add(0, domain, per_window)
        counts = torch.bincount(domain, minlength=num_tasks)
        # A domain absent from the batch reports the batch's mean loss, so its curve never drops to a false 0.
        losses = torch.where(counts > 0, by_domain / counts.clamp(min=1), per_window.mean())
        return losses, torch.stack(aux_terms).mean(), routing


model = MoeLm().to(device)
ddp_model = nn.parallel.DistributedDataParallel(model) if distributed else model


def write_trace(path):
    """Every validation window as one sequence: per token and layer the experts used, best gate first."""
    with torch.no_grad():
        _, _, routing = model(evaluation)
    windows, length = evaluation["inputs"].shape
    fixed_k = 1 if router_kind == "soft" else k if router_kind in ("topk", "compete") else None
    width = fixed_k or num_experts
    ids = torch.stack([gates.argsort(1, descending=True)[:, :width] for gates, _ in routing], 1)  # [N, L, width]
    used = torch.stack([chosen.sum(1) for _, chosen in routing], 1)  # [N, L]
    ids = torch.where(torch.arange(width, device=ids.device) < used.unsqueeze(-1), ids, -1)
    gates = torch.stack([gates for gates, _ in routing], 1).gather(2, ids.clamp(min=0))
    with TraceWriter(path, num_layers=len(routing), num_experts=num_experts, top_k=fixed_k or "variable") as writer:
        for w in range(windows):
            rows = slice(w * length, (w + 1) * length)
            chars = [vocab[i] for i in evaluation["inputs"][w].tolist()]
            writer.add(ids[rows].cpu().numpy(), weights=gates[rows].cpu().numpy(), domain=task_names[int(evaluation["domain"][w, 0])], tokens=chars)


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
    size = train_data["inputs"].shape[0]
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
# Training loop. CompeteSMoE: each step competes with probability competeRate (a seeded draw).
history = torch.zeros(steps, num_tasks)
competition_draws, competition_steps = np.random.default_rng(spec["seed"] + 1), 0
started = time.perf_counter()
batch_stream = batches()
for step in range(steps):
    batch = next(batch_stream)
    compete = router_kind == "compete" and competition_draws.random() < s["competeRate"]
    competition_steps += compete
    losses, aux, _ = ddp_model(batch, compete)
    optimizer.zero_grad(set_to_none=True)
    (losses.sum() + aux).backward()  # equal domain weights, plus the MoE auxiliary losses
    update(step)
    logged = losses.detach()
    if distributed:
        dist.all_reduce(logged)
        logged /= world_size
    if not torch.isfinite(logged).all():
        bad = int((~torch.isfinite(logged)).nonzero()[0])
        raise SystemExit(f'Training diverged: the loss of domain "{task_names[bad]}" became {logged[bad].item()} at step {step}. Try a lower learning rate (now {lr}).')
    history[step] = logged.cpu()
seconds = time.perf_counter() - started

# -------------------------------------------------------------------------------------------------
# Evaluation on the whole validation split (the training windows when there is none), and the result
model.eval()
evaluation = val_data if val_data["inputs"].shape[0] > 0 else train_data
with torch.no_grad():
    val_losses, _, _ = model(evaluation)
    val_losses = val_losses.cpu()
    val_scores = (-val_losses).exp()  # exp(-CE): geometric-mean probability of the right next character

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
        "scoreName": "exp(−CE)",
        "history": {name: {"loss": history[:, t].tolist()} for t, name in enumerate(task_names)},
        "final": {name: {"trainLoss": float(history[-1, t]), "validationLoss": float(val_losses[t]), "validationScore": float(val_scores[t])} for t, name in enumerate(task_names)},
    }
    if competition_steps:
        result["competitionSteps"] = competition_steps
    if args.trace:
        write_trace(args.trace)
    with open(args.out, "w") as f:
        json.dump(result, f)
    print(f"{steps} steps in {seconds:.1f} s on {world_size} process(es); mean validation loss {val_losses.mean():.4f}; wrote {args.out}")
if distributed:
    dist.destroy_process_group()
