import { describe, expect, it } from 'vitest';
import { heapGrowthChosen } from './heap-growth.js';

describe('heapGrowthChosen', () => {
  it("keeps a value given to node, in either spelling", () => {
    expect(heapGrowthChosen(['--heap-growing-percent=300'])).toBe(true);
    expect(heapGrowthChosen(['--enable-source-maps', '--heap_growing_percent=50'])).toBe(true);
  });

  it('sets its own otherwise', () => {
    expect(heapGrowthChosen([])).toBe(false);
    expect(heapGrowthChosen(['--max-old-space-size=512', '--import', 'x.mjs'])).toBe(false);
  });
});
