/** The `tsdl` command line: parses arguments and hands off to one module per command. */
import { INIT_USAGE, initCommand } from "./init-command";
import { installKernelspec } from "./install";
import { runKernel } from "./kernel-command";
import { reproduceCommand, REPRODUCE_USAGE } from "./reproduce-command";
import { runCommand, RUN_USAGE } from "./run-command";
import { COLLECT_USAGE, collectCommand, SUBMIT_USAGE, submitCommand } from "./submit-command";
import { version } from "../version";

const USAGE = `usage: tsdl <command>
  tsdl install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT]
  tsdl kernel CONNECTION_FILE
  ${RUN_USAGE}
  ${REPRODUCE_USAGE}
  ${INIT_USAGE}
  ${SUBMIT_USAGE}
  ${COLLECT_USAGE}
  tsdl --version`;

export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case "--version":
    case "-V":
      console.log(version);
      return 0;
    case "install":
      return install(rest);
    case "kernel":
      if (!rest[0]) throw new Error("tsdl kernel needs the connection file Jupyter passes");
      return runKernel(rest[0]);
    case "run":
      return runCommand(rest);
    case "reproduce":
      return reproduceCommand(rest);
    case "init":
      return initCommand(rest);
    case "submit":
      return submitCommand(rest);
    case "collect":
      return collectCommand(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

function install(args: string[]): number {
  const flags = parseFlags(args, ["--prefix", "--name", "--display-name"], ["--user", "--sys-prefix"]);
  const scope = flags["--prefix"] ? { prefix: flags["--prefix"] } : flags["--sys-prefix"] ? "sys-prefix" : "user";
  const dir = installKernelspec({ scope: scope as never, name: flags["--name"] ?? "tsdl", displayName: flags["--display-name"] });
  console.log(`installed kernelspec in ${dir}`);
  return 0;
}

/** `--flag value` options and boolean switches; anything else is an error. */
export function parseFlags(args: string[], valued: string[], switches: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (valued.includes(a)) {
      if (args[i + 1] === undefined) throw new Error(`${a} needs a value`);
      out[a] = args[++i];
    } else if (switches.includes(a)) out[a] = "1";
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return out;
}
