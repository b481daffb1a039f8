/**
 * Starts a tsdl kernel process with a fresh connection file (mode 0600, removed on dispose),
 * over TCP on the loopback or over Jupyter's `ipc` transport (Unix sockets in the kernel's
 * runtime folder, which a sandbox without network can still reach), optionally wrapped in
 * another command (a sandbox) that the kernel itself does not know about.
 */
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConnectionInfo } from "../kernel/connection";
import { packageRoot } from "../version";
import { KernelClient } from "./client";
import { folderRemovedAtExit, onExit } from "./exit-cleanup";

export interface LaunchOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the kernel's stderr goes (its log); default: ignored. */
  stderr?: "inherit" | "pipe" | "ignore";
  readyTimeoutMs?: number;
  /** Default "tcp" (127.0.0.1, free ports); "ipc" puts the sockets beside the connection file. */
  transport?: "tcp" | "ipc";
  wrapper?: KernelWrapper;
}

/** Runs the kernel inside something else, e.g. a sandbox (see grading/sandbox.ts). */
export interface KernelWrapper {
  /** Before the kernel starts: make the runtime folder (connection file, ipc sockets) usable by it. */
  prepare?(runtimeDir: string): void;
  /** The command that runs `argv` (the kernel's own command line) inside the wrapper. */
  command(argv: string[], runtimeDir: string): string[];
  /** Kills the kernel for good (default: SIGKILL to the wrapper's process). */
  kill?(wrapper: ChildProcess): void;
}

export interface RunningKernel {
  process: ChildProcess;
  info: ConnectionInfo;
  connectionFile: string;
  client: KernelClient;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Asks politely (shutdown_request), then kills; removes the connection file. */
  shutdown(timeoutMs?: number): Promise<void>;
}

export async function launchKernel(options: LaunchOptions = {}): Promise<RunningKernel> {
  const dir = mkdtempSync(join(tmpdir(), "tsdl-kernel-"));
  const info = options.transport === "ipc" ? ipcConnectionInfo(join(dir, "kernel")) : await tcpConnectionInfo();
  const connectionFile = join(dir, "connection.json");
  writeFileSync(connectionFile, JSON.stringify(info), { mode: 0o600 });
  options.wrapper?.prepare?.(dir);
  const kernelArgv = [process.execPath, join(packageRoot, "bin", "tsdl.js"), "kernel", connectionFile];
  const [file, ...args] = options.wrapper ? options.wrapper.command(kernelArgv, dir) : kernelArgv;
  const child = spawn(file, args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "ignore", options.stderr ?? "ignore"],
  });
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  const forceKill = () => (options.wrapper?.kill ? options.wrapper.kill(child) : child.kill("SIGKILL"));
  const removeDir = folderRemovedAtExit(dir);
  const forgetKillAtExit = onExit(forceKill);
  const ended = () => (forgetKillAtExit(), removeDir());
  exited.then(ended, ended);
  // A piped stderr is kept until the kernel is ready, so that a failed start can say why.
  let startupLog = "";
  const keepLog = (chunk: Buffer) => (startupLog = (startupLog + chunk.toString("utf8")).slice(-2000));
  child.stderr?.on("data", keepLog);
  let client: KernelClient;
  try {
    client = await Promise.race([
      KernelClient.connect(info, options.readyTimeoutMs ?? 60_000),
      exited.then((code) => Promise.reject(new Error(`kernel exited during startup (${code})`))),
    ]);
  } catch (e) {
    forceKill();
    if (startupLog.trim()) (e as Error).message += `; its stderr ended with:\n${startupLog.trim()}`;
    throw e;
  } finally {
    child.stderr?.off("data", keepLog);
  }
  return { process: child, info, connectionFile, client, exited, shutdown: (ms) => shutdown(child, client, exited, forceKill, ms) };
}

async function shutdown(child: ChildProcess, client: KernelClient, exited: Promise<unknown>, forceKill: () => void, timeoutMs = 5000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    await client.request("control", "shutdown_request", { restart: false }, timeoutMs).catch(() => undefined);
    const timer = setTimeout(forceKill, timeoutMs);
    await exited;
    clearTimeout(timer);
  }
  client.close();
}

async function tcpConnectionInfo(): Promise<ConnectionInfo> {
  const [shell, iopub, stdin, control, hb] = await freePorts(5);
  return connectionInfo("tcp", "127.0.0.1", [shell, iopub, stdin, control, hb]);
}

/** Jupyter's ipc convention: socket files named `<ip>-<port>`, the "ports" being 1..5. */
function ipcConnectionInfo(socketPrefix: string): ConnectionInfo {
  return connectionInfo("ipc", socketPrefix, [1, 2, 3, 4, 5]);
}

function connectionInfo(transport: "tcp" | "ipc", ip: string, [shell, iopub, stdin, control, hb]: number[]): ConnectionInfo {
  return {
    transport,
    ip,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    kernel_name: "tsdl",
  };
}

/** Ports the OS reports free right now (held open together so they are distinct). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
