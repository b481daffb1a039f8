/**
 * Does a claim's measured value come from the run? Follows the `measured:` expression of a
 * `dl.claim({...})` call back through the notebook's declarations and assignments: a value built
 * only from literals (directly, through constants, arithmetic, object fields, containers filled
 * with such values, or Math functions) was typed in; one that reaches a call into a library, a model, a tensor, an await or a function
 * parameter depends on the run. A name counts as typed in only if every declaration and
 * assignment of it in the notebook is.
 */
import * as ts from "typescript";

/** Built-ins that compute a constant from constant arguments. */
const PURE_CALLEES = /^(Math\.\w+|Number|parseFloat|parseInt|String|Boolean|BigInt)$/;

export interface MeasuredValue {
  id: string;
  /** The `measured:` expression as written. */
  measured: string;
  /** True when it derives from something only the run knows. */
  fromRun: boolean;
}

export function measuredValues(code: string): MeasuredValue[] {
  const file = ts.createSourceFile("notebook.ts", code, ts.ScriptTarget.Latest, true);
  const definitions = collectDefinitions(file);
  const results: MeasuredValue[] = [];
  const visit = (node: ts.Node): void => {
    if (isClaimCall(node)) {
      const object = node.arguments[0];
      if (object && ts.isObjectLiteralExpression(object)) {
        const id = property(object, "id");
        const measured = property(object, "measured");
        if (id && measured) results.push({ id: id.getText().replace(/^["'`]|["'`]$/g, ""), measured: measured.getText(), fromRun: !isTypedIn(measured, definitions, new Set()) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return results;
}

function isClaimCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && node.expression.getText() === "dl.claim";
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.getText() === name) return p.name;
  }
  return undefined;
}

/** Every expression a name is given: initializers, assignments; null for a parameter or loop variable (from the run). */
function collectDefinitions(file: ts.SourceFile): Map<string, (ts.Expression | null)[]> {
  const definitions = new Map<string, (ts.Expression | null)[]>();
  const add = (name: string, value: ts.Expression | null) => definitions.set(name, [...(definitions.get(name) ?? []), value]);
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node)) {
      if (ts.isIdentifier(node.name)) {
        const inLoop = ts.isVariableDeclarationList(node.parent) && (ts.isForOfStatement(node.parent.parent) || ts.isForInStatement(node.parent.parent));
        if (inLoop) add(node.name.text, null);
        else if (node.initializer) add(node.name.text, node.initializer);
        else definitions.set(node.name.text, definitions.get(node.name.text) ?? []); // `let x;`: undefined until assigned
      } else bindingNames(node.name).forEach((name) => add(name, null)); // destructured: from whatever it unpacks
    } else if (ts.isParameter(node)) bindingNames(node.name).forEach((name) => add(name, null));
    else if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
      // x = v, and x[k] = v / x.k = v: what a container holds is what was put in it.
      const root = rootName(node.left);
      if (root) add(root, node.right);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)) {
      // x.push(v), x.set(k, v): the arguments go into x.
      node.arguments.forEach((argument) => add((node.expression as ts.PropertyAccessExpression).expression.getText(), argument));
    }
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand)) add(node.operand.text, null);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return definitions;
}

/** `x` of `x`, `x.a`, `x[i].b`. */
function rootName(target: ts.Expression): string | undefined {
  if (ts.isIdentifier(target)) return target.text;
  if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) return rootName(target.expression);
  return undefined;
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** True when `expr` is built from literals only. `visiting` stops cycles (x = x + 1). */
function isTypedIn(expr: ts.Expression, definitions: Map<string, (ts.Expression | null)[]>, visiting: Set<string>): boolean {
  const typedIn = (e: ts.Expression) => isTypedIn(e, definitions, visiting);
  if (ts.isNumericLiteral(expr) || ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr) || ts.isBigIntLiteral(expr)) return true;
  if ([ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(expr.kind)) return true;
  if (ts.isIdentifier(expr)) {
    if (expr.text === "undefined" || expr.text === "NaN" || expr.text === "Infinity") return true;
    const defs = definitions.get(expr.text);
    if (!defs) return false; // a global or a prelude name (tf, dl): not something the notebook typed
    if (visiting.has(expr.text)) return true;
    visiting.add(expr.text);
    const result = defs.every((d) => d !== null && typedIn(d));
    visiting.delete(expr.text);
    return result;
  }
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isTypeAssertionExpression(expr)) return typedIn(expr.expression);
  if (ts.isPrefixUnaryExpression(expr) || ts.isPostfixUnaryExpression(expr)) return typedIn(expr.operand);
  if (ts.isBinaryExpression(expr)) return typedIn(expr.left) && typedIn(expr.right);
  if (ts.isConditionalExpression(expr)) return typedIn(expr.condition) && typedIn(expr.whenTrue) && typedIn(expr.whenFalse);
  if (ts.isTemplateExpression(expr)) return expr.templateSpans.every((s) => typedIn(s.expression));
  if (ts.isArrayLiteralExpression(expr)) return expr.elements.every((e) => !ts.isSpreadElement(e) ? typedIn(e) : typedIn(e.expression));
  if (ts.isObjectLiteralExpression(expr)) return expr.properties.every((p) => (ts.isPropertyAssignment(p) ? typedIn(p.initializer) : ts.isShorthandPropertyAssignment(p) ? typedIn(p.name) : false));
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) return typedIn(expr.expression);
  if (ts.isCallExpression(expr)) return PURE_CALLEES.test(expr.expression.getText()) && expr.arguments.every(typedIn);
  return false; // await, new, function calls, tensors, models...: the run decides
}
