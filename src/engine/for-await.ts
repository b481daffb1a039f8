/**
 * tslab's converter does not support a top-level `for await`; wrapping each such statement in an
 * awaited async arrow function keeps its meaning (its loop variable is block-scoped anyway) and
 * its line numbers (the wrapper sits on the statement's first and last lines).
 */
import type * as TS from "typescript";

export function wrapTopLevelForAwait(ts: typeof TS, source: string): string {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, false);
  const spans = file.statements
    .filter((s): s is TS.ForOfStatement => ts.isForOfStatement(s) && s.awaitModifier !== undefined)
    .map((s) => ({ start: s.getStart(file), end: s.end }));
  let out = source;
  for (const { start, end } of spans.reverse()) {
    out = `${out.slice(0, start)}await (async () => { ${out.slice(start, end)} })();${out.slice(end)}`;
  }
  return out;
}
