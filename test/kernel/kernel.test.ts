/**
 * The protocol layer in-process, with a scripted Language instead of TypeScript: where replies go,
 * the order of control requests, interrupts on shell, the stop-on-error rules and their window,
 * user_expressions, and complete/inspect at any cursor position. Cells are one word:
 * "ok" succeeds with a result, "fail" fails, "wait" runs until interrupted.
 */
import { createServer } from "node:net";
import { KernelClient } from "../../src/client/client";
import type { ConnectionInfo } from "../../src/kernel/connection";
import type { ExecuteOutcome, ExpressionResult, KernelIO, Language, LanguageInfo } from "../../src/kernel/language";
import type { Message } from "../../src/kernel/wire";
// The kernel starts its sentinel thread from a script that exists only as built JavaScript.
import { Kernel } from "../../dist/kernel/kernel";

class ScriptedLanguage implements Language {
  readonly cursors: { op: string; code: string; cursor: number }[] = [];
  /** Resolves the pending complete() of a "gate" request. */
  openGate: () => void = () => undefined;
  private interrupted: (() => void) | null = null;

  info(): LanguageInfo {
    return { implementation: "scripted", implementation_version: "0", banner: "", help_links: [], language_info: { name: "scripted", version: "0", file_extension: ".txt", mimetype: "text/plain" } };
  }

  async execute({ code }: { code: string }, _io: KernelIO): Promise<ExecuteOutcome> {
    if (code === "fail") return { status: "error", ename: "Failure", evalue: "as scripted", traceback: [] };
    if (code === "wait") {
      await new Promise<void>((resolve) => (this.interrupted = resolve));
      return { status: "error", ename: "Interrupted", evalue: "interrupted", traceback: [] };
    }
    return { status: "ok", result: { data: { "text/plain": code } } };
  }

  async complete(code: string, cursor: number) {
    this.cursors.push({ op: "complete", code, cursor });
    if (code === "gate") await new Promise<void>((resolve) => (this.openGate = resolve));
    if (code === "throw") throw new Error("Debug Failure. False expression.");
    return { matches: ["x"], cursor_start: cursor, cursor_end: cursor, metadata: {} };
  }

  async inspect(code: string, cursor: number) {
    this.cursors.push({ op: "inspect", code, cursor });
    if (code === "throw") throw new RangeError("position out of range");
    return { found: false, data: {}, metadata: {} };
  }

  async isComplete() {
    return { status: "complete" as const };
  }

  async userExpressions(expressions: Record<string, string>): Promise<Record<string, ExpressionResult>> {
    return Object.fromEntries(Object.entries(expressions).map(([name, e]) => [name, { status: "ok" as const, data: { "text/plain": `value of ${e}` }, metadata: {} }]));
  }

  interrupt(): void {
    this.interrupted?.();
    this.interrupted = null;
  }

  setFallbackIO(): void {}

  setComms(): void {}

  async shutdown(): Promise<void> {}
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

async function startKernel(settings: { stopOnErrorTimeoutMs?: number } = {}) {
  const [shell, iopub, stdin, control, hb] = await freePorts(5);
  const info: ConnectionInfo = { transport: "tcp", ip: "127.0.0.1", key: "secret", signature_scheme: "hmac-sha256", shell_port: shell, iopub_port: iopub, stdin_port: stdin, control_port: control, hb_port: hb };
  const language = new ScriptedLanguage();
  const kernel = new Kernel(info, language, settings);
  await kernel.start();
  const client = await KernelClient.connect(info);
  return { kernel, language, client, stop: async () => (client.close(), await kernel.close()) };
}

let k: Awaited<ReturnType<typeof startKernel>>;
beforeAll(async () => {
  k = await startKernel({ stopOnErrorTimeoutMs: 1000 });
});
afterAll(() => k.stop());

/** The iopub messages whose parent is `msgId`, as they arrive. */
function iopubOf(msgId: string): Message[] {
  const seen: Message[] = [];
  k.client.onIopub((m) => (m.parent_header as { msg_id?: string }).msg_id === msgId && seen.push(m));
  return seen;
}

function nextIopub(predicate: (m: Message) => boolean): Promise<Message> {
  return new Promise((resolve) => {
    const stop = k.client.onIopub((m) => predicate(m) && (stop(), resolve(m)));
  });
}

test.each(["shell", "control"] as const)("every request sent on %s is answered on the same socket", async (channel) => {
  // The client fails a request whose reply comes back on another socket.
  const requests: [string, Record<string, unknown>][] = [
    ["kernel_info_request", {}],
    ["execute_request", { code: "ok", silent: false }],
    ["complete_request", { code: "ab", cursor_pos: 1 }],
    ["inspect_request", { code: "ab", cursor_pos: 1 }],
    ["is_complete_request", { code: "ab" }],
    ["history_request", { hist_access_type: "tail", n: 3 }],
    ["comm_info_request", {}],
  ];
  for (const [type, content] of requests) {
    const reply = await k.client.request(channel, type, content);
    expect(reply.header.msg_type).toBe(type.replace("_request", "_reply"));
  }
});

test("control requests are handled one at a time, in order", async () => {
  const { msg: slow, frames: slowFrames } = k.client.encode("complete_request", { code: "gate", cursor_pos: 0 });
  const { msg: quick, frames: quickFrames } = k.client.encode("kernel_info_request", {});
  const statuses: string[] = [];
  const stop = k.client.onIopub((m) => {
    const parent = (m.parent_header as { msg_id?: string }).msg_id;
    const who = parent === slow.header.msg_id ? "slow" : parent === quick.header.msg_id ? "quick" : null;
    if (who && m.header.msg_type === "status") statuses.push(`${who} ${m.content.execution_state}`);
  });
  const slowBusy = nextIopub((m) => (m.parent_header as { msg_id?: string }).msg_id === slow.header.msg_id);
  await k.client.sendRaw("control", slowFrames);
  await k.client.sendRaw("control", quickFrames);
  await slowBusy;
  await k.client.heartbeat(5000); // a round trip through the sentinel thread, which forwards control
  const quickDone = nextIopub((m) => (m.parent_header as { msg_id?: string }).msg_id === quick.header.msg_id && m.content.execution_state === "idle");
  k.language.openGate();
  await quickDone;
  stop();
  expect(statuses).toEqual(["slow busy", "slow idle", "quick busy", "quick idle"]);
});

test("interrupt_request on shell interrupts the running cell and is answered on shell", async () => {
  const started = nextIopub((m) => m.header.msg_type === "execute_input");
  const running = k.client.execute("wait");
  await started;
  expect((await k.client.request("shell", "interrupt_request")).content).toEqual({ status: "ok" });
  expect((await running).reply.content).toMatchObject({ status: "error", ename: "Interrupted" });
});

test("a failed execute aborts the requests queued behind it; a silent one, or stop_on_error false, does not", async () => {
  const failing = k.client.execute("fail");
  const queued = k.client.execute("ok");
  expect((await failing).reply.content.status).toBe("error");
  expect((await queued).reply.content.status).toBe("aborted");

  const silent = k.client.execute("fail", { silent: true });
  const afterSilent = k.client.execute("ok");
  expect((await silent).reply.content.status).toBe("error");
  expect((await afterSilent).reply.content.status).toBe("ok");

  const tolerant = k.client.execute("fail", { stopOnError: false });
  const afterTolerant = k.client.execute("ok");
  expect((await tolerant).reply.content.status).toBe("error");
  expect((await afterTolerant).reply.content.status).toBe("ok");
});

test("the abort window (stopOnErrorTimeoutMs) also aborts requests sent after the error was published", async () => {
  const errorShown = nextIopub((m) => m.header.msg_type === "error");
  const failing = k.client.execute("fail");
  await errorShown; // the kernel now waits 1 s before replying; this request arrives within it
  const late = k.client.execute("ok");
  expect((await failing).reply.content.status).toBe("error");
  expect((await late).reply.content.status).toBe("aborted");
  expect((await k.client.execute("ok")).reply.content.status).toBe("ok"); // after the window: runs
});

test("user_expressions: each result after a successful cell, strings only; none after an error", async () => {
  const { reply } = await k.client.execute("ok", { userExpressions: { a: "x + 1", b: 3 } as unknown as Record<string, string> });
  expect(reply.content.user_expressions).toEqual({
    a: { status: "ok", data: { "text/plain": "value of x + 1" }, metadata: {} },
    b: { status: "error", ename: "TypeError", evalue: 'user expression "b" is not a string', traceback: [] },
  });
  const failed = await k.client.execute("fail", { userExpressions: { a: "x" }, stopOnError: false });
  expect(failed.reply.content.user_expressions).toEqual({});
});

test("cursor_pos counts code points and is clamped into the code; cursor_start/end come back in code points", async () => {
  const code = "a😀b"; // 3 code points, 4 UTF-16 units
  const positions: unknown[] = [2, -5, 99, undefined, "x", 1.5, null];
  const seen: number[] = [];
  for (const cursor_pos of positions) {
    const reply = await k.client.request("shell", "complete_request", { code, cursor_pos });
    expect(reply.content.status).toBe("ok");
    seen.push(k.language.cursors[k.language.cursors.length - 1].cursor);
    const { cursor_start, cursor_end } = reply.content as { cursor_start: number; cursor_end: number };
    expect([cursor_start, cursor_end].every((c) => c >= 0 && c <= 3)).toBe(true);
  }
  // index 3 is after the emoji (code point 2); garbage means the end (index 4).
  expect(seen).toEqual([3, 0, 4, 4, 4, 1, 4]);
  const emojiEnd = await k.client.request("shell", "complete_request", { code, cursor_pos: 2 });
  expect(emojiEnd.content).toMatchObject({ cursor_start: 2, cursor_end: 2 });
});

test("a language that fails in complete or inspect gives a reply with status error, and the kernel goes on", async () => {
  for (const type of ["complete_request", "inspect_request"]) {
    const reply = await k.client.request("shell", type, { code: "throw", cursor_pos: 1 });
    expect(reply.content).toMatchObject({ status: "error", evalue: expect.any(String) });
  }
  expect((await k.client.request("shell", "kernel_info_request")).content.status).toBe("ok");
});
