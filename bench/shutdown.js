/**
 * Shutdown: time from sending shutdown_request to the kernel process's exit, for a kernel whose
 * cell left timers, an interval, a listening server and a file watcher open, alternated with a
 * kernel that ran a trivial cell (the reference). Issue 16 asks for an exit within 2 s.
 * Usage: node bench/shutdown.js [rounds=5]
 */
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { launchKernel } = require("../dist/client/launch");
const { alternate, summarize, formatRange } = require("./alternate");

const root = join(__dirname, "..");

const LEFTOVERS = readFileSync(join(root, "test/fixtures/cells/open-handles.txt"), "utf8");

/** Milliseconds from shutdown_request to the process's exit, after running `code`. */
async function timeShutdown(code) {
  const kernel = await launchKernel({ cwd: root });
  try {
    await kernel.client.execute(code, { timeoutMs: 60_000 });
    const t0 = process.hrtime.bigint();
    await kernel.client.sendRaw("control", kernel.client.encode("shutdown_request", { restart: false }).frames);
    const exit = await kernel.exited;
    if (exit !== 0) throw new Error(`kernel exited with ${exit}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  } finally {
    await kernel.shutdown();
  }
}

async function run(rounds = 5) {
  const { results, load } = await alternate(rounds, { leftovers: () => timeShutdown(LEFTOVERS), trivial: () => timeShutdown("1") });
  const left = summarize(results.leftovers);
  const trivial = summarize(results.trivial);
  console.log(`shutdown_request to process exit, ms, median (range) of ${rounds} alternated rounds, load ${formatRange(load, 1)}:`);
  console.log(`  cell left timers, interval, server, watcher  ${formatRange(left)}`);
  console.log(`  trivial cell (reference)                     ${formatRange(trivial)}`);
  console.log(`  ratio of medians                             ${(left.median / trivial.median).toFixed(2)}x`);
}

module.exports = { run };
if (require.main === module) run(Number(process.argv[2] ?? 5)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
