/**
 * `assert` and `grade` are prelude names in every kernel. While grading (TSDL_GRADING=1) no cell
 * can swap them for its own: not by redeclaring, not through globalThis or the cells' scope;
 * later cells are checked against the real helper's types. Outside grading, a cell may still
 * take the name for itself (`import assert from "node:assert"`).
 */
import { launchKernel, RunningKernel } from "../../src/client/launch";
import { textOf } from "./helpers";

let grading: RunningKernel;
let normal: RunningKernel;

beforeAll(async () => {
  [grading, normal] = await Promise.all([launchKernel({ env: { TSDL_GRADING: "1" } }), launchKernel({ env: { TSDL_GRADING: undefined } })]);
}, 120_000);
afterAll(() => Promise.all([grading?.shutdown(), normal?.shutdown()]));

async function run(kernel: RunningKernel, code: string): Promise<{ status: string; text: string }> {
  const { reply, outputs } = await kernel.client.execute(code, { stopOnError: false, timeoutMs: 60_000 });
  return { status: String(reply.content.status), text: textOf(outputs) };
}

test("a cell that redefines the helpers keeps its own copy; later cells get the real ones", async () => {
  const hostile = await run(grading, `
const fake = { equal() {}, close() {}, tensorClose() {}, shape() {}, ok() {}, mine: 1 };
const assert = fake;
const grade = { partial() {} };
(globalThis as any).assert = fake;
try { Object.defineProperty((globalThis as any)[Symbol.for("tsdl.cellScope")].exports, "assert", { value: fake }); } catch {}
try { (globalThis as any)[Symbol.for("tsdl.cellScope")] = {}; } catch {}
try { delete (globalThis as any)[Symbol.for("tsdl.cellScope")].exports.assert; } catch {}
Object.is = () => true;
assert.mine`);
  expect(hostile).toEqual({ status: "ok", text: expect.stringContaining('note: "assert" is the grading helper and cannot be redefined while grading') });
  expect(hostile.text).toMatch(/1$/);
  expect(await run(grading, "assert.close(1, 2)")).toEqual({ status: "error", text: "AssertionError: expected 2 ± 0.000001 but got 1 (off by 1)" });
  expect(await run(grading, "assert.equal([1], [2])")).toEqual({ status: "error", text: "AssertionError: expected [2] but got [1] (they differ at [0])" });
  expect(await run(grading, 'grade.partial(0.5, "half"); typeof grade.partial')).toEqual({ status: "ok", text: "partial credit: 50% (half)'function'" });
});

test("outside grading, a cell may take the name for itself", async () => {
  expect(await run(normal, "assert.ok(true, 'x'); typeof assert.tensorClose")).toEqual({ status: "ok", text: "'function'" });
  expect(await run(normal, 'import assert from "node:assert";\ntypeof assert.strictEqual')).toEqual({ status: "ok", text: "'function'" });
});
