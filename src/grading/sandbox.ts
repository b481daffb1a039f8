/**
 * The sandbox a graded kernel runs in: bubblewrap (`bwrap`) with every namespace unshared (no
 * network: the kernel is reached over Jupyter's ipc transport, Unix sockets in its runtime
 * folder), no capabilities, no new user namespaces, its own pid namespace with the kernel as
 * pid 1 (every process of the submission is gone when the sandbox command has exited), a private size-capped /tmp that holds its working folder,
 * read-only system and tsdl install, and rlimits: RLIMIT_DATA for memory (RLIMIT_AS would
 * break tfjs's wasm backend), RLIMIT_NPROC per sandbox, RLIMIT_FSIZE per file.
 *
 * Run as root, it drops to an unprivileged uid with setpriv before bwrap, so the kernel has no
 * rights in the host's user namespace. That uid may not be able to reach the install (a clone
 * under /root, mode 0700): root first binds what the kernel needs onto a staging folder it can
 * reach, inside a mount namespace of its own (`unshare --mount`), so the host sees no mounts.
 * The kernel is wrapped, not changed: it does not know it is sandboxed.
 */
import { ChildProcess, execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { folderRemovedAtExit } from "../client/exit-cleanup";
import type { KernelWrapper } from "../client/launch";
import { packageRoot } from "../version";

export interface SandboxOptions {
  /** RLIMIT_DATA of every process, in MB. */
  memoryMb: number;
  /** Size of the private /tmp (the working folder lives in it), in MB. */
  diskMb?: number;
  /** Processes and threads the submission may have at once (the kernel uses ~30). */
  processes?: number;
  /** The uid/gid the kernel runs as when tsdl runs as root. */
  uid?: number;
  /** Environment of the kernel (nothing else is passed in). */
  env?: Record<string, string>;
}

export const DEFAULT_MEMORY_MB = 2048;
export const DEFAULT_DISK_MB = 512;
export const DEFAULT_PROCESSES = 256;
export const NOBODY = 65534;
/** The kernel's working folder inside the sandbox (on the private /tmp). */
export const SANDBOX_WORKDIR = "/tmp/submission";

export class SandboxUnavailable extends Error {}

/** The bwrap to use, or an error that says how to get it. */
export function findBwrap(): string {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    const candidate = join(dir, "bwrap");
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new SandboxUnavailable(
    "tsdl grade runs every submission inside bubblewrap (bwrap), which is not installed.\n" +
      "Install it (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; Arch: pacman -S bubblewrap),\n" +
      "or pass --no-sandbox to run student code with your own rights (only for code you trust).",
  );
}

const isRoot = () => process.getuid?.() === 0;

interface Bind {
  /** Host path. */
  from: string;
  /** Path in the sandbox (the same path: stack traces and declarations stay true). */
  to: string;
  writable: boolean;
}

export class Sandbox implements KernelWrapper {
  private readonly bwrap = findBwrap();
  private readonly uid: number;
  /** Mount points for staging, and the sandbox's /etc/passwd and /etc/group (0755, removed by dispose). */
  private readonly dir: string;
  /** Removes `dir` now (dispose) or, if nobody did, when the process exits. */
  private readonly removeDir: () => void;

  constructor(private readonly options: SandboxOptions) {
    this.uid = options.uid ?? NOBODY;
    this.dir = mkdtempSync(join(tmpdir(), "tsdl-sandbox-"));
    chmodSync(this.dir, 0o755);
    const uid = isRoot() ? this.uid : process.getuid?.() ?? this.uid;
    writeFileSync(join(this.dir, "passwd"), `student:x:${uid}:${uid}:student:${SANDBOX_WORKDIR}:/bin/sh\n`, { mode: 0o644 });
    writeFileSync(join(this.dir, "group"), `student:x:${uid}:\n`, { mode: 0o644 });
    this.removeDir = folderRemovedAtExit(this.dir);
  }

  /** The runtime folder (connection file, sockets) becomes the kernel's, and stays private. */
  prepare(runtimeDir: string): void {
    if (!isRoot()) return;
    chownSync(runtimeDir, this.uid, this.uid);
    for (const name of readdirSync(runtimeDir)) chownSync(join(runtimeDir, name), this.uid, this.uid);
  }

  command(argv: string[], runtimeDir: string): string[] {
    const binds = [...systemBinds(), ...this.accountBinds(), ...installBinds(argv[0]), { from: runtimeDir, to: runtimeDir, writable: true }];
    const inner = [...this.limits(), ...argv];
    if (!isRoot()) return [this.bwrap, ...this.bwrapArgs(binds), ...inner];
    const staged = this.stage(binds);
    const drop = ["setpriv", `--reuid=${this.uid}`, `--regid=${this.uid}`, "--clear-groups", "--inh-caps=-all"];
    const stageArgs = staged.flatMap((s) => [s.from, s.stage]);
    const sandboxed = this.bwrapArgs(staged.map((s) => ({ ...s, from: s.stage })));
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", STAGE_SCRIPT, "sh", ...stageArgs, "--", ...drop, this.bwrap, ...sandboxed, ...inner];
  }

  /**
   * SIGKILL to the kernel (pid 1 of the sandbox's namespace), not to bwrap: bwrap then exits once
   * the kernel and every other process of the namespace are gone. Killing bwrap itself would
   * return at once and leave the namespace to die a moment later.
   */
  kill(wrapper: ChildProcess): void {
    const children = readChildren(wrapper.pid);
    if (children.length === 0) wrapper.kill("SIGKILL");
    for (const pid of children) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }

  /** Removes the sandbox's folder (mount points; the mounts died with their namespace). */
  dispose(): void {
    this.removeDir();
  }

  /** A one-line /etc/passwd and /etc/group, so that os.userInfo() and `id` work. */
  private accountBinds(): Bind[] {
    return ["passwd", "group"].map((name) => ({ from: join(this.dir, name), to: `/etc/${name}`, writable: false }));
  }

  /** rlimits set inside the sandbox, so that RLIMIT_NPROC counts this sandbox's processes only. */
  private limits(): string[] {
    const data = this.options.memoryMb * 1024 * 1024;
    const processes = this.options.processes ?? DEFAULT_PROCESSES;
    const fileSize = (this.options.diskMb ?? DEFAULT_DISK_MB) * 1024 * 1024;
    return ["prlimit", `--data=${data}:${data}`, `--nproc=${processes}:${processes}`, `--fsize=${fileSize}:${fileSize}`, "--core=0:0", "--"];
  }

  private bwrapArgs(binds: Bind[]): string[] {
    const env = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: SANDBOX_WORKDIR, LANG: "C.UTF-8", ...this.options.env };
    return [
      "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
      // The kernel is pid 1 of its namespace, so bwrap exits only once the kernel has died and the
      // kernel has removed every other process of the namespace: when the wrapper exits, nothing is left.
      "--as-pid-1",
      "--hostname", "sandbox", "--clearenv", ...Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v]),
      ...rootSymlinks(),
      "--proc", "/proc", "--dev", "/dev",
      "--size", String((this.options.diskMb ?? DEFAULT_DISK_MB) * 1024 * 1024), "--tmpfs", "/tmp",
      ...binds.flatMap((b) => [b.writable ? "--bind" : "--ro-bind", b.from, b.to]),
      "--dir", SANDBOX_WORKDIR, "--chdir", SANDBOX_WORKDIR,
      // The root is a tmpfs bwrap made for the mount points; nothing may be written there (it has no size cap).
      "--remount-ro", "/",
      "--",
    ];
  }

  /** A mount point per bind, in a folder the sandbox's uid can reach (0755 up to /tmp). */
  private stage(binds: Bind[]): (Bind & { stage: string })[] {
    const root = mkdtempSync(join(this.dir, "stage-"));
    chmodSync(root, 0o755);
    return binds.map((bind, i) => {
      const stage = join(root, String(i));
      if (lstatSync(bind.from).isDirectory()) mkdirSync(stage, { mode: 0o755 });
      else writeFileSync(stage, "", { mode: 0o644 });
      return { ...bind, stage };
    });
  }
}

/** Binds each SOURCE STAGE pair given before "--", then runs the rest (bwrap decides what is read-only). */
const STAGE_SCRIPT = `set -e
while [ "$1" != "--" ]; do mount --bind "$1" "$2"; shift 2; done
shift
exec "$@"`;

function readChildren(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** /usr and the merged-/usr links (or folders) at the root, and what the dynamic loader reads. */
function systemBinds(): Bind[] {
  const binds: Bind[] = [{ from: "/usr", to: "/usr", writable: false }];
  for (const dir of ROOT_DIRS) if (existsSync(dir) && !lstatSync(dir).isSymbolicLink()) binds.push({ from: dir, to: dir, writable: false });
  for (const file of ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"]) {
    if (existsSync(file)) binds.push({ from: file, to: file, writable: false });
  }
  return binds;
}

const ROOT_DIRS = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

function rootSymlinks(): string[] {
  return ROOT_DIRS.filter((dir) => existsSync(dir) && lstatSync(dir).isSymbolicLink()).flatMap((dir) => {
    return ["--symlink", readLink(dir), dir];
  });
}

function readLink(path: string): string {
  return execFileSync("readlink", [path], { encoding: "utf8" }).trim();
}

/**
 * Node (when it is not under /usr) and what tsdl's kernel loads: package.json, bin, dist,
 * node_modules and the shipped data; never the rest of a clone (notebooks, an assignment's
 * source). Installed as a dependency, the node_modules folder that holds tsdl is bound whole.
 */
function installBinds(node: string): Bind[] {
  const binds: Bind[] = [];
  const realNode = realpathSync(node);
  if (!realNode.startsWith("/usr/")) binds.push(readOnly(dirname(dirname(realNode))));
  const parent = dirname(packageRoot);
  const modules = basename(parent) === "node_modules" ? parent : basename(dirname(parent)) === "node_modules" && basename(parent).startsWith("@") ? dirname(parent) : null;
  if (modules) return [...binds, readOnly(modules)];
  for (const name of ["package.json", "bin", "dist", "node_modules", "data"]) {
    const path = join(packageRoot, name);
    if (existsSync(path)) binds.push(readOnly(path));
  }
  return binds;
}

function readOnly(path: string): Bind {
  return { from: path, to: path, writable: false };
}
