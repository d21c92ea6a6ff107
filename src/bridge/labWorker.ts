// Starts the page's one worker bundle (workers/lab.worker.ts) in a role: a training run or a job.
export function startLabWorker(role: 'train' | 'job'): Worker {
  return new Worker(new URL('../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: role });
}
