/** Resident memory of a process and all its descendants, from /proc (Linux). */
"use strict";
const { readFileSync, readdirSync } = require("node:fs");

function children(pid) {
  const kids = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
    if (text) kids.push(...text.split(/\s+/).map(Number));
  }
  return kids;
}

function rssKb(pid) {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

/** Sum of VmRSS over `pid` and its descendants, in MB (1024^2 bytes). */
function treeRssMb(pid) {
  let kb = 0;
  const pending = [pid];
  while (pending.length) {
    const p = pending.pop();
    try {
      kb += rssKb(p);
      pending.push(...children(p));
    } catch {
      // The process ended while we looked: it holds no memory.
    }
  }
  return kb / 1024;
}

module.exports = { treeRssMb };
