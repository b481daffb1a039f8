/**
 * The one shape of a `tsdl` subcommand: a name, a summary, its arguments and flags, and a `run`
 * function. `runCommand` does what every command shares, as Python's argparse does:
 * `--help`/`-h` prints `usage: ...` and the flags and returns 0; an unknown flag, a flag without
 * its value or a wrong number of arguments names the problem, prints the usage on stderr and
 * returns 2. A new command is one `defineCommand({...})` in its own `*-command.ts`, listed in
 * main.ts's COMMANDS.
 */
import { parseArgs } from "node:util";

export interface Flag {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** How the value is shown in usage (`--out OUT.ipynb`); string flags only. */
  value?: string;
  help: string;
}

type Flags = Record<string, Flag>;

/** What parsing gives `run`: string flags as strings (arrays if `multiple`), switches as booleans. */
export type FlagValues<F extends Flags> = {
  [K in keyof F]?: F[K]["type"] extends "string" ? (F[K]["multiple"] extends true ? string[] : string) : boolean;
};

export interface Command<F extends Flags = Flags> {
  name: string;
  /** A few words for `tsdl --help`. */
  summary: string;
  /** What `tsdl NAME --help` adds below the usage line. */
  description: string;
  /** The positional arguments as usage shows them, e.g. `NOTEBOOK.ipynb` or `[NOTEBOOK.ipynb ...]`. */
  args: string;
  /** How many positional arguments are accepted. */
  arity: { min: number; max: number };
  flags: F;
  run(flags: FlagValues<F>, positionals: string[]): Promise<number> | number;
}

/** Keeps the flags' literal types, so `run` sees exactly the flags the command declares. */
export function defineCommand<F extends Flags>(command: Command<F>): Command<F> {
  return command;
}

/** Bad command-line input: printed with the command's usage, exit status 2. */
export class UsageError extends Error {}

const HELP: Flag = { type: "boolean", short: "h", help: "show this help" };

export function usageLine(command: Command): string {
  const args = command.args ? ` ${command.args}` : "";
  return `usage: tsdl ${command.name}${args}${Object.keys(command.flags).length ? " [options]" : ""}`;
}

/** The full help: usage, summary and one line per flag. */
export function helpText(command: Command): string {
  const rows = Object.entries({ ...command.flags, help: HELP }).map(([name, flag]) => {
    const names = `${flag.short ? `-${flag.short}, ` : ""}--${name}${flag.type === "string" ? ` ${flag.value ?? "VALUE"}` : ""}`;
    return [names, flag.help + (flag.multiple ? " (repeatable)" : "")];
  });
  const width = Math.max(...rows.map(([names]) => names.length)) + 2;
  const table = rows.map(([names, help]) => `  ${names.padEnd(width)}${help}`).join("\n");
  return `${usageLine(command)}\n\n${command.description}\n\noptions:\n${table}`;
}

/** Parses `args` for `command` and runs it; returns the process exit status. */
export async function runCommand(command: Command, args: string[]): Promise<number> {
  try {
    const { values, positionals } = parse(command, args);
    if (values.help) {
      console.log(helpText(command));
      return 0;
    }
    return await command.run(values as FlagValues<Flags>, positionals);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`tsdl ${command.name}: ${e.message}\n${usageLine(command)}\n(\`tsdl ${command.name} --help\` lists the options)`);
    return 2;
  }
}

function parse(command: Command, args: string[]): { values: Record<string, unknown>; positionals: string[] } {
  const flags: Flags = { ...command.flags, help: HELP };
  // parseArgs rejects keys it does not know (help, value) and undefined ones.
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, { type, short, multiple }]) => [name, { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) }]),
  );
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  if (values.help) return { values, positionals };
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const flag = flags[token.name];
    if (!flag) throw new UsageError(`unknown option ${token.rawName}`);
    if (flag.type === "boolean" && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    if (flag.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))) {
      throw new UsageError(`${token.rawName} needs a value`);
    }
  }
  const { min, max } = command.arity;
  if (positionals.length < min) throw new UsageError(`missing ${command.args}`);
  if (positionals.length > max) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[max])}`);
  return { values, positionals };
}
