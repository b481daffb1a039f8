/** Containers: HBox and VBox lay their children out in a row or column; Tab shows one per tab. */
import { DOMWidget, DOMWidgetOptions } from "./dom";
import { controlsHeader, defineTraits } from "./traits";
import { Widget, WireState } from "./widget";

export type BoxStyle = "success" | "info" | "warning" | "danger" | "";

export interface BoxOptions extends DOMWidgetOptions {
  boxStyle?: BoxStyle;
}

const boxDefaults = (name: string): WireState => ({ ...controlsHeader(name), children: [], box_style: "" });
const BOX = boxDefaults("Box");
const HBOX = boxDefaults("HBox");
/** VBoxModel's defaults (interact's container is one). */
export const VBOX = boxDefaults("VBox");
const TAB: WireState = { ...boxDefaults("Tab"), titles: [], selected_index: null };

function checkChildren(children: unknown): Widget[] {
  if (!Array.isArray(children) || !children.every((c) => c instanceof Widget)) throw new TypeError("children must be an array of widgets");
  return children;
}

export interface Container {
  children: Widget[];
  boxStyle: BoxStyle;
}
/** What every container shares: children (widget references on the wire) and a box style. */
export abstract class Container extends DOMWidget {
  protected constructor(defaults: WireState, children: Widget[], options: BoxOptions, internal: WireState = {}) {
    super(defaults, { ...options, children: checkChildren(children) } as BoxOptions, undefined, internal);
  }

  protected referenceTraits(): readonly string[] {
    return [...super.referenceTraits(), "children"];
  }

  protected validate(name: string, value: unknown): unknown {
    return name === "children" ? checkChildren(value) : super.validate(name, value);
  }
}
defineTraits(Container, ["children", "box_style"]);

export class Box extends Container {
  constructor(children: Widget[] = [], options: BoxOptions = {}) {
    super(BOX, children, options);
  }
}

/** Children side by side. */
export class HBox extends Container {
  constructor(children: Widget[] = [], options: BoxOptions = {}) {
    super(HBOX, children, options);
  }
}

/** Children one below the other. */
export class VBox extends Container {
  constructor(children: Widget[] = [], options: BoxOptions = {}) {
    super(VBOX, children, options);
  }
}

export interface TabOptions extends BoxOptions {
  titles?: string[];
  selectedIndex?: number | null;
}
export interface Tab {
  titles: string[];
  selectedIndex: number | null;
}
/** One child per tab; the first is selected when there are children (as ipywidgets 8). */
export class Tab extends Container {
  constructor(children: Widget[] = [], options: TabOptions = {}) {
    const { titles = [], selectedIndex = children.length > 0 ? 0 : null, ...rest } = options;
    super(TAB, children, { ...rest, titles: padTitles(titles, children.length), selectedIndex } as BoxOptions);
    this.observe(() => this.reconcile(), "children");
  }

  protected validate(name: string, value: unknown): unknown {
    if (name === "titles") return padTitles(value as string[], this.children.length);
    if (name === "selected_index" && value !== null && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) < this.children.length)) {
      throw new RangeError(`invalid selection: tab ${JSON.stringify(value)} is out of bounds`);
    }
    return super.validate(name, value);
  }

  /** After children change: titles padded to match, a selection past the end dropped. */
  private reconcile(): void {
    const selected = this.selectedIndex;
    if (selected !== null && selected >= this.children.length) this.selectedIndex = null;
    this.titles = this.titles;
  }

  setTitle(index: number, title: string): void {
    const titles = [...this.titles];
    titles[index] = title;
    this.titles = titles;
  }
}
defineTraits(Tab, ["titles", "selected_index"]);

function padTitles(titles: string[], length: number): string[] {
  return Array.from({ length }, (_, i) => String(titles[i] ?? ""));
}
