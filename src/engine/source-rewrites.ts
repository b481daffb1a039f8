/**
 * Rewrites applied to a cell before tslab's converter sees it, each for a construct the
 * converter gets wrong. Both keep line numbers (only text within lines changes), so diagnostics
 * and stack traces still point at the cell's own lines.
 */
import type * as TS from "typescript";

export function rewriteCell(ts: typeof TS, source: string): string {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  const edits = [...topLevelForAwait(ts, file), ...shorthandProperties(ts, file)];
  let out = source;
  for (const { at, insert } of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + insert + out.slice(at);
  return out;
}

interface Insertion {
  at: number;
  insert: string;
}

/**
 * A top-level `for await` is rejected by the converter; an awaited async arrow around the
 * statement keeps its meaning (its loop variable is block-scoped anyway).
 */
function topLevelForAwait(ts: typeof TS, file: TS.SourceFile): Insertion[] {
  return file.statements
    .filter((s): s is TS.ForOfStatement => ts.isForOfStatement(s) && s.awaitModifier !== undefined)
    .flatMap((s) => [
      { at: s.getStart(file), insert: "await (async () => { " },
      { at: s.end, insert: " })();" },
    ]);
}

/**
 * `{ seed }` naming a variable of an earlier cell is not rewritten to `exports.seed` by the
 * converter (it resolves the property, not the variable), so it fails at run time. `{ seed: seed }`
 * means the same and is rewritten correctly.
 */
function shorthandProperties(ts: typeof TS, file: TS.SourceFile): Insertion[] {
  const found: Insertion[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) found.push({ at: node.name.end, insert: `: ${node.name.text}` });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
