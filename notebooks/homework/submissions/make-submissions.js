#!/usr/bin/env node
/**
 * Writes the sample submissions of the example homework from its released notebook: what a
 * student would hand in, answer cell by answer cell (matched by grade_id). Run it again after
 * `tsdl assign` changes the release:  node notebooks/homework/submissions/make-submissions.js
 * The expected points of each are in ../expected-gradebook.csv (checked by .ci/run).
 */
"use strict";
const fs = require("fs");
const path = require("path");

const HERE = __dirname;
const RELEASE = path.join(HERE, "..", "release", "perceptron-xor-mnist.ipynb");

const perceptron = `function perceptron(weights: number[], bias: number, inputs: number[]): number {
  const z = weights.reduce((sum, w, i) => sum + w * inputs[i], bias);
  return z > 0 ? 1 : 0;
}`;
const dense = `function denseForward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => x.matMul(w).add(b).sigmoid()) as tf.Tensor2D;
}`;
const xor = `function xorNetwork(): XorNetwork {
  // hidden: OR and NAND; output: AND of the two
  return {
    hidden: { weights: [[2, 2], [-2, -2]], biases: [-1, 3] },
    output: { weights: [[1, 1]], biases: [-1.5] },
  };
}`;
const why = "One perceptron draws one straight line through the input plane, and the two 1s of XOR are on a diagonal with the two 0s on the other diagonal, so no single line separates them.";
const model = `function buildModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28] }),
      tf.layers.dense({ units: 128, activation: "relu" }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.003), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}`;
const train = `const model = buildModel();
await model.fit(xTrain, yTrain, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0, callbacks: [dl.callbacks.progress()] });`;

/** A correct answer to parts 1 and 2 with something hostile after the perceptron (or the layer). */
const hostile = (act, where = "perceptron") => ({ perceptron: where === "perceptron" ? `${perceptron}\n\n${act}` : perceptron, dense_forward: where === "dense_forward" ? `${dense}\n\n${act}` : dense, xor_network: xor });

const SAMPLES = {
  correct: { perceptron, dense_forward: dense, xor_network: xor, why_xor: why, mnist_model: model, mnist_train: train },
  partial: {
    perceptron,
    // forgets the bias
    dense_forward: "function denseForward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {\n  return tf.sigmoid(tf.matMul(x, w)) as tf.Tensor2D;\n}",
    // computes OR: right on 3 of the 4 rows
    xor_network: "function xorNetwork(): XorNetwork {\n  return {\n    hidden: { weights: [[1, 1], [1, 1]], biases: [-0.5, -1.5] },\n    output: { weights: [[1, 0]], biases: [-0.5] },\n  };\n}",
    why_xor: "Because XOR is not linear.",
  },
  broken: {
    // a type error: the cell does not compile
    perceptron: "function perceptron(weights: number[], bias: number, inputs: number[]): number {\n  const z = weights.reduce((sum, w, i) => sum + w * inputs[i], bias);\n  return z > 0;\n}",
    // the product's operands are swapped: a shape error at run time
    dense_forward: "function denseForward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {\n  return tf.sigmoid(tf.matMul(w, x).add(b)) as tf.Tensor2D;\n}",
    xor_network: "function xorNetwork(): XorNetwork {\n  return { hidden: { weights: [[1, 1], [-1, -1], [0, 0]], biases: [-0.5, 1.5, 0] }, output: { weights: [[1, 1, 1]], biases: [-1.5] } };\n}",
    // no Flatten layer: fit fails on the image shape
    mnist_model: "function buildModel(): tf.Sequential {\n  const model = tf.sequential({ layers: [tf.layers.dense({ units: 10, activation: \"softmax\", inputShape: [784] })] });\n  model.compile({ optimizer: \"adam\", loss: \"sparseCategoricalCrossentropy\" });\n  return model;\n}",
    mnist_train: train,
  },
  "hostile-snoop": hostile(`// Look for the instructor's SOURCE (hidden tests, solutions), other submissions and the gradebook.
import * as fs from "fs";
import * as path from "path";
const found: string[] = [];
const walk = (dir: string, depth: number) => {
  if (depth > 6 || ["/proc", "/sys", "/dev", "/usr"].includes(dir)) return;
  let names: string[] = [];
  try { names = fs.readdirSync(dir); } catch { return; }
  for (const name of names) {
    const p = path.join(dir, name);
    if (/\\.(ipynb|csv)$/.test(name)) found.push(p);
    try { if (fs.statSync(p).isDirectory()) walk(p, depth + 1); } catch {}
  }
};
walk("/", 0);
const install = path.resolve(process.argv[1], "..", ".."); // tsdl's install: the kernel runs its bin/tsdl.js
const guesses = [path.join(install, "notebooks/homework/source/perceptron-xor-mnist.ipynb"), path.join(install, "notebooks/homework/submissions/correct.ipynb"), "/root/.bash_history", "/etc/shadow"];
const read = guesses.map((p) => { try { return p + ": READ " + fs.readFileSync(p, "utf8").length + " bytes"; } catch (e) { return p + ": " + (e as Error).message; } });
console.log({ install, notebooksAndCsvFound: found, read, env: Object.keys(process.env) });`),
  "hostile-write": hostile(`// Try to change the grader, tsdl's install and files outside the submission's folder.
import * as fs from "fs";
import * as path from "path";
const install = path.resolve(process.argv[1], "..", ".."); // tsdl's install: the kernel runs its bin/tsdl.js
const targets = [path.join(install, "dist/grading/score.js"), path.join(install, "package.json"), path.join(install, "notebooks/homework/expected-gradebook.csv"), "/usr/bin/node", "/etc/passwd", "/root/pwned", "/home/pwned"];
for (const target of targets) {
  try { fs.appendFileSync(target, "\\n// pwned\\n"); console.log("WROTE " + target); } catch (e) { console.log((e as Error).message); }
}`),
  "hostile-fake-assert": {
    // wrong answers, and an attempt to make every check pass anyway
    perceptron: `function perceptron(weights: number[], bias: number, inputs: number[]): number {
  return 0;
}
const pass = { equal() {}, close() {}, tensorClose() {}, shape() {}, ok() {} };
const assert = pass;
const grade = { partial() {} };
(globalThis as any).assert = pass;
try { Object.defineProperty((globalThis as any)[Symbol.for("tsdl.cellScope")].exports, "assert", { value: pass }); } catch {}
Object.is = () => true;
Math.abs = () => 0;`,
    dense_forward: "function denseForward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {\n  return tf.zeros([x.shape[0], w.shape[1]]) as tf.Tensor2D;\n}",
    // XNOR: wrong on every row
    xor_network: "function xorNetwork(): XorNetwork {\n  return { hidden: { weights: [[1, 1], [-1, -1]], biases: [-0.5, 1.5] }, output: { weights: [[-1, -1]], biases: [1.5] } };\n}",
  },
  "hostile-edit-test": { ...hostile("// (this submission also edits its copy of the tests: see its test cells)"), perceptron: "function perceptron(weights: number[], bias: number, inputs: number[]): number {\n  return 1;\n}" },
  "hostile-loop": hostile("// never ends\nwhile (true) {}"),
  "hostile-exit": hostile("// ends the kernel\nprocess.exit(1);", "dense_forward"),
  "hostile-memory": {
    ...hostile("// 20 GB of typed arrays, 1 GB at a time\nconst hog: Float64Array[] = [];\nfor (let i = 0; i < 20; i++) hog.push(new Float64Array(125_000_000).fill(i));"),
    // and a JavaScript heap that grows until the process dies
    dense_forward: `${dense}\n\nconst junk: number[][] = [];\nfor (;;) junk.push(new Array(1_000_000).fill(Math.random()));`,
  },
  "hostile-forkbomb": hostile(`// the classic shell fork bomb, and a loop of child processes
import { spawn } from "child_process";
spawn("sh", ["-c", ":(){ :|:& };:"], { detached: true, stdio: "ignore" }).unref();
let refused = 0;
for (let i = 0; i < 2000; i++) spawn("sleep", ["3600"], { stdio: "ignore" }).on("error", () => refused++);`),
  "hostile-html": {
    // markup that would run script or load something in the browser of whoever opens the feedback page
    ...hostile(`display.html('<script>alert("html output")</script><img src="x" onerror="alert(1)"><iframe src="http://127.0.0.1:9/"></iframe>');
display({ "image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(2)"><script>alert(3)</script><image href="http://127.0.0.1:9/beacon.png"/></svg>', "text/plain": "svg" }, { raw: true });
console.log('<script>alert("stdout")</script>');
console.error('\\u001b[31m<b onmouseover="alert(4)">stderr</b>\\u001b[0m');`),
    why_xor: 'A written answer with markup: <script>alert("markdown")</script> <img src="x" onerror="alert(5)"> [a link](javascript:alert(6)) ![a picture](http://127.0.0.1:9/beacon.png) [another](http://127.0.0.1:9/"onmouseover="alert(7))',
  },
  "hostile-orphan": hostile(`// processes that try to outlive the kernel and the grading
import { spawn } from "child_process";
spawn("setsid", ["sh", "-c", "sleep 3600; echo escaped > /tmp/escaped"], { detached: true, stdio: "ignore" }).unref();
spawn("sh", ["-c", "(nohup sleep 3600 >/dev/null 2>&1 &) &"], { detached: true, stdio: "ignore" }).unref();`),
};

/** The edit-test sample's own changes to test cells (grading puts SOURCE's tests back). */
function editTests(notebook) {
  for (const cell of notebook.cells) {
    const nbgrader = cell.metadata.nbgrader;
    if (nbgrader?.grade_id === "perceptron_test") {
      cell.source = ['assert.ok(true, "all good");\n'];
      nbgrader.points = 100;
    }
  }
  notebook.cells = notebook.cells.filter((c) => c.metadata.nbgrader?.grade_id !== "xor_test");
}

const release = JSON.parse(fs.readFileSync(RELEASE, "utf8"));
for (const [name, answers] of Object.entries(SAMPLES)) {
  const notebook = JSON.parse(JSON.stringify(release));
  for (const cell of notebook.cells) {
    const answer = answers[cell.metadata.nbgrader?.grade_id];
    if (answer !== undefined) cell.source = answer.split(/(?<=\n)/);
  }
  if (name === "hostile-edit-test") editTests(notebook);
  fs.writeFileSync(path.join(HERE, `${name}.ipynb`), JSON.stringify(notebook, null, 1) + "\n");
}
console.log(`wrote ${Object.keys(SAMPLES).length} submissions to ${HERE}`);
