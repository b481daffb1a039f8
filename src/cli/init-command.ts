/** `tsdl init DIR`: the lecture notebooks and the released homework into a student's folder. */
import { parseArgs } from "node:util";
import { courseFiles, InitEntry, initFolder } from "../classroom/init";
import { shippedNotebooks } from "../runner/reproduce";

export const INIT_USAGE = "tsdl init DIR [--homework RELEASE_DIR]   (default $TSDL_HOMEWORK_DIR; edited files are kept, new versions go to NAME.new.ipynb)";

export function initCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { homework: { type: "string" } } });
  if (positionals.length !== 1) throw new Error(`usage: ${INIT_USAGE}`);
  const releaseDir = values.homework ?? (process.env.TSDL_HOMEWORK_DIR || undefined);
  const entries = initFolder(positionals[0], courseFiles(shippedNotebooks(), releaseDir));
  entries.forEach((e) => report(e));
  const count = (action: InitEntry["action"]) => entries.filter((e) => e.action === action).length;
  const kept = entries.filter((e) => e.writtenTo !== e.target).length;
  console.log(`${positionals[0]}: ${count("copied")} copied, ${count("updated")} updated, ${count("unchanged")} unchanged, ${kept} edited by you and kept`);
  return 0;
}

function report({ target, writtenTo, action }: InitEntry): void {
  if (writtenTo !== target && action !== "unchanged") console.log(`kept your edited ${target}; the new version is ${writtenTo}`);
  else if (action !== "unchanged") console.log(`${action} ${target}`);
}
