/**
 * `npm run bench`: every benchmark, each reporting ratios against a reference measured in the
 * same run (tslab's kernel, dfd.readCSV, a naive parser). Needs `npm run build` first.
 * `npm run bench -- kernel csv` runs a subset; `npm run bench:train` runs the training benchmark.
 */
"use strict";
const benches = {
  kernel: () => require("./kernel").run(5, 20),
  csv: () => require("./csv").run(),
  "wisdm-raw": () => require("./wisdm-raw").run(),
  widgets: () => require("./widgets").run(200),
  shutdown: () => require("./shutdown").run(5),
};

async function main(names) {
  for (const name of names.length ? names : Object.keys(benches)) {
    if (!benches[name]) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(", ")}`);
    console.log(`\n## ${name}`);
    await benches[name]();
  }
}

main(process.argv.slice(2)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
