/**
 * Maps lines of a cell's emitted JavaScript back to its TypeScript lines. The converter emits no
 * source map, but its output keeps statement order and most of each statement's text, so each
 * JS line is matched to the TS line that shares the most tokens, searching forward in order.
 */
export class CellLineMap {
  private readonly tsTokens: Set<string>[];
  private readonly jsToTs: number[];

  constructor(private readonly tsLines: string[], jsLines: string[]) {
    this.tsTokens = tsLines.map(tokens);
    this.jsToTs = this.align(jsLines);
  }

  /** True for lines of the cell's own code (not the wrapper line the executor appends). */
  isCellLine(jsLine: number): boolean {
    return jsLine >= 1 && jsLine <= this.jsToTs.length;
  }

  /** 1-based TS line for a 1-based JS line. */
  tsLine(jsLine: number): number {
    return this.jsToTs[jsLine - 1] ?? this.tsLines.length;
  }

  sourceLine(tsLine: number): string {
    return this.tsLines[tsLine - 1] ?? "";
  }

  private align(jsLines: string[]): number[] {
    let floor = 0;
    return jsLines.map((js) => {
      const best = this.bestMatch(tokens(js.replace(/\bexports\./g, "")), floor);
      if (best >= 0) floor = best;
      return Math.max(best, floor) + 1;
    });
  }

  /** Index of the TS line (at or after `from`, else any) sharing the most tokens; -1 if none. */
  private bestMatch(js: Set<string>, from: number): number {
    let best = -1;
    let bestScore = 0;
    for (let i = 0; i < this.tsTokens.length; i++) {
      let shared = 0;
      for (const t of js) if (this.tsTokens[i].has(t)) shared++;
      const score = shared / Math.max(1, js.size) + (i >= from ? 0.01 : 0);
      if (shared > 0 && score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }
}

function tokens(line: string): Set<string> {
  return new Set(line.match(/[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|"[^"]*"|'[^']*'|`[^`]*`/g) ?? []);
}
