/**
 * One small seeded PRNG for everything random in dl (synthetic datasets, environments, CV folds),
 * so a notebook cell re-run with the same seed draws exactly the same numbers on every machine.
 */

/** mulberry32: a 32-bit state generator, fast and good enough for toy data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  random(): number {
    return this.next();
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return this.next() * (b - a) + a;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Normal sample by the Marsaglia polar method, parametrised by variance (not
   * standard deviation) because that is how the Playground's two-gaussians dataset is.
   */
  normal(mean = 0, variance = 1): number {
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.next() - 1;
      v2 = 2 * this.next() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s > 1 || s === 0);
    return mean + Math.sqrt(variance) * Math.sqrt((-2 * Math.log(s)) / s) * v1;
  }

  /** In-place Fisher–Yates shuffle, walking from the end like the Playground does. */
  shuffle<T>(items: T[]): T[] {
    return shuffleInPlace(items, this.next);
  }
}

/** In-place Fisher–Yates shuffle driven by `random` (uniform in [0, 1)), from the last item down. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
