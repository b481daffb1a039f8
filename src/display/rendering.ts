/**
 * What display() returns for a value whose display method is async: a promise of the output
 * being published. It records whether the caller awaited (or otherwise handled) it, so that the
 * display sink reports a failure nobody handled, and only that one.
 */
export class Rendering extends Promise<void> {
  private handled = false;

  /** Derived promises (then, catch, finally) are plain promises. */
  static get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** Settles as `work` does. Its failure is the sink's to report, never an unhandled rejection. */
  static of(work: Promise<void>): Rendering {
    const rendering = new Rendering((resolve, reject) => work.then(resolve, reject));
    Promise.prototype.then.call(rendering, undefined, () => undefined); // not an observation
    return rendering;
  }

  /** True once the caller awaited it or attached a handler. */
  get observed(): boolean {
    return this.handled;
  }

  override then<A = void, B = never>(
    onFulfilled?: ((value: void) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.handled = true;
    return super.then(onFulfilled, onRejected);
  }
}

export function isRendering(value: unknown): value is Rendering {
  return value instanceof Rendering;
}
