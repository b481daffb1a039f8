/**
 * Memory of one student's tsdl kernel, for the hub's capacity estimate: a kernel that ran one
 * trivial cell, one that ran the hub test's training cell (2,000 MNIST images, 3 epochs), and one
 * that loaded the full MNIST training and test sets and scaled them by 1/255 as notebook 01 does.
 * A fresh kernel per measurement; the workloads rotate in every round so that load drifts hit
 * them alike. Resident (now and peak) and proportional set sizes, read from /proc.
 * Usage: npm run build && node bench/student-memory.js [rounds=5]
 */
"use strict";
const { readFileSync } = require("node:fs");
const { loadavg } = require("node:os");
const { launchKernel } = require("../dist/client/launch");
const { TRAIN } = require("../test/deploy/cells");

const WORKLOADS = {
  "trivial cell": "1 + 1",
  "hub test's training cell": TRAIN,
  "full MNIST loaded, / 255": `const [[trainImages, trainLabels], [testImages, testLabels]] = await dl.datasets.mnist.loadData();
const trainScaled = trainImages.div(255);
const testScaled = testImages.div(255);
trainScaled.shape`,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const mb = (kb) => Number(kb) / 1024;

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (text, name) => mb(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)[1]);
  return { rss: field(status, "VmRSS"), peak: field(status, "VmHWM"), pss: field(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"), "Pss") };
}

async function measure(code) {
  const kernel = await launchKernel();
  try {
    const { reply } = await kernel.client.execute(code, { timeoutMs: 600_000 });
    if (reply.content.status !== "ok") throw new Error(`cell failed: ${reply.content.evalue}`);
    return memory(kernel.process.pid);
  } finally {
    await kernel.shutdown();
  }
}

async function main() {
  const rounds = Number(process.argv[2] ?? 5);
  const names = Object.keys(WORKLOADS);
  const results = Object.fromEntries(names.map((n) => [n, []]));
  const loads = [loadavg()[0]];
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) results[name].push(await measure(WORKLOADS[name]));
    loads.push(loadavg()[0]);
  }
  const range = (xs) => `${median(xs).toFixed(0)} MB (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
  for (const name of names) {
    const runs = results[name];
    console.log(`${name.padEnd(26)} resident ${range(runs.map((r) => r.rss))}, peak ${range(runs.map((r) => r.peak))}, PSS ${range(runs.map((r) => r.pss))}`);
  }
  console.log(`medians over ${rounds} rounds (fresh kernel each, order rotated); load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} on ${require("node:os").cpus().length} cores`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
