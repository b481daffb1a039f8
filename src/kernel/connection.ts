/** The connection file Jupyter hands a kernel: where to bind and the signing key. */
import { readFileSync } from "node:fs";

export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  kernel_name?: string;
}

export type Channel = "shell" | "iopub" | "stdin" | "control" | "hb";

export function readConnectionFile(path: string): ConnectionInfo {
  const info = JSON.parse(readFileSync(path, "utf8")) as ConnectionInfo;
  for (const field of ["ip", "shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"] as const) {
    if (info[field] === undefined) throw new Error(`connection file ${path} lacks "${field}"`);
  }
  return { ...info, transport: info.transport ?? "tcp", key: info.key ?? "", signature_scheme: info.signature_scheme ?? "hmac-sha256" };
}

export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port`];
  return info.transport === "ipc" ? `ipc://${info.ip}-${port}` : `tcp://${info.ip}:${port}`;
}
