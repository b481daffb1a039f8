/**
 * What every checkout must hold: no source, test or bench file names a path on one machine,
 * and no test is switched off (npm test skips nothing; a test that needs a Debian package gets
 * it from .ci/run, or lives outside npm test).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..");
/** Folders with their own package.json, installed and run by CI only. */
const OWN_PACKAGES = ["test/jupyterlab", "test/deploy"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || OWN_PACKAGES.includes(relative(ROOT, path))) return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const code = ["src", "test", "bench"].flatMap((dir) => files(join(ROOT, dir))).filter((f) => /\.(ts|js|sh|py)$/.test(f));

test("no source, test or bench file names a path under the build machine's /work", () => {
  const machinePath = new RegExp(["", "work", ""].join("/"));
  expect(code.filter((f) => machinePath.test(readFileSync(f, "utf8"))).map((f) => relative(ROOT, f))).toEqual([]);
});

test("no test is skipped or left as a todo", () => {
  const switchedOff = /\b(?:describe|it|test)\.(?:skip|todo)\b|\bx(?:it|test|describe)\(|\b(?:it|test|describe)\.only\b/;
  const tests = code.filter((f) => f.endsWith(".ts"));
  expect(tests.filter((f) => switchedOff.test(readFileSync(f, "utf8").replace(/\/\/.*$/gm, ""))).map((f) => relative(ROOT, f))).toEqual([]);
});
