/**
 * nbgrader's region markers: lines holding `BEGIN SOLUTION` / `END SOLUTION` (the instructor's
 * answer) and `BEGIN HIDDEN TESTS` / `END HIDDEN TESTS` (tests students do not see). As in
 * nbgrader, a marker is any line containing the phrase, so `// BEGIN SOLUTION` and
 * `### BEGIN SOLUTION` both work; regions may not nest and must close.
 */

export const SOLUTION = { begin: "BEGIN SOLUTION", end: "END SOLUTION" } as const;
export const HIDDEN_TESTS = { begin: "BEGIN HIDDEN TESTS", end: "END HIDDEN TESTS" } as const;

export interface Markers {
  begin: string;
  end: string;
}

export class MarkerError extends Error {}

export interface Replaced {
  text: string;
  /** How many regions were found. */
  regions: number;
}

/**
 * Replaces each region (marker lines included) with `stub` indented like its BEGIN line, or
 * removes it when `stub` is empty. Throws MarkerError with the 1-based line of the problem.
 */
export function replaceRegions(source: string, markers: Markers, stub: string[]): Replaced {
  const out: string[] = [];
  let openedAt = 0;
  let regions = 0;
  source.split("\n").forEach((line, i) => {
    if (line.includes(markers.begin)) {
      if (openedAt) throw new MarkerError(`line ${i + 1}: "${markers.begin}" inside the region opened on line ${openedAt} (regions cannot nest)`);
      openedAt = i + 1;
      regions++;
      const indent = /^\s*/.exec(line)![0];
      for (const stubLine of stub) out.push(indent + stubLine);
    } else if (line.includes(markers.end)) {
      if (!openedAt) throw new MarkerError(`line ${i + 1}: "${markers.end}" without a "${markers.begin}" before it`);
      openedAt = 0;
    } else if (!openedAt) {
      out.push(line);
    }
  });
  if (openedAt) throw new MarkerError(`line ${openedAt}: "${markers.begin}" is never closed by "${markers.end}"`);
  return { text: out.join("\n"), regions };
}

/** True when the text has any line with either marker of the pair. */
export function hasMarkers(source: string, markers: Markers): boolean {
  return source.includes(markers.begin) || source.includes(markers.end);
}
