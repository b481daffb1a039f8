/** `tsdl init DIR`: the lecture notebooks and the released homework into a student's folder. */
import { courseFiles, InitEntry, initFolder } from "../classroom/init";
import { shippedNotebooks } from "../runner/reproduce";
import { defineCommand } from "./command";

export const initCommand = defineCommand({
  name: "init",
  summary: "copy the course notebooks and homework into a student's folder",
  description:
    "Copies the lecture notebooks and the released homework into DIR. Files the student edited are kept; their new " +
    "versions go to NAME.new.ipynb.",
  args: "DIR",
  arity: { min: 1, max: 1 },
  flags: {
    homework: { type: "string", value: "RELEASE_DIR", help: "the released homework (default: $TSDL_HOMEWORK_DIR)" },
  },
  run(flags, [dir]) {
    const releaseDir = flags.homework ?? (process.env.TSDL_HOMEWORK_DIR || undefined);
    const entries = initFolder(dir, courseFiles(shippedNotebooks(), releaseDir));
    entries.forEach((e) => report(e));
    const count = (action: InitEntry["action"]) => entries.filter((e) => e.action === action).length;
    const kept = entries.filter((e) => e.writtenTo !== e.target).length;
    console.log(`${dir}: ${count("copied")} copied, ${count("updated")} updated, ${count("unchanged")} unchanged, ${kept} edited by you and kept`);
    return 0;
  },
});

function report({ target, writtenTo, action }: InitEntry): void {
  if (writtenTo !== target && action !== "unchanged") console.log(`kept your edited ${target}; the new version is ${writtenTo}`);
  else if (action !== "unchanged") console.log(`${action} ${target}`);
}
