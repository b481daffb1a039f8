/**
 * dl.playground: the site's defaults, its network arithmetic (checked against finite
 * differences), its batching and regularization, sessions, pictures, and the live app driven
 * through a fake widget frontend.
 */
import { setCommHost } from "../../src/display/comm";
import { PLAYGROUND_DEFAULTS, PlaygroundApp, PlaygroundNetwork, PlaygroundSession, heatmapPng, playgroundSpec } from "../../src/dl/playground";
import { shade } from "../../src/dl/playground/render";
import { random } from "../../src/dl/random";
import { FakeHost } from "../widgets/fake-host";

test("the defaults are playground.tensorflow.org's (src/state.ts)", () => {
  expect(PLAYGROUND_DEFAULTS).toEqual({
    dataset: "circle",
    noise: 0,
    percTrainData: 50,
    batchSize: 10,
    features: ["x1", "x2"],
    hiddenLayers: [4, 2],
    learningRate: 0.03,
    activation: "tanh",
    regularization: "none",
    regularizationRate: 0,
    seed: 0,
  });
  expect(() => playgroundSpec({ hiddenLayers: [9] })).toThrow("1..8 neurons per layer");
  expect(() => playgroundSpec({ features: [] })).toThrow("at least one input feature");
});

describe("the network", () => {
  const rows = Float64Array.from([0.5, -1.2, 2, 0.3, -0.7, 1.1]);
  const labels = [1, -1, 1];

  test("starts with weights in [-0.5, 0.5) and biases 0.1; 2-4-2-1 has 25 parameters", () => {
    const rng = random(1);
    const net = new PlaygroundNetwork(2, [4, 2], "tanh", "none", rng);
    expect(net.parameterCount).toBe(25);
    for (const w of net.weights.slice(1)) for (const v of w) expect(v >= -0.5 && v < 0.5).toBe(true);
    expect(net.biases.slice(1).every((b) => b.every((v) => v === 0.1))).toBe(true);
  });

  test.each(["tanh", "relu", "sigmoid", "linear"] as const)("back-propagation matches finite differences of the squared error (%s)", (activation) => {
    const rng = random(3);
    const net = new PlaygroundNetwork(2, [3, 2], activation, "none", rng);
    const lossOf = () => 0.5 * (net.forward(rows, 0) - labels[0]) ** 2;
    const copy = (arrays: Float64Array[]) => arrays.map((a) => Float64Array.from(a));
    const [weights, biases] = [copy(net.weights), copy(net.biases)];
    const restore = () => {
      net.weights.forEach((w, i) => w.set(weights[i]));
      net.biases.forEach((b, i) => b.set(biases[i]));
    };
    net.forward(rows, 0);
    net.backward(labels[0]);
    net.update(1, 0); // learning rate 1, one example: each weight moves by minus its derivative
    const stepped = copy(net.weights);
    const h = 1e-6;
    for (let l = 1; l < weights.length; l++) {
      for (let k = 0; k < weights[l].length; k++) {
        restore();
        net.weights[l][k] += h;
        const up = lossOf();
        net.weights[l][k] -= 2 * h;
        const down = lossOf();
        expect(weights[l][k] - stepped[l][k]).toBeCloseTo((up - down) / (2 * h), 5);
      }
    }
  });

  test("derivatives are averaged over a batch and applied every batchSize rows; the rest carries over", () => {
    const rng = random(5);
    const a = new PlaygroundNetwork(2, [2], "tanh", "none", rng);
    const b = new PlaygroundNetwork(2, [2], "tanh", "none", () => 0);
    b.weights.forEach((w, l) => w.set(a.weights[l]));
    // Batch 2 over 3 rows: one update after rows 0-1; row 2 waits for the next epoch.
    a.trainEpoch(rows, labels, 2, 0.1, 0);
    for (const r of [0, 1]) {
      b.forward(rows, 2 * r);
      b.backward(labels[r]);
    }
    b.update(0.1, 0);
    b.forward(rows, 4);
    b.backward(labels[2]);
    a.weights.forEach((w, l) => expect(Array.from(w)).toEqual(Array.from(b.weights[l])));
    a.update(0.1, 0);
    b.update(0.1, 0);
    a.weights.forEach((w, l) => expect(Array.from(w)).toEqual(Array.from(b.weights[l])));
  });

  test("L1 sets a weight that crosses zero to 0 for good; L2 shrinks weights by rate * w", () => {
    const l1 = new PlaygroundNetwork(1, [], "linear", "L1", () => 0.5 + 0.001); // weight 0.001
    l1.forward([0], 0);
    l1.backward(0); // input 0: no gradient on the weight
    l1.update(0.1, 1); // 0.001 - 0.1 * 1 * sign(0.001) < 0: crosses zero
    expect([l1.weights[1][0], l1.dead[1][0]]).toEqual([0, 1]);
    const l2 = new PlaygroundNetwork(1, [], "linear", "L2", () => 0.5 + 0.4); // weight 0.4
    l2.forward([0], 0);
    l2.backward(0);
    l2.update(0.1, 0.5);
    expect(l2.weights[1][0]).toBeCloseTo(0.4 - 0.1 * 0.5 * 0.4, 12);
  });
});

describe("a session", () => {
  test("with the defaults, the circle's test loss falls below 0.05 within 150 epochs and stays there", () => {
    const session = new PlaygroundSession();
    expect(session.history.test[0]).toBeGreaterThan(0.3);
    session.step(150);
    expect(session.epoch).toBe(150);
    expect(session.history.test.findIndex((l) => l < 0.05)).toBeGreaterThan(0);
    expect(session.testLoss).toBeLessThan(0.05);
    expect(session.accuracy("test")).toBeGreaterThanOrEqual(0.98);
  });

  test("is reproducible from its seed", () => {
    const [a, b] = [new PlaygroundSession({ seed: 3 }), new PlaygroundSession({ seed: 3 })];
    a.step(5);
    b.step(5);
    expect(a.history).toEqual(b.history);
  });

  test("knobs start over what the site starts over", () => {
    const session = new PlaygroundSession();
    session.step(3);
    session.set({ learningRate: 0.1, batchSize: 5, regularizationRate: 0.001 });
    expect(session.epoch).toBe(3); // applies from the next epoch
    session.set({ activation: "relu" });
    expect(session.epoch).toBe(0); // a new network
    const points = session.data.train.x;
    session.step(1);
    session.set({ noise: 20 });
    expect([session.epoch, session.data.train.x === points]).toEqual([0, false]); // new data, new network
    session.regenerate();
    expect(session.epoch).toBe(0);
  });

  test("the heatmap grid runs top row first: x2 = +6 at the top", () => {
    const session = new PlaygroundSession({ features: ["x2"], hiddenLayers: [], seed: 1 });
    const grid = session.neuronGrids(5)[0][0];
    expect(Array.from(grid.slice(0, 5))).toEqual([6, 6, 6, 6, 6]);
    expect(grid[20]).toBe(-6);
  });
});

test("pictures use the site's colours: -1 orange, 0 grey, +1 blue; heatmaps are PNGs", () => {
  expect(shade(-1)).toEqual([0xf5, 0x93, 0x22]);
  expect(shade(1)).toEqual([0x08, 0x77, 0xbd]);
  expect(shade(0)).toEqual([0xe8, 0xea, 0xeb]);
  const png = heatmapPng(new Float64Array(100 * 100), 100);
  expect(Buffer.from(png.slice(1, 4)).toString()).toBe("PNG");
});

describe("the live app, through a fake widget frontend", () => {
  let host: FakeHost;
  let app: PlaygroundApp;
  beforeEach(() => {
    host = FakeHost.install();
    app = new PlaygroundApp({}, { tickMs: 1 });
  });
  afterEach(() => app.close());
  afterAll(() => setCommHost(null));

  const click = (button: { modelId: string }) => host.deliver(button.modelId, { method: "custom", content: { event: "click" } });
  /** Resolves once the epoch reaches `epoch` (an event, not a sleep); fails after 60 s. */
  const epochReached = (epoch: number) =>
    new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`epoch ${app.session.epoch} < ${epoch} after 60 s`)), 60_000);
      const poll = (): void => {
        if (app.session.epoch < epoch) return void setImmediate(poll);
        clearTimeout(timeout);
        resolve();
      };
      poll();
    });

  test("shows the site's controls with its defaults", () => {
    const c = app.controls;
    expect([c.dataset.value, c.noise.value, c.percTrainData.value, c.batchSize.value, c.learningRate.value, c.activation.value, c.regularization.value, c.regularizationRate.value]).toEqual(["circle", 0, 50, 10, 0.03, "tanh", "none", 0]);
    expect(c.features.map((f) => f.value)).toEqual([true, true, false, false, false, false, false]);
    expect([c.layerCount.value, c.neurons[0].value, c.neurons[1].value, c.neurons[2].layout.display]).toEqual([2, 4, 2, "none"]);
    expect((app as any)[Symbol.for("Jupyter.display")]()["application/vnd.jupyter.widget-view+json"].model_id).toBe(app.view.modelId);
  });

  test("Play trains in slices while the controls keep working; Pause stops; Step and Reset", async () => {
    click(app.controls.play);
    expect(app.isPlaying).toBe(true);
    await epochReached(3);
    // A control changed mid-training applies at once, without stopping the training.
    host.deliver(app.controls.learningRate.modelId, { method: "update", state: { index: 6 }, buffer_paths: [] });
    expect(app.session.spec.learningRate).toBe(0.1);
    const at = app.session.epoch;
    await epochReached(at + 3);
    click(app.controls.play);
    expect(app.isPlaying).toBe(false);
    const paused = app.session.epoch;
    click(app.controls.step);
    expect(app.session.epoch).toBe(paused + 1);
    click(app.controls.reset);
    expect(app.session.epoch).toBe(0);
  });

  test("changing layers, features or data starts over; the last feature cannot be unchecked", () => {
    const c = app.controls;
    host.deliver(c.layerCount.modelId, { method: "update", state: { value: 3 }, buffer_paths: [] });
    expect(app.session.spec.hiddenLayers).toEqual([4, 2, 2]);
    expect(c.neurons[2].layout.display).toBeNull();
    host.deliver(c.features[0].modelId, { method: "update", state: { value: false }, buffer_paths: [] });
    host.deliver(c.features[1].modelId, { method: "update", state: { value: false }, buffer_paths: [] });
    expect(c.features[1].value).toBe(true);
    expect(app.session.spec.features).toEqual(["x2"]);
    host.deliver(c.dataset.modelId, { method: "update", state: { index: 3 }, buffer_paths: [] });
    expect(app.session.spec.dataset).toBe("spiral");
  });
});
