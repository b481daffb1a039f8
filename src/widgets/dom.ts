/**
 * Widgets with a view (ipywidgets' DOMWidget: layout, CSS classes, tooltip) and those with a
 * description label beside them (DescriptionWidget: description, style).
 */
import { Layout, LayoutOptions, Style, StyleName, StyleOptions } from "./layout";
import { defineTraits, wireOptions } from "./traits";
import { Widget, WireState } from "./widget";

export interface DOMWidgetOptions {
  layout?: Layout | LayoutOptions;
  tooltip?: string | null;
  tabbable?: boolean | null;
}

export interface DescriptionOptions extends DOMWidgetOptions {
  description?: string;
  descriptionAllowHtml?: boolean;
  style?: Style | StyleOptions;
}

const DOM_DEFAULTS: WireState = { _dom_classes: [], layout: null, tabbable: null, tooltip: null };
/** The traits every description widget adds to its model's own defaults. */
export const DESCRIPTION_DEFAULTS: WireState = { description: "", description_allow_html: false };

export interface DOMWidget {
  get layout(): Layout;
  /** A Layout, or an object of CSS properties for a new one. */
  set layout(value: Layout | LayoutOptions);
  tooltip: string | null;
  tabbable: boolean | null;
}
export abstract class DOMWidget extends Widget {
  /**
   * @param defaults the model's own defaults (the DOMWidget ones are added)
   * @param options constructor options in TypeScript style
   * @param styleName the style model this widget uses, if it has one
   * @param internal initial values of underscore traits computed by the subclass (`_options_labels`)
   */
  protected constructor(defaults: WireState, options: DOMWidgetOptions & { style?: Style | StyleOptions }, styleName?: StyleName, internal: WireState = {}) {
    const all = { ...DOM_DEFAULTS, ...(styleName ? { style: null } : {}), ...defaults };
    const { layout, style, ...rest } = options;
    // Layout and style exist before the widget, so the frontend can resolve their references.
    const initial: WireState = { ...wireOptions(new.target.name, all, rest), ...internal, layout: layout instanceof Layout ? layout : new Layout(layout) };
    if (styleName) initial.style = style instanceof Style ? style : new Style(styleName, style);
    super(all, initial);
  }

  protected referenceTraits(): readonly string[] {
    return ["layout", "style"];
  }

  /** A plain object given for `layout` or `style` becomes a new model, as ipywidgets' InstanceDict. */
  protected validate(name: string, value: unknown): unknown {
    if (name === "layout" && !(value instanceof Layout)) return new Layout(value as LayoutOptions);
    if (name === "style" && !(value instanceof Style)) return new Style(this.get<Style>("style").styleName, value as StyleOptions);
    return super.validate(name, value);
  }

  /** Adds a CSS class to the widget's views. */
  addClass(className: string): this {
    const classes = this.get<string[]>("_dom_classes");
    if (!classes.includes(className)) this.set("_dom_classes", [...classes, className]);
    return this;
  }

  removeClass(className: string): this {
    this.set("_dom_classes", this.get<string[]>("_dom_classes").filter((c) => c !== className));
    return this;
  }
}
defineTraits(DOMWidget, ["layout", "tooltip", "tabbable"]);

export interface DescriptionWidget {
  description: string;
  descriptionAllowHtml: boolean;
  get style(): Style;
  /** A Style, or an object of style properties for a new one. */
  set style(value: Style | StyleOptions);
}
/** A widget with a description label and a style model (its defaults include DESCRIPTION_DEFAULTS). */
export abstract class DescriptionWidget extends DOMWidget {}
defineTraits(DescriptionWidget, ["description", "description_allow_html", "style"]);
