/**
 * A student's browser, reduced to what JupyterLab does over HTTP: log in to the hub with the login
 * form, start the server and follow its progress, pass the OAuth hand-off to the single-user
 * server, then use the Jupyter Server REST API (cookie + _xsrf) and a kernel's websocket.
 * Also the admin's REST client (token).
 */
"use strict";
const { randomUUID } = require("node:crypto");
const WebSocket = require("ws");

const HTTP_TIMEOUT_MS = 180_000;

/** Cookies by (path, name), sent to requests under their path, as a browser does. */
class CookieJar {
  constructor() {
    this.cookies = new Map();
  }
  store(response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";").map((s) => s.trim());
      const at = pair.indexOf("=");
      const pathAttribute = attributes.find((a) => a.toLowerCase().startsWith("path="));
      const path = pathAttribute ? pathAttribute.slice(5) : "/";
      this.cookies.set(`${path}\0${pair.slice(0, at)}`, { path, name: pair.slice(0, at), value: pair.slice(at + 1) });
    }
  }
  header(url) {
    const { pathname } = new URL(url);
    const matching = [...this.cookies.values()].filter((c) => pathname.startsWith(c.path)).sort((a, b) => b.path.length - a.path.length);
    return matching.map((c) => `${c.name}=${c.value}`).join("; ");
  }
  value(name, url) {
    const { pathname } = new URL(url);
    const matching = [...this.cookies.values()].filter((c) => c.name === name && pathname.startsWith(c.path));
    return matching.sort((a, b) => b.path.length - a.path.length)[0]?.value;
  }
}

async function expectOk(response, what) {
  if (response.ok) return response;
  throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
}

class Admin {
  constructor(base, token) {
    this.base = base;
    this.token = token;
  }
  async api(method, path, body) {
    const response = await fetch(`${this.base}/hub/api${path}`, {
      method,
      headers: { Authorization: `token ${this.token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    await expectOk(response, `${method} /hub/api${path}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }
  /** Stops a student's server and waits until the hub says it has stopped. */
  async stopServer(name) {
    await this.api("DELETE", `/users/${name}/server`);
    for (;;) {
      const user = await this.api("GET", `/users/${name}`);
      if (!user.server && !user.pending) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

class Student {
  constructor(base, name) {
    this.base = base;
    this.name = name;
    this.jar = new CookieJar();
    this.userUrl = `${base}/user/${name}`;
  }

  async request(url, options = {}) {
    const headers = { Cookie: this.jar.header(url), ...options.headers };
    const response = await fetch(url, { redirect: "manual", ...options, headers, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
    this.jar.store(response);
    return response;
  }

  /** GET, following redirects by hand so every hop's cookies are kept. */
  async follow(url) {
    for (let hops = 0; hops < 20; hops++) {
      const response = await this.request(url);
      if (response.status < 300 || response.status >= 400) return expectOk(response, `GET ${url}`);
      await response.arrayBuffer();
      url = new URL(response.headers.get("location"), url).toString();
    }
    throw new Error(`too many redirects from ${url}`);
  }

  async logIn(password = "any") {
    const body = new URLSearchParams({ username: this.name, password });
    const response = await this.request(`${this.base}/hub/login?next=`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    if (response.status !== 302 || !this.jar.value("jupyterhub-hub-login", `${this.base}/hub/`)) throw new Error(`login of ${this.name} failed: HTTP ${response.status}`);
    await response.arrayBuffer();
  }

  /** As the hub's spawn page: request the server, read its progress events until ready. */
  async startServer() {
    const spawn = await this.request(`${this.base}/hub/spawn/${this.name}`);
    await spawn.arrayBuffer();
    const progressUrl = `${this.base}/hub/api/users/${this.name}/server/progress`;
    const response = await this.request(progressUrl, { headers: { Referer: `${this.base}/hub/spawn-pending/${this.name}` } });
    await expectOk(response, "server progress");
    let last;
    const decoder = new TextDecoder();
    let buffered = "";
    for await (const chunk of response.body) {
      buffered += decoder.decode(chunk, { stream: true });
      for (let end = buffered.indexOf("\n\n"); end >= 0; end = buffered.indexOf("\n\n")) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = event.split("\n").find((l) => l.startsWith("data:"));
        if (!data) continue;
        last = JSON.parse(data.slice(5));
        if (last.ready) return;
        if (last.failed) throw new Error(`server of ${this.name} failed to start: ${last.message}`);
      }
    }
    throw new Error(`progress of ${this.name}'s server ended without ready: ${JSON.stringify(last)}`);
  }

  /** Opens the notebook page: the OAuth hand-off gives the server's cookie, the page its _xsrf. */
  async openTree() {
    await (await this.follow(`${this.userUrl}/tree`)).text();
    this.xsrf = this.jar.value("_xsrf", `${this.userUrl}/`);
    if (!this.xsrf) throw new Error(`no _xsrf cookie from ${this.name}'s server`);
  }

  async api(method, path, body) {
    const response = await this.request(`${this.userUrl}/api${path}`, {
      method,
      headers: { "X-XSRFToken": this.xsrf, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await expectOk(response, `${method} ${this.name} /api${path}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }

  /** As JupyterLab opening a notebook: a session whose kernel starts in the notebook's folder. */
  async startKernel(notebookPath, kernelName = "tsdl") {
    const session = await this.api("POST", "/sessions", { path: notebookPath, type: "notebook", name: "", kernel: { name: kernelName } });
    const channel = new KernelChannel(`${this.userUrl.replace(/^http/, "ws")}/api/kernels/${session.kernel.id}/channels?session_id=${randomUUID()}`, this.jar);
    await channel.open();
    return { kernelId: session.kernel.id, channel };
  }
}

/** One kernel's websocket in Jupyter's JSON framing (what JupyterLab speaks by default). */
class KernelChannel {
  constructor(url, jar) {
    this.url = url;
    this.jar = jar;
    this.session = randomUUID();
    this.waiting = new Map();
  }

  open() {
    this.socket = new WebSocket(this.url, { headers: { Cookie: this.jar.header(this.url.replace(/^ws/, "http")) } });
    this.socket.on("message", (data) => this.dispatch(JSON.parse(data.toString())));
    this.closed = new Promise((resolve) => this.socket.on("close", resolve));
    return new Promise((resolve, reject) => {
      this.socket.once("open", resolve);
      this.socket.once("error", reject);
    });
  }

  dispatch(message) {
    const handler = this.waiting.get(message.parent_header?.msg_id);
    if (handler) handler(message);
  }

  send(channel, msgType, content) {
    const msgId = randomUUID();
    const header = { msg_id: msgId, msg_type: msgType, username: "", session: this.session, date: new Date().toISOString(), version: "5.3" };
    this.socket.send(JSON.stringify({ channel, header, parent_header: {}, metadata: {}, content, buffers: [] }));
    return msgId;
  }

  /** kernel_info until answered: the first request may arrive while the kernel still starts. */
  async ready(timeoutMs = HTTP_TIMEOUT_MS) {
    const msgId = this.send("shell", "kernel_info_request", {});
    return this.reply(msgId, "kernel_info_reply", timeoutMs);
  }

  reply(msgId, type, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiting.set(msgId, (message) => {
        if (message.header.msg_type !== type) return;
        clearTimeout(timer);
        this.waiting.delete(msgId);
        resolve(message);
      });
    });
  }

  /** Runs a cell; resolves with its text/plain result, stdout/stderr, error, reply status and every message. */
  async execute(code, timeoutMs = HTTP_TIMEOUT_MS) {
    const msgId = this.send("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const messages = await this.collect(msgId, "execute_reply", timeoutMs, `cell ${code.slice(0, 60)}`);
    const outcome = { status: undefined, result: undefined, stdout: "", stderr: "", error: undefined, messages };
    for (const { header, content } of messages) {
      if (header.msg_type === "execute_result") outcome.result = content.data["text/plain"];
      else if (header.msg_type === "stream") outcome[content.name] += content.text;
      else if (header.msg_type === "error") outcome.error = `${content.ename}: ${content.evalue}`;
      else if (header.msg_type === "execute_reply") outcome.status = content.status;
    }
    return outcome;
  }

  /** As a widget frontend does when the user moves a control: an update of the model's state. */
  updateWidget(commId, state, timeoutMs = HTTP_TIMEOUT_MS) {
    const msgId = this.send("shell", "comm_msg", { comm_id: commId, data: { method: "update", state, buffer_paths: [] } });
    return this.collect(msgId, undefined, timeoutMs, `the update of widget ${commId}`);
  }

  /** Every message answering `msgId` until the kernel is idle again (and its reply, if one is due). */
  collect(msgId, replyType, timeoutMs, what) {
    const messages = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${timeoutMs / 1000} s`)), timeoutMs);
      let idle = false;
      this.waiting.set(msgId, (message) => {
        messages.push(message);
        if (message.header.msg_type === "status" && message.content.execution_state === "idle") idle = true;
        if (!idle || (replyType && !messages.some((m) => m.header.msg_type === replyType))) return;
        clearTimeout(timer);
        this.waiting.delete(msgId);
        resolve(messages);
      });
    });
  }

  close() {
    this.socket.close();
    return this.closed;
  }
}

module.exports = { Admin, Student };
