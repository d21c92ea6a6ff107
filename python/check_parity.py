"""Test helper, not part of an export: runs an exported train.py (the GNN or any multitask model) from
the lab's own initial weights and batches, and prints each step's task losses (before its update) as
JSON, for comparison with the lab.

    python3 check_parity.py PROJECT_DIR LAB.json   # LAB.json: {"variables": [{shape, values}], "batches": [[rows]]}
"""
import json
import os
import sys

project, lab_path = sys.argv[1], sys.argv[2]
with open(os.path.join(project, "train.py")) as f:
    source = f.read()
scope = {"__file__": os.path.join(project, "train.py"), "__name__": "parity"}
sys.argv = ["train.py", "--device", "cpu"]
exec(compile(source[: source.index("# Training loop")], "train.py", "exec"), scope)  # everything up to training
torch, model = scope["torch"], scope["model"]
with open(lab_path) as f:
    lab = json.load(f)


def lab_order():
    """train.py's parameters in the order of the lab's allVariables(model)."""
    kind = scope["model_spec"]["kind"]
    if kind == "gnn":  # encoders, each round's message-passing layers, decoders
        layer_order = {"AttentionLayer": ["score", "value", "self_", "edge_value", "edge_score"], "MaxLayer": ["receiver", "sender", "edge", "self_", "merge"], "MeanLayer": ["self_", "per_channel"]}
        ordered = list(model.encoders.parameters())
        for blocks in model.processor:
            for layer in blocks:
                for name in layer_order[type(layer).__name__]:
                    part = getattr(layer, name)
                    ordered += [part] if isinstance(part, torch.nn.Parameter) else list(part.parameters())
        return ordered + list(model.decoders.parameters())
    if kind in ("shared-bottom", "branched"):  # trunk (or the tree's blocks), then the heads
        return list(model.parameters())
    if kind == "ple":  # per level the shared bank and gate; then per level the task bank and gates; towers
        levels = range(len(model.task_banks))
        shared = [p for l in levels for p in [*model.shared_banks[l].parameters(), *model.shared_gates[l : l + 1]]]
        return shared + [p for l in levels for p in [*model.task_banks[l].parameters(), model.task_gates[l]]] + list(model.towers.parameters())
    if kind == "mmoe":  # experts, gates, towers
        return [*model.experts.parameters(), model.gates, *model.towers.parameters()]
    if kind == "home":  # per level: expert bank, gate, self gate, norm, feature gate; then the towers
        ordered = []
        for level in [model.meta, model.task_level]:
            if level is not None:
                ordered += list(level.bank.parameters()) + [level.gate] + ([level.self_gate] if level.self_gate is not None else [])
                ordered += [p for part in (level.norm, level.feature_gate) if part is not None for p in part]
        return ordered + list(model.towers.parameters())
    if kind == "task-expert":  # per layer: trunk and experts (shared); then every layer's gates and the towers
        shared = [p for trunk, experts in zip(model.trunk, model.experts) for p in [*trunk.parameters(), *experts.parameters()]]
        return shared + list(model.gates) + list(model.towers.parameters())
    sys.exit(f"check_parity.py: no lab order for model kind {kind}")


def step_losses(batch):
    """Task losses and the total that train.py's loop differentiates."""
    if "per_task" in scope:  # the GNN
        losses = scope["per_task"](scope["task_loss"], model(batch), batch)
        return losses, losses.sum()
    predictions, aux = model(batch["x"])
    losses = scope["task_losses"](predictions, batch)
    return losses, losses.sum() + aux


ordered = lab_order()
if len(ordered) != len(lab["variables"]):
    sys.exit(f"check_parity.py: train.py has {len(ordered)} parameter tensors, the lab {len(lab['variables'])}")
linear_weights = {id(m.weight) for m in model.modules() if isinstance(m, torch.nn.Linear)}
with torch.no_grad():
    for p, v in zip(ordered, lab["variables"]):
        values = torch.tensor(v["values"]).view(v["shape"])
        p.copy_(values.t() if id(p) in linear_weights else values)  # the lab's kernels are [in, out], nn.Linear's [out, in]

losses_per_step = []
for step, rows in enumerate(lab["batches"]):
    batch = {name: values[torch.tensor(rows)] for name, values in scope["train_data"].items()}
    losses, total = step_losses(batch)
    scope["optimizer"].zero_grad(set_to_none=True)
    total.backward()
    scope["update"](step)
    losses_per_step.append(losses.tolist())
print(json.dumps(losses_per_step))
