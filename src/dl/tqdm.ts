/**
 * `dl.tqdm`: a progress bar over any loop, tqdm's name and shape for Python users.
 *
 *     for await (const fold of dl.tqdm(folds, { desc: "J48 folds" })) { ... }
 *
 * The bar is one output redrawn in place (at most 10 times a second, always once at the end)
 * with the count, elapsed time and an estimate of what is left. After each item the loop waits
 * one turn of the event loop, so the kernel can send the redrawn bar while a cell computes for
 * minutes; that is why it is an async iterator (`for await`). Outside a Jupyter frontend only the
 * final line is printed.
 */
import { display } from "../display/display";
import { displaySink } from "../display/protocol";
import { barLineHtml, barText, seconds } from "./callbacks/progress-bar";
import { Throttle } from "./callbacks/throttle";

export interface TqdmOptions {
  /** Label in front of the bar. */
  desc?: string;
  /** Number of items, when `items` has no length (a generator). */
  total?: number;
  /** Clock in ms (tests inject one); default performance.now. */
  now?: () => number;
}

export interface LoopProgress {
  desc: string;
  done: number;
  total?: number;
  elapsedMs: number;
  finished: boolean;
}

function rest({ done, total, elapsedMs, finished }: LoopProgress): string {
  const count = total === undefined ? `${done}` : `${done}/${total}`;
  const eta = !finished && total !== undefined && done > 0 ? ` - ETA: ${seconds((elapsedMs / done) * (total - done))}` : "";
  return `${count} - ${seconds(elapsedMs)}${eta}`;
}

function fraction(p: LoopProgress): number {
  if (p.finished) return 1;
  return p.total ? Math.min(1, p.done / p.total) : 0;
}

export function loopText(p: LoopProgress): string {
  return `${p.desc ? `${p.desc} ` : ""}${barText(fraction(p))} ${rest(p)}`;
}

export function loopHtml(p: LoopProgress): string {
  return barLineHtml(p.desc, fraction(p), p.finished, rest(p));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function lengthOf(items: Iterable<unknown>): number | undefined {
  const length = (items as { length?: unknown }).length ?? (items as { size?: unknown }).size;
  return typeof length === "number" ? length : undefined;
}

export async function* tqdm<T>(items: Iterable<T> | AsyncIterable<T>, options: TqdmOptions = {}): AsyncGenerator<T> {
  const now = options.now ?? (() => performance.now());
  const live = displaySink().interactive;
  const throttle = new Throttle(100, now);
  const started = now();
  const displayId = display.newId("tsdl-loop");
  const state = (done: number, finished: boolean): LoopProgress => ({
    desc: options.desc ?? "",
    done,
    total: options.total ?? (Symbol.iterator in items ? lengthOf(items as Iterable<T>) : undefined),
    elapsedMs: now() - started,
    finished,
  });
  const show = (p: LoopProgress, update: boolean) =>
    display({ "text/plain": loopText(p), "text/html": loopHtml(p) }, { raw: true, displayId, update });
  let done = 0;
  if (live) show(state(0, false), false);
  throttle.ready();
  await nextTurn(); // the empty bar reaches the frontend before the first item's work starts
  try {
    for await (const item of items) {
      yield item;
      done++;
      if (live && throttle.ready()) show(state(done, false), true);
      await nextTurn();
    }
  } finally {
    // Also after a `break` or an error in the loop body: the bar says where it stopped.
    show(state(done, true), live);
  }
}
