/** The cells the hub test runs in the students' kernels, and the homework it releases. */
"use strict";

/** A small MNIST model, trained as the lecture's first notebook does; the result is its test accuracy. */
const TRAIN = `const [[xTrain, yTrain], [xTest, yTest]] = await dl.datasets.mnist.loadData({ trainSize: 2000, testSize: 1000 });
const model = tf.sequential({ layers: [
  tf.layers.flatten({ inputShape: [28, 28] }),
  tf.layers.dense({ units: 64, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
  tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
] });
model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
// tfjs's sparse cross-entropy wants float labels
await model.fit(xTrain.div(255), yTrain.cast("float32"), { epochs: 3, batchSize: 64, verbose: 0 });
const [, accuracy] = model.evaluate(xTest.div(255), yTest.cast("float32")) as tf.Scalar[];
(await accuracy.data())[0]`;

/** Keeps the kernel busy (so not idle) until the test interrupts it. */
const HOLD = "await new Promise<void>(() => {})";

/** A slider whose observer prints every value the frontend sets. */
const SLIDER = `const slider = new widgets.IntSlider({ value: 1, min: 0, max: 10, description: "epochs" });
slider.observe((change) => console.log(\`value now \${change.new}\`), "value");
slider`;

const SUBMIT = 'require("node:child_process").execFileSync("tsdl", ["submit", `${process.env.HOME}/homework/hw1/hw1.ipynb`], { encoding: "utf8" }).trim()';

/** A cell whose result is the expression's value, or the error code (EACCES) or message it threw. */
function attempt(expression) {
  return `(() => { try { return String(${expression}); } catch (e) { return String((e as NodeJS.ErrnoException).code ?? e); } })()`;
}

function homeworkNotebook() {
  const cell = (id, cellType, source, nbgrader) => ({
    id, cell_type: cellType, source, metadata: { nbgrader },
    ...(cellType === "code" ? { outputs: [], execution_count: null } : {}),
  });
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "tsdl", display_name: "TypeScript (tsdl)", language: "typescript" } },
    cells: [
      cell("task", "markdown", "Write `double(x)`, which returns twice its argument.", { grade: false, solution: false, locked: true, grade_id: "task", schema_version: 3 }),
      cell("answer", "code", "function double(x: number): number {\n  // YOUR CODE HERE\n  throw new Error(\"not implemented\");\n}", { grade: false, solution: true, locked: false, grade_id: "answer", schema_version: 3 }),
    ],
  };
}

module.exports = { TRAIN, HOLD, SLIDER, SUBMIT, attempt, homeworkNotebook };
