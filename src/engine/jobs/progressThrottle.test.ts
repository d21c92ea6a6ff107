import { describe, expect, it } from 'vitest';
import { throttleProgress } from './progressThrottle.ts';

describe('throttleProgress', () => {
  it('sends at most one value per interval and the last one on flush', () => {
    let clock = 0;
    const sent: number[] = [];
    const throttle = throttleProgress(
      (v: number) => sent.push(v),
      100,
      () => clock,
    );
    for (let i = 1; i <= 25; i++) {
      clock = i * 10; // 10 ms apart: 250 ms in all
      throttle.offer(i);
    }
    // Sent at t = 10, 110, 210 (values 1, 11, 21); 25 is pending.
    expect(sent).toEqual([1, 11, 21]);
    throttle.flush();
    expect(sent).toEqual([1, 11, 21, 25]);
    throttle.flush();
    expect(sent).toEqual([1, 11, 21, 25]);
  });

  it('sends nothing on flush when the last offer went through', () => {
    const sent: string[] = [];
    const throttle = throttleProgress(
      (v: string) => sent.push(v),
      100,
      () => 0,
    );
    throttle.offer('a');
    throttle.flush();
    expect(sent).toEqual(['a']);
  });
});
