/**
 * One small seeded PRNG for everything random in dl (synthetic datasets, environments, CV folds),
 * so a notebook cell re-run with the same seed draws exactly the same numbers on every machine.
 */

/** mulberry32: a 32-bit state generator, fast and good enough for toy data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = advance(state);
    return output(state);
  };
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

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * The generator's whole state, for checkpoints: a generator given it by `restore` continues
   * this one's stream exactly.
   */
  snapshot(): number {
    return this.state;
  }

  restore(state: number): this {
    this.state = state >>> 0;
    return this;
  }

  /** Uniform in [0, 1). */
  random(): number {
    this.state = advance(this.state);
    return output(this.state);
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return this.random() * (b - a) + a;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.random() * n);
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
      v1 = 2 * this.random() - 1;
      v2 = 2 * this.random() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s > 1 || s === 0);
    return mean + Math.sqrt(variance) * Math.sqrt((-2 * Math.log(s)) / s) * v1;
  }

  /** In-place Fisher–Yates shuffle, walking from the end like the Playground does. */
  shuffle<T>(items: T[]): T[] {
    return shuffleInPlace(items, () => this.random());
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
