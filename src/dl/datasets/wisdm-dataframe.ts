/** WISDM raw columns as a danfo DataFrame, for looking at the data in a notebook. */
import type { DataFrame } from "danfojs-node";
import type { WisdmRaw } from "./wisdm-parse";

/** The first `rows` records (default all; danfo holds plain arrays, so 1.1M rows cost memory). */
export function toDataFrame(raw: WisdmRaw, rows = raw.length): DataFrame {
  // Required here rather than imported at the top: danfo loads tfjs (~1 s), and parsing,
  // segmenting and features never need it.
  const dfd: typeof import("danfojs-node") = require("danfojs-node");
  const n = Math.min(rows, raw.length);
  const activity = Array.from(raw.activity.subarray(0, n), (code) => raw.activityNames[code]);
  return new dfd.DataFrame({
    user: Array.from(raw.user.subarray(0, n)),
    activity,
    timestamp: Array.from(raw.timestamp.subarray(0, n)),
    x: Array.from(raw.x.subarray(0, n)),
    y: Array.from(raw.y.subarray(0, n)),
    z: Array.from(raw.z.subarray(0, n)),
  });
}
