/**
 * The kernel listens only where its connection file says (127.0.0.1, never all interfaces), and
 * the connection file, which holds the signing key, is private to the user and gone after shutdown.
 * A cell that exits the process ends it with its own exit code.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { RunningKernel } from "../../src/client/launch";
import type { ConnectionInfo } from "../../src/kernel/connection";
import { startKernel } from "./helpers";

let kernel: RunningKernel;
beforeAll(async () => {
  kernel = await startKernel();
}, 120_000);
afterAll(() => kernel?.shutdown());

const TCP_LISTEN = "0A";

interface Listener {
  address: string;
  port: number;
}

/**
 * Listening TCP sockets from /proc/net/tcp and tcp6 (ss may be absent). Addresses are hex in
 * host byte order: 0100007F is 127.0.0.1, 00000000 is 0.0.0.0. The tables are per network
 * namespace, so they list every process's sockets, which is what "bound anywhere else" needs.
 */
function listeners(): Listener[] {
  const rows: Listener[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== TCP_LISTEN) continue;
      const [address, port] = fields[1].split(":");
      rows.push({ address, port: parseInt(port, 16) });
    }
  }
  return rows;
}

const portsOf = (info: ConnectionInfo) => [info.shell_port, info.iopub_port, info.stdin_port, info.control_port, info.hb_port];

test("the five ports listen on 127.0.0.1 only, not on 0.0.0.0 or ::", () => {
  expect(kernel.info.ip).toBe("127.0.0.1");
  const all = listeners();
  for (const port of portsOf(kernel.info)) {
    const bound = all.filter((l) => l.port === port).map((l) => l.address);
    expect({ port, bound }).toEqual({ port, bound: ["0100007F"] });
  }
});

test("the connection file is mode 0600 and holds the key the kernel signs with", () => {
  const mode = statSync(kernel.connectionFile).mode & 0o777;
  expect(mode.toString(8)).toBe("600");
  const written = JSON.parse(readFileSync(kernel.connectionFile, "utf8")) as ConnectionInfo;
  expect(written).toMatchObject({ ip: "127.0.0.1", key: kernel.info.key, signature_scheme: "hmac-sha256" });
  expect(written.key.length).toBeGreaterThanOrEqual(32);
});

test("after shutdown the connection file is removed and the ports are closed", async () => {
  const file = kernel.connectionFile;
  await kernel.shutdown(30_000);
  await expect(kernel.exited).resolves.toBe(0);
  // launchKernel removes the file when the process exit event fires; give that callback a turn.
  await new Promise((r) => setTimeout(r, 200));
  expect(existsSync(file)).toBe(false);
  const open = listeners().filter((l) => portsOf(kernel.info).includes(l.port));
  expect(open).toEqual([]);
}, 60_000);

test("a cell that calls process.exit(3) ends the kernel with code 3 (not an abort) and frees its ports", async () => {
  const exiting = await startKernel();
  try {
    await exiting.client.execute("const kept = 1;", { timeoutMs: 60_000 });
    void exiting.client.execute("process.exit(3)", { timeoutMs: 60_000 }).catch(() => undefined);
    await expect(exiting.exited).resolves.toBe(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(listeners().filter((l) => portsOf(exiting.info).includes(l.port))).toEqual([]);
  } finally {
    exiting.client.close();
  }
}, 120_000);
