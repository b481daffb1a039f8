/** A labelled 2-D point, the Playground's unit of data. */
export interface Example2D {
  x: number;
  y: number;
  label: number;
}

/**
 * Labelled 2-D points as columns (struct of arrays): plots take the x and y columns
 * directly and tensors are built from them without per-point objects.
 */
export interface LabeledPoints {
  x: Float32Array;
  y: Float32Array;
  label: Float32Array;
}

export interface TrainTestSplit {
  train: LabeledPoints;
  test: LabeledPoints;
}

export function toColumns(examples: readonly Example2D[]): LabeledPoints {
  return {
    x: Float32Array.from(examples, (e) => e.x),
    y: Float32Array.from(examples, (e) => e.y),
    label: Float32Array.from(examples, (e) => e.label),
  };
}

export function pointCount(points: LabeledPoints): number {
  return points.label.length;
}
