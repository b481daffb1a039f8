/**
 * Prelude names a cell may not rebind (while grading: `assert` and `grade`, so that a submission
 * cannot swap the checks its tests run). At run time the executor ignores the assignment; here
 * the type context keeps the prelude's declaration, so the next cells are checked against the
 * real helper, not the cell's replacement. A cell's own use of its local binding is unaffected.
 */
import type * as TS from "typescript";

export interface LockedName {
  name: string;
  /** The prelude's declaration of the name, one line, e.g. `declare const assert: typeof __tsdl_assert;`. */
  declaration: string;
}

export function lockedDeclaration(name: string): string {
  return `declare const ${name}: typeof __tsdl_${name};`;
}

/** `declarations` (tslab's context for the next cell) with every locked name declared as the prelude does. */
export function keepLockedDeclarations(ts: typeof TS, declarations: string, locked: readonly LockedName[]): string {
  const replaced = locked.filter((l) => !declarations.includes(l.declaration));
  if (replaced.length === 0) return declarations;
  const names = new Set(replaced.map((l) => l.name));
  const file = ts.createSourceFile("context.d.ts", declarations, ts.ScriptTarget.ES2022, true);
  const kept = file.statements.filter((s) => !declaredNames(ts, s).some((n) => names.has(n)));
  return [...kept.map((s) => s.getFullText(file).replace(/^\n+/, "")), ...replaced.map((l) => l.declaration)].join("\n") + "\n";
}

function declaredNames(ts: typeof TS, s: TS.Statement): string[] {
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  if (ts.isImportDeclaration(s)) {
    const clause = s.importClause;
    const bindings = clause?.namedBindings;
    const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.text) : bindings ? [bindings.name.text] : [];
    return [...(clause?.name ? [clause.name.text] : []), ...named];
  }
  const name = (s as { name?: TS.Node }).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}
