/** Lets an action through at most once per interval (progress bars: <= 10 redraws a second). */
export class Throttle {
  private last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True (and starts a new interval) when the previous pass is at least intervalMs ago. */
  ready(): boolean {
    const t = this.now();
    if (t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }

  reset(): void {
    this.last = -Infinity;
  }
}
