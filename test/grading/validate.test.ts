/** `tsdl validate`: a student's check of their notebook against the visible tests, as nbgrader validate. */
import { runCli } from "../runner/helpers";
import { HALVE, SQUARE, scratchDir, writeSubmission } from "./helpers";

const dir = scratchDir("tsdl-validate-test-");

test("all visible tests pass: success, exit code 0", async () => {
  const path = writeSubmission(dir, "alice", { square: SQUARE, halve: HALVE, why_answer: "Because." });
  const result = await runCli(["validate", path]);
  expect(result.stdout).toBe(
    [
      "ok   square_test (2/2)",
      "ok   halve_test (4/4)",
      "ok   square_again_test (1/1)",
      "...  why_answer (1 point, graded by hand)",
      "Success! Your notebook passes all the tests you can see (hidden tests may check more).",
      "",
    ].join("\n"),
  );
  expect(result.code).toBe(0);
}, 300_000);

test("a failing test, an answer left as released and an edited test cell are reported; exit code 1", async () => {
  const path = writeSubmission(dir, "bob", { square: "function square(x: number): number { return x + x; }" }, (nb) => {
    nb.cells[5].source = "// I removed this test";
  });
  const result = await runCli(["validate", path]);
  expect(result.stdout).toContain("FAIL square_test (0/2): AssertionError: square(3): expected 9 but got 6");
  expect(result.stdout).toContain("FAIL halve_test (0/4): halve above was left as released; Error: not implemented");
  expect(result.stdout).toContain('note: cell 5 (grade_id "square_again_test"): // I removed this test was edited; grading uses the original');
  expect(result.stdout).toMatch(/Some tests fail: see above.\n$/);
  expect(result.code).toBe(1);
}, 300_000);
