// How far V8 lets the heap grow past what is live before its next full collection. By default
// it picks a factor of up to 4 on a machine with a large heap limit: an apply of 5,000 clients,
// with ~35 MB live, then peaks at ~250 MB RSS, most of it garbage not yet collected (every
// request through the admin client's fetch leaves some that outlives a young-generation GC).
// A factor of 2 keeps the same run near 170 MB, with no slower runs measured (bench/sync.ts).
// The V8 flag is read at every full GC, so setting it at start-up takes effect. Anyone who
// passes their own value to node keeps it.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 100;

const FLAG = /^--heap[-_]growing[-_]percent\b/;

/** True when node was started with its own --heap-growing-percent. */
export function heapGrowthChosen(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => FLAG.test(arg));
}

export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (!heapGrowthChosen(execArgv)) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
