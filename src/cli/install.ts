/** `tsdl install`: writes the kernelspec (kernel.json + logos) where Jupyter looks for kernels. */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, platform } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../version";

export interface InstallOptions {
  /** Where: the user's data dir (default), Python's sys.prefix, or an explicit prefix. */
  scope: "user" | "sys-prefix" | { prefix: string };
  name: string;
  displayName?: string;
}

export function kernelsDir(scope: InstallOptions["scope"]): string {
  if (scope === "user") return join(userDataDir(), "kernels");
  const prefix = scope === "sys-prefix" ? pythonSysPrefix() : scope.prefix;
  return join(prefix, "share", "jupyter", "kernels");
}

function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (platform() === "darwin") return join(homedir(), "Library", "Jupyter");
  if (platform() === "win32") return join(process.env.APPDATA ?? homedir(), "jupyter");
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
}

function pythonSysPrefix(): string {
  try {
    return execFileSync("python3", ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("--sys-prefix needs python3 on PATH (the Python that runs Jupyter); use --user or --prefix DIR instead");
  }
}

/** Returns the folder written. */
export function installKernelspec(options: InstallOptions): string {
  const dir = join(kernelsDir(options.scope), options.name);
  mkdirSync(dir, { recursive: true });
  const template = JSON.parse(readFileSync(join(packageRoot, "kernel", "kernel.json"), "utf8")) as { argv: string[]; display_name: string };
  template.argv = template.argv.map((a) => a.replace("{node}", process.execPath).replace("{tsdl}", join(packageRoot, "bin", "tsdl.js")));
  if (options.displayName) template.display_name = options.displayName;
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(template, null, 2) + "\n");
  for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]) copyFileSync(join(packageRoot, "kernel", logo), join(dir, logo));
  return dir;
}
