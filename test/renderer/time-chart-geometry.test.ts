import { describe, expect, it } from 'vitest';
import {
  bandPath,
  countTicks,
  dotsPath,
  spanAt,
  linearScale,
  timeTicks,
} from '../../src/renderer/src/components/time-chart-geometry';

describe('timeline chart geometry', () => {
  it('scales linearly, inverted ranges included, and maps an empty domain to the range start', () => {
    const y = linearScale([0, 10], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(5)).toBe(50);
    expect(y(10)).toBe(0);
    expect(linearScale([3, 3], [10, 20])(3)).toBe(10);
  });

  it('picks whole-number ticks that cover the highest value', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(45)).toEqual([0, 20, 40, 60]);
    expect(countTicks(297)).toEqual([0, 100, 200, 300]);
  });

  it('spreads time ticks across the domain, ends included', () => {
    expect(timeTicks([0, 100], 5)).toEqual([0, 25, 50, 75, 100]);
    expect(timeTicks([7, 7])).toEqual([7]);
  });

  it('draws one rectangle per span from min to max, leaves gaps for unknown spans', () => {
    const x = linearScale([0, 30], [0, 300]);
    const y = linearScale([0, 10], [100, 0]);
    const path = bandPath(
      [
        { t: 0, range: [2, 4] },
        { t: 10, range: undefined },
        { t: 20, range: [5, 5] },
      ],
      30,
      x,
      y,
    );
    expect(path).toBe('M0 60H100V80H0ZM200 50H300V51H200Z');
    expect(bandPath([{ t: 0, range: undefined }], 30, x, y)).toBe('');
  });
});

describe('timeline chart marks and hover', () => {
  it('draws each dot as a closed circle of two arcs', () => {
    expect(dotsPath([{ x: 10, y: 5 }], 3)).toBe('M7 5a3 3 0 1 0 6 0a3 3 0 1 0 -6 0');
    expect(dotsPath([], 3)).toBe('');
  });

  it('finds the span an instant falls in', () => {
    const starts = [0, 10, 20];
    expect(spanAt(starts, -1)).toBe(-1);
    expect(spanAt(starts, 0)).toBe(0);
    expect(spanAt(starts, 15)).toBe(1);
    expect(spanAt(starts, 99)).toBe(2);
  });
});
