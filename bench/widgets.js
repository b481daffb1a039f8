/**
 * Widget round trip inside the kernel, over ZeroMQ with the project's client playing the widget
 * frontend: a slider's `update` from the frontend, to its `echo_update`, to the `update` an
 * observer sends for another widget (`label.value = ...`), to the kernel going idle. The reference,
 * measured alternately in the same run, is the kernel's fastest shell round trip
 * (kernel_info_request -> reply). Medians and ranges over N rounds; the browser's share (drawing,
 * websocket, Jupyter Server) is not in these numbers.
 * Usage: node bench/widgets.js [rounds=200]
 */
"use strict";
const { join } = require("node:path");
const { launchKernel } = require("../dist/client/launch");

const root = join(__dirname, "..");
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
const show = ({ median, min, max }) => `${median.toFixed(2)} ms (${min.toFixed(2)}-${max.toFixed(2)})`;

async function run(rounds = 200) {
  const kernel = await launchKernel({ cwd: root });
  const client = kernel.client;
  try {
    const cell = await client.execute(
      'const slider = new widgets.IntSlider({ max: 1000000 });\nconst label = new widgets.Label("");\nslider.observe((c) => { label.value = String(c.new); }, "value");\nslider',
      { timeoutMs: 120_000 },
    );
    const view = cell.outputs.find((m) => m.header.msg_type === "execute_result").content.data["application/vnd.jupyter.widget-view+json"];
    const echo = [];
    const observed = [];
    const idle = [];
    const reference = [];
    for (let i = 1; i <= rounds; i++) {
      // Alternate the reference and the widget round trip so both see the same machine load.
      let t0 = process.hrtime.bigint();
      await client.request("shell", "kernel_info_request", {});
      reference.push(ms(t0));
      t0 = process.hrtime.bigint();
      const seen = {};
      const stop = client.onIopub((m) => {
        if (m.header.msg_type !== "comm_msg") return;
        if (m.content.data.method === "echo_update" && !seen.echo) seen.echo = ms(t0);
        if (m.content.data.method === "update" && m.content.comm_id !== view.model_id && !seen.update) seen.update = ms(t0);
      });
      await client.notify("comm_msg", { comm_id: view.model_id, data: { method: "update", state: { value: i }, buffer_paths: [] } });
      idle.push(ms(t0));
      stop();
      echo.push(seen.echo);
      observed.push(seen.update);
    }
    const ref = stats(reference);
    console.log(`rounds: ${rounds}`);
    console.log(`reference kernel_info round trip: ${show(ref)}`);
    for (const [name, xs] of [["update -> echo_update", echo], ["update -> observer's update of another widget", observed], ["update -> idle", idle]]) {
      const s = stats(xs);
      console.log(`${name}: ${show(s)}  (${(s.median / ref.median).toFixed(2)}x the reference)`);
    }
  } finally {
    await kernel.shutdown();
  }
}

module.exports = { run };
if (require.main === module) run(Number(process.argv[2] ?? 200)).then(() => process.exit(0), (e) => (console.error(e), process.exit(1)));
