/** Starts a tsdl kernel process with a fresh connection file (mode 0600, removed on dispose). */
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConnectionInfo } from "../kernel/connection";
import { packageRoot } from "../version";
import { KernelClient } from "./client";

export interface LaunchOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the kernel's stderr goes (its log); default: ignored. */
  stderr?: "inherit" | "pipe" | "ignore";
  readyTimeoutMs?: number;
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
  const info = await newConnectionInfo();
  const dir = mkdtempSync(join(tmpdir(), "tsdl-kernel-"));
  const connectionFile = join(dir, "connection.json");
  writeFileSync(connectionFile, JSON.stringify(info), { mode: 0o600 });
  const child = spawn(process.execPath, [join(packageRoot, "bin", "tsdl.js"), "kernel", connectionFile], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "ignore", options.stderr ?? "ignore"],
  });
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  const removeFile = () => rmSync(dir, { recursive: true, force: true });
  exited.then(removeFile, removeFile);
  let client: KernelClient;
  try {
    client = await Promise.race([
      KernelClient.connect(info, options.readyTimeoutMs ?? 60_000),
      exited.then((code) => Promise.reject(new Error(`kernel exited during startup (${code})`))),
    ]);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return { process: child, info, connectionFile, client, exited, shutdown: (ms) => shutdown(child, client, exited, ms) };
}

async function shutdown(child: ChildProcess, client: KernelClient, exited: Promise<unknown>, timeoutMs = 5000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    await client.request("control", "shutdown_request", { restart: false }, timeoutMs).catch(() => undefined);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
  client.close();
}

async function newConnectionInfo(): Promise<ConnectionInfo> {
  const [shell, iopub, stdin, control, hb] = await freePorts(5);
  return {
    transport: "tcp",
    ip: "127.0.0.1",
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
