/** The session's input history, answering history_request (tail, range, search). */
export type HistoryEntry = [session: number, line: number, input: string];
/** With `output: true`, IPython pairs each input with its result's text (or null). */
export type HistoryEntryWithOutput = [session: number, line: number, inputOutput: [string, string | null]];

/** Session 0 means "this session" in IPython's numbering; we keep one session in memory. */
const SESSION = 1;

export class History {
  private readonly entries: HistoryEntry[] = [];
  private readonly outputs = new Map<number, string>();

  add(line: number, input: string): void {
    this.entries.push([SESSION, line, input]);
  }

  setOutput(line: number, text: string): void {
    this.outputs.set(line, text);
  }

  query(request: Record<string, unknown>): (HistoryEntry | HistoryEntryWithOutput)[] {
    const found = this.select(request);
    if (!request.output) return found;
    return found.map(([session, line, input]) => [session, line, [input, this.outputs.get(line) ?? null]]);
  }

  private select(request: Record<string, unknown>): HistoryEntry[] {
    const n = typeof request.n === "number" ? request.n : 10;
    switch (request.hist_access_type) {
      case "tail":
        return this.entries.slice(-n);
      case "range":
        return this.range(Number(request.session ?? 0), Number(request.start ?? 0), request.stop as number | undefined);
      case "search":
        return this.search(String(request.pattern ?? "*"), n, Boolean(request.unique));
      default:
        return [];
    }
  }

  private range(session: number, start: number, stop?: number): HistoryEntry[] {
    if (session !== 0 && session !== SESSION) return [];
    return this.entries.filter(([, line]) => line >= start && (stop === undefined || stop === null || line < stop));
  }

  private search(pattern: string, n: number, unique: boolean): HistoryEntry[] {
    const re = globToRegExp(pattern);
    let hits = this.entries.filter(([, , input]) => re.test(input));
    if (unique) {
      const seen = new Set<string>();
      hits = hits.reverse().filter(([, , input]) => !seen.has(input) && seen.add(input)).reverse();
    }
    return n > 0 ? hits.slice(-n) : hits;
  }
}

/** IPython's search patterns are globs over the whole input (`*` any run, `?` one character). */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}
