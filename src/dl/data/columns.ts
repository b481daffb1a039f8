/** Column-oriented tables: what the CSV and ARFF readers return when no DataFrame is wanted. */

/** Numbers use NaN for a missing value; strings use null. */
export type Column = Float64Array | Float32Array | Int32Array | Array<string | null>;

export type ColumnType = "int32" | "float32" | "float64" | "string";

export interface ColumnTable {
  /** Column names in file order. */
  names: string[];
  /** The columns by name, in file order. */
  columns: Record<string, Column>;
  types: Record<string, ColumnType>;
  rowCount: number;
}

export function columnType(column: Column): ColumnType {
  if (column instanceof Int32Array) return "int32";
  if (column instanceof Float32Array) return "float32";
  if (column instanceof Float64Array) return "float64";
  return "string";
}
