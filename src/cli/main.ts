/** The `tsdl` command line: finds the command and hands it its arguments (see command.ts). */
import { assignCommand } from "./assign-command";
import { exitOnSignals } from "../client/exit-cleanup";
import { Command, runCommand } from "./command";
import { gradeCommand } from "./grade-command";
import { initCommand } from "./init-command";
import { installCommand } from "./install-command";
import { kernelCommand } from "./kernel-command";
import { reproduceCommand } from "./reproduce-command";
import { runCommand as runNotebookCommand } from "./run-command";
import { collectCommand, submitCommand } from "./submit-command";
import { validateCommand } from "./validate-command";
import { version } from "../version";

/** Every subcommand, in the order `tsdl --help` lists them. */
const COMMANDS: Command[] = [installCommand, kernelCommand, runNotebookCommand, reproduceCommand, initCommand, submitCommand, collectCommand, assignCommand, validateCommand, gradeCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join("\n");
  return `usage: tsdl <command> [options]\n\ncommands:\n${rows}\n\n\`tsdl <command> --help\` shows a command's options; \`tsdl --version\` prints the version.`;
}

export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  switch (name) {
    case "--version":
    case "-V":
      console.log(version);
      return 0;
    case "--help":
    case "-h":
      console.log(usage());
      return 0;
    case "help":
      return rest[0] ? main([rest[0], "--help"]) : main(["--help"]);
    case undefined:
      console.error(usage());
      return 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`tsdl: unknown ${name.startsWith("-") ? "option" : "command"} ${name}\n${usage()}`);
    return 2;
  }
  // Commands that start kernels end them, and remove their folders, on Ctrl-C or SIGTERM too;
  // the kernel itself keeps SIGINT for interrupting its cell.
  if (command !== kernelCommand) exitOnSignals();
  return runCommand(command, rest);
}
