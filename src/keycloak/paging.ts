// Reading a paged list (Keycloak's `first`/`max`) with several pages in flight, yet no more
// requests than reading page after page would make when the caller's estimate is right.
// Keycloak has no count endpoint for clients, so where the list ends is only known from the
// first page that comes back short. The caller's estimate (how many items it expects, e.g. the
// clients git declares) says how far to read ahead:
// - page 0 is read alone: an empty or small realm (the first apply) costs one request;
// - then pages up to the estimate are read `concurrency` at a time, and no new page starts once
//   a short one has come back (so a too-high estimate wastes at most concurrency - 1 requests);
// - past the estimate, pages are read one at a time (a too-low estimate costs latency, never
//   requests).

export interface PagingOptions {
  readonly pageSize: number;
  /** How many items the caller expects in all; 0 when it has no idea. */
  readonly expected: number;
  /** Pages in flight at once. */
  readonly concurrency: number;
}

/** Fetches one page: at most `max` items from offset `first`. */
export type FetchPage<T> = (first: number, max: number) => Promise<readonly T[]>;

/** Every page up to and including the first short one, in order. A failed page fails the whole read. */
export async function readAllPages<T>(fetchPage: FetchPage<T>, options: PagingOptions): Promise<T[][]> {
  const { pageSize } = options;
  const pages: T[][] = [];
  const read = async (index: number): Promise<boolean> => {
    const page = [...(await fetchPage(index * pageSize, pageSize))];
    pages[index] = page;
    return page.length < pageSize;
  };
  if (await read(0)) return pages;

  // The page that holds item number `expected` is the last one the estimate asks for.
  const estimatedPages = Math.floor(Math.max(0, options.expected) / pageSize) + 1;
  let next = 1;
  let end = Infinity;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < estimatedPages && next <= end) {
      const index = next++;
      try {
        if (await read(index)) end = Math.min(end, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, estimatedPages - 1));
  await Promise.all(Array.from({ length: workers }, worker));

  if (end === Infinity) {
    for (let index = Math.max(next, 1); ; index++) {
      if (await read(index)) {
        end = index;
        break;
      }
    }
  }
  return pages.slice(0, end + 1);
}
