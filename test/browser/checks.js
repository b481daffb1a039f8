/*
 * Named checks for the browser scripts: each prints PASS or FAIL with one line of detail, and the
 * script ends with the tally ("N passed, M failed").
 */
"use strict";

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function checkList() {
  const results = [];
  return {
    /** Runs `fn`; what it returns is the PASS line's detail, what it throws the FAIL line's. */
    async check(name, fn) {
      try {
        const detail = await fn();
        results.push(true);
        console.log(`PASS  ${name}${detail ? ` - ${detail}` : ""}`);
      } catch (e) {
        results.push(false);
        console.log(`FAIL  ${name} - ${String(e && e.message ? e.message : e).split("\n")[0].slice(0, 1200)}`);
      }
    },
    failed: () => results.filter((ok) => !ok).length,
    tally: () => `${results.filter(Boolean).length} passed, ${results.filter((ok) => !ok).length} failed`,
  };
}

module.exports = { assert, checkList };
