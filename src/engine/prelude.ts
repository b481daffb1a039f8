/**
 * The names every cell sees without importing: their runtime values (heavy libraries load on
 * first use) and their declarations for the type checker (the first cell's context).
 */
import { join } from "node:path";
import { comms } from "../display/comm";
import { clearOutput, display } from "../display/display";
import { loadDanfo, loadDl, loadTf } from "./libraries";
import type { OutputRouter } from "./output";

export interface PreludeEntry {
  name: string;
  /** TypeScript declarations that give the name its type; may import by absolute path. */
  declaration: string;
  /** Loads the value; heavy entries load only when a cell uses the name. */
  load: () => unknown | Promise<unknown>;
}

export function preludeEntries(packageRoot: string, output: OutputRouter): PreludeEntry[] {
  const modules = join(packageRoot, "node_modules");
  const dist = join(packageRoot, "dist");
  return [
    {
      name: "tf",
      declaration: namespaceImport("tf", join(modules, "@tensorflow/tfjs")),
      load: () => loadTf(),
    },
    {
      name: "dfd",
      declaration: namespaceImport("dfd", join(modules, "danfojs-node")),
      load: () => loadDanfo(),
    },
    {
      name: "dl",
      declaration: namespaceImport("dl", join(dist, "dl/index")),
      load: () => loadDl(),
    },
    {
      name: "display",
      declaration: `import type { display as __tsdl_display, clearOutput as __tsdl_clearOutput } from ${JSON.stringify(join(dist, "display/display"))};\ndeclare const display: typeof __tsdl_display;\ndeclare const clearOutput: typeof __tsdl_clearOutput;`,
      load: () => display,
    },
    { name: "clearOutput", declaration: "", load: () => clearOutput },
    {
      name: "widgets",
      declaration: namespaceImport("widgets", join(dist, "widgets/index")),
      load: () => require("../widgets"),
    },
    {
      name: "comms",
      declaration: `import type { comms as __tsdl_comms } from ${JSON.stringify(join(dist, "display/comm"))};\ndeclare const comms: typeof __tsdl_comms;`,
      load: () => comms,
    },
    {
      name: "input",
      declaration: "/** Asks the user for a line of text (Jupyter stdin). */\ndeclare function input(prompt?: string): Promise<string>;",
      load: () => (prompt = "") => output.input(prompt, false),
    },
    {
      name: "password",
      declaration: "/** Asks the user for a secret; the frontend hides what is typed. */\ndeclare function password(prompt?: string): Promise<string>;",
      load: () => (prompt = "") => output.input(prompt, true),
    },
  ];
}

/** A namespace import gives the name as a value and as a namespace of types (`tf.Tensor`). */
function namespaceImport(name: string, path: string): string {
  return `import * as ${name} from ${JSON.stringify(path)};`;
}

export function preludeDeclarations(entries: PreludeEntry[]): string {
  return entries.map((e) => e.declaration).filter(Boolean).join("\n") + "\n";
}
