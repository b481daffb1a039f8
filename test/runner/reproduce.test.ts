/** `tsdl reproduce` against real kernels: claims land in reproduction.json and REPRODUCTION.md. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Claim } from "../../src/dl/claim";
import { tallyLine } from "../../src/runner/claims";
import { markdownTable, reproductionFailed, summaryLine } from "../../src/runner/report";
import { readJson, runCli, schemaErrors, scratchCopy } from "./helpers";

jest.setTimeout(600_000);

function claim(overrides: Partial<Claim>): Claim {
  return { id: "c", slide: "1", source: "slide", basis: null, kind: "experiment", expected: 1, op: "approx", tolerance: 0, measured: 1, unit: null, gating: true, fullRunOnly: false, pass: true, reason: null, ...overrides };
}

test("only failed notebooks and failing gating claims fail a reproduction", () => {
  const ok = { path: "a.ipynb", status: "ok" as const, seconds: 1 };
  expect(reproductionFailed({ notebooks: [{ ...ok, claims: [claim({ gating: false, pass: false }), claim({ pass: null })] }] })).toBe(false);
  expect(reproductionFailed({ notebooks: [{ ...ok, claims: [claim({ pass: false })] }] })).toBe(true);
  expect(reproductionFailed({ notebooks: [{ ...ok, status: "timeout", claims: [] }] })).toBe(true);
  expect(markdownTable({ notebooks: [{ ...ok, claims: [claim({ id: "a|b", op: "approx", expected: 98.5, tolerance: 0.5, unit: "%", measured: 98.7 })] }] })).toContain(
    "| a.ipynb | a\\|b | experiment | 1 | slide | 98.5 ± 0.5 % | 98.7 % | ✓ |",
  );
});

test("experiments and checks are tallied apart, with what was not judged and why", () => {
  const claims = [
    claim({ pass: true }),
    claim({ pass: null, reason: "quick run" }),
    claim({ pass: null, reason: "quick run" }),
    claim({ pass: null, reason: "raw data not available: http://example.org/raw.zip: ENOTFOUND" }),
    claim({ pass: false, gating: false }),
    claim({ kind: "check", pass: true }),
    claim({ kind: "check", pass: false }),
  ];
  expect(tallyLine(claims)).toBe("experiments reproduced: 1/5 (2 not judged: quick run; 1 not judged: raw data not available; 1 informational failed); checks: 1/2 (1 failed)");
  expect(summaryLine({ notebooks: [{ path: "a.ipynb", status: "ok", seconds: 1, claims: [claim({}), claim({ kind: "check" })] }] })).toBe(
    "passed: 1 notebooks, 2 claims. experiments reproduced: 1/1; checks: 1/1.",
  );
});

test("a quick reproduction reports every notebook, keeps going after a failure, and collects the claims", async () => {
  const failing = scratchCopy("error.ipynb");
  const claims = scratchCopy("claims.ipynb", dirname(failing));
  const out = join(dirname(claims), "reproduction");
  const { code, stdout, stderr } = await runCli(["reproduce", "--quick", "--out", out, failing, claims], dirname(claims));
  expect({ code, stderr }).toMatchObject({ code: 1 });

  const report = readJson(join(out, "reproduction.json"));
  expect(report.notebooks.map((nb: any) => [nb.path, nb.status])).toEqual([["error.ipynb", "failed"], ["claims.ipynb", "ok"]]);
  expect(report.notebooks[0].error).toMatch(/cell 1 .*Error: boom/);
  expect(report.notebooks[1].claims).toEqual([
    expect.objectContaining({ id: "steps-ran", measured: 10, pass: true }),
    expect.objectContaining({ id: "full-accuracy", fullRunOnly: true, pass: null, reason: "quick run" }),
    expect.objectContaining({ id: "loss-floor", gating: false, pass: false }),
  ]);
  expect(schemaErrors(readJson(join(out, "claims.ipynb")))).toEqual([]);

  const markdown = readFileSync(join(out, "REPRODUCTION.md"), "utf8");
  expect(markdown).toContain("| claims.ipynb | full-accuracy | experiment | 98.5% | slide | 98.5 ± 0.5 % | 97.1 % | — (quick run) |");
  expect(markdown).toContain("| claims.ipynb | steps-ran | check | 1000 steps | slide | ≤ 1,000 steps | 10 steps | ✓ |");
  expect(markdown).toContain("| claims.ipynb | loss-floor | experiment | a low loss | notebook: a loss the fixture picks | ≤ 0.1 | 0.25 | ✗ (measured 0.25, expected ≤ 0.1) |");
  expect(markdown).toContain("FAILED: 2 notebooks, 3 claims. experiments reproduced: 0/2 (1 not judged: quick run; 1 informational failed); checks: 1/1.");
  expect(markdown).toMatch(/\| error\.ipynb \| — .*✗ \(failed: cell 1/);
  expect(stdout).toBe(markdownTable(report) + "\n" + summaryLine(report) + "\n");
});
