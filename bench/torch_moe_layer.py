"""The MoE layer of bench/moe.ts in PyTorch CPU, sparse dispatch, 1 thread: forward + backward.
Top-k softmax router, expert capacity ceil(CF·N·k/E) filled in token order (overflow dropped),
rows gathered into [E, capacity, d], two batched matmuls with ReLU, gated scatter-add back, plus
the Switch balance loss. Prints the median milliseconds of `reps` steps after 2 warm-ups.
Arguments: E k N d h CF reps."""
import math
import sys
import time

import torch

E, K, N, D, H = (int(a) for a in sys.argv[1:6])
CF, REPS = float(sys.argv[6]), int(sys.argv[7])
torch.manual_seed(1)
torch.set_num_threads(1)  # tfjs wasm runs one thread in Node
capacity = math.ceil(CF * N * K / E)
router = torch.randn(D, E, requires_grad=True)
w1 = (torch.randn(E, D, H) * math.sqrt(2 / D)).requires_grad_()
b1 = torch.zeros(E, 1, H, requires_grad=True)
w2 = (torch.randn(E, H, D) * math.sqrt(2 / H)).requires_grad_()
b2 = torch.zeros(E, 1, D, requires_grad=True)
x = torch.randn(N, D, requires_grad=True)
r = torch.randn(N, D)


def step():
    probs = torch.softmax(x @ router, dim=1)  # [N, E]
    gate, expert = probs.topk(K, dim=1)  # [N, K]
    flat = expert.reshape(-1)  # choice c = token·K + j, in token order
    onehot = torch.nn.functional.one_hot(flat, E)
    position = (onehot.cumsum(0) - 1).gather(1, flat[:, None])[:, 0]  # slot of each choice within its expert
    kept = position < capacity
    slot = flat * capacity + position
    token = torch.arange(N).repeat_interleave(K)
    slots = torch.zeros(E * capacity, D)
    slots = slots.index_copy(0, slot[kept], x[token[kept]])
    hidden = torch.relu(torch.bmm(slots.view(E, capacity, D), w1) + b1)
    out = (torch.bmm(hidden, w2) + b2).reshape(E * capacity, D)
    weighted = out[slot[kept]] * gate.reshape(-1)[kept][:, None]
    y = torch.zeros(N, D).index_add(0, token[kept], weighted)
    share = onehot.float().mean(0)
    balance = E * (share * probs.mean(0)).sum()
    loss = (y * r).sum() + 0.01 * balance
    for p in (router, w1, b1, w2, b2, x):
        p.grad = None
    loss.backward()


for _ in range(2):
    step()
times = []
for _ in range(REPS):
    start = time.perf_counter()
    step()
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(times[len(times) // 2])
