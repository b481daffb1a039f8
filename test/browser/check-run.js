"use strict";
/*
 * What every browser check script shares around its checks: one line per check, cleanups that run
 * once (last registered first) whatever ends the run, a liveness deadline, SIGINT/SIGTERM, and the
 * exit code (non-zero on any failure, or when nothing was checked at all).
 */

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const firstLine = (e) => (e && e.message ? e.message.split("\n")[0] : String(e));

/** A run of checks; `maxProblems` caps how many problems one failed check prints. */
function checkRun(deadlineMs, { maxProblems = Infinity } = {}) {
  const started = Date.now();
  const results = [];
  const cleanups = [];
  let finished = false;

  function record(name, problems, detail = "") {
    if (finished) return; // after an interrupt or the deadline, late failures are noise
    results.push({ name, ok: problems.length === 0 });
    console.log(`${problems.length ? "FAIL" : "ok  "}  ${name}  ${detail}`);
    for (const p of problems.slice(0, maxProblems)) console.log(`      ${p}`);
    if (problems.length > maxProblems) console.log(`      ... and ${problems.length - maxProblems} more`);
  }

  async function finish(code, reason) {
    if (finished) return;
    if (reason) record(reason, [reason]);
    finished = true;
    while (cleanups.length) await Promise.resolve().then(cleanups.pop()).catch((e) => console.error(`cleanup: ${e.message}`));
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed (${seconds(started)} s)`);
    process.exit(code || failed > 0 || results.length === 0 ? 1 : 0);
  }

  /** Runs `main` under the deadline and the signals; a rejection is a failed "setup" check. */
  function start(main) {
    setTimeout(() => finish(1, `whole run within ${deadlineMs / 1000} s`), deadlineMs).unref();
    for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => finish(1, `interrupted by ${sig}`));
    main().then(
      () => finish(0),
      (e) => {
        record("setup", [firstLine(e)]);
        finish(1);
      },
    );
  }

  return { started, cleanups, record, start };
}

module.exports = { checkRun, seconds };
