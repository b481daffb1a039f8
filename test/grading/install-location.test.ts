/**
 * CI's clean clone may live where the sandbox's unprivileged uid cannot go (under /root, mode
 * 0700). Here tsdl itself is seen under such a folder (a bind mount in a private mount
 * namespace, so nothing is copied and the host sees nothing) and grades a submission from there.
 * That needs root, as the sandbox's uid switch does; without root the kernel runs as the user who
 * owns the clone, so there is nothing to stage, which is checked instead.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Sandbox } from "../../src/grading/sandbox";
import { HALVE, ROOT, SQUARE, scratchDir, writeSubmission } from "./helpers";

test("tsdl grades from a clone under a 0700 folder", async () => {
  const dir = scratchDir("tsdl-private-clone-");
  if (process.getuid?.() !== 0) {
    const sandbox = new Sandbox({ memoryMb: 64 });
    expect(sandbox.command([process.execPath], dir)[0]).toMatch(/\/bwrap$/);
    sandbox.dispose();
    return;
  }
  const privateHome = join(dir, "root");
  mkdirSync(privateHome, { mode: 0o700 });
  const clone = join(privateHome, "tsdl");
  mkdirSync(clone);
  const submission = writeSubmission(join(dir, "submissions"), "alice", { square: SQUARE, halve: HALVE });
  const out = join(privateHome, "graded");
  const script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"';
  const tsdl = join(clone, "bin", "tsdl.js");
  const source = join(clone, "test", "fixtures", "grading", "tiny-source.ipynb");
  const args = ["--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", ROOT, clone, process.execPath, tsdl, "grade", source, submission, "--out", out, "--timeout", "60"];
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile("unshare", args, { timeout: 300_000 }, (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }));
  });
  expect(result.stderr).toMatch(/\[1\/1\] alice: 7\/8 \(ok\)/);
  expect(result.code).toBe(0);
  expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toContain("\nalice,2,4,1,0,7,8,ok\n");
}, 300_000);
