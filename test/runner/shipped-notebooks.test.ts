/**
 * The lecture notebooks as committed: valid nbformat 4.5 (what JupyterLab and classic Notebook
 * read), light (no outputs; `tsdl reproduce` writes the executed copies), on the tsdl kernel,
 * with a `parameters` cell that `--quick` can override, and with the claims the lecture issues
 * name, each measured by the notebook rather than typed in. Running them is `tsdl reproduce
 * --quick` (CI) and the browser check (test/browser/shipped-notebooks.js).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Notebook, cellTags, sourceText } from "../../src/runner/notebook";
import { quickParameters } from "../../src/runner/parameters";
import { measuredValues } from "./claim-provenance";
import { readJson, schemaErrors } from "./helpers";

const NOTEBOOKS = join(__dirname, "..", "..", "notebooks");
const files = readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

/** The file as committed (readNotebook would normalise it). */
const load = (file: string) => readJson(join(NOTEBOOKS, file)) as Notebook;
const code = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code").map(sourceText).join("\n");

/** The claim ids the lecture issues fix for each notebook. */
const REQUIRED_CLAIMS: Record<string, string[]> = {
  "00-history-threshold-units.ipynb": [
    "history.mcp_truth_tables",
    "history.perceptron.and_epochs",
    "history.perceptron.or_epochs",
    "history.perceptron.and_or_final_errors",
    "history.perceptron.xor_final_errors",
    "history.perceptron.xor_loops",
  ],
  "01-tf-keras-mnist.ipynb": ["mnist.test_acc", "mnist.scaling_gain"],
  "02-representation.ipynb": ["representation.cartesian_linear_acc", "representation.best_line_acc", "representation.polar_linear_acc"],
  "03-perceptron-stairs.ipynb": ["stairs.perceptron_scores", "stairs.mlp_acc", "stairs.hand_built_slide_images", "stairs.no_margin_costs_mlp"],
  "04-xor.ipynb": ["xor.and_acc", "xor.or_acc", "xor.single_acc", "xor.two_layer_acc"],
  "05-perceptron-and-activations.ipynb": ["perceptron.z", "activations.sigmoid_max_grad", "activations.vanishing_ratio"],
  "06-losses-backprop-sgd.ipynb": ["losses.max_abs_diff", "backprop.max_grad_diff"],
  "07-overfitting-regularization.ipynb": [
    "overfit.poly9_test_train_ratio",
    "overfit.poly9_vs_poly3_test_mse",
    "regularization.validation_rises_training_falls",
    "regularization.early_stop_epoch",
    "regularization.dropout_gap_smaller",
    "regularization.input_noise_gap_smaller",
  ],
  "08-normalization.ipynb": ["normalization.bn_faster"],
  "09-universality.ipynb": ["universality.mse"],
  "10-parallelism-hardware.ipynb": ["parallel.speedup"],
  "11-feature-hierarchy.ipynb": ["hierarchy.cnn_test_acc"],
  "12-architectures-depth-shapes-scale.ipynb": [
    "depth.deep_sawtooth_exact",
    "depth.shallow_equal_params_mse",
    "depth.shallow_params_ratio",
    "mappings.output_shapes",
    "mappings.lstm_params",
    "biology.resnet152_params",
    "biology.brain_to_resnet_ratio",
  ],
  "13-training-dynamics.ipynb": [
    "zero_centred.same_sign_sigmoid_relu",
    "zero_centred.same_sign_tanh",
    "symmetry.constant_init_spread",
    "symmetry.random_init_spread",
    "symmetry.accuracy_gap",
    "sgd.vanilla_reaches_target",
    "sgd.slower_than_momentum",
    "sgd.slower_than_adam",
  ],
  "14-efficient-learning.ipynb": ["efficient.one_per_class_acc", "efficient.examples_for_97"],
  "20-wisdm-traditional.ipynb": [
    "wisdm.arff.xavg_zero_rows",
    "wisdm.arff.zstanddev_equals_xstanddev_rows",
    "wisdm.table2.j48.slide_adds_up",
    "wisdm.table2.logistic.slide_adds_up",
    "wisdm.table2.mlp.slide_gap",
    "wisdm.table2.j48.vs_weka",
    "wisdm.table2.logistic.vs_weka",
    "wisdm.table2.mlp.slide_consistency",
    "wisdm.table2.weka_mlp.overall",
    "wisdm.table2.weka_mlp.slide_consistency",
  ],
  "23-engineered-vs-learned-features.ipynb": [
    "workflow.wisdm_protocol_gap",
    "workflow.wisdm_learned_minus_engineered",
    "workflow.mnist_engineered_minus_pixels",
    "workflow.mnist_learned_minus_engineered",
  ],
  "30-playground.ipynb": [
    "playground.circle.test_acc",
    "playground.xor.test_acc",
    "playground.gauss.test_acc",
    "playground.spiral.test_acc",
    "playground.defaults.parameters",
    "playground.defaults.test_loss",
    "playground.defaults.test_accuracy",
    "playground.defaults.epochs_to_test_loss_0_05",
  ],
  "31-pong-from-pixels.ipynb": [
    "pong.reward_improvement",
    "pong.preprocessing.pixel_agreement",
    "pong.preprocessing.max_offset",
    "pong.blog.rallies_per_episode",
    "pong.checkpoint.resume_exact",
  ],
};

interface ClaimCall {
  id: string;
  source: string | undefined;
  basis: string | undefined;
  kind: string | undefined;
}

/** The text of one `dl.claim({...})` call: up to the parenthesis that closes it. */
function callText(rest: string): string {
  let depth = 1;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "(") depth++;
    if (rest[i] === ")" && --depth === 0) return rest.slice(0, i);
  }
  return rest;
}

/** Every `dl.claim({...})` call's id and its provenance (what `measured:` derives from: claim-provenance.ts). */
function claims(source: string): ClaimCall[] {
  const found: ClaimCall[] = [];
  for (const rest of source.split("dl.claim(").slice(1)) {
    const call = callText(rest);
    const field = (name: string) => new RegExp(`\\b${name}:\\s*("(?:[^"\\\\]|\\\\.)*"|\`[^\`]*\`)`).exec(call)?.[1];
    const id = /id:\s*["`]([^"`]+)["`]/.exec(call)?.[1];
    if (id) found.push({ id, source: field("source")?.slice(1, -1), basis: field("basis")?.slice(1, -1), kind: field("kind")?.slice(1, -1) });
  }
  return found;
}

test("the lecture notebooks are all there", () => {
  expect(files).toEqual(expect.arrayContaining(Object.keys(REQUIRED_CLAIMS)));
});

describe.each(files)("%s", (file) => {
  const nb = load(file);

  test("is valid nbformat 4.5, under 1 MB, committed without outputs", () => {
    expect(schemaErrors(nb)).toEqual([]);
    expect(statSync(join(NOTEBOOKS, file)).size).toBeLessThan(1024 * 1024);
    for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
  });

  test("runs on the tsdl kernel", () => {
    expect((nb.metadata.kernelspec as { name?: string } | undefined)?.name).toBe("tsdl");
  });

  test("has one parameters cell that declares every quick parameter", () => {
    const parameterCells = nb.cells.filter((c) => cellTags(c).includes("parameters"));
    expect(parameterCells).toHaveLength(1);
    const declared = [...sourceText(parameterCells[0]).matchAll(/^(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=/gm)].map((m) => m[1]);
    const quick = Object.keys(quickParameters(nb));
    expect(quick.length).toBeGreaterThan(0);
    expect(declared).toEqual(expect.arrayContaining(quick));
  });

  test("makes its claims from values the run measured, never typed in (literals, constants, arithmetic on them)", () => {
    const made = claims(code(nb));
    expect(made.length).toBeGreaterThan(0);
    expect(made.map((c) => c.id)).toEqual(expect.arrayContaining(REQUIRED_CLAIMS[file] ?? []));
    const typedIn = measuredValues(code(nb)).filter((v) => !v.fromRun);
    expect(typedIn).toEqual([]);
  });

  test("says where every claim's number comes from and what kind of evidence it is", () => {
    for (const { id, source, basis, kind } of claims(code(nb))) {
      expect({ id, source }).toEqual({ id, source: expect.stringMatching(/^(slide|derived|notebook)$/) });
      expect({ id, kind }).toEqual({ id, kind: expect.stringMatching(/^(experiment|check)$/) });
      // A derived number says how; a notebook's threshold says why (dl.claim refuses it otherwise).
      if (source !== "slide") expect({ id, basis }).toEqual({ id, basis: expect.stringMatching(/\S.{10,}/) });
    }
  });
});
