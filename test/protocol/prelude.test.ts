/** The deep-learning prelude through a real kernel: what a student's cells display. */
import type { RunningKernel } from "../../src/client/launch";
import { ofType, startKernel, textOf } from "./helpers";

let kernel: RunningKernel;
beforeAll(async () => {
  kernel = await startKernel();
}, 120_000);
afterAll(() => kernel?.shutdown());

const run = async (code: string) => {
  const result = await kernel.client.execute(code, { timeoutMs: 120_000 });
  expect(result.reply.content).toMatchObject({ status: "ok" });
  return result.outputs;
};
const bundles = (outputs: Awaited<ReturnType<typeof run>>, type: string) => ofType(outputs, type).map((m) => m.content.data as Record<string, unknown>);

test("the first use of tf announces the backend once; a tensor shows an HTML table", async () => {
  const outputs = await run("tf.tensor([[1, 2], [3, 4]])");
  expect(textOf(ofType(outputs, "stream"))).toMatch(/TensorFlow\.js 4\.22\.0 on (wasm|cpu|tensorflow)/);
  const [result] = bundles(outputs, "execute_result");
  expect(result["text/html"]).toMatch(/<table/);
  expect(result["text/plain"]).toMatch(/1.*2[\s\S]*3.*4/);
  expect(ofType(await run("tf.scalar(1)"), "stream")).toHaveLength(0); // announced once
});

test("completion on dl. lists its members before any cell mentioned dl (declared on first use)", async () => {
  const code = "dl.";
  const reply = await kernel.client.request("shell", "complete_request", { code, cursor_pos: code.length });
  expect(reply.content.matches).toEqual(expect.arrayContaining(["datasets", "plot", "callbacks"]));
});

test("tf, dfd and dl name types too", async () => {
  const outputs = await run("const typed: tf.Tensor = tf.scalar(2);\nconst frame: dfd.DataFrame = new dfd.DataFrame({a: [1]});\nconst c: dl.Claim | null = null;\ntyped.shape.length");
  expect(textOf(ofType(outputs, "execute_result"))).toBe("0");
});

test("a danfo DataFrame shows an HTML table", async () => {
  const [result] = bundles(await run("new dfd.DataFrame({a: [1, 2, 3]})"), "execute_result");
  expect(result["text/html"]).toMatch(/<table/);
});

test("display.plotly sends the figure as a JSON object plus offline HTML", async () => {
  const [figure] = bundles(await run("display.plotly({data: [{x: [1, 2], y: [3, 4]}]})"), "display_data");
  expect(figure["application/vnd.plotly.v1+json"]).toMatchObject({ data: [{ x: [1, 2], y: [3, 4] }] });
  expect(typeof figure["text/html"]).toBe("string");
  expect(figure["text/html"]).not.toMatch(/<script[^>]+src=["']https?:/i); // offline: no CDN
});

test("a model shows its summary with exact parameter counts", async () => {
  const [summary] = bundles(
    await run('tf.sequential({layers: [tf.layers.dense({units: 128, inputShape: [784], activation: "relu"}), tf.layers.dense({units: 10})]})'),
    "execute_result",
  );
  expect(String(summary["text/plain"])).toMatch(/101,?770/);
  expect(summary["text/html"]).toMatch(/<table/);
});

test("fit with dl.callbacks.progress updates its output in place every epoch", async () => {
  const outputs = await run(
    'const m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});\n' +
      'm.compile({optimizer: "sgd", loss: "meanSquaredError"});\n' +
      "await m.fit(tf.ones([16, 2]), tf.ones([16, 1]), {epochs: 3, verbose: 0, callbacks: [dl.callbacks.progress()]});",
  );
  expect(ofType(outputs, "update_display_data").length).toBeGreaterThanOrEqual(3);
});

test("dl.claim carries the machine-readable claim next to its badge, shown once", async () => {
  const outputs = await run('dl.claim({id: "t.one", slide: "1.0", source: "slide", kind: "experiment", expected: 1, op: "approx", tolerance: 0.1, measured: 0.95})');
  const [bundle] = bundles(outputs, "display_data");
  expect(bundle["application/vnd.tsdl.claim+json"]).toMatchObject({ id: "t.one", source: "slide", kind: "experiment", pass: true, measured: 0.95 });
  // The badge shows once: the call returns nothing for the cell to echo.
  expect(bundles(outputs, "execute_result")).toEqual([]);
});
