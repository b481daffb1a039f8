/**
 * Grades one submission: merge it with SOURCE, run it in a fresh (sandboxed) kernel, score it,
 * and write `graded/<name>.ipynb` (the executed notebook; tsdl's record of the result under
 * `metadata.tsdl.grading`, which a rerun reads to skip a submission whose file, SOURCE and
 * options did not change).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { version } from "../version";
import { Notebook, NotebookError, readNotebook, writeNotebookAtomic } from "../runner/notebook";
import { KERNELSPEC } from "../runner/run";
import { Execution, executeGraded } from "./execute";
import { startGradedKernel } from "./kernel";
import { mergeSubmission } from "./merge";
import { releaseNotebook } from "./release";
import { SubmissionStatus, TestScore, scoreNotebook, submissionStatus } from "./score";

export interface SubmissionInput {
  /** The gradebook's name for it. */
  name: string;
  path: string;
}

export interface GradingSettings {
  sourcePath: string;
  sourceText: string;
  source: Notebook;
  timeoutSeconds: number;
  memoryMb: number;
  sandbox: boolean;
}

/** What the gradebook and the feedback need; stored in the graded notebook for reruns. */
export interface GradingRecord {
  key: string;
  submission: string;
  status: SubmissionStatus;
  scores: TestScore[];
  notes: string[];
  seconds: number;
  /** Of `seconds`, what grading itself took: sandboxes, kernel starts, replays. */
  overheadSeconds: number;
  restarts: number;
}

export interface GradedSubmission {
  record: GradingRecord;
  notebook: Notebook;
  /** True when an earlier run's result was reused. */
  reused: boolean;
}

/** Changes when the submission, SOURCE, tsdl or an option that affects points changes. */
export function gradingKey(settings: GradingSettings, submissionBytes: Buffer): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ version, timeout: settings.timeoutSeconds, memory: settings.memoryMb, sandbox: settings.sandbox }));
  hash.update(settings.sourceText);
  hash.update("\0");
  hash.update(submissionBytes);
  return hash.digest("hex");
}

export function previousResult(gradedPath: string, key: string): GradedSubmission | null {
  if (!existsSync(gradedPath)) return null;
  try {
    const notebook = readNotebook(gradedPath);
    const record = (notebook.metadata.tsdl as { grading?: GradingRecord } | undefined)?.grading;
    return record?.key === key ? { record, notebook, reused: true } : null;
  } catch {
    return null;
  }
}

export async function gradeSubmission(input: SubmissionInput, settings: GradingSettings, gradedPath: string): Promise<GradedSubmission> {
  const bytes = readFileSync(input.path);
  const key = gradingKey(settings, bytes);
  const previous = previousResult(gradedPath, key);
  if (previous) return previous;
  const started = Date.now();
  const submission = parseSubmission(input.path);
  const merged = submission ? mergeSubmission(settings.source, submission) : null;
  // A file that is not a notebook gets the release in its feedback, never SOURCE's solutions.
  const notebook = merged?.notebook ?? releaseNotebook(settings.source);
  const notes = merged ? [...merged.notes] : [`${input.path} is not a notebook: it was not run`];
  if (merged && merged.unmatched.length > 0) notes.unshift(`no answer found for ${merged.unmatched.map((id) => `"${id}"`).join(", ")} (matched by grade_id, then cell id); those ran as released`);
  let execution: Execution | null = null;
  if (merged) {
    execution = await executeGraded(notebook, {
      start: () => startGradedKernel({ sandbox: settings.sandbox, memoryMb: settings.memoryMb }),
      timeoutSeconds: settings.timeoutSeconds,
    });
  }
  const scores = execution ? scoreNotebook(notebook, execution, merged!.unanswered) : scoreNotebook(settings.source, { runs: new Map(), restarts: 0, overheadSeconds: 0 }, []).map(notRun);
  const record: GradingRecord = {
    key,
    submission: input.name,
    status: submissionStatus(execution, merged?.unmatched ?? []),
    scores,
    notes: execution && execution.restarts > 0 ? [...notes, `the kernel was restarted ${execution.restarts} time(s)`] : notes,
    seconds: (Date.now() - started) / 1000,
    overheadSeconds: execution?.overheadSeconds ?? 0,
    restarts: execution?.restarts ?? 0,
  };
  const graded: Notebook = { ...notebook, metadata: { ...notebook.metadata, kernelspec: KERNELSPEC, tsdl: { ...(notebook.metadata.tsdl as object), grading: record } } };
  writeNotebookAtomic(gradedPath, graded);
  return { record, notebook: graded, reused: false };
}

function parseSubmission(path: string): Notebook | null {
  try {
    return readNotebook(path);
  } catch (e) {
    if (e instanceof NotebookError) return null;
    throw e;
  }
}

function notRun(score: TestScore): TestScore {
  return { ...score, earned: 0, outcome: "not-run", message: "the submission is not a notebook" };
}
