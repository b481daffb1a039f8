/** `tsdl validate NOTEBOOK.ipynb`: runs a released notebook's visible tests, as nbgrader validate does. */
import { DEFAULT_MEMORY_MB } from "../grading/sandbox";
import { validateNotebook, validationReport } from "../grading/validate";
import { defineCommand } from "./command";
import { parseSeconds } from "./run-command";

const DEFAULT_TIMEOUT_SECONDS = 60;

export const validateCommand = defineCommand({
  name: "validate",
  summary: "run an assignment's visible tests and say which pass (for students)",
  description: "Runs the notebook as it is, in grading mode, and lists each test with its points; notes locked or test cells that were edited. Exits 1 when a test fails.",
  args: "NOTEBOOK.ipynb",
  arity: { min: 1, max: 1 },
  flags: {
    timeout: { type: "string", value: "SECONDS", help: `stop a cell after this long (default ${DEFAULT_TIMEOUT_SECONDS}; a cell's metadata.tsdl.timeout wins)` },
  },
  async run(flags, [path]) {
    const validation = await validateNotebook(path, {
      timeoutSeconds: parseSeconds(flags.timeout, "--timeout") ?? DEFAULT_TIMEOUT_SECONDS,
      memoryMb: DEFAULT_MEMORY_MB,
      // The student's own code on the student's own machine, as in nbgrader validate.
      sandbox: false,
    });
    process.stdout.write(validationReport(validation));
    return validation.passed ? 0 : 1;
  },
});
