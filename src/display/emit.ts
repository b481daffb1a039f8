/** Publishes one MIME bundle through the current sink: what display() and the renderers share. */
import { DisplayOptions, MimeBundle, displaySink } from "./protocol";

export function emit(data: MimeBundle, options: DisplayOptions = {}): void {
  const { displayId, update, metadata } = options;
  if (update && !displayId) throw new Error("display: `update: true` needs the `displayId` of the output to replace");
  displaySink().display({ data, metadata }, { displayId, update });
}
