/*
 * Jupyter Server 1.x (Debian's) has no event bus (/api/events, added in 2.0), and JupyterLab's
 * event manager would retry its websocket forever. Nothing on this page listens to server events,
 * so an event manager that never connects stands in for it.
 */
import { Signal } from "@lumino/signaling";

export class NoServerEvents {
  constructor(serverSettings) {
    this.serverSettings = serverSettings;
    this.stream = new Signal(this);
    this.isDisposed = false;
  }

  async emit() {
    throw new Error("this Jupyter Server has no event bus (/api/events needs jupyter_server 2)");
  }

  dispose() {
    this.isDisposed = true;
    Signal.clearData(this);
  }
}
