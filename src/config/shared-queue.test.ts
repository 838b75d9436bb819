import { describe, expect, it } from 'vitest';
import { claimAll, hasStarted, markStarted, sharedQueue } from './shared-queue.js';

describe('shared queue', () => {
  it('hands out each index once, in order, until none is left', () => {
    const queue = sharedQueue(1);
    const first = claimAll(queue, 5, (i) => i * 10);
    expect(first).toEqual({ indices: [0, 1, 2, 3, 4], results: [0, 10, 20, 30, 40] });
    // A thread that comes later finds nothing, and runs nothing.
    let ran = 0;
    expect(claimAll(queue, 5, () => ran++)).toEqual({ indices: [], results: [] });
    expect(ran).toBe(0);
  });

  it('claimers that interleave share the indices without overlap or gap', () => {
    const queue = sharedQueue(1);
    let b: readonly number[] = [];
    // While A validates its third index, B (another view of the same memory, as a second
    // thread has) claims what is left.
    const a = claimAll(queue, 10, (i) => {
      if (i === 2) b = claimAll(new Int32Array(queue.buffer), 10, (j) => j).indices;
      return i;
    });
    expect(a.indices).toEqual([0, 1, 2]);
    expect(b).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('marks a worker as started only when it says so', () => {
    const queue = sharedQueue(2);
    expect([hasStarted(queue, 0), hasStarted(queue, 1)]).toEqual([false, false]);
    markStarted(queue, 1);
    expect([hasStarted(queue, 0), hasStarted(queue, 1)]).toEqual([false, true]);
    // The flags live beside the counter, not in it.
    expect(claimAll(queue, 2, (i) => i).indices).toEqual([0, 1]);
  });
});
