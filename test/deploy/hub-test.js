#!/usr/bin/env node
/*
 * A class on one server: Debian's JupyterHub with deploy/jupyterhub/jupyterhub_config.py, real
 * Unix users, N students at once, each training a model in a tsdl kernel over the single-user
 * server's kernel websocket. Then: memory per kernel / all kernels / hub / proxy, the memory cap,
 * kernel culling, permissions, `tsdl init` keeping an edited notebook, and homework released with
 * `tsdl assign`, answered and submitted by a student, collected from the drop folder and graded.
 * Everything it starts it stops by pid; every user it creates it removes.
 *
 *   npm ci --prefix test/deploy && npm run build && node test/deploy/hub-test.js --students 10
 *
 * Needs root (useradd, the hub switching users), Debian's jupyterhub 3, prlimit, bubblewrap (tsdl
 * grade's sandbox). Not a jest test.
 * Options: --students N (default 4), --kernel-idle SECONDS (culling timeout, default 20),
 * --server-idle SECONDS (also check that idle servers stop themselves; Notebook looks once a
 * minute, so this adds minutes), --json FILE (the figures, machine-readable). Prints "N passed, M failed"; exits non-zero on failure.
 */
"use strict";
const { execFile, execFileSync, spawn, spawnSync } = require("node:child_process");
const { randomBytes } = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { parseArgs, promisify } = require("node:util");
const { freePort } = require("../browser/jupyter");
const { Admin, Student } = require("./hub-client");
const system = require("./system");
const cells = require("./cells");

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const CONFIG = path.join(ROOT, "deploy", "jupyterhub", "jupyterhub_config.py");
const PROXY = path.join(__dirname, "node_modules", ".bin", "configurable-http-proxy");
const HUB_READY_MS = 90_000;

const { values: options } = parseArgs({ options: { students: { type: "string", default: "4" }, "kernel-idle": { type: "string", default: "20" }, "server-idle": { type: "string" }, json: { type: "string" } } });
const STUDENTS = Number(options.students);
const KERNEL_IDLE_S = Number(options["kernel-idle"]);
const SERVER_IDLE_S = options["server-idle"] === undefined ? undefined : Number(options["server-idle"]);

const started = Date.now();
const loadAtStart = os.loadavg()[0]; // the machine may be shared: times mean little without it
const results = [];
const cleanups = [];
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
function check(name, ok, detail = "") {
  results.push({ name, ok });
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${detail ? ` - ${detail}` : ""}`);
  return ok;
}

function checkPrerequisites() {
  if (process.getuid() !== 0) throw new Error("run as root: the test creates Unix users and the hub switches to them");
  if (!(STUDENTS >= 2)) throw new Error("--students needs at least 2: the first two check each other's files");
  for (const [what, file] of [["Debian's jupyterhub", "/usr/bin/jupyterhub"], ["prlimit", "/usr/bin/prlimit"], ["bubblewrap (tsdl grade's sandbox)", "/usr/bin/bwrap"], ["the build (npm run build)", path.join(ROOT, "dist", "cli", "main.js")], ["npm's configurable-http-proxy (npm ci --prefix test/deploy)", PROXY]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found: ${file}`);
  }
}

/** Scratch folder readable by the students (mkdtemp gives 0700): the install, course, homes. */
function scratchFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-hub-"));
  fs.chmodSync(dir, 0o755);
  cleanups.push(["removing the scratch folder", () => fs.rmSync(dir, { recursive: true, force: true })]);
  for (const sub of ["course", "home"]) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  fs.mkdirSync(path.join(dir, "hub"), { mode: 0o700 });
  return dir;
}

/** The instructor's source (in a folder only root can enter) and its release, by `tsdl assign`, where `tsdl init` finds it. */
function releaseHomework(scratch, install) {
  const source = path.join(scratch, "instructor", "hw1", "hw1.ipynb");
  fs.mkdirSync(path.dirname(source), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.join(scratch, "instructor"), 0o700);
  fs.writeFileSync(source, JSON.stringify(cells.homeworkSource(), null, 1));
  const release = path.join(scratch, "course", "release", "hw1");
  execFileSync(process.execPath, [path.join(install.lib, "bin", "tsdl.js"), "assign", source, "--out", release], { stdio: ["ignore", "ignore", "pipe"] });
  execFileSync("chmod", ["-R", "a+rX", path.join(scratch, "course", "release")]);
  return source;
}

const createdUsers = [];

function createStudents(homeBase) {
  const tag = randomBytes(3).toString("hex");
  return Array.from({ length: STUDENTS }, (_, i) => {
    const name = `tsdl${tag}s${i + 1}`;
    createdUsers.push(name);
    const user = system.createUser(name, homeBase);
    cleanups.push([`removing user ${name}`, () => system.removeUser(name)]);
    return user;
  });
}

async function startHub(scratch, install) {
  const [port, hubPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const token = randomBytes(24).toString("hex");
  const overlay = path.join(scratch, "hub", "test_config.py");
  // The shipped config, plus only what a test needs: loopback ports, DummyAuthenticator in place of
  // PAM's password check, an admin service token, the test's proxy, and where the kernelspec is.
  fs.writeFileSync(overlay, `load_subconfig(${JSON.stringify(CONFIG)})
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = ${port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = ${hubPort}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:${apiPort}"
c.JupyterHub.services = [{"name": "tsdl-test", "api_token": ${JSON.stringify(token)}}]
c.JupyterHub.load_roles = [{"name": "tsdl-test", "scopes": ["admin:users", "admin:servers", "access:servers"], "services": ["tsdl-test"]}]
c.Spawner.environment["JUPYTER_PATH"] = ${JSON.stringify(install.jupyterPath)}
`);
  const { TSDL_MEMORY_LIMIT: _shippedDefault, ...inherited } = process.env;
  const env = {
    ...inherited,
    PATH: `${install.bin}:${process.env.PATH}`,
    TSDL_COURSE_DIR: path.join(scratch, "course"),
    TSDL_KERNEL_IDLE_SECONDS: String(KERNEL_IDLE_S),
    ...(SERVER_IDLE_S === undefined ? {} : { TSDL_SERVER_IDLE_SECONDS: String(SERVER_IDLE_S) }),
    CONFIGPROXY_COMMAND: PROXY,
  };
  const logFile = path.join(scratch, "hub", "hub.log");
  const hub = spawn("/usr/bin/jupyterhub", ["-f", overlay], { cwd: path.join(scratch, "hub"), env, stdio: ["ignore", "ignore", "pipe"] });
  const logStream = fs.createWriteStream(logFile);
  hub.stderr.pipe(logStream);
  cleanups.push(["stopping the hub", () => stopHub(hub)]);
  await new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`hub not ready within ${HUB_READY_MS / 1000} s; see ${logFile}`)), HUB_READY_MS);
    hub.stderr.on("data", (chunk) => {
      text = (text + chunk).slice(-4096);
      if (text.includes("JupyterHub is now running at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    hub.once("exit", (code) => reject(new Error(`hub exited (${code}) before it was ready:\n${text}`)));
  });
  return { hub, base: `http://127.0.0.1:${port}`, admin: new Admin(`http://127.0.0.1:${port}`, token), logFile };
}

/** SIGTERM; the hub stops the servers (and they their kernels) and the proxy it started. */
async function stopHub(hub) {
  if (hub.exitCode !== null || hub.signalCode !== null) return;
  const exited = new Promise((resolve) => hub.once("exit", resolve));
  hub.kill("SIGTERM");
  const timer = setTimeout(() => hub.kill("SIGKILL"), 60_000);
  await exited;
  clearTimeout(timer);
}

/** One student from login to the first result, as a browser and JupyterLab would do it. */
async function attend(student, base, probes) {
  const client = new Student(base, student.name);
  const t0 = performance.now();
  const since = () => (performance.now() - t0) / 1000;
  await client.logIn();
  await client.startServer();
  const serverReady = since();
  await client.openTree();
  const kernelAsked = since();
  const { kernelId, channel } = await client.startKernel("lecture/01-tf-keras-mnist.ipynb");
  await channel.ready();
  const kernelReady = since();
  const outcome = await channel.execute(cells.TRAIN);
  const seconds = since();
  const accuracy = Number(outcome.result);
  log(`${student.name}: accuracy ${outcome.result} after ${seconds.toFixed(1)} s (server ready ${serverReady.toFixed(1)} s, kernel ready ${kernelReady.toFixed(1)} s)${outcome.error ? ` ${outcome.error}` : ""}`);
  const seat = { student, client, kernelId, channel, seconds, serverReady, kernelReady, kernelStart: kernelReady - kernelAsked, accuracy, outcome };
  await probes(seat);
  seat.hold = channel.execute(cells.HOLD, 3_600_000);
  return seat;
}

function kernelPid(seat) {
  const found = system.processes().find((p) => p.uid === seat.student.uid && p.cmdline.includes("tsdl.js kernel") && p.cmdline.includes(seat.kernelId));
  if (!found) throw new Error(`no kernel process for ${seat.student.name} (${seat.kernelId})`);
  return found.pid;
}

function serverPid(student) {
  return system.processes().find((p) => p.uid === student.uid && p.cmdline.includes("jupyterhub-singleuser"))?.pid;
}

const mb = (x) => `${Math.round(x)} MB`;
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const spread = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

/**
 * From the kernels of the first two students: the other's home, the drop folder, tsdl's install,
 * the shared data folder, the assignment's source, the memory cap; the first answers the homework
 * and submits it.
 */
function makeProbes(students, install, source) {
  return async (seat) => {
    const index = students.indexOf(seat.student);
    if (index > 1) return;
    const other = students[1 - index];
    const checks = [
      ["read the other student's home", cells.attempt(`require("node:fs").readdirSync(${JSON.stringify(other.home)})`)],
      ["list the drop folder", cells.attempt(`require("node:fs").readdirSync(process.env.TSDL_DROP_DIR)`)],
      ["write into tsdl's install", cells.attempt(`require("node:fs").writeFileSync(${JSON.stringify(path.join(install.lib, "notebooks", "mine.ipynb"))}, "{}")`)],
      ["write into the shared data folder ($TSDL_DATA_PATH)", cells.attempt(`require("node:fs").writeFileSync(require("node:path").join(process.env.TSDL_DATA_PATH, "mine.txt"), "")`)],
      ["read the assignment's source", cells.attempt(`require("node:fs").readFileSync(${JSON.stringify(source)})`)],
    ];
    if (index === 0) {
      await widgetRoundTrip(seat.channel);
      await answerHomework(seat.client);
      const outcome = await seat.channel.execute(cells.SUBMIT);
      check("a student submits with tsdl submit from their server", outcome.status === "ok" && /submitted .* as /.test(outcome.result ?? ""), outcome.result ?? outcome.error);
      const cap = await seat.channel.execute(cells.attempt("new Float64Array((5 * 2 ** 30) / 8).fill(1).length"));
      const after = await seat.channel.execute("6 * 7");
      check("the memory cap (prlimit --data 4G) stops a 5 GiB allocation inside the cell; the kernel lives on", /RangeError/.test(cap.result ?? "") && after.result === "42", `${cap.result}; next cell: ${after.result}`);
    }
    for (const [what, code] of checks) {
      const outcome = await seat.channel.execute(code);
      check(`${seat.student.name} cannot ${what}`, /EACCES|EPERM/.test(outcome.result ?? ""), outcome.result ?? outcome.error);
    }
  };
}

/**
 * Another student's submission, as that student (setpriv; not from their kernel, which would sit
 * idle, and could be culled, while the first student trains and submits).
 */
function submissionIsPrivate(dropDir, owner, other) {
  const name = fs.readdirSync(dropDir).find((n) => n.startsWith(`${owner.name}+hw1+`));
  if (!check(`${owner.name}'s submission is in the drop folder`, Boolean(name))) return;
  const file = path.join(dropDir, name);
  for (const [what, command, denied] of [["read", ["cat", file], /Permission denied/], ["delete", ["rm", "-f", file], /Operation not permitted/]]) {
    const run = spawnSync("setpriv", ["--reuid", String(other.uid), "--regid", String(other.gid), "--init-groups", "--", ...command], { encoding: "utf8" });
    check(`${other.name} cannot ${what} another student's submission`, run.status !== 0 && denied.test(run.stderr), run.stderr.trim());
  }
}

async function measure(seats, hub) {
  const kernels = seats.map((seat) => ({ name: seat.student.name, pid: kernelPid(seat) }));
  const all = system.processes();
  const proxy = all.find((p) => p.ppid === hub.pid && p.cmdline.includes("configurable-http-proxy"));
  const figures = {
    kernels: kernels.map((k) => ({ ...k, ...system.memory(k.pid), limit: system.dataLimit(k.pid) })),
    servers: seats.map((seat) => ({ name: seat.student.name, ...system.memory(serverPid(seat.student)) })),
    hub: system.memory(hub.pid),
    proxy: proxy && system.memory(proxy.pid),
  };
  return figures;
}

/** Lets every kernel go idle at once, then waits for the culler; returns seconds from idle to gone. */
async function cullingCheck(seats) {
  const pids = seats.map(kernelPid);
  const before = system.memAvailableMb();
  await Promise.all(seats.map((seat) => seat.client.api("POST", `/kernels/${seat.kernelId}/interrupt`)));
  await Promise.all(seats.map((seat) => seat.hold));
  const idleAt = performance.now();
  const timeoutMs = (KERNEL_IDLE_S + Math.max(1, Math.floor(KERNEL_IDLE_S / 4)) + 60) * 1000;
  const goneAfter = await Promise.all(pids.map(async (pid) => {
    await system.waitFor(`kernel ${pid} to be culled`, () => !system.alive(pid), timeoutMs);
    return (performance.now() - idleAt) / 1000;
  }));
  // The server forgets a kernel once its shutdown is complete, a moment after the process exits.
  await Promise.all(seats.map((seat) => system.waitFor(`${seat.student.name}'s server to list no kernel`, async () => (await seat.client.api("GET", "/kernels")).length === 0, 30_000)));
  return { goneAfter, freedMb: system.memAvailableMb() - before };
}

/** Edits a lecture notebook as the student, updates the course, restarts the server (tsdl init runs again). */
async function initSurvival(seat, admin, install) {
  const notebook = "lecture/01-tf-keras-mnist.ipynb";
  const model = await seat.client.api("GET", `/contents/${notebook}`);
  model.content.cells[0].source = `${model.content.cells[0].source}\n\nMy notes: this is my copy.`;
  await seat.client.api("PUT", `/contents/${notebook}`, { type: "notebook", format: "json", content: model.content });
  const shipped = path.join(install.lib, "notebooks", "01-tf-keras-mnist.ipynb");
  const course = JSON.parse(fs.readFileSync(shipped, "utf8"));
  course.cells.push({ cell_type: "markdown", id: "course-update", metadata: {}, source: ["Added by the instructor after the course began."] });
  fs.rmSync(shipped); // a hard link to the checkout's file: replace it, never write through it
  fs.writeFileSync(shipped, JSON.stringify(course, null, 1), { mode: 0o644 });
  await admin.stopServer(seat.student.name);
  await seat.client.startServer();
  const home = seat.student.home;
  const read = (file) => fs.readFileSync(path.join(home, file), "utf8");
  const newCopy = "lecture/01-tf-keras-mnist.new.ipynb";
  check("the student's edited notebook survives tsdl init at the next server start", read(notebook).includes("My notes: this is my copy."));
  check("the course's new version is written beside it as NAME.new.ipynb", fs.existsSync(path.join(home, newCopy)) && read(newCopy).includes("Added by the instructor"));
  const owners = [notebook, newCopy, "homework/hw1/hw1.ipynb", "lecture/02-representation.ipynb"].map((f) => fs.statSync(path.join(home, f)).uid);
  check("tsdl init ran as the student: the copies belong to the student", owners.every((uid) => uid === seat.student.uid), `uids ${[...new Set(owners)].join(", ")}`);
}

/**
 * A widget through the hub, as JupyterLab's widget manager drives it: the kernel opens the model's
 * comm, the frontend sets a new value (comm_msg update), the kernel echoes it and runs the observer.
 */
async function widgetRoundTrip(channel) {
  const shown = await channel.execute(cells.SLIDER);
  const open = shown.messages.find((m) => m.header.msg_type === "comm_open" && m.content.data?.state?._model_name === "IntSliderModel");
  const answer = open ? await channel.updateWidget(open.content.comm_id, { value: 7 }) : [];
  const echoed = answer.some((m) => m.header.msg_type === "comm_msg" && m.content.data.method === "echo_update" && m.content.data.state.value === 7);
  const printed = answer.filter((m) => m.header.msg_type === "stream").map((m) => m.content.text).join("");
  const value = (await channel.execute("slider.value")).result;
  check("a widget round trip through the hub: slider shown, moved by the frontend, echoed, observer ran", Boolean(open) && echoed && printed.includes("value now 7") && value === "7", `comm_open ${Boolean(open)}, echo_update ${echoed}, observer printed ${JSON.stringify(printed.trim())}, slider.value ${value}`);
}

/** As the student in Notebook: their copy of the release (no solution, no hidden test) gets their answer and is saved. */
async function answerHomework(client) {
  const notebook = "homework/hw1/hw1.ipynb";
  const model = await client.api("GET", `/contents/${notebook}`);
  const text = JSON.stringify(model.content);
  check("the student's homework is the release: no solution, no hidden test", !text.includes("2 * x") && !text.includes(String(cells.HIDDEN_TEST_INPUT)) && text.includes("YOUR CODE HERE"));
  model.content.cells.find((c) => c.metadata.nbgrader?.grade_id === "answer").source = cells.ANSWER;
  await client.api("PUT", `/contents/${notebook}`, { type: "notebook", format: "json", content: model.content });
}

/** Every server, idle since its kernels were culled, stops itself; the hub notices (it polls every 30 s). */
async function idleServersStop(students, admin) {
  const pids = students.map(serverPid);
  const t0 = performance.now();
  const timeoutMs = (SERVER_IDLE_S + 60 + 30 + 60) * 1000; // + Notebook's once-a-minute look + the hub's poll + margin
  await Promise.all(pids.map((pid) => pid && system.waitFor(`server ${pid} to stop itself`, () => !system.alive(pid), timeoutMs)));
  const exited = (performance.now() - t0) / 1000;
  await Promise.all(students.map((s) => system.waitFor(`the hub to see ${s.name}'s server stopped`, async () => !(await admin.api("GET", `/users/${s.name}`)).server, 90_000)));
  check(`idle servers stop themselves (shutdown_no_activity_timeout ${SERVER_IDLE_S} s) and the hub sees it`, pids.every(Boolean), `all exited within ${exited.toFixed(0)} s of the check starting`);
}

/**
 * The instructor, as root: `tsdl collect` from the drop folder, then `tsdl grade --by-folder` with
 * the source's hidden test (asynchronous: grading's sandboxed kernel takes ~25 s of mostly waiting,
 * which the test overlaps with a server restart).
 */
async function collectAndGrade(dropDir, scratch, student, install, source) {
  const tsdl = path.join(install.lib, "bin", "tsdl.js");
  const out = path.join(scratch, "submitted");
  const collected = execFileSync(process.execPath, [tsdl, "collect", dropDir, "--out", out], { encoding: "utf8" });
  const file = path.join(out, student.name, "hw1.ipynb");
  check("the instructor collects the submission from the drop folder as STUDENT/NAME.ipynb", fs.existsSync(file), collected.trim().split("\n").pop());
  const grades = path.join(scratch, "grades");
  const graded = await execFileAsync(process.execPath, [tsdl, "grade", source, file, "--by-folder", "--out", grades, "--jobs", "1"]).catch((e) => e);
  if (!check("tsdl grade ran", !(graded instanceof Error), graded.stderr?.trim() ?? graded.message)) return;
  const [header, ...rows] = fs.readFileSync(path.join(grades, "gradebook.csv"), "utf8").trim().split("\n").map((line) => line.split(","));
  const row = Object.fromEntries(header.map((column, i) => [column, rows.find((r) => r[0] === student.name)?.[i]]));
  check("tsdl grade --by-folder grades it from there, hidden test included: full points", row.status === "ok" && row.total === "2" && row.max === "2", `${header.join(",")} / ${Object.values(row).join(",")}`);
}

function report(seats, figures, culling) {
  console.log("\nstudent        server ready  kernel ready  result (s after login)  accuracy  kernel RSS  (peak)   PSS   kernel CPU  server RSS");
  seats.forEach((seat, i) => {
    const k = figures.kernels[i];
    const s = figures.servers[i];
    const seconds = [seat.serverReady, seat.kernelReady, seat.seconds].map((t) => `${t.toFixed(1).padStart(8)} s`).join("    ");
    console.log(`${seat.student.name.padEnd(14)} ${seconds}          ${seat.accuracy.toFixed(3).padStart(5)}  ${mb(k.rss).padStart(9)}  ${mb(k.hwm).padStart(7)}  ${mb(k.pss).padStart(7)}  ${k.cpu.toFixed(1).padStart(7)} s  ${mb(s.rss).padStart(9)}`);
  });
  const perStudentRss = sum(figures.kernels.map((k) => k.rss)) / seats.length + sum(figures.servers.map((s) => s.rss)) / seats.length;
  const perStudentPss = sum(figures.kernels.map((k) => k.pss)) / seats.length + sum(figures.servers.map((s) => s.pss)) / seats.length;
  const fixed = figures.hub.rss + (figures.proxy?.rss ?? 0);
  const summary = {
    students: seats.length,
    succeeded: seats.filter((s) => s.accuracy > 0.8).length,
    loginToResultSeconds: spread(seats.map((s) => s.seconds)),
    serverReadySeconds: spread(seats.map((s) => s.serverReady)),
    kernelStartSeconds: spread(seats.map((s) => s.kernelStart)),
    loadAverageAtStart: loadAtStart,
    kernelsRssMb: sum(figures.kernels.map((k) => k.rss)),
    kernelRssMb: { median: median(figures.kernels.map((k) => k.rss)), max: Math.max(...figures.kernels.map((k) => k.rss)) },
    kernelPeakRssMb: Math.max(...figures.kernels.map((k) => k.hwm)),
    kernelPssMb: median(figures.kernels.map((k) => k.pss)),
    kernelDataMb: Math.max(...figures.kernels.map((k) => k.data)),
    kernelCpuSeconds: { median: median(figures.kernels.map((k) => k.cpu)), max: Math.max(...figures.kernels.map((k) => k.cpu)) },
    serverRssMb: median(figures.servers.map((s) => s.rss)),
    hubRssMb: figures.hub.rss,
    proxyRssMb: figures.proxy?.rss,
    perStudentRssMb: perStudentRss,
    perStudentPssMb: perStudentPss,
    culledAfterSeconds: culling && { min: Math.min(...culling.goneAfter), max: Math.max(...culling.goneAfter), timeout: KERNEL_IDLE_S },
  };
  console.log(`\nall kernels ${mb(summary.kernelsRssMb)} RSS; per kernel median ${mb(summary.kernelRssMb.median)} RSS (max ${mb(summary.kernelRssMb.max)}, peak ${mb(summary.kernelPeakRssMb)}), ${mb(summary.kernelPssMb)} PSS; data segment max ${mb(summary.kernelDataMb)}`);
  console.log(`kernel CPU time up to the first result: median ${summary.kernelCpuSeconds.median.toFixed(1)} s, max ${summary.kernelCpuSeconds.max.toFixed(1)} s (a class starting a cell together shares the cores)`);
  console.log(`single-user server median ${mb(summary.serverRssMb)} RSS; hub ${mb(figures.hub.rss)}; proxy ${figures.proxy ? mb(figures.proxy.rss) : "not found"}`);
  console.log(`per student (kernel + server): ${mb(perStudentRss)} RSS, ${mb(perStudentPss)} PSS; hub + proxy ${mb(fixed)}`);
  const range = ({ median: m, min, max }) => `median ${m.toFixed(1)} s, ${min.toFixed(1)}-${max.toFixed(1)} s`;
  console.log(`server ready after login: ${range(summary.serverReadySeconds)}; kernel start (POST /api/sessions to the first kernel_info reply over the websocket): ${range(summary.kernelStartSeconds)}`);
  console.log(`login -> first result: median ${summary.loginToResultSeconds.median.toFixed(1)} s, max ${summary.loginToResultSeconds.max.toFixed(1)} s (${seats.length} students at once on ${os.cpus().length} cores; load average at start ${loadAtStart.toFixed(1)})`);
  return summary;
}

/** The hub, proxy, servers and kernels are gone; nothing runs as a test user. */
function leftovers(hubPid, students) {
  const uids = new Set(students.map((s) => s.uid));
  return system.processes().filter((p) => uids.has(p.uid) || p.pid === hubPid || p.ppid === hubPid);
}

async function main() {
  checkPrerequisites();
  const scratch = scratchFolder();
  log(`installing tsdl system-wide into ${scratch}/prefix (the README's layout)`);
  const install = system.installSystemWide(ROOT, path.join(scratch, "prefix"));
  const source = releaseHomework(scratch, install);
  const students = createStudents(path.join(scratch, "home"));
  log(`created ${students.length} Unix users (${students.map((s) => s.name).join(", ")}); starting JupyterHub`);
  const { hub, base, admin, logFile } = await startHub(scratch, install);
  const dropDir = path.join(scratch, "course", "submissions");
  log(`hub at ${base} (pid ${hub.pid}, log ${logFile})`);
  await admin.api("POST", "/users", { usernames: students.map((s) => s.name) });

  const probes = makeProbes(students, install, source);
  const settled = await Promise.allSettled(students.map((student) => attend(student, base, probes)));
  const seats = settled.filter((s) => s.status === "fulfilled").map((s) => s.value);
  settled.filter((s) => s.status === "rejected").forEach((s) => log(`a student failed: ${s.reason.stack ?? s.reason}`));
  check(`all ${STUDENTS} students trained a model over their server's kernel websocket`, seats.length === STUDENTS && seats.every((s) => s.accuracy > 0.8), seats.map((s) => s.accuracy.toFixed(3)).join(" "));
  if (seats.length === 0) return;
  submissionIsPrivate(dropDir, students[0], students[1]);
  const copies = students.filter((s) => fs.existsSync(path.join(s.home, ".cache", "tsdl", "mnist")));
  check("MNIST comes from the shared install: no student has a copy in ~/.cache/tsdl", copies.length === 0, copies.map((s) => s.name).join(" "));

  const figures = await measure(seats, hub);
  check("every kernel runs with the configured data-segment limit", figures.kernels.every((k) => k.limit === String(4 * 2 ** 30)), figures.kernels[0].limit);
  log("releasing every kernel at once; waiting for the culler");
  const culling = await cullingCheck(seats);
  check(
    `idle kernels (websockets still open) are culled after the ${KERNEL_IDLE_S} s timeout, processes gone`,
    culling.goneAfter.every((s) => s >= KERNEL_IDLE_S),
    `gone after ${Math.min(...culling.goneAfter).toFixed(1)}-${Math.max(...culling.goneAfter).toFixed(1)} s; MemAvailable +${mb(culling.freedMb)}`,
  );
  const summary = report(seats, figures, culling);
  await Promise.all(seats.map((seat) => seat.channel.close()));

  log("tsdl init at a server restart, after the student edited a notebook and the course changed; meanwhile the instructor collects and grades");
  const grading = collectAndGrade(dropDir, scratch, students[0], install, source);
  await initSurvival(seats[0], admin, install);
  await grading;
  log("graded");
  if (SERVER_IDLE_S !== undefined) {
    log(`waiting for the idle servers to stop themselves (${SERVER_IDLE_S} s without activity)`);
    await idleServersStop(students, admin);
  }

  log("stopping the hub");
  await stopHub(hub);
  log("hub stopped");
  const remaining = await system.waitFor("the hub's processes to exit", () => {
    const left = leftovers(hub.pid, students);
    return left.length === 0 ? [] : undefined;
  }, 30_000).catch(() => leftovers(hub.pid, students));
  check("nothing the hub started is still running", remaining.length === 0, remaining.map((p) => `${p.pid} ${p.cmdline.slice(0, 60)}`).join("; "));
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ ...summary, figures, culling, seconds: (Date.now() - started) / 1000 }, null, 2));
}

async function cleanUp() {
  for (const [what, cleanup] of cleanups.reverse()) {
    const t0 = performance.now();
    try {
      await cleanup();
    } catch (e) {
      console.error(`cleanup, ${what}: ${e.message}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (seconds > 2) log(`${what} took ${seconds.toFixed(1)} s`);
  }
}

process.on("SIGINT", () => cleanUp().then(() => process.exit(130)));
process.on("SIGTERM", () => cleanUp().then(() => process.exit(143)));

main()
  .catch((e) => check("the run completed", false, e.stack ?? String(e)))
  .finally(async () => {
    await cleanUp();
    const users = createdUsers.filter(system.userExists);
    check("every Unix user the test created is removed", users.length === 0, users.join(" "));
    const failed = results.filter((r) => !r.ok).length;
    console.log(`\n${results.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
