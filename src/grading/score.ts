/**
 * Points from an executed graded notebook. A test cell earns its points when it ran without an
 * error (times the smallest grade.partial fraction it reported), else 0. A graded answer
 * (nbgrader's manually graded cell) is pending until the instructor gives points, except an
 * answer left as the released stub, which earns 0 at once (as in nbgrader). A failed test's message
 * names the answers above it that were left as released.
 */
import type { Notebook } from "../runner/notebook";
import type { CellRun, Execution } from "./execute";
import { gradeId, isAutogradedAnswer, isAutogradedTest, isGrade, isManuallyGraded, points } from "./nbgrader";

export type TestOutcome = "passed" | "partial" | "failed" | "not-run" | "pending" | "unanswered";

export interface TestScore {
  gradeId: string;
  max: number;
  /** null while a manually graded answer waits for the instructor. */
  earned: number | null;
  outcome: TestOutcome;
  /** Why it lost points: the error, the partial-credit reason. */
  message?: string;
}

/** Worst first: a submission's status is the worst thing that happened while grading it. */
export const STATUSES = ["unmatched", "memory", "kernel-died", "timeout", "error", "ok"] as const;
export type SubmissionStatus = (typeof STATUSES)[number];

export function scoreNotebook(notebook: Notebook, execution: Execution, unanswered: string[]): TestScore[] {
  // Answers left as released since the previous test: the likely cause when this test fails
  // with an error about something they should have defined (a model that is undefined).
  let stubsAbove: string[] = [];
  return notebook.cells.flatMap((cell, index) => {
    const id = gradeId(cell);
    if (isAutogradedAnswer(cell) && id && unanswered.includes(id)) stubsAbove.push(id);
    if (!isGrade(cell)) return [];
    const max = points(cell);
    if (isManuallyGraded(cell)) {
      return [unanswered.includes(id!) ? { gradeId: id!, max, earned: 0, outcome: "unanswered" as const, message: "left as released" } : { gradeId: id!, max, earned: null, outcome: "pending" as const }];
    }
    if (!isAutogradedTest(cell)) return [];
    const score = withStubHint(testScore(id!, max, execution.runs.get(index)), stubsAbove);
    stubsAbove = [];
    return [score];
  });
}

function withStubHint(score: TestScore, stubs: string[]): TestScore {
  if (score.outcome !== "failed" || stubs.length === 0) return score;
  const hint = `${stubs.join(", ")} above ${stubs.length === 1 ? "was" : "were"} left as released`;
  return { ...score, message: score.message ? `${hint}; ${score.message}` : hint };
}

function testScore(id: string, max: number, run: CellRun | undefined): TestScore {
  if (!run) return { gradeId: id, max, earned: max, outcome: "passed" }; // an empty test cell
  if (run.status === "not-run") return { gradeId: id, max, earned: 0, outcome: "not-run", message: run.message };
  if (run.status !== "ok") return { gradeId: id, max, earned: 0, outcome: "failed", message: run.message };
  if (run.partial.length === 0) return { gradeId: id, max, earned: max, outcome: "passed" };
  const lowest = run.partial.reduce((a, b) => (b.fraction < a.fraction ? b : a));
  const earned = roundPoints(max * lowest.fraction);
  const outcome = earned === max ? "passed" : earned === 0 ? "failed" : "partial";
  return { gradeId: id, max, earned, outcome, message: lowest.why || undefined };
}

export function submissionStatus(execution: Execution | null, unmatched: string[]): SubmissionStatus {
  if (unmatched.length > 0 || !execution) return "unmatched";
  const runs = [...execution.runs.values()];
  if (runs.some((r) => r.memory)) return "memory";
  if (runs.some((r) => r.status === "died")) return "kernel-died";
  if (runs.some((r) => r.status === "timeout")) return "timeout";
  if (runs.some((r) => r.status === "error" || r.status === "not-run")) return "error";
  return "ok";
}

/** Points as the gradebook shows them: at most two decimals. */
export function roundPoints(x: number): number {
  return Math.round(x * 100) / 100;
}
