/** `tsdl submit NOTEBOOK` (student) and `tsdl collect DROP_DIR --out DIR` (instructor). */
import { userInfo } from "node:os";
import { collect, submit } from "../classroom/drop-folder";
import { UsageError, defineCommand } from "./command";

export const submitCommand = defineCommand({
  name: "submit",
  summary: "hand in a notebook to the course's drop folder",
  description: "Copies NOTEBOOK.ipynb into the drop folder under your name, stamped with the time of submission.",
  args: "NOTEBOOK.ipynb",
  arity: { min: 1, max: 1 },
  flags: {
    to: { type: "string", value: "DROP_DIR", help: "the drop folder (default: $TSDL_DROP_DIR, which your instructor's hub sets)" },
  },
  run(flags, [notebook]) {
    const dropDir = flags.to ?? process.env.TSDL_DROP_DIR;
    if (!dropDir) throw new UsageError("no drop folder: pass --to DROP_DIR or set TSDL_DROP_DIR (your instructor's hub sets it)");
    // On Kubernetes every student's pod runs as the same Unix user: the hub's name for them tells them apart.
    const student = process.env.JUPYTERHUB_USER || userInfo().username;
    const submission = submit(notebook, dropDir, student);
    console.log(`submitted ${notebook} as ${submission.student} at ${submission.submittedAt}`);
    return 0;
  },
});

export const collectCommand = defineCommand({
  name: "collect",
  summary: "gather the latest submission of every student",
  description:
    "Writes each student's latest submission of each notebook to DIR/STUDENT/NAME.ipynb (the layout `tsdl grade --by-folder` reads). " +
    "A file whose Unix owner is not the student its name claims is refused and reported.",
  args: "DROP_DIR",
  arity: { min: 1, max: 1 },
  flags: {
    out: { type: "string", value: "DIR", help: "where to write the collected notebooks (required)" },
    "no-owner-check": { type: "boolean", help: "trust the student named in the file name (Kubernetes: every pod has the same uid)" },
  },
  run(flags, [dropDir]) {
    if (!flags.out) throw new UsageError("--out DIR is required");
    const { collected, rejected } = collect(dropDir, flags.out, { checkOwner: !flags["no-owner-check"] });
    for (const c of collected) console.log(`${c.collected}  (${c.submittedAt}${c.earlier ? `, ${c.earlier} earlier version(s) not collected` : ""})`);
    for (const r of rejected) console.error(`refused ${r.file}: ${r.reason}`);
    console.log(`collected ${collected.length} notebook(s) into ${flags.out}; refused ${rejected.length}`);
    return 0;
  },
});
