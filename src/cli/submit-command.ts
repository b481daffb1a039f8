/** `tsdl submit NOTEBOOK` (student) and `tsdl collect DROP_DIR --out DIR` (instructor). */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { collect, submit } from "../classroom/drop-folder";

export const SUBMIT_USAGE = "tsdl submit NOTEBOOK.ipynb [--to DROP_DIR]   (default $TSDL_DROP_DIR)";
export const COLLECT_USAGE = "tsdl collect DROP_DIR --out DIR [--no-owner-check]   (writes DIR/STUDENT/NAME.ipynb for tsdl grade --by-folder)";

export function submitCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { to: { type: "string" } } });
  const dropDir = values.to ?? process.env.TSDL_DROP_DIR;
  if (positionals.length !== 1) throw new Error(`usage: ${SUBMIT_USAGE}`);
  if (!dropDir) throw new Error(`no drop folder: pass --to DROP_DIR or set TSDL_DROP_DIR (your instructor's hub sets it)\nusage: ${SUBMIT_USAGE}`);
  // On Kubernetes every student's pod runs as the same Unix user: the hub's name for them tells them apart.
  const student = process.env.JUPYTERHUB_USER || userInfo().username;
  const submission = submit(positionals[0], dropDir, student);
  console.log(`submitted ${positionals[0]} as ${submission.student} at ${submission.submittedAt}`);
  return 0;
}

export function collectCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, "no-owner-check": { type: "boolean" } },
  });
  if (positionals.length !== 1 || !values.out) throw new Error(`usage: ${COLLECT_USAGE}`);
  const { collected, rejected } = collect(positionals[0], values.out, { checkOwner: !values["no-owner-check"] });
  for (const c of collected) console.log(`${c.collected}  (${c.submittedAt}${c.earlier ? `, ${c.earlier} earlier version(s) not collected` : ""})`);
  for (const r of rejected) console.error(`refused ${r.file}: ${r.reason}`);
  console.log(`collected ${collected.length} notebook(s) into ${values.out}; refused ${rejected.length}`);
  return 0;
}
