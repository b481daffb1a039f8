/**
 * Comm targets (ipywidgets-style messaging). Targets register a handler; messages for unknown
 * targets or comm ids are answered as ipykernel does (comm_close) and logged.
 */
export interface Comm {
  readonly id: string;
  readonly targetName: string;
  send(data: Record<string, unknown>): void;
  close(data?: Record<string, unknown>): void;
}

export interface CommHandler {
  onOpen(comm: Comm, data: Record<string, unknown>): void;
  onMessage?(comm: Comm, data: Record<string, unknown>): void;
  onClose?(comm: Comm, data: Record<string, unknown>): void;
}

export class CommRegistry {
  private readonly targets = new Map<string, CommHandler>();
  private readonly open = new Map<string, { comm: Comm; handler: CommHandler }>();

  registerTarget(name: string, handler: CommHandler): void {
    this.targets.set(name, handler);
  }

  has(targetName: string): boolean {
    return this.targets.has(targetName);
  }

  /** Returns false when no target of that name exists. */
  opened(comm: Comm, data: Record<string, unknown>): boolean {
    const handler = this.targets.get(comm.targetName);
    if (!handler) return false;
    this.open.set(comm.id, { comm, handler });
    handler.onOpen(comm, data);
    return true;
  }

  message(commId: string, data: Record<string, unknown>): boolean {
    const entry = this.open.get(commId);
    entry?.handler.onMessage?.(entry.comm, data);
    return entry !== undefined;
  }

  closed(commId: string, data: Record<string, unknown>): void {
    const entry = this.open.get(commId);
    this.open.delete(commId);
    entry?.handler.onClose?.(entry.comm, data);
  }

  list(targetName?: string): Record<string, { target_name: string }> {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, { comm }] of this.open) {
      if (!targetName || comm.targetName === targetName) comms[id] = { target_name: comm.targetName };
    }
    return comms;
  }
}
