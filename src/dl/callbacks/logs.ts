/**
 * tfjs passes callbacks (subclasses of tf.Callback) unresolved logs: numbers or scalar tensors it
 * disposes after the hook returns. Read them synchronously; never keep the tensors.
 */
export type RawLogs = Record<string, unknown>;

export function scalarValue(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (value && typeof (value as { dataSync?: unknown }).dataSync === "function") {
    return (value as { dataSync(): ArrayLike<number> }).dataSync()[0];
  }
  return undefined;
}

/** The metric entries of a log (not `batch`/`size`), as numbers. */
export function metricValues(logs: RawLogs = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(logs)) {
    if (key === "batch" || key === "size") continue;
    const number = scalarValue(value);
    if (number !== undefined) out[key] = number;
  }
  return out;
}
