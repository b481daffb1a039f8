/**
 * jslink: keeps two widgets' traits equal in the frontend, without a round trip through the
 * kernel (ipywidgets' LinkModel). Works while no cell runs and even with the kernel busy.
 */
import { snakeCase } from "./serialize";
import { controlsHeader, defineTraits } from "./traits";
import { Widget, WireState } from "./widget";

const LINK: WireState = { ...controlsHeader("Link"), _view_name: null, source: [], target: [] };

/** A widget and the name (TypeScript style) of one of its traits. */
export type TraitRef = readonly [Widget, string];

function reference([widget, name]: TraitRef): [Widget, string] {
  const wire = snakeCase(name);
  if (!(wire in widget.wireState())) throw new Error(`${widget.constructor.name} has no trait ${name}`);
  return [widget, wire];
}

export interface Link {
  readonly source: [Widget, string];
  readonly target: [Widget, string];
}
export class Link extends Widget {
  constructor(source: TraitRef, target: TraitRef) {
    super(LINK, { source: reference(source), target: reference(target) });
  }

  /** Stops linking (closes the link model). */
  unlink(): void {
    this.close();
  }

  protected referenceTraits(): readonly string[] {
    return ["source", "target"];
  }
}
defineTraits(Link, ["source", "target"]);

/** Links `source`'s trait to `target`'s in the frontend: `jslink([play, "value"], [slider, "value"])`. */
export function jslink(source: TraitRef, target: TraitRef): Link {
  return new Link(source, target);
}
