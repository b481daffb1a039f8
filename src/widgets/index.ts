/**
 * `widgets`, as cells see it: Jupyter widgets (ipywidgets 8's models, protocol 2.1.0) in
 * TypeScript style. `new widgets.IntSlider({ value: 3, max: 10, description: "layers" })`, a widget
 * as a cell's last value or `display(widget)` shows it; `observe(cb, "value")` follows changes;
 * `interact(fn, spec)` builds controls for a function.
 */
export { Widget } from "./widget";
export type { Change, Observer } from "./widget";
export { Layout, Style } from "./layout";
export type { LayoutOptions, StyleOptions } from "./layout";
export { DOMWidget, DescriptionWidget } from "./dom";
export type { DOMWidgetOptions, DescriptionOptions } from "./dom";
export { IntSlider, FloatSlider, FloatLogSlider } from "./sliders";
export type { SliderOptions, FloatLogSliderOptions } from "./sliders";
export { Button, Checkbox, HTML, Label, Play, Text } from "./controls";
export type { ButtonOptions, CheckboxOptions, PlayOptions, StringOptions, TextOptions } from "./controls";
export { Dropdown, Selection, ToggleButtons } from "./selection";
export type { SelectionOptions, SelectionOptionsInput, ToggleButtonsOptions } from "./selection";
export { Box, HBox, Tab, VBox } from "./box";
export type { BoxOptions, TabOptions } from "./box";
export { Output } from "./output";
export type { OutputRecord } from "./output";
export { jslink, Link } from "./link";
export { fixed, Fixed, interact, interactive, interactManual, Interactive } from "./interact";
export type { Abbreviation, InteractOptions, Values } from "./interact";
export { managerState, WIDGET_STATE_MIME, WIDGET_VIEW_MIME } from "./registry";
