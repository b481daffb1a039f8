/*
 * What the browser scripts share: a classic Notebook or Jupyter Server on loopback with a token
 * (and the kernels it starts, stopped with it), headless Chromium through playwright-core,
 * notebook signing, and running commands. Each start function registers its own cleanup in `cleanups`.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const net = require("node:net");
const crypto = require("node:crypto");
const { spawn, execFile } = require("node:child_process");

const ROOT = path.resolve(__dirname, "../..");
const PYTHON = process.env.E2E_PYTHON || "/usr/bin/python3";
const CHROMIUM = process.env.E2E_CHROMIUM || "/usr/bin/chromium";
const TSDL = path.join(ROOT, "bin", "tsdl.js");
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Fails early, with what is missing, before any server or browser starts. */
function checkPrerequisites() {
  for (const [what, file] of [["python", PYTHON], ["chromium", CHROMIUM], ["dist (run npx tsc -p .)", path.join(ROOT, "dist", "cli", "main.js")]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found: ${file}`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000, ...options }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(cmd)} ${args.join(" ")}: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().unref().on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Pids of the live descendants of `pid` (Linux /proc): kernels run in their own sessions. */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) || []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  const out = [];
  for (const stack = [pid]; stack.length; ) {
    for (const c of children.get(stack.pop()) || []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

/** How each Jupyter application is started and told its port, token and notebook folder. */
const APPS = {
  notebook: (port, token, root) => ["-m", "notebook", `--port=${port}`, `--NotebookApp.token=${token}`, `--notebook-dir=${root}`],
  jupyter_server: (port, token, root) => ["-m", "jupyter_server", `--port=${port}`, `--ServerApp.token=${token}`, `--ServerApp.root_dir=${root}`],
};

/**
 * Starts `python3 -m notebook` (or `app: "jupyter_server"`) serving `dirs.notebooks`, with
 * kernelspecs from `dirs.prefix` and its own data (trust database), config and runtime dirs,
 * plus `args` and `env`; resolves once /api/status answers.
 */
async function startServer(dirs, { logFile, cleanups, app = "notebook", args = [], env = {} }) {
  const port = await freePort();
  const token = crypto.randomBytes(16).toString("hex");
  const serverEnv = {
    ...process.env,
    JUPYTER_PATH: path.join(dirs.prefix, "share", "jupyter"),
    JUPYTER_DATA_DIR: dirs.data, // also keeps ~/.local kernelspecs out, and holds the trust database
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    BROWSER: "true",
    ...env,
  };
  const common = ["--no-browser", "--allow-root", "--ip=127.0.0.1", "--port-retries=0"];
  const out = fs.openSync(logFile, "w");
  const child = spawn(PYTHON, [...APPS[app](port, token, dirs.notebooks), ...common, ...args], { env: serverEnv, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  const server = { child, token, base: `http://127.0.0.1:${port}`, logFile };
  cleanups.push(() => stopServer(server));
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`${app} exited early; see ${logFile}`);
    const res = await api(server, "/api/status").catch(() => null);
    if (res && res.ok) return server;
  }
  throw new Error(`${app} did not answer within 60 s; see ${logFile}`);
}

function api(server, route, method = "GET") {
  return fetch(`${server.base}${route}?token=${server.token}`, { method, signal: AbortSignal.timeout(15_000) });
}

/** Asks the server to shut down, then signals its process group; kills the kernels it started. */
async function stopServer(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const kernels = descendants(child.pid);
  await api(server, "/api/shutdown", "POST").catch(() => {});
  const exited = new Promise((r) => child.once("exit", () => r(true)));
  for (const sig of ["SIGTERM", "SIGKILL"]) {
    if (await Promise.race([exited, sleep(5000)])) break;
    try { process.kill(-child.pid, sig); } catch { /* gone */ }
  }
  for (const pid of kernels) {
    try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
  }
}

/**
 * Shuts down sessions (and their kernels) of `server` in the background: every session, or those
 * of one notebook path; each call waits for the previous one, so that closed notebooks' kernels
 * never pile up. Await `.idle` at the end.
 */
function sessionReaper(server) {
  let idle = Promise.resolve();
  return {
    shutdown(notebookPath = null) {
      idle = idle.then(async () => {
        const sessions = await (await api(server, "/api/sessions")).json();
        const chosen = sessions.filter((s) => notebookPath === null || s.path === notebookPath);
        await Promise.all(chosen.map((s) => api(server, `/api/sessions/${s.id}`, "DELETE")));
      }).catch(() => {});
    },
    get idle() {
      return idle;
    },
  };
}

async function launchBrowser(userDataDir, { cleanups }) {
  const { chromium } = require("playwright-core");
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 900 },
    timeout: 60_000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // our handlers clean up
  });
  cleanups.push(() => Promise.race([context.close().catch(() => {}), sleep(10_000)]));
  return context;
}

/** Signs notebooks with the notary of `dataDir`, as `jupyter trust` does: untrusted ones run no scripts. */
async function sign(files, dataDir) {
  const code = [
    "import sys, nbformat",
    "from nbformat.sign import NotebookNotary",
    "notary = NotebookNotary()",
    "for f in sys.argv[1:]: notary.sign(nbformat.read(f, 4))",
  ].join("\n");
  await run(PYTHON, ["-c", code, ...files], { env: { ...process.env, JUPYTER_DATA_DIR: dataDir } });
}

module.exports = { ROOT, PYTHON, TSDL, checkPrerequisites, sleep, run, freePort, startServer, api, stopServer, sessionReaper, launchBrowser, sign };
