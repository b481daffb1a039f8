/**
 * Every request type, against one real kernel over ZeroMQ, started in a notebook folder that
 * holds its own ES-module-only package (nanoid 5, copied from tsdl's devDependencies).
 */
import { cpSync, mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningKernel } from "../../src/client/launch";
import { ofType, startKernel, textOf } from "./helpers";

const notebookDir = realpathSync(mkdtempSync(join(tmpdir(), "tsdl-notebook-")));

let kernel: RunningKernel;
beforeAll(async () => {
  cpSync(join(__dirname, "..", "..", "node_modules", "nanoid"), join(notebookDir, "node_modules", "nanoid"), { recursive: true });
  kernel = await startKernel(notebookDir);
  await kernel.client.execute("1"); // warm the compiler
}, 120_000);
afterAll(() => kernel?.shutdown());

const run = (code: string, opts = {}) => kernel.client.execute(code, { timeoutMs: 30_000, ...opts });

test("kernel_info describes a TypeScript kernel on protocol 5.3", async () => {
  const reply = await kernel.client.request("shell", "kernel_info_request");
  const c = reply.content as any;
  expect(c.protocol_version).toBe("5.3");
  expect(c.implementation).toBe("tsdl");
  expect(c.language_info).toMatchObject({ name: "typescript", file_extension: ".ts", mimetype: "text/typescript", pygments_lexer: "typescript" });
  expect(c.banner).toMatch(/tsdl/);
});

test("last expression is an execute_result, strings quoted, with the execution count", async () => {
  const { reply, outputs } = await run('"ab"');
  const [result] = ofType(outputs, "execute_result");
  expect(result.content.data).toEqual({ "text/plain": "'ab'" });
  expect(result.content.execution_count).toBe(reply.content.execution_count);
});

test("console output arrives as stream messages in order", async () => {
  const { outputs } = await run('console.log("a"); console.error("b"); console.log("c")');
  const streams = ofType(outputs, "stream").map((m) => [m.content.name, m.content.text]);
  expect(streams.filter(([n]) => n === "stdout").map(([, t]) => t).join("")).toBe("a\nc\n");
  expect(streams.filter(([n]) => n === "stderr").map(([, t]) => t).join("")).toBe("b\n");
});

test("declarations persist and may be redeclared by a later cell", async () => {
  await run("const kept = 41; let counter = 1; function f() { return 1; }");
  await run("const kept = 42; function f() { return 2; }");
  expect(textOf((await run("kept + f() + counter")).outputs)).toBe("45");
});

test("shorthand properties see earlier cells' variables", async () => {
  await run("const seed = 3;");
  expect(textOf((await run("({ seed, other: 1 })")).outputs)).toBe("{ seed: 3, other: 1 }");
});

test("top-level await and for await", async () => {
  expect(textOf((await run("await new Promise<number>((r) => setTimeout(() => r(5), 20))")).outputs)).toBe("5");
  const { outputs } = await run('async function* g() { yield 1; yield 2; }\nfor await (const v of g()) console.log("v" + v);');
  expect(textOf(outputs)).toBe("v1\nv2\n");
});

test("a type error fails its own cell with line:column and the next cell runs", async () => {
  const { reply, outputs } = await run('const fine = 1;\nconst bad: number = "s";');
  expect(reply.content.status).toBe("error");
  const [error] = ofType(outputs, "error");
  expect(error.content.ename).toBe("TSError");
  expect(error.content.evalue).toMatch(/:2:7 - error TS2322: Type 'string' is not assignable to type 'number'/);
  expect((await run("1 + 1")).reply.content.status).toBe("ok");
});

test("a runtime error names the cell line that threw", async () => {
  const { reply } = await run('const before = 1;\nfunction thrower() {\n  throw new RangeError("boom");\n}\nthrower();');
  expect(reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "boom" });
  const traceback = (reply.content.traceback as string[]).join("\n");
  expect(traceback).toMatch(/line 3\)?\s+throw new RangeError/);
});

test("stop_on_error aborts requests already queued; stop_on_error=false keeps them", async () => {
  const failing = run('throw new Error("first")');
  const queued = run("1");
  expect((await failing).reply.content.status).toBe("error");
  expect((await queued).reply.content.status).toBe("aborted");
  const failing2 = run('throw new Error("again")', { stopOnError: false });
  const kept = run("2");
  expect((await failing2).reply.content.status).toBe("error");
  expect((await kept).reply.content.status).toBe("ok");
});

test("silent runs produce no execute_input/result and keep the execution count", async () => {
  const before = (await run("1")).reply.content.execution_count as number;
  const { outputs } = await run("123", { silent: true });
  expect(ofType(outputs, "execute_result")).toHaveLength(0);
  expect((await run("1")).reply.content.execution_count).toBe(before + 1);
});

test("display() and display.html with update in place share one display_id", async () => {
  const { outputs } = await run('display.html("<b>1</b>", {displayId: "d1"});\ndisplay.html("<b>2</b>", {displayId: "d1", update: true})');
  const kinds = outputs.map((m) => m.header.msg_type);
  expect(kinds).toEqual(["display_data", "update_display_data"]);
  expect(outputs.map((m) => (m.content.transient as any).display_id)).toEqual(["d1", "d1"]);
  expect(ofType(outputs, "execute_result")).toHaveLength(0);
});

test("objects implementing Symbol.for('Jupyter.display') choose their MIME bundle", async () => {
  const { outputs } = await run('({ [Symbol.for("Jupyter.display")]() { return {"text/html": "<i>rich</i>"}; } })');
  expect(ofType(outputs, "execute_result")[0].content.data).toMatchObject({ "text/html": "<i>rich</i>" });
});

const LATER = `class Later {
  constructor(readonly label: string) {}
  async [Symbol.for("Jupyter.display")]() {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { "text/html": \`<b>\${this.label}</b>\` };
  }
}
class Sulky {
  async [Symbol.for("Jupyter.display")](): Promise<never> {
    throw new Error("no bundle today");
  }
}`;

test("async Jupyter.display methods are awaited by display() and for the result; a failing one is an error output of its cell", async () => {
  await run(LATER);
  const awaited = await run('await display(new Later("first"));\nconsole.log("after");');
  expect(awaited.outputs.map((m) => m.header.msg_type)).toEqual(["display_data", "stream"]);
  expect(awaited.outputs[0].content.data).toMatchObject({ "text/html": "<b>first</b>" });

  const last = await run('display(new Later("last"))');
  expect(last.outputs.map((m) => m.header.msg_type)).toEqual(["display_data"]);

  const result = await run('new Later("result")');
  expect(ofType(result.outputs, "execute_result")[0].content.data).toMatchObject({ "text/html": "<b>result</b>" });

  // Not awaited: the kernel still waits for it, and its failure fails the cell.
  const forgotten = await run('display(new Sulky());\nconsole.log("went on");', { stopOnError: false });
  expect(forgotten.reply.content).toMatchObject({ status: "error", ename: "DisplayError" });
  const [error] = ofType(forgotten.outputs, "error");
  expect(error.content.evalue).toBe('the [Symbol.for("Jupyter.display")] method of a Sulky rejected Error: no bundle today');
  expect((error.content.traceback as string[]).join("\n")).not.toMatch(/dist[\\/]|node:internal/);

  // Awaited and handled by the cell: its own business.
  const handled = await run('try { await display(new Sulky()); } catch (e) { console.log("caught " + (e as Error).name); }');
  expect(handled.reply.content.status).toBe("ok");
  expect(textOf(handled.outputs)).toBe("caught DisplayError\n");
});

test("user_expressions are evaluated after the cell: a MIME bundle or an error each", async () => {
  const { reply } = await run("const side = 5;", { userExpressions: { area: "side * side", rich: 'new Later("expr")', typo: "sdie" } });
  const results = reply.content.user_expressions as Record<string, Record<string, unknown>>;
  expect(results.area).toEqual({ status: "ok", data: { "text/plain": "25" }, metadata: {} });
  expect(results.rich).toMatchObject({ status: "ok", data: { "text/html": "<b>expr</b>" } });
  expect(results.typo).toMatchObject({ status: "error", ename: "TSError", evalue: expect.stringContaining("Cannot find name 'sdie'") });
});

test("an ES-module-only package in the notebook's folder imports (nanoid 5)", async () => {
  const { reply, outputs } = await run('import { nanoid } from "nanoid";\n[nanoid(12).length, require.resolve("nanoid")]');
  expect(reply.content.status).toBe("ok");
  expect(textOf(outputs)).toBe(`[ 12, '${join(notebookDir, "node_modules", "nanoid", "index.js")}' ]`);
});

test("clearOutput sends clear_output", async () => {
  const { outputs } = await run('console.log("x"); clearOutput()');
  expect(outputs.map((m) => m.header.msg_type)).toEqual(["stream", "clear_output"]);
});

test("input() asks the frontend over stdin", async () => {
  const prompts: string[] = [];
  const { outputs } = await run('const answer = await input("name? ");\nconsole.log("got " + answer)', {
    onInput: (prompt: string) => (prompts.push(prompt), "tsdl"),
  });
  expect(prompts).toEqual(["name? "]);
  expect(textOf(outputs)).toBe("got tsdl\n");
});

test("input() without stdin support fails the cell clearly", async () => {
  const { reply } = await run('await input("x")');
  expect(reply.content.evalue).toMatch(/allow_stdin/);
});

test("complete, inspect, ?help and is_complete", async () => {
  const code = "const obj = {alpha: 1, alpine: 2, beta: 3};\nobj.al";
  const complete = await kernel.client.request("shell", "complete_request", { code, cursor_pos: code.length });
  expect(complete.content).toMatchObject({ status: "ok", matches: ["alpha", "alpine"], cursor_start: code.length - 2, cursor_end: code.length });
  const inspect = await kernel.client.request("shell", "inspect_request", { code: "Math.max", cursor_pos: 8, detail_level: 0 });
  expect(inspect.content).toMatchObject({ status: "ok", found: true });
  expect((inspect.content.data as any)["text/plain"]).toMatch(/max\(\.\.\.values: number\[\]\): number/);
  const help = await run("?Math.max");
  expect((help.reply.content.payload as any[])[0]).toMatchObject({ source: "page", start: 0 });
  const cases: [string, string][] = [["1 + 1", "complete"], ["function g() {", "incomplete"], ["const s = `abc", "incomplete"], ["let z = 1 +* 2;", "invalid"]];
  for (const [code, status] of cases) {
    expect((await kernel.client.request("shell", "is_complete_request", { code })).content.status).toBe(status);
  }
});

test("history: tail with output, and glob search", async () => {
  await run("6*7");
  const tail = await kernel.client.request("shell", "history_request", { hist_access_type: "tail", n: 1, output: true, raw: true });
  expect((tail.content.history as any[])[0][2]).toEqual(["6*7", "42"]);
  const search = await kernel.client.request("shell", "history_request", { hist_access_type: "search", pattern: "6?7", n: 5, raw: true });
  expect((search.content.history as any[]).map((h) => h[2])).toContain("6*7");
});

test("comm_info lists no comms; a comm_open for an unknown target is closed", async () => {
  const info = await kernel.client.request("shell", "comm_info_request", {});
  expect(info.content).toEqual({ status: "ok", comms: {} });
  const closed = new Promise((resolve) => {
    const stop = kernel.client.onIopub((m) => m.header.msg_type === "comm_close" && m.content.comm_id === "c1" && (stop(), resolve(true)));
  });
  await kernel.client.sendRaw("shell", kernel.client.encode("comm_open", { comm_id: "c1", target_name: "nobody", data: {} }).frames);
  await expect(closed).resolves.toBe(true);
});

test("unhandled rejections and throwing timers are reported, not fatal", async () => {
  const { outputs } = await run('Promise.reject(new Error("late-rejection"));\nsetTimeout(() => { throw new Error("timer-throw"); }, 1);\nawait new Promise((r) => setTimeout(r, 50));');
  expect(textOf(outputs)).toMatch(/late-rejection[\s\S]*timer-throw|timer-throw[\s\S]*late-rejection/);
  expect(textOf((await run("kept")).outputs)).toBe("42");
});

test("heartbeat answers", async () => {
  expect(await kernel.client.heartbeat(2000)).toBe(true);
});
