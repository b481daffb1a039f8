import { setDisplaySink } from "../../src/display/protocol";
import { tqdm } from "../../src/dl/tqdm";
import { recordDisplays } from "../display/fake-sink";

afterEach(() => setDisplaySink(null));

/** A clock that moves `step` ms every time it is read. */
const ticking = (step: number) => {
  let t = 0;
  return () => (t += step);
};

test("a bar over the loop, redrawn in place, ending complete", async () => {
  const sink = recordDisplays();
  const seen: number[] = [];
  for await (const x of tqdm([10, 20, 30], { desc: "folds", now: ticking(1000) })) seen.push(x);
  expect(seen).toEqual([10, 20, 30]);
  const texts = sink.outputs.map((o) => String(o.output.data["text/plain"]));
  expect(texts[0]).toMatch(/^folds ─{30} 0\/3 - /);
  expect(texts[texts.length - 1]).toMatch(/^folds ━{30} 3\/3 - \d+(\.\d)?s$/);
  expect(texts[2]).toMatch(/ 2\/3 - .* - ETA: /);
  const ids = new Set(sink.outputs.map((o) => o.displayId));
  expect(ids.size).toBe(1);
  expect(sink.outputs.slice(1).every((o) => o.update)).toBe(true);
  expect(String(sink.outputs[sink.outputs.length - 1].output.data["text/html"])).toContain("#2ca02c");
});

test("redraws at most 10 times a second, and always at the end", async () => {
  const sink = recordDisplays();
  for await (const _ of tqdm(Array.from({ length: 50 }, (_, i) => i), { now: ticking(1) })) void _;
  // 50 items at 1 ms each (a few clock reads per item): a handful of redraws, not 50.
  expect(sink.outputs.length).toBeLessThan(10);
  expect(String(sink.outputs[sink.outputs.length - 1].output.data["text/plain"])).toContain("50/50");
});

test("a generator's length comes from `total`; a break leaves the bar where the loop stopped", async () => {
  const sink = recordDisplays();
  function* numbers() {
    for (let i = 0; ; i++) yield i;
  }
  for await (const i of tqdm(numbers(), { total: 8, now: ticking(1000) })) if (i === 4) break;
  expect(String(sink.outputs[sink.outputs.length - 1].output.data["text/plain"])).toMatch(/ 4\/8 - /);
});

test("outside a frontend only the final line is printed", async () => {
  const lines: string[] = [];
  setDisplaySink({ display: (o) => lines.push(String(o.data["text/plain"])), clearOutput() {}, interactive: false });
  for await (const _ of tqdm([1, 2], { desc: "x" })) void _;
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^x ━{30} 2\/2 - /);
});
