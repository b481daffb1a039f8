/**
 * nbgrader's cell checksum (`nbgrader.utils.compute_checksum`): the MD5 of the cell's source,
 * its type, whether it is graded / a solution / locked (Python's "True"/"False"), its grade_id
 * and, for graded cells, its points as Python prints a float. Same inputs, same digest, so a
 * released notebook can be checked by nbgrader and by tsdl alike.
 */
import { createHash } from "node:crypto";
import { Cell, sourceText } from "../runner/notebook";
import { gradeId, isGrade, isLocked, isSolution, points } from "./nbgrader";

export function computeChecksum(cell: Cell): string {
  const md5 = createHash("md5");
  md5.update(sourceText(cell), "utf8");
  md5.update(cell.cell_type, "utf8");
  for (const flag of [isGrade(cell), isSolution(cell), isLocked(cell)]) md5.update(flag ? "True" : "False");
  md5.update(gradeId(cell) ?? "", "utf8");
  if (isGrade(cell)) md5.update(pythonFloatRepr(points(cell)));
  return md5.digest("hex");
}

/**
 * `str(float(x))` in Python 3: the shortest digits that round-trip (as JavaScript's), written
 * in positional notation when the decimal exponent is in [-4, 16), else as `1e-05` / `1.5e+16`.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exp] = x.toExponential().split("e");
  const exponent = Number(exp);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || "0"}`;
}
