/**
 * Layout and style models (`@jupyter-widgets/base` LayoutModel, the controls' *StyleModel):
 * every visible widget gets its own, as in ipywidgets, and they sync like any widget
 * (`slider.layout.width = "300px"`, `slider.style.handleColor = "red"`).
 */
import { BASE, CONTROLS, defineTraits, modelHeader, publicTraits, wireOptions } from "./traits";
import { Widget, WireState } from "./widget";

const LAYOUT_PROPERTIES = [
  "align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top", "bottom",
  "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column",
  "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows", "height",
  "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height", "min_width",
  "object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width",
] as const;

const LAYOUT_DEFAULTS: WireState = {
  ...modelHeader(BASE, "LayoutModel", BASE, "LayoutView"),
  ...Object.fromEntries(LAYOUT_PROPERTIES.map((p) => [p, null])),
};

type CamelLayout = {
  [K in (typeof LAYOUT_PROPERTIES)[number] as K extends `${infer A}_${infer B}_${infer C}` ? `${A}${Capitalize<B>}${Capitalize<C>}` : K extends `${infer A}_${infer B}` ? `${A}${Capitalize<B>}` : K]?: string | null;
};

/** CSS properties of a widget's box, in TypeScript style (`maxWidth`, `flexFlow`, ...). */
export type LayoutOptions = CamelLayout & { border?: string | null };

export interface Layout extends Required<CamelLayout> {}
export class Layout extends Widget {
  constructor(options: LayoutOptions = {}) {
    const { border, ...rest } = options;
    const sides = border === undefined ? {} : { borderTop: border, borderRight: border, borderBottom: border, borderLeft: border };
    super(LAYOUT_DEFAULTS, wireOptions("Layout", LAYOUT_DEFAULTS, { ...sides, ...rest }));
  }

  /** `border` sets all four sides, as ipywidgets' Layout.border does. */
  set border(value: string | null) {
    this.setState({ borderTop: value, borderRight: value, borderBottom: value, borderLeft: value });
  }
}
defineTraits(Layout, publicTraits(LAYOUT_DEFAULTS));

/** The style traits of every controls style model, by model. */
const STYLE_TRAITS = {
  DescriptionStyle: { description_width: "" },
  SliderStyle: { description_width: "", handle_color: null },
  ButtonStyle: { button_color: null, font_family: null, font_size: null, font_style: null, font_variant: null, font_weight: null, text_color: null, text_decoration: null },
  CheckboxStyle: { background: null, description_width: "" },
  ToggleButtonsStyle: { button_width: "", description_width: "", font_weight: "" },
  TextStyle: { background: null, description_width: "", font_size: null, text_color: null },
  LabelStyle: { background: null, description_width: "", font_family: null, font_size: null, font_style: null, font_variant: null, font_weight: null, text_color: null, text_decoration: null },
  HTMLStyle: { background: null, description_width: "", font_size: null, text_color: null },
} satisfies Record<string, WireState>;

export type StyleName = keyof typeof STYLE_TRAITS;

/** Style options in TypeScript style; each style model accepts its own subset. */
export interface StyleOptions {
  descriptionWidth?: string;
  handleColor?: string | null;
  buttonColor?: string | null;
  buttonWidth?: string;
  background?: string | null;
  fontFamily?: string | null;
  fontSize?: string | null;
  fontStyle?: string | null;
  fontVariant?: string | null;
  fontWeight?: string | null;
  textColor?: string | null;
  textDecoration?: string | null;
}

export interface Style extends Required<StyleOptions> {}
/** One of the controls' style models (which one depends on the widget it styles). */
export class Style extends Widget {
  constructor(readonly styleName: StyleName, options: StyleOptions = {}) {
    const defaults = { ...modelHeader(CONTROLS, `${styleName}Model`, BASE, "StyleView"), ...STYLE_TRAITS[styleName] };
    super(defaults, wireOptions(styleName, defaults, options));
  }
}
defineTraits(Style, [...new Set(Object.values(STYLE_TRAITS).flatMap((t) => Object.keys(t)))]);
