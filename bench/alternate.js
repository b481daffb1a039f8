/**
 * Measuring two sides on a shared, noisy machine: run them in alternation, round after round
 * (the order flips every round so neither side always runs right after the other), and compare
 * medians with their min-max ranges. A ratio from one run of each side is noise here: single
 * PyTorch runs varied 8x within an hour on this machine.
 */
"use strict";
const os = require("node:os");

/**
 * Runs `rounds` rounds; each round calls every side once, in an order that flips every round.
 * `sides` maps a name to an async function returning a number or an object of numbers.
 * Resolves to { name: [result of round 1, result of round 2, ...] }, plus the load averages seen.
 */
async function alternate(rounds, sides, onResult = () => undefined) {
  const names = Object.keys(sides);
  const results = Object.fromEntries(names.map((n) => [n, []]));
  const load = [os.loadavg()[0]];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const value = await sides[name](round);
      results[name].push(value);
      onResult(name, round, value);
    }
    load.push(os.loadavg()[0]);
  }
  return { results, load: summarize(load) };
}

/** Median and range of a list of numbers (the median of an even count is the mean of the middle two). */
function summarize(values) {
  const xs = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { median, min: xs[0], max: xs[xs.length - 1], n: xs.length };
}

/** Summaries of one field of each round's result object: pick("trivial") over [{trivial: 12}, ...]. */
function summarizeField(rounds, field) {
  return summarize(rounds.map((r) => r[field]));
}

/** "1,234 (1,100-1,300)" with `digits` decimals. */
function formatRange(s, digits = 0) {
  const f = (x) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${f(s.median)} (${f(s.min)}-${f(s.max)})`;
}

module.exports = { alternate, summarize, summarizeField, formatRange };
