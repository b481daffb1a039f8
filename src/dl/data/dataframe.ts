/**
 * Builds danfo DataFrames from column tables (CSV and ARFF readers).
 *
 * danfo 1.2 keeps every frame twice: as row arrays and, unless in "low memory mode", as column
 * arrays, which its constructor derives from the rows with one `push` per cell. We already hold
 * the columns, so we construct in low memory mode (no transposition) and then hand danfo our
 * column arrays and switch the mode off: the frame ends in exactly the state the plain
 * constructor produces, for about two thirds of the CPU time on 1M x 6 (measured in
 * bench/csv.js). Tests compare both frames; if a danfo upgrade renames these internals, we fall
 * back to the plain constructor.
 */
import type { DataFrame } from "danfojs-node";
import { Column, ColumnTable, ColumnType } from "./columns";

type Cell = number | string | null;

/** danfo has one float dtype, named float32, whatever the values' precision. */
const DANFO_DTYPE: Record<ColumnType, string> = { int32: "int32", float32: "float32", float64: "float32", string: "string" };

/** The danfo 1.2 internals we set; see the file comment. */
interface DanfoFrameInternals {
  $dataIncolumnFormat: Cell[][];
  $config: { isLowMemoryMode: boolean; setIsLowMemoryMode(value: boolean): void };
}

export function tableToDataFrame(table: ColumnTable): DataFrame {
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  const columns = table.names.map((name) => plainArray(table.columns[name]));
  const rows = rowsOf(columns, table.rowCount);
  const options = { columns: table.names, dtypes: table.names.map((name) => DANFO_DTYPE[table.types[name]]) };
  if (table.rowCount === 0) return new dfd.DataFrame(rows, options);
  const frame = new dfd.DataFrame(rows, { ...options, config: { lowMemoryMode: true } });
  return adoptColumns(frame, columns) ? frame : new dfd.DataFrame(rows, options);
}

/** Plain arrays: danfo's Series methods (map, filter) need them, not typed arrays. */
function plainArray(column: Column): Cell[] {
  if (Array.isArray(column)) return column;
  // fill() first: `new Array(n)` alone gives a slow dictionary-mode array for large n.
  const values = new Array<number>(column.length).fill(0);
  for (let i = 0; i < column.length; i++) values[i] = column[i];
  return values;
}

function rowsOf(columns: Cell[][], rowCount: number): Cell[][] {
  const rows = new Array<Cell[]>(rowCount).fill([]);
  for (let r = 0; r < rowCount; r++) {
    const row = new Array<Cell>(columns.length);
    for (let c = 0; c < columns.length; c++) row[c] = columns[c][r];
    rows[r] = row;
  }
  return rows;
}

function adoptColumns(frame: DataFrame, columns: Cell[][]): boolean {
  const internals = frame as unknown as Partial<DanfoFrameInternals>;
  const config = internals.$config;
  if (!Array.isArray(internals.$dataIncolumnFormat) || typeof config?.setIsLowMemoryMode !== "function") return false;
  internals.$dataIncolumnFormat = columns;
  config.setIsLowMemoryMode(false);
  return !config.isLowMemoryMode;
}
