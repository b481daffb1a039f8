/** What an assignment's test cells use: `assert` and `grade` (prelude names in every cell). */
export { assert, AssertionError } from "./assert";
export type { Assert, TensorLike } from "./assert";
export { grade, GRADE_MIME } from "./grade";
export type { Grade, PartialCredit } from "./grade";
