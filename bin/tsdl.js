#!/usr/bin/env node
"use strict";
require("../dist/cli/main.js")
  .main(process.argv.slice(2))
  .then((code) => { if (typeof code === "number") process.exitCode = code; })
  .catch((e) => { console.error(e && e.message ? e.message : e); process.exitCode = 1; });
