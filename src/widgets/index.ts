/**
 * `widgets`, as cells see it: Jupyter widgets (ipywidgets 8's models, protocol 2.1.0) in
 * TypeScript style. `new widgets.IntSlider({ value: 3, max: 10, description: "layers" })`, a widget
 * as a cell's last value or `display(widget)` shows it; `observe(cb, "value")` follows changes.
 */
export { Widget } from "./widget";
export type { Change, Observer } from "./widget";
export { Layout, Style } from "./layout";
export type { LayoutOptions, StyleOptions } from "./layout";
export { DOMWidget, DescriptionWidget } from "./dom";
export type { DOMWidgetOptions, DescriptionOptions } from "./dom";
export { IntSlider, FloatSlider, FloatLogSlider } from "./sliders";
export type { SliderOptions, FloatLogSliderOptions } from "./sliders";
export { managerState, WIDGET_STATE_MIME, WIDGET_VIEW_MIME } from "./registry";
