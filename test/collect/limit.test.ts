import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/collect/limit';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('never runs more than the limit at once, even when tasks finish and new ones arrive together', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const task = async (): Promise<number> => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
      return running;
    };
    const first = Array.from({ length: 10 }, () => limit(task));
    // Newcomers arriving while slots are being handed over must queue, not slip in.
    await tick();
    const second = Array.from({ length: 10 }, () => limit(task));
    await Promise.all([...first, ...second]);
    expect(peak).toBe(3);
  });

  it('starts waiting tasks in order and passes results and errors through', async () => {
    const limit = createLimiter(1);
    const order: number[] = [];
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        limit(async () => {
          order.push(n);
          await tick();
          if (n === 2) throw new Error('two');
          return n * 10;
        }),
      ),
    );
    expect(order).toEqual([1, 2, 3]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      10,
      'two',
      30,
    ]);
  });

  it('refuses a limit below one', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
