/** `tsdl kernel CONNECTION_FILE`: the process a frontend starts. Wires kernel + TypeScript engine. */
import { Kernel, KernelSettings, log } from "../kernel/kernel";
import { readConnectionFile } from "../kernel/connection";
import { TypeScriptLanguage } from "../engine/typescript-language";
import { WorkerCompiler } from "../engine/worker-compiler";
import { GRADING_HELPERS } from "../engine/prelude";
import { lockedDeclaration } from "../engine/locked-names";
import { packageRoot, version } from "../version";
import { defineCommand } from "./command";

export const kernelCommand = defineCommand({
  name: "kernel",
  summary: "run the kernel on a connection file (what Jupyter starts)",
  description: "Runs the kernel on the connection file Jupyter writes (kernel.json's argv); exits after a shutdown_request.",
  args: "CONNECTION_FILE",
  arity: { min: 1, max: 1 },
  flags: {},
  run: (_flags, [connectionFile]) => runKernel(connectionFile),
});

async function runKernel(connectionFile: string): Promise<number> {
  const info = readConnectionFile(connectionFile);
  // `tsdl grade` and `tsdl validate` set TSDL_GRADING=1: cells may not rebind the test helpers.
  const locked = process.env.TSDL_GRADING === "1" ? GRADING_HELPERS : [];
  const compiler = new WorkerCompiler(packageRoot, locked.map((name) => ({ name, declaration: lockedDeclaration(name) })));
  const banner =
    `tsdl ${version} — TypeScript ${compiler.typescriptVersion} with TensorFlow.js, danfo.js and Plotly (Node ${process.version})\n` +
    `TensorFlow.js backend: ${process.env.TSDL_BACKEND ? `${process.env.TSDL_BACKEND} (TSDL_BACKEND)` : "the fastest that loads (gpu > node > wasm > cpu)"}, announced when a cell first uses tf`;
  const language = new TypeScriptLanguage(compiler, process.cwd(), packageRoot, banner, locked);
  language.installGlobals();
  const kernel = new Kernel(info, language, settingsFromEnv(process.env));
  // SIGINT (Jupyter's interrupt_mode "signal", or Ctrl-C in a terminal) interrupts the cell, never the kernel.
  process.on("SIGINT", () => language.interrupt());
  process.on("SIGTERM", () => void kernel.close());
  process.removeAllListeners("warning");
  process.on("warning", (w) => log(`warning: ${w.name}: ${w.message}`));
  await compiler.online;
  await kernel.start();
  log(`kernel ready (pid ${process.pid}, ${info.transport}://${info.ip})`);
  await kernel.whenExited();
  // After shutdown_request (restart or not) the process ends, whatever timers, servers or other
  // handles cells left open; a manager that asked for a restart starts a new one.
  process.exit(0);
}

/** TSDL_STOP_ON_ERROR_TIMEOUT (seconds, like ipykernel's Kernel.stop_on_error_timeout). */
function settingsFromEnv(env: NodeJS.ProcessEnv): Partial<KernelSettings> {
  const raw = env.TSDL_STOP_ON_ERROR_TIMEOUT;
  if (raw === undefined || raw === "") return {};
  const seconds = Number(raw);
  if (!(seconds >= 0)) throw new Error(`TSDL_STOP_ON_ERROR_TIMEOUT must be a number of seconds >= 0, got ${JSON.stringify(raw)}`);
  return { stopOnErrorTimeoutMs: seconds * 1000 };
}
