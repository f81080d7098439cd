import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('starts the first item at once and gives the next unit everything that waited, per key, in order', async () => {
    const units: string[][] = [];
    let release!: () => void;
    const firstUnitDone = new Promise<void>((r) => (release = r));
    const g = new GroupCommit<string, string>(async (key, items) => {
      units.push(items.map((i) => `${key}:${i}`));
      if (units.length === 1) await firstUnitDone;
      return items.map((i) => ({ status: 'fulfilled' as const, value: i.toUpperCase() }));
    }, 3);
    const a = g.submit('p1', 'a');
    const rest = ['b', 'c', 'd', 'e'].map((x) => g.submit('p1', x));
    const other = g.submit('p2', 'z'); // another key does not wait for p1
    expect(await other).toBe('Z');
    release();
    expect(await Promise.all([a, ...rest])).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(units).toEqual([['p1:a'], ['p2:z'], ['p1:b', 'p1:c', 'p1:d'], ['p1:e']]);
  });

  it('answers each item from its own result; a unit that throws fails its items only', async () => {
    const g = new GroupCommit<number, number>(async (_key, items) => {
      if (items.includes(13)) throw new Error('unlucky unit');
      return items.map((n) => (n % 2 ? { status: 'rejected' as const, reason: new Error(`odd ${n}`) } : { status: 'fulfilled' as const, value: n }));
    });
    await expect(g.submit('k', 2)).resolves.toBe(2);
    await expect(g.submit('k', 3)).rejects.toThrow('odd 3');
    await expect(g.submit('k', 13)).rejects.toThrow('unlucky unit');
    await expect(g.submit('k', 4)).resolves.toBe(4); // the key works again after a failed unit
  });
});
