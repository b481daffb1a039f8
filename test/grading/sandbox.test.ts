/**
 * The sandbox's refusals, checked from inside a graded kernel: no capabilities, no mount, no
 * user namespace, no write outside its folders, nothing of SOURCE or other submissions in
 * sight, no network, capped memory (with tfjs's wasm backend still working) and processes, and
 * no process left once the kernel is shut down.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer, Server } from "node:net";
import { join } from "node:path";
import type { GradedKernel } from "../../src/grading/execute";
import { startGradedKernel } from "../../src/grading/kernel";
import { packageRoot } from "../../src/version";
import { textOf } from "../protocol/helpers";
import { scratchDir } from "./helpers";

let graded: GradedKernel;
let server: Server;
const host = scratchDir("tsdl-sandbox-test-");
const secretDir = join(host, "instructor");
const SOURCE = join(secretDir, "source.ipynb");
const OTHER = join(host, "submissions", "other.ipynb");
const MARKER = `997.${process.pid}`;

beforeAll(async () => {
  mkdirSync(secretDir, { mode: 0o700 });
  writeFileSync(SOURCE, "BEGIN HIDDEN TESTS");
  mkdirSync(join(host, "submissions"), { mode: 0o755 });
  writeFileSync(OTHER, "another student's answers", { mode: 0o644 });
  chmodSync(host, 0o755);
  server = createServer((socket) => socket.end("hello from the host")).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  graded = await startGradedKernel({ sandbox: true, memoryMb: 1024 });
}, 300_000);

afterAll(async () => {
  await graded?.kernel.shutdown();
  server?.close();
});

async function run(code: string): Promise<{ status: string; text: string }> {
  const died = graded.kernel.exited.then((exit) => Promise.reject(new Error(`the sandboxed kernel died (${exit}); its log: ${graded.log()}`)));
  const { reply, outputs } = await Promise.race([graded.kernel.client.execute(code, { stopOnError: false, timeoutMs: 120_000 }), died]);
  return { status: String(reply.content.status), text: textOf(outputs) };
}

/** A cell that evaluates `expression` and prints its JSON, or the error's message. */
async function value(expression: string): Promise<unknown> {
  const { text } = await run(`console.log(JSON.stringify((() => { try { return ${expression}; } catch (e) { return { error: String((e as Error).message) }; } })()))`);
  return JSON.parse(text.trim().split("\n").pop()!);
}

test("no capabilities, an unprivileged uid when tsdl runs as root", async () => {
  const status = (await value(`require("fs").readFileSync("/proc/self/status", "utf8")`)) as string;
  expect(status).toMatch(/^CapEff:\s+0000000000000000$/m);
  expect(status).toMatch(/^CapPrm:\s+0000000000000000$/m);
  if (process.getuid?.() === 0) expect(status).toMatch(/^Uid:\s+65534\s+65534\s+65534\s+65534$/m);
});

test("no mount, no user namespace to gain one in", async () => {
  expect(await value(`require("child_process").spawnSync("mount", ["-t", "tmpfs", "none", "/tmp"], { encoding: "utf8" }).status`)).not.toBe(0);
  const unshare = (await value(`require("child_process").spawnSync("unshare", ["-r", "-m", "true"], { encoding: "utf8" })`)) as { status: number; stderr: string };
  expect(unshare.status).not.toBe(0);
  expect(unshare.stderr).toMatch(/unshare failed/);
});

test("no write outside its own folders: the install and the system are read-only, /tmp is private", async () => {
  for (const target of [join(packageRoot, "dist", "version.js"), join(packageRoot, "package.json"), "/usr/bin/pwned", "/etc/pwned"]) {
    expect(await value(`require("fs").appendFileSync(${JSON.stringify(target)}, "pwned")`)).toEqual({ error: expect.stringMatching(/EROFS|EACCES|ENOENT/) });
  }
  expect(await value(`(require("fs").writeFileSync("/tmp/written-inside-${MARKER}", "x"), "written")`)).toBe("written");
  expect(existsSync(`/tmp/written-inside-${MARKER}`)).toBe(false);
  expect(readFileSync(join(packageRoot, "package.json"), "utf8")).not.toContain("pwned");
});

test("SOURCE, other submissions and the rest of the machine are not there", async () => {
  for (const path of [SOURCE, OTHER, "/root", join(packageRoot, "notebooks"), join(packageRoot, "test")]) {
    expect(await value(`require("fs").readdirSync(${JSON.stringify(path)})`)).toEqual({ error: expect.stringMatching(/ENOENT|ENOTDIR/) });
  }
  expect((await value(`require("fs").readdirSync(${JSON.stringify(packageRoot)})`)) as string[]).toEqual(["bin", "data", "dist", "node_modules", "package.json"].filter((n) => readdirSync(packageRoot).includes(n)));
});

test("no network: not the host's loopback, not the outside", async () => {
  const port = (server.address() as { port: number }).port;
  const connect = (target: string, p: number) =>
    run(`await new Promise((resolve) => { const s = require("net").connect(${p}, ${JSON.stringify(target)}); s.on("data", (d: Buffer) => (console.log("CONNECTED " + d), resolve(0))); s.on("error", (e: Error) => (console.log(e.message), resolve(0))); })`);
  expect((await connect("127.0.0.1", port)).text).toMatch(/ECONNREFUSED/);
  expect((await connect("1.1.1.1", 80)).text).toMatch(/ENETUNREACH/);
});

test("memory is capped (RLIMIT_DATA) and tfjs still runs on its wasm backend", async () => {
  expect(await value(`(() => { const hog = []; for (let i = 0; i < 4; i++) hog.push(new Uint8Array(1e9).fill(1)); return "allocated 4 GB"; })()`)).toEqual({ error: "Array buffer allocation failed" });
  const tf = await run(`const t = tf.tensor([1, 2, 3]).sum(); console.log(tf.getBackend(), t.dataSync()[0])`);
  expect(tf.text).toMatch(/^wasm 6$/m);
});

test("processes are capped (RLIMIT_NPROC) and none outlives the kernel", async () => {
  const spawned = await run(`
require("child_process").spawn("setsid", ["sh", "-c", "sleep ${MARKER}"], { detached: true, stdio: "ignore" }).unref();
const kids = [];
let refused = 0;
for (let i = 0; i < 400; i++) kids.push(require("child_process").spawn("sleep", ["${MARKER}"], { stdio: "ignore" }).on("error", () => refused++));
await new Promise((resolve) => setTimeout(resolve, 1000));
console.log("refused", refused)`);
  expect(Number(/refused (\d+)/.exec(spawned.text)![1])).toBeGreaterThan(0);
  expect(sleepers()).toBeGreaterThan(0);
  await graded.kernel.shutdown();
  expect(sleepers()).toBe(0);
}, 120_000);

/** Processes whose command line holds this test's marker. */
function sleepers(): number {
  let count = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(MARKER)) count++;
    } catch {
      // gone meanwhile
    }
  }
  return count;
}
