/** The compiler worker's collector between requests (idle-gc.ts). */
import { runInNewContext } from "node:vm";
import { idleCollector } from "../../src/engine/idle-gc";

test("collects without leaving gc exposed to contexts created later", () => {
  const collect = idleCollector();
  expect(runInNewContext("typeof gc")).toBe("undefined");
  let garbage: number[][] | null = Array.from({ length: 1000 }, (_, i) => [i]);
  collect();
  garbage = null;
  expect(() => collect()).not.toThrow();
  expect(garbage).toBeNull();
});
