import { describe, expect, it } from 'vitest';
import { createRunQueue } from './runQueue.ts';

describe('createRunQueue', () => {
  it('starts at most `limit` runs, tells the rest their place, and starts them in order as slots free', async () => {
    const queue = createRunQueue(2);
    const started: string[] = [];
    const places: Record<string, number[]> = {};
    const ids = ['a', 'b', 'c', 'd'];
    ids.forEach((id) => void queue.take(id, (p) => (places[id] ??= []).push(p)).then(() => started.push(id)));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(places.d.at(-1)).toBe(2);
    queue.leave('c'); // stopped while waiting: d moves up, nothing starts
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(places.d.at(-1)).toBe(1);
    queue.leave('a');
    await Promise.resolve();
    expect(started).toEqual(['a', 'b', 'd']);
  });
});
