/**
 * Garbage collection for the compiler worker between requests, once the reply is sent.
 *
 * Each request's checker allocates 4-11 MB that are garbage once the reply is out. A scavenge
 * then costs ~1-3 ms and leaves the fixed-size nursery (SEMI_SPACE_MB in worker-compiler.ts)
 * empty for the next request, so no request pays for one on its critical path. When the old
 * space has grown a lot since the last full collection (the first program build promotes
 * ~140 MB, a fifth of it garbage), a full collection runs instead: V8's memory reducer would
 * only get to it after 8 s of idleness.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const FULL_GC_AFTER_GROWTH_BYTES = 32 * 1024 * 1024;

type Gc = (options: { type: "minor" | "major" }) => void;

export function idleCollector(): () => void {
  const gc = exposedGc();
  let oldSpaceAfterFullGc = oldSpaceUsed();
  return () => {
    if (oldSpaceUsed() - oldSpaceAfterFullGc < FULL_GC_AFTER_GROWTH_BYTES) return gc({ type: "minor" });
    gc({ type: "major" });
    oldSpaceAfterFullGc = oldSpaceUsed();
  };
}

function oldSpaceUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === "old_space")?.space_used_size ?? 0;
}

/**
 * V8 gives `gc` only to contexts created while --expose-gc is set: set it for one new context
 * and clear it at once (nothing else creates a context meanwhile).
 */
function exposedGc(): Gc {
  setFlagsFromString("--expose-gc");
  try {
    return runInNewContext("gc") as Gc;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}
