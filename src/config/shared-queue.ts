// Indices 0..count-1 handed out to threads through shared memory: each thread claims the next
// unclaimed index until none is left. Files take unequal time and threads start at different
// moments (a worker thread loads its modules while the main thread reads the files), so a
// fixed split left one thread idle for up to half a second while the other still had files.
// Atomics make each claim exactly-once without a message round trip per file.

/** Slot 0: the next index to claim. Slot 1 + w: 1 once worker w has begun to claim. */
export type SharedQueue = Int32Array;

export function sharedQueue(workers: number): SharedQueue {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + workers)));
}

export interface Claimed<T> {
  readonly indices: readonly number[];
  readonly results: readonly T[];
}

/** Claims indices below `count` until none is left; `each` runs once per claimed index. */
export function claimAll<T>(queue: SharedQueue, count: number, each: (index: number) => T): Claimed<T> {
  const indices: number[] = [];
  const results: T[] = [];
  for (let i = Atomics.add(queue, 0, 1); i < count; i = Atomics.add(queue, 0, 1)) {
    indices.push(i);
    results.push(each(i));
  }
  return { indices, results };
}

/** Called by worker `w` before its first claim. */
export function markStarted(queue: SharedQueue, worker: number): void {
  Atomics.store(queue, 1 + worker, 1);
}

/**
 * Whether worker `w` may hold claimed indices. Once every index is claimed, a worker that has
 * not started never will hold any (its first claim finds the queue empty), so nobody needs to
 * wait for it.
 */
export function hasStarted(queue: SharedQueue, worker: number): boolean {
  return Atomics.load(queue, 1 + worker) === 1;
}
