/**
 * Declarations the cell compiler reads with a TypeScript variance annotation added.
 *
 * Relating two `tf.Tensor<R>` types (any tf cell that infers or annotates a tensor type) makes
 * TypeScript measure how `Tensor` varies in `R` by comparing all of the class's ~200 members.
 * The result lives in one type checker, and every cell gets a new one, so each tf cell paid
 * 20-25 ms for it, and 100-200 ms while V8 was still cold. `out R` states the measured result
 * (covariant) up front. test/engine/variance-annotations.test.ts checks that it changes no
 * verdict: the same assignments pass and fail with and without it.
 */
interface Annotation {
  file: string;
  declaration: string;
  annotated: string;
}

const ANNOTATIONS: Annotation[] = [
  {
    file: "/@tensorflow/tfjs-core/dist/tensor.d.ts",
    declaration: "export declare class Tensor<R extends Rank = Rank>",
    annotated: "export declare class Tensor<out R extends Rank = Rank>",
  },
];

/** The file's text with our annotations; unchanged when its declaration is not found (another tfjs version). */
export function withVarianceAnnotations(path: string, text: string): string {
  for (const a of ANNOTATIONS) {
    if (path.endsWith(a.file)) text = text.replace(a.declaration, a.annotated);
  }
  return text;
}
