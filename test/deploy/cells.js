/** The cells the hub test runs in the students' kernels, and the homework's source it releases. */
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

/**
 * An assignment's source in nbgrader's format (what the instructor keeps to themselves): the answer
 * between solution markers, a test cell with a hidden test. `tsdl assign` releases it.
 */
function homeworkSource() {
  const nbgrader = (gradeId, { grade = false, solution = false, locked = false, points } = {}) => ({ grade, solution, locked, grade_id: gradeId, schema_version: 3, ...(points === undefined ? {} : { points }) });
  const cell = (id, cellType, source, metadata) => ({
    id, cell_type: cellType, source, metadata: { nbgrader: metadata },
    ...(cellType === "code" ? { outputs: [], execution_count: null } : {}),
  });
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "tsdl", display_name: "TypeScript (tsdl)", language: "typescript" } },
    cells: [
      cell("task", "markdown", "Write `double(x)`, which returns twice its argument.", nbgrader("task", { locked: true })),
      cell("answer", "code", "function double(x: number): number {\n  // BEGIN SOLUTION\n  return 2 * x;\n  // END SOLUTION\n}", nbgrader("answer", { solution: true })),
      cell("test_double", "code", `assert.equal(double(2), 4);\n// BEGIN HIDDEN TESTS\nassert.equal(double(${HIDDEN_TEST_INPUT}), ${2 * HIDDEN_TEST_INPUT});\n// END HIDDEN TESTS`, nbgrader("test_double", { grade: true, locked: true, points: 2 })),
    ],
  };
}

/** Only the source has this number: a release or a student's copy that holds it leaked a hidden test. */
const HIDDEN_TEST_INPUT = -21;

/** What a student writes into the answer cell. */
const ANSWER = "function double(x: number): number {\n  return x + x;\n}";

module.exports = { TRAIN, HOLD, SLIDER, SUBMIT, ANSWER, HIDDEN_TEST_INPUT, attempt, homeworkSource };
