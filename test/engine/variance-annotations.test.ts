/**
 * The variance annotations the cell compiler adds to tfjs's declarations (variance-annotations.ts)
 * must change no verdict: a probe of tensor assignments and generic calls gets the same type
 * errors from TypeScript (tslab's, the one that checks cells) with and without them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as TS from "typescript";
import { withVarianceAnnotations } from "../../src/engine/variance-annotations";

const ts = require("@tslab/typescript-for-tslab") as typeof TS;
const modules = join(__dirname, "..", "..", "node_modules");
const tensorDts = join(modules, "@tensorflow", "tfjs-core", "dist", "tensor.d.ts");

/** Each line is one verdict; several must fail, in both directions of the rank. */
const PROBE = `import * as tf from ${JSON.stringify(join(modules, "@tensorflow", "tfjs"))};
declare const r0: tf.Tensor<tf.Rank.R0>, r1: tf.Tensor<tf.Rank.R1>, r2: tf.Tensor<tf.Rank.R2>, any: tf.Tensor;
declare const v1: tf.Variable<tf.Rank.R1>, t2: tf.Tensor2D, t3: tf.Tensor3D;
const a01: tf.Tensor = r1;
const a02: tf.Tensor<tf.Rank.R1> = any;
const a03: tf.Tensor<tf.Rank.R1> = r2;
const a04: tf.Tensor<tf.Rank.R2> = r1;
const a05: tf.Tensor1D = v1;
const a06: tf.Tensor<tf.Rank.R1 | tf.Rank.R2> = r1;
const a07: tf.Tensor<tf.Rank.R1> = r0;
const a08: tf.Tensor3D = t2;
const a09: tf.Variable<tf.Rank.R2> = r2;
const a10: tf.Tensor[] = [r0, r1, t2, t3];
const a11: tf.Tensor2D[] = [t2, r1];
function same<R extends tf.Rank>(x: tf.Tensor<R>, y: tf.Tensor<R>): tf.Tensor<R> { return x.add(y); }
const a12: tf.Tensor1D = same(r1, r1);
const a13: tf.Tensor1D = same(r2, r2);
const a14 = same(r1, t2);
const a15: tf.Tensor2D = tf.tensor2d([[1]]).add(t2);
const a16: tf.Tensor1D = tf.tensor([1, 2]);
const a17: tf.Tensor<tf.Rank.R1> = tf.tensor([1, 2]);
const a18: tf.Tensor2D = t3.reshape([1, 1]);
const a19: tf.Tensor<tf.Rank.R3> = tf.stack([t2, t2]);
`;

function verdicts(annotate: boolean): string[] {
  const probe = join(__dirname, "variance-probe.ts");
  const options: TS.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (path) => (path === probe ? PROBE : annotate ? withVarianceAnnotations(path, readFile(path)!) : readFile(path));
  host.fileExists = ((exists) => (path: string) => path === probe || exists(path))(host.fileExists);
  const program = ts.createProgram([probe], options, host);
  const file = program.getSourceFile(probe)!;
  return program.getSemanticDiagnostics(file).map((d) => `line ${file.getLineAndCharacterOfPosition(d.start!).line + 1}: TS${d.code}`);
}

test("the annotation applies to this tfjs version", () => {
  const text = readFileSync(tensorDts, "utf8");
  expect(withVarianceAnnotations(tensorDts, text)).toContain("class Tensor<out R extends Rank = Rank>");
});

test("tensor assignments and generic calls get the same verdicts with and without the annotation", () => {
  const stock = verdicts(false);
  expect(stock.length).toBeGreaterThanOrEqual(4);
  expect(verdicts(true)).toEqual(stock);
}, 120_000);
