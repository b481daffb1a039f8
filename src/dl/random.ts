/**
 * The one seeded PRNG for everything random in dl and in notebooks (synthetic datasets,
 * environments, CV folds, shuffles): `dl.random(seed)`, so a cell re-run with the same seed draws
 * exactly the same numbers on every machine. Like numpy's `default_rng(seed)`, one object
 * carries the generator and its distributions.
 */

/** A seeded generator. Calling it draws uniform in [0, 1), so it can stand in for `Math.random`. */
export interface Random {
  (): number;
  /** Uniform in [a, b). */
  uniform(a: number, b: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /**
   * Normal sample by the Marsaglia polar method, parametrised by variance (not standard
   * deviation) because that is how the Playground's two-gaussians dataset is.
   */
  normal(mean?: number, variance?: number): number;
  /** In-place Fisher–Yates shuffle, walking from the last item down like the Playground does; returns `items`. */
  shuffle<T>(items: T[]): T[];
  /** The generator's whole state, for checkpoints: `restore(state)` continues this stream exactly. */
  snapshot(): number;
  restore(state: number): Random;
}

/** A generator seeded with `seed` (mulberry32: 32-bit state, fast, good enough for toy data). */
export function random(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = advance(state);
    return output(state);
  };
  const rng: Random = Object.assign(next, {
    uniform: (a: number, b: number) => next() * (b - a) + a,
    int: (n: number) => Math.floor(next() * n),
    normal: (mean = 0, variance = 1) => normal(next, mean, variance),
    shuffle: <T>(items: T[]) => shuffle(items, next),
    snapshot: () => state,
    restore: (saved: number) => {
      state = saved >>> 0;
      return rng;
    },
  });
  return rng;
}

function advance(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

/** mulberry32's output function: the state, mixed, as a number in [0, 1). */
function output(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function normal(next: () => number, mean: number, variance: number): number {
  let v1: number;
  let v2: number;
  let s: number;
  do {
    v1 = 2 * next() - 1;
    v2 = 2 * next() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1 || s === 0);
  return mean + Math.sqrt(variance) * Math.sqrt((-2 * Math.log(s)) / s) * v1;
}

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
