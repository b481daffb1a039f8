/**
 * danfo DataFrame and Series: an HTML table and an aligned text table, both showing head and tail
 * with a "…" row when long (like pandas), dtypes under the column names, and the size.
 * Reads only the rows it shows from `.values`; builds no intermediate frames.
 */
import { MimeBundle, registerRenderer } from "../protocol";
import { ELLIPSIS, Grid, edgeIndices } from "./grid";
import { countOf, formatValue } from "./format";
import { gridHtml } from "./html";
import { gridText } from "./text-table";

/** What the renderer reads from a danfo frame; Series have 1-D `values` and one column. */
interface FrameLike {
  shape: number[];
  columns: string[];
  index: (string | number)[];
  dtypes: string[];
  values: unknown[];
}

/** All rows up to this many; beyond it, head and tail of ROW_EDGE each. */
const MAX_ROWS = 20;
const ROW_EDGE = 5;
const COL_EDGE = 10;

function rowIndices(n: number): (number | null)[] {
  return n <= MAX_ROWS ? edgeIndices(n, n) : edgeIndices(n, ROW_EDGE);
}

function frameGrid(frame: FrameLike, isSeries: boolean): Grid {
  const [nRows] = frame.shape;
  const cols = edgeIndices(frame.columns.length, COL_EDGE);
  const cellOf = (row: unknown, c: number) => formatValue(isSeries ? row : (row as unknown[])[c]);
  const rows = rowIndices(nRows).map((r) => {
    if (r === null) return [ELLIPSIS, ...cols.map(() => ELLIPSIS)];
    const row = frame.values[r];
    return [String(frame.index[r]), ...cols.map((c) => (c === null ? ELLIPSIS : cellOf(row, c)))];
  });
  const pick = (names: string[]) => cols.map((c) => (c === null ? ELLIPSIS : names[c]));
  const numeric = [false, ...cols.map((c) => c !== null && /int|float/.test(frame.dtypes[c]))];
  const rowCount = countOf(nRows, "row");
  const size = isSeries ? rowCount : `${rowCount} × ${countOf(frame.columns.length, "column")}`;
  return {
    caption: isSeries ? "Series" : "DataFrame",
    header: ["", ...pick(frame.columns)],
    subheader: ["", ...pick(frame.dtypes)],
    rows,
    footer: [size],
    numeric,
  };
}

export function frameBundle(frame: FrameLike, isSeries: boolean): MimeBundle {
  const grid = frameGrid(frame, isSeries);
  return { "text/plain": gridText(grid), "text/html": gridHtml(grid) };
}

type Constructor = { prototype: object };

/**
 * danfojs-node exports subclasses of danfo's base DataFrame/Series, but operations (head(),
 * column(), ...) return base instances: register on the class just below NDframe.
 */
function basePrototype(cls: Constructor, ndframe: Constructor): object {
  let proto = cls.prototype;
  while (Object.getPrototypeOf(proto) && Object.getPrototypeOf(proto) !== ndframe.prototype) proto = Object.getPrototypeOf(proto);
  return Object.getPrototypeOf(proto) ? proto : cls.prototype;
}

export interface DanfoLike {
  DataFrame: Constructor;
  Series: Constructor;
  NDframe: Constructor;
}

export function installDataFrameRenderer(dfd: DanfoLike): void {
  registerRenderer(basePrototype(dfd.DataFrame, dfd.NDframe), function (this: object) {
    return frameBundle(this as FrameLike, false);
  });
  registerRenderer(basePrototype(dfd.Series, dfd.NDframe), function (this: object) {
    return frameBundle(this as FrameLike, true);
  });
}
