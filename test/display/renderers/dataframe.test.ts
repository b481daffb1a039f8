import * as tf from "@tensorflow/tfjs";
import * as dfd from "danfojs-node";
import { toRichOutput } from "../../../src/display/protocol";
import { installRenderers } from "../../../src/display/renderers";

beforeAll(async () => {
  await tf.setBackend("cpu");
  installRenderers({ tf, dfd });
});

function bundle(x: unknown): Record<string, string> {
  return toRichOutput(x).data as Record<string, string>;
}

test("a small DataFrame shows every row, its columns and dtypes", () => {
  const df = new dfd.DataFrame({ a: [1, 2, 3], b: ["x", "y", "z"] });
  const { "text/html": html, "text/plain": text } = bundle(df);
  expect(html).toContain(">a<");
  expect(html).toContain(">int32<");
  expect(html).toContain(">string<");
  expect(html).toContain("3 rows × 2 columns");
  expect(text).toContain("2      3  z");
});

test("a long DataFrame shows head and tail around an ellipsis row", () => {
  const n = 100;
  const df = new dfd.DataFrame({ i: Array.from({ length: n }, (_, k) => k), sq: Array.from({ length: n }, (_, k) => k * k) });
  const { "text/html": html, "text/plain": text } = bundle(df);
  expect(html.match(/<tr>/g)).toHaveLength(2 + 11);
  expect(html).toContain("100 rows × 2 columns");
  expect(html).toContain(">9801<");
  expect(html).not.toContain(">2500<");
  expect(text).toContain("…");
});

test("results of operations (base danfo classes) render too", () => {
  const df = new dfd.DataFrame({ a: [1, 2, 3] });
  expect(bundle(df.head(2))["text/html"]).toContain("2 rows × 1 column");
});

test("a Series renders as a one-column table with its name", () => {
  const df = new dfd.DataFrame({ score: [0.5, 0.25] });
  const { "text/html": html, "text/plain": text } = bundle(df.column("score"));
  expect(html).toContain(">score<");
  expect(html).toContain("2 rows");
  expect(text.startsWith("Series")).toBe(true);
  expect(text).toContain("0.25");
});
