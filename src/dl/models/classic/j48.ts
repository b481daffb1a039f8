import { TreeGrower } from "./c45/build-tree";
import { classProbabilities } from "./c45/classify";
import { formatTree, TreeNames } from "./c45/format";
import { C45Node } from "./c45/node";
import { collapse, Pruner } from "./c45/prune";
import { TrainingSet } from "./c45/training-set";
import { argMax, Classifier, FeatureMatrix, inferNumClasses, Labels } from "./types";

export interface J48Options {
  /** Pruning confidence CF (Weka -C). */
  confidence?: number;
  /** Minimum instances per branch (Weka -M). */
  minNumObj?: number;
  /** false skips error-based pruning (Weka -U). */
  prune?: boolean;
  subtreeRaising?: boolean;
  /** Collapse subtrees that do not reduce training error (always on in Weka 3.6; -O later). */
  collapseTree?: boolean;
  /** Penalise numeric cuts by log2(#cuts)/N (always on in Weka 3.6; -J later). */
  useMdlCorrection?: boolean;
  /** Defaults to max(y) + 1. */
  numClasses?: number;
  /** Used by toString(). */
  names?: TreeNames;
}

const DEFAULTS = { confidence: 0.25, minNumObj: 2, prune: true, subtreeRaising: true, collapseTree: true, useMdlCorrection: true };

/**
 * A C4.5 decision tree that behaves like Weka's J48 (C4.5 release 8) with its default
 * options, for numeric attributes with missing values (NaN): binary tests `x <= t`,
 * gain ratio with the average-gain rule and MDL correction, fractional instances,
 * collapsing, pessimistic pruning with subtree raising. Each rule lives in c45/.
 * Nominal attributes are not supported (WISDM has none once `user` is dropped).
 */
export class J48 implements Classifier {
  private readonly options: typeof DEFAULTS & J48Options;
  private root: C45Node | null = null;
  private numClasses = 0;

  constructor(options: J48Options = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  fit(X: FeatureMatrix, y: Labels): this {
    const set = toTrainingSet(X, y, this.options.numClasses ?? inferNumClasses(y));
    const root = new TreeGrower(set, this.options).grow();
    if (this.options.collapseTree) collapse(root);
    if (this.options.prune) new Pruner(set, this.options).prune(root);
    this.root = root;
    this.numClasses = set.numClasses;
    return this;
  }

  predictProba(X: FeatureMatrix): number[][] {
    const root = this.fitted();
    return X.map((x) => classProbabilities(root, x, this.numClasses));
  }

  predict(X: FeatureMatrix): number[] {
    return this.predictProba(X).map(argMax);
  }

  /** Number of nodes (Weka's "Size of the tree"). */
  get size(): number {
    return this.fitted().size();
  }

  get numLeaves(): number {
    return this.fitted().numLeaves();
  }

  toString(): string {
    return formatTree(this.fitted(), this.options.names);
  }

  private fitted(): C45Node {
    if (this.root === null) throw new Error("J48: call fit() first");
    return this.root;
  }
}

function toTrainingSet(X: FeatureMatrix, y: Labels, numClasses: number): TrainingSet {
  const numAttributes = X.length > 0 ? X[0].length : 0;
  const columns = Array.from({ length: numAttributes }, (_, a) => Float64Array.from(X, (row) => row[a]));
  return { columns, labels: Int32Array.from(y), numClasses };
}
