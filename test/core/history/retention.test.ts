import { describe, expect, it } from 'vitest';
import { applyRetention } from '../../../src/core/history';

const items = (...sizes: number[]): { name: string; bytes: number }[] =>
  sizes.map((bytes, i) => ({ name: `p${i}`, bytes }));
const names = (list: readonly { name: string }[]): string[] => list.map((x) => x.name);

describe('history retention', () => {
  it('removes the oldest past the count', () => {
    const r = applyRetention(items(1, 1, 1, 1), { maxCount: 2, maxBytes: 1e9 });
    expect(names(r.remove)).toEqual(['p0', 'p1']);
    expect(names(r.keep)).toEqual(['p2', 'p3']);
  });

  it('removes the oldest until the size fits, whatever the count allows', () => {
    const r = applyRetention(items(50, 30, 20, 10), { maxCount: 100, maxBytes: 35 });
    expect(names(r.keep)).toEqual(['p2', 'p3']);
  });

  it('keeps the newest even when it alone is larger than the size limit', () => {
    const r = applyRetention(items(5, 500), { maxCount: 10, maxBytes: 100 });
    expect(names(r.keep)).toEqual(['p1']);
    expect(names(r.remove)).toEqual(['p0']);
  });

  it('removes nothing within both limits, and handles an empty history', () => {
    expect(applyRetention(items(1, 2, 3), { maxCount: 3, maxBytes: 6 }).remove).toEqual([]);
    expect(applyRetention([], { maxCount: 1, maxBytes: 1 })).toEqual({ keep: [], remove: [] });
  });
});
