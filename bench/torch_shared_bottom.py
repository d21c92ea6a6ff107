"""The default TaskLab experiment's model and step in PyTorch CPU, for a side-by-side speed ratio.
Prints steps per second. Arguments: input_dim hidden(comma list) tasks batch steps lr [--serve].
With --serve (after the warm-up): reads a step count per stdin line, runs that many steps and
answers "cpu_ms wall_ms", so a caller can interleave its own steps with these under the same load."""
import sys
import time

import torch

input_dim, hidden, tasks, batch, steps, lr = sys.argv[1:7]
input_dim, tasks, batch, steps, lr = int(input_dim), int(tasks), int(batch), int(steps), float(lr)
widths = [int(w) for w in hidden.split(",")]
torch.manual_seed(1)
torch.set_num_threads(1)  # tfjs cpu and wasm run single-threaded too

layers, previous = [], input_dim
for width in widths:
    layers += [torch.nn.Linear(previous, width), torch.nn.ReLU()]
    previous = width
model = torch.nn.Sequential(*layers, torch.nn.Linear(previous, tasks))
optimizer = torch.optim.Adam(model.parameters(), lr=lr)
x = torch.randn(2048, input_dim)
y = torch.randn(2048, tasks)


def step():
    index = torch.randint(0, 2048, (batch,))
    optimizer.zero_grad()
    task_losses = ((model(x[index]) - y[index]) ** 2).mean(dim=0)
    task_losses.sum().backward()
    optimizer.step()
    return task_losses.detach()


for _ in range(20):  # warm-up
    step()
if "--serve" in sys.argv:
    for line in sys.stdin:
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(int(line)):
            step()
        print((time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, flush=True)
    sys.exit(0)
start = time.perf_counter()
for _ in range(steps):
    step()
print(steps / (time.perf_counter() - start))
