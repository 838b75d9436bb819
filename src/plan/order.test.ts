import { describe, expect, it } from 'vitest';
import { sortedUnique } from './order.js';

describe('sortedUnique', () => {
  it('sorts by code unit and drops duplicates', () => {
    expect(sortedUnique(['b', 'a', 'b', 'B', 'é', 'e'])).toEqual(['B', 'a', 'b', 'e', 'é']);
    expect(sortedUnique(['a', 'a'])).toEqual(['a']);
    expect(sortedUnique(['a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
  });

  it('returns a list already in shape as it is, without copying it', () => {
    const sorted = ['a', 'b', 'c'];
    expect(sortedUnique(sorted)).toBe(sorted);
    const empty: string[] = [];
    expect(sortedUnique(empty)).toBe(empty);
  });

  it('never mutates its input', () => {
    const input = ['c', 'a', 'c'];
    sortedUnique(input);
    expect(input).toEqual(['c', 'a', 'c']);
  });
});
