import * as tf from "@tensorflow/tfjs";
import { toRichOutput } from "../../../src/display/protocol";
import { installRenderers } from "../../../src/display/renderers";
import { paramTotals } from "../../../src/display/renderers/model-summary";

beforeAll(async () => {
  await tf.setBackend("cpu");
  installRenderers({ tf });
});

function bundle(x: unknown): Record<string, string> {
  return toRichOutput(x).data as Record<string, string>;
}

function mnistMlp(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: "relu" }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  return model;
}

/** The lecture's WISDM conv+GRU model (Keras summary on the slide: 76,468 parameters). */
function wisdmConvGru(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv1d({ inputShape: [100, 3], filters: 64, kernelSize: 5, padding: "same", activation: "relu" }));
  model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.conv1d({ filters: 128, kernelSize: 5, padding: "same", activation: "relu" }));
  model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  // glorotUniform instead of the default orthogonal initializer only to keep the test fast (same count).
  model.add(tf.layers.gru({ units: 50, returnSequences: true, recurrentInitializer: "glorotUniform" }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 6, activation: "softmax" }));
  return model;
}

test("Dense(784->128) + Dense(128->10) has 101,770 parameters", () => {
  const model = mnistMlp();
  expect(paramTotals(model)).toEqual({ total: 101770, trainable: 101770, nonTrainable: 0 });
  const text = bundle(model)["text/plain"];
  expect(text).toContain("Total params: 101,770");
  expect(text).toContain("Trainable params: 101,770");
  expect(text).toContain("Non-trainable params: 0");
  expect(text).toMatch(/\(Dense\)\s+\(None, 128\)\s+100,480/);
  model.dispose();
});

test("the WISDM conv+GRU model has the slide's 76,468 parameters and shapes", () => {
  const model = wisdmConvGru();
  const { "text/plain": text, "text/html": html } = bundle(model);
  expect(text).toContain("Total params: 76,468");
  for (const row of [/\(Conv1D\)\s+\(None, 100, 64\)\s+1,024/, /\(GRU\)\s+\(None, 25, 50\)\s+26,850/, /\(Flatten\)\s+\(None, 1250\)\s+0/, /\(Dense\)\s+\(None, 6\)\s+7,506/]) {
    expect(text).toMatch(row);
  }
  expect(html).toContain("Total params: 76,468");
  expect(html.match(/<tr>/g)).toHaveLength(1 + 9);
  model.dispose();
});

test("non-trainable weights are counted apart", () => {
  const model = mnistMlp();
  model.layers[0].trainable = false;
  expect(paramTotals(model)).toEqual({ total: 101770, trainable: 1290, nonTrainable: 100480 });
  expect(bundle(model)["text/plain"]).toContain("Non-trainable params: 100,480");
  model.dispose();
});

test("functional models list the InputLayer and what each layer is connected to", () => {
  const input = tf.input({ shape: [784] });
  const hidden = tf.layers.dense({ units: 128, name: "hidden" }).apply(input) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 10, name: "out" }).apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  const text = bundle(model)["text/plain"];
  expect(text).toContain("Connected to");
  expect(text).toMatch(/\(InputLayer\)\s+\(None, 784\)\s+0/);
  expect(text).toMatch(/out \(Dense\)\s+\(None, 10\)\s+1,290\s+hidden\[0\]\[0\]/);
  expect(text).toContain("Total params: 101,770");
  model.dispose();
});
