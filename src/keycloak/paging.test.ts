import { describe, expect, it } from 'vitest';
import { readAllPages, type FetchPage } from './paging.js';

/** A list of `total` numbered items served in pages, recording each request and the most in flight. */
function server(total: number, options: { failAt?: number } = {}) {
  const requested: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage: FetchPage<number> = async (first, max) => {
    requested.push(first);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Later pages answer first, so the reader cannot rely on arrival order.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 5 - first / max)));
    inFlight--;
    if (first === options.failAt) throw new Error(`page at ${first} failed`);
    return Array.from({ length: Math.max(0, Math.min(max, total - first)) }, (_, i) => first + i);
  };
  return { fetchPage, requested, maxInFlight: () => maxInFlight };
}

const items = (pages: number[][]) => pages.flat();
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('readAllPages', () => {
  it('reads every item in order with one request per page when the estimate is right', async () => {
    const s = server(1006);
    const pages = await readAllPages(s.fetchPage, { pageSize: 100, expected: 1000, concurrency: 4 });
    expect(items(pages)).toEqual(range(1006));
    // ceil(1006 / 100) pages: the last is the short one that ends the list
    expect(s.requested.sort((a, b) => a - b)).toEqual(range(11).map((p) => p * 100));
    expect(s.maxInFlight()).toBe(4);
  });

  it('makes one request for a realm smaller than a page, whatever the estimate', async () => {
    const s = server(7);
    const pages = await readAllPages(s.fetchPage, { pageSize: 100, expected: 5000, concurrency: 8 });
    expect(items(pages)).toEqual(range(7));
    expect(s.requested).toEqual([0]);
  });

  it('reads an exact multiple of the page size up to the empty page that ends it', async () => {
    const s = server(300);
    const pages = await readAllPages(s.fetchPage, { pageSize: 100, expected: 300, concurrency: 4 });
    expect(items(pages)).toEqual(range(300));
    expect(s.requested.sort((a, b) => a - b)).toEqual([0, 100, 200, 300]);
  });

  it('goes on page by page past a low estimate, without extra requests', async () => {
    const s = server(1050);
    const pages = await readAllPages(s.fetchPage, { pageSize: 100, expected: 500, concurrency: 4 });
    expect(items(pages)).toEqual(range(1050));
    expect(s.requested.length).toBe(11);
  });

  it('reads page by page without an estimate', async () => {
    const s = server(250);
    const pages = await readAllPages(s.fetchPage, { pageSize: 100, expected: 0, concurrency: 4 });
    expect(items(pages)).toEqual(range(250));
    expect(s.requested).toEqual([0, 100, 200]);
    expect(s.maxInFlight()).toBe(1);
  });

  it('wastes fewer requests than the concurrency when the estimate is far too high', async () => {
    const s = server(150);
    const pages = await readAllPages(s.fetchPage, { pageSize: 100, expected: 5000, concurrency: 4 });
    expect(items(pages)).toEqual(range(150));
    // pages 0 and 1 are needed; at most 3 more were started before page 1 came back short
    expect(s.requested.length).toBeGreaterThanOrEqual(2);
    expect(s.requested.length).toBeLessThanOrEqual(2 + 3);
  });

  it('fails the whole read when a page fails, and starts no page after that', async () => {
    const s = server(2000, { failAt: 300 });
    await expect(readAllPages(s.fetchPage, { pageSize: 100, expected: 2000, concurrency: 2 })).rejects.toThrow('page at 300 failed');
    const countAtFailure = s.requested.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.requested.length).toBe(countAtFailure);
    expect(countAtFailure).toBeLessThan(21);
  });
});
