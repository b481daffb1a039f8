/** The tsdl command line: help for every command, and unknown flags named with the command's usage. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { main } from "../../src/cli/main";

const COMMANDS = ["install", "kernel", "run", "reproduce", "init", "submit", "collect"];

/** Runs main() in-process and captures what it prints. */
async function tsdl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const code = await main(args);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

test("the real process: `tsdl --help` and `tsdl run --help` print usage and exit 0; an unknown flag exits 2", () => {
  const bin = join(__dirname, "..", "..", "bin", "tsdl.js");
  for (const args of [["--help"], ["run", "--help"]]) {
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: tsdl /);
  }
  const bad = spawnSync(process.execPath, [bin, "run", "x.ipynb", "--colour"], { encoding: "utf8", timeout: 60_000 });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("unknown option --colour");
});

test("tsdl --help, -h and `help` list every command", async () => {
  for (const args of [["--help"], ["-h"], ["help"]]) {
    const { code, stdout } = await tsdl(...args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: tsdl <command>/);
    for (const name of COMMANDS) expect(stdout).toContain(`\n  ${name} `);
  }
});

test.each(COMMANDS)("tsdl %s --help prints its usage and options, exit 0 (also -h, `tsdl help NAME`)", async (name) => {
  for (const args of [[name, "--help"], [name, "-h"], ["help", name], [name, "x", "--bogus", "--help"]]) {
    const { code, stdout } = await tsdl(...args);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^usage: tsdl ${name}\\b`));
    expect(stdout).toContain("-h, --help");
  }
});

test.each(COMMANDS)("tsdl %s with an unknown flag names it and prints the usage, exit 2", async (name) => {
  const { code, stdout, stderr } = await tsdl(name, "--no-such-flag");
  expect(code).toBe(2);
  expect(stdout).toBe("");
  expect(stderr).toContain(`tsdl ${name}: unknown option --no-such-flag`);
  expect(stderr).toContain(`usage: tsdl ${name}`);
});

test("a flag without its value, a switch with one, and wrong argument counts are usage errors", async () => {
  expect((await tsdl("run", "nb.ipynb", "--out")).stderr).toContain("--out needs a value");
  expect((await tsdl("run", "nb.ipynb", "--out", "--quick")).stderr).toContain("--out needs a value");
  expect((await tsdl("run", "nb.ipynb", "--quick=yes")).stderr).toContain("--quick takes no value");
  expect((await tsdl("run")).stderr).toContain("missing NOTEBOOK.ipynb");
  expect((await tsdl("run", "a.ipynb", "b.ipynb")).stderr).toContain('unexpected argument "b.ipynb"');
  expect((await tsdl("kernel")).stderr).toContain("missing CONNECTION_FILE");
  expect((await tsdl("run", "nb.ipynb", "--timeout", "soon")).stderr).toContain('--timeout needs a positive number of seconds, got "soon"');
  expect((await tsdl("install", "--user", "--prefix", "/tmp/x")).stderr).toContain("choose one of --user, --prefix");
  for (const args of [["run", "nb.ipynb", "--out"], ["run"], ["install", "--user", "--prefix", "p"]]) expect((await tsdl(...args)).code).toBe(2);
});

test("an unknown command or top-level flag names it; no command at all prints usage with status 2", async () => {
  expect(await tsdl("frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining("tsdl: unknown command frobnicate") });
  expect(await tsdl("--frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining("tsdl: unknown option --frobnicate") });
  expect(await tsdl()).toMatchObject({ code: 2, stderr: expect.stringMatching(/^usage: tsdl <command>/) });
});
