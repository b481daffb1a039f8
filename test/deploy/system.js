/**
 * What the hub test needs from the machine: Unix users it creates and removes, the process table
 * (/proc), memory figures, and a system-wide tsdl install in a folder every user can read.
 */
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/** Homes are created 0700, as Debian's adduser does (useradd alone would give 0755 here). */
function createUser(name, homeBase) {
  execFileSync("useradd", ["--create-home", "--base-dir", homeBase, "-K", "HOME_MODE=0700", "--shell", "/bin/sh", name]);
  const id = (flag) => Number(execFileSync("id", [flag, name], { encoding: "utf8" }).trim());
  return { name, uid: id("-u"), gid: id("-g"), home: path.join(homeBase, name) };
}

function removeUser(name) {
  execFileSync("userdel", ["--remove", name], { stdio: ["ignore", "ignore", "pipe"] });
}

function userExists(name) {
  try {
    execFileSync("id", ["-u", name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Every process: pid, ppid, uid, command line. */
function processes() {
  const out = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      out.push({ pid: Number(entry), ppid: Number(field(status, "PPid")), uid: Number(field(status, "Uid").split(/\s+/)[0]), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function field(status, name) {
  const line = status.split("\n").find((l) => l.startsWith(`${name}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}

function alive(pid) {
  try {
    const state = field(fs.readFileSync(`/proc/${pid}/status`, "utf8"), "State");
    return !state.startsWith("Z");
  } catch {
    return false;
  }
}

/** Resident (now and peak) and proportional (shared pages split among their users) set sizes and the data segment, in MB; CPU seconds. */
function memory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = (text) => Number(text.replace(/kB$/, "").trim());
    const pss = rollup.split("\n").find((l) => l.startsWith("Pss:"));
    return { rss: kb(field(status, "VmRSS")) / 1024, hwm: kb(field(status, "VmHWM")) / 1024, pss: kb(pss.slice(4)) / 1024, data: kb(field(status, "VmData")) / 1024, cpu: cpuSeconds(pid) };
  } catch {
    return undefined;
  }
}

/** User + system CPU time the process has used (all its threads), in seconds. */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

function dataLimit(pid) {
  const line = fs.readFileSync(`/proc/${pid}/limits`, "utf8").split("\n").find((l) => l.startsWith("Max data size"));
  return line.split(/\s{2,}/)[1];
}

function memAvailableMb() {
  return Number(field(fs.readFileSync("/proc/meminfo", "utf8"), "MemAvailable").replace(/kB$/, "")) / 1024;
}

/** Polls a condition (no event exists for "that pid exited" or "the server forgot that kernel"). */
async function waitFor(what, condition, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * The system-wide install the README documents, into `prefix` instead of /opt + /usr/local:
 * the built package (what `npm ci` leaves in /opt/tsdl) at PREFIX/lib/tsdl, owned by root and
 * readable by all; `tsdl install --prefix PREFIX` for the kernelspec; PREFIX/bin/tsdl. The
 * package's files are hard links to the checkout's (same filesystem; else copies): its 600 MB of
 * node_modules cost no copying, and the checkout may sit under a folder students cannot enter.
 */
function installSystemWide(repo, prefix) {
  const lib = path.join(prefix, "lib", "tsdl");
  fs.mkdirSync(lib, { recursive: true });
  const parts = ["package.json", "bin", "dist", "kernel", "notebooks", "data", "node_modules"].map((p) => path.join(repo, p));
  try {
    execFileSync("cp", ["-al", ...parts, lib], { stdio: ["ignore", "ignore", "pipe"] });
  } catch {
    fs.rmSync(lib, { recursive: true, force: true });
    fs.mkdirSync(lib, { recursive: true });
    execFileSync("cp", ["-a", ...parts, lib]);
  }
  // Only what students could not read is changed (a checkout made with umask 077): normally nothing.
  execFileSync("find", [prefix, "(", "!", "-perm", "-o=r", "-o", "-type", "d", "!", "-perm", "-o=x", ")", "-exec", "chmod", "o+rX", "{}", "+"]);
  execFileSync(process.execPath, [path.join(lib, "bin", "tsdl.js"), "install", "--prefix", prefix], { stdio: "ignore" });
  fs.mkdirSync(path.join(prefix, "bin"));
  fs.symlinkSync(path.join("..", "lib", "tsdl", "bin", "tsdl.js"), path.join(prefix, "bin", "tsdl"));
  execFileSync("chmod", ["-R", "a+rX", path.join(prefix, "share")]);
  return { lib, bin: path.join(prefix, "bin"), jupyterPath: path.join(prefix, "share", "jupyter") };
}

module.exports = { alive, createUser, dataLimit, installSystemWide, memAvailableMb, memory, processes, removeUser, userExists, waitFor };
