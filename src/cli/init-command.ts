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
    const edited = (e: InitEntry) => e.writtenTo !== e.target || e.action === "kept";
    const count = (action: InitEntry["action"]) => entries.filter((e) => !edited(e) && e.action === action).length;
    console.log(`${dir}: ${count("copied")} copied, ${count("updated")} updated, ${count("unchanged")} unchanged, ${entries.filter(edited).length} edited by you and kept`);
    return 0;
  },
});

/** One line per file that changed; nothing for files left as they were. */
function report({ target, writtenTo, action }: InitEntry): void {
  if (action === "unchanged" || action === "kept") return;
  console.log(writtenTo === target ? `${action} ${target}` : `kept your edited ${target}; the new version is ${writtenTo}`);
}
