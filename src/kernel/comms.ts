/**
 * Comms (Jupyter's custom messages, what ipywidgets is built on): the targets a language
 * registered and every open comm, whichever side opened it. The registry routes and never looks
 * inside a message. Messages for an unknown target are answered as ipykernel does (comm_close);
 * messages for an unknown comm id are dropped and logged.
 */
import { randomUUID } from "node:crypto";
import type { Comm, CommPayload, CommTargetHandler, KernelComms, KernelIO } from "./language";

export type CommMessageType = "comm_open" | "comm_msg" | "comm_close";

/** Sends one comm message on iopub (content without buffers; buffers beside it). */
export type CommPublisher = (msgType: CommMessageType, content: Record<string, unknown>, payload: CommPayload) => void;

export class CommRegistry implements KernelComms {
  private readonly targets = new Map<string, CommTargetHandler>();
  private readonly comms = new Map<string, OpenComm>();

  constructor(private readonly publish: CommPublisher) {}

  registerTarget(name: string, handler: CommTargetHandler): void {
    this.targets.set(name, handler);
  }

  unregisterTarget(name: string): void {
    this.targets.delete(name);
  }

  has(targetName: string): boolean {
    return this.targets.has(targetName);
  }

  open(targetName: string, payload: CommPayload = {}, commId: string = randomUUID()): Comm {
    if (this.comms.has(commId)) throw new Error(`a comm with id ${commId} is already open`);
    const comm = this.track(new OpenComm(commId, targetName, this));
    this.publish("comm_open", { comm_id: commId, target_name: targetName, data: payload.data ?? {} }, payload);
    return comm;
  }

  /** A frontend comm_open. Returns false when no target of that name exists (the caller closes it). */
  opened(commId: string, targetName: string, payload: CommPayload, io: KernelIO): boolean {
    const handler = this.targets.get(targetName);
    if (!handler) return false;
    const comm = this.track(new OpenComm(commId, targetName, this));
    handler(comm, payload, io);
    return true;
  }

  /** A frontend comm_msg. Returns false when no such comm is open. */
  message(commId: string, payload: CommPayload, io: KernelIO): boolean {
    const comm = this.comms.get(commId);
    comm?.onMessage?.(payload, io);
    return comm !== undefined;
  }

  /** A frontend comm_close. Returns false when no such comm was open. */
  closed(commId: string, payload: CommPayload, io: KernelIO): boolean {
    const comm = this.comms.get(commId);
    if (!comm) return false;
    this.forget(comm);
    comm.onClose?.(payload, io);
    return true;
  }

  /** comm_info_reply's `comms`: every open comm, or those of one target. */
  list(targetName?: string): Record<string, { target_name: string }> {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, comm] of this.comms) {
      if (!targetName || comm.targetName === targetName) comms[id] = { target_name: comm.targetName };
    }
    return comms;
  }

  /** Sends a message on an open comm; used by OpenComm. */
  send(comm: OpenComm, msgType: "comm_msg" | "comm_close", payload: CommPayload): void {
    if (comm.closed) throw new Error(`comm ${comm.id} (${comm.targetName}) is closed`);
    if (msgType === "comm_close") this.forget(comm);
    this.publish(msgType, { comm_id: comm.id, data: payload.data ?? {} }, payload);
  }

  private track(comm: OpenComm): OpenComm {
    this.comms.set(comm.id, comm);
    return comm;
  }

  private forget(comm: OpenComm): void {
    this.comms.delete(comm.id);
    comm.closed = true;
  }
}

class OpenComm implements Comm {
  closed = false;
  onMessage: Comm["onMessage"] = null;
  onClose: Comm["onClose"] = null;

  constructor(readonly id: string, readonly targetName: string, private readonly registry: CommRegistry) {}

  send(payload: CommPayload): void {
    this.registry.send(this, "comm_msg", payload);
  }

  close(payload: CommPayload = {}): void {
    this.registry.send(this, "comm_close", payload);
  }
}
