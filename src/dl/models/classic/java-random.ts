/**
 * java.util.Random (a 48-bit linear congruential generator), so a model that follows Weka can
 * draw exactly the numbers Weka draws from the same seed: its initial weights and its shuffle of
 * the training set. BigInt keeps the 48-bit arithmetic exact; models draw a few thousand numbers.
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

export class JavaRandom {
  private seed: bigint;

  constructor(seed: number | bigint) {
    this.seed = (BigInt(seed) ^ MULTIPLIER) & MASK;
  }

  /** The next `bits` random bits as a signed 32-bit integer, as Java's protected next(bits). */
  private next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  /** Uniform in [0, 1) with 53 random bits, as Java's nextDouble(). */
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) / 2 ** 53;
  }

  /** Uniform integer in [0, bound), as Java's nextInt(bound) (rejection keeps it unbiased). */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff) throw new Error(`JavaRandom.nextInt: bound must be a positive 32-bit integer, got ${bound}`);
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    for (;;) {
      const bits = this.next(31);
      const value = bits % bound;
      // Java rejects when bits - value + (bound - 1) overflows a signed 32-bit int.
      if (bits - value + (bound - 1) <= 0x7fffffff) return value;
    }
  }

  /** Weka's Instances.randomize: a Fisher-Yates shuffle from the end, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let j = items.length - 1; j > 0; j--) {
      const k = this.nextInt(j + 1);
      [items[j], items[k]] = [items[k], items[j]];
    }
    return items;
  }
}
