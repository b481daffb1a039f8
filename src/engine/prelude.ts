/**
 * The names every cell sees without importing: their runtime values (heavy libraries load on
 * first use) and their declarations for the type checker (the first cell's context).
 */
import { join } from "node:path";
import { comms } from "../display/comm";
import { clearOutput, display } from "../display/display";
import { loadDanfo, loadDl, loadTf } from "./libraries";
import { lockedDeclaration } from "./locked-names";
import type { OutputRouter } from "./output";

export interface PreludeEntry {
  name: string;
  /** TypeScript declarations that give the name its type; may import by absolute path. */
  declaration: string;
  /** Loads the value; heavy entries load only when a cell uses the name. */
  load: () => unknown | Promise<unknown>;
  /**
   * Declare the name to the type checker only once a cell mentions it. For tf, danfo and dl, whose
   * declarations would otherwise sit in the compiler's heap of every kernel, used or not (danfo's
   * pull in plotly.js's 1.2 MB schema: ~17 MB resident), and be merged into the checker of every
   * cell (tfjs's ~600 files made a trivial cell's check 2-3x slower).
   */
  declareOnUse?: boolean;
}

export function preludeEntries(packageRoot: string, output: OutputRouter): PreludeEntry[] {
  const modules = join(packageRoot, "node_modules");
  const dist = join(packageRoot, "dist");
  return [
    {
      name: "tf",
      declaration: namespaceImport("tf", join(modules, "@tensorflow/tfjs")),
      load: () => loadTf(),
      declareOnUse: true,
    },
    {
      name: "dfd",
      declaration: namespaceImport("dfd", join(modules, "danfojs-node")),
      load: () => loadDanfo(),
      declareOnUse: true,
    },
    {
      name: "dl",
      declaration: namespaceImport("dl", join(dist, "dl/index")),
      load: () => loadDl(),
      declareOnUse: true,
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
    helper("assert", join(dist, "dl/grading/assert"), "Checks for an assignment's test cells: assert.equal, close, tensorClose, shape, ok.", () => require("../dl/grading/assert").assert),
    helper("grade", join(dist, "dl/grading/grade"), "grade.partial(fraction, why): partial credit in an assignment's test cell.", () => require("../dl/grading/grade").grade),
  ];
}

/** The grading helpers: light, loaded on first use; rebinding them is refused while grading (locked-names.ts). */
export const GRADING_HELPERS = ["assert", "grade"];

function helper(name: string, modulePath: string, doc: string, load: () => unknown): PreludeEntry {
  const declaration = `import type { ${name} as __tsdl_${name} } from ${JSON.stringify(modulePath)};\n/** ${doc} */\n${lockedDeclaration(name)}`;
  return { name, declaration, load };
}

/** A namespace import gives the name as a value and as a namespace of types (`tf.Tensor`). */
function namespaceImport(name: string, path: string): string {
  return `import * as ${name} from ${JSON.stringify(path)};`;
}

/** The first cell's context: declarations of every entry not declared on use. */
export function preludeDeclarations(entries: PreludeEntry[]): string {
  return declarationsOf(entries.filter((e) => !e.declareOnUse));
}

/**
 * Declarations of the declare-on-use entries that `source` mentions and that are not in
 * `declared` yet (which this adds them to). A mention in a comment or string declares the name
 * too, which costs memory but changes no verdict: the name was always declarable.
 */
export function declarationsUsedBy(entries: PreludeEntry[], source: string, declared: Set<string>): string {
  const used = entries.filter((e) => e.declareOnUse && !declared.has(e.name) && mentions(source, e.name));
  for (const e of used) declared.add(e.name);
  return used.length ? declarationsOf(used) : "";
}

/**
 * The declare-on-use name that the identifier ending `before` (the code up to the cursor) begins:
 * completing `t` should offer `tf` before any cell used it. None while the prefix fits several
 * (`d`: dfd and dl), so that completing `display` does not load danfo's declarations.
 */
export function nameBeingTyped(entries: PreludeEntry[], before: string): string | undefined {
  const typed = /[\w$]+$/.exec(before)?.[0];
  const names = typed ? entries.filter((e) => e.declareOnUse && e.name.startsWith(typed)).map((e) => e.name) : [];
  return names.length === 1 ? names[0] : undefined;
}

function mentions(source: string, name: string): boolean {
  return new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(source);
}

function declarationsOf(entries: PreludeEntry[]): string {
  return entries.map((e) => e.declaration).filter(Boolean).join("\n") + "\n";
}
