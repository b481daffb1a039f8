/**
 * The live Playground: playground.tensorflow.org's controls as Jupyter widgets around a
 * PlaygroundSession. Play trains one epoch per timer tick (about the site's one per animation
 * frame), so the kernel's event loop, and with it every control, stays responsive while it
 * trains; the heatmap, network, loss chart and epoch counter are redrawn at most twice a second
 * while it plays, and at once after a click or a knob (so a paused picture shows the last epoch).
 * Changing the data knobs regenerates the data, changing the network knobs starts the network
 * over, and learning rate, regularization rate and batch size apply from the next epoch, as on
 * the site. Without a widget frontend (tsdl run) it shows its initial state and never trains.
 */
import { DISPLAY_SYMBOL, MimeBundle } from "../../display/protocol";
import * as widgets from "../../widgets";
import type { PlaygroundFeatureName } from "../datasets/synthetic/playground-features";
import { heatmapHtml, lossChartSvg, networkSvg, statusHtml } from "./render";
import { PlaygroundSession } from "./session";
import { PLAYGROUND_CHOICES, PlaygroundActivation, PlaygroundRegularization, PlaygroundSpec } from "./spec";

export interface PlaygroundAppOptions {
  /** Redraws per second while training, at most (default and maximum 2). */
  redrawsPerSecond?: number;
  /** Milliseconds between training epochs while playing (default 16, one per animation frame). */
  tickMs?: number;
}

const FEATURE_LABELS: Record<PlaygroundFeatureName, string> = { x1: "x₁", x2: "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁x₂", "sin x1": "sin(x₁)", "sin x2": "sin(x₂)" };
const DATASET_LABELS: [string, PlaygroundSpec["dataset"]][] = [["Circle", "circle"], ["XOR", "xor"], ["Gaussian", "gauss"], ["Spiral", "spiral"]];
const ACTIVATION_LABELS: [string, PlaygroundActivation][] = [["ReLU", "relu"], ["Tanh", "tanh"], ["Sigmoid", "sigmoid"], ["Linear", "linear"]];
const REGULARIZATION_LABELS: [string, PlaygroundRegularization][] = [["None", "none"], ["L1", "L1"], ["L2", "L2"]];
const heading = (text: string) => new widgets.HTML(`<b style="font:bold 12px sans-serif;letter-spacing:1px;color:#555">${text}</b>`);
const wide = { descriptionWidth: "initial" };

export class PlaygroundApp {
  readonly session: PlaygroundSession;
  readonly view: widgets.VBox;
  readonly controls;
  private readonly pictures = { status: new widgets.HTML(), chart: new widgets.HTML(), heatmap: new widgets.HTML(), network: new widgets.HTML(), error: new widgets.HTML() };
  private readonly redrawMs: number;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | null = null;
  private redrawTimer: NodeJS.Timeout | null = null;
  private lastRedraw = 0;
  private playing = false;

  constructor(spec: Partial<PlaygroundSpec> = {}, options: PlaygroundAppOptions = {}) {
    this.session = new PlaygroundSession(spec);
    this.redrawMs = 1000 / Math.min(2, options.redrawsPerSecond ?? 2);
    this.tickMs = options.tickMs ?? 16;
    this.controls = this.buildControls();
    this.view = this.layout();
    this.wire();
    this.redraw();
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.controls.play.description = "Pause";
    this.controls.play.icon = "pause";
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    this.controls.play.description = "Play";
    this.controls.play.icon = "play";
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.redraw(true);
  }

  /** One epoch (the site's Step button); pauses first. */
  step(): void {
    if (this.playing) this.pause();
    this.session.step();
    this.redraw(true);
  }

  /** A new network at epoch 0 (the site's Reset button); pauses first. */
  reset(): void {
    if (this.playing) this.pause();
    this.session.reset();
    this.redraw(true);
  }

  /** Stops training and closes every widget. */
  close(): void {
    this.pause();
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    for (const w of this.allWidgets()) w.close();
  }

  /** The widgets, and for frontends without widgets a line that says what they miss. */
  [DISPLAY_SYMBOL](): MimeBundle {
    const bundle = (this.view as unknown as { [DISPLAY_SYMBOL](): MimeBundle })[DISPLAY_SYMBOL]();
    const { spec, epoch } = this.session;
    const text = `Playground (${spec.dataset}, ${spec.features.join(" ")}, ${spec.hiddenLayers.join("-") || "no hidden layers"} ${spec.activation}, epoch ${epoch}): live widgets; open the notebook in JupyterLab, Notebook 7 or VS Code to use them`;
    return { ...bundle, "text/plain": text };
  }

  private buildControls() {
    const spec = this.session.spec;
    const layers = spec.hiddenLayers;
    return {
      reset: new widgets.Button({ description: "Reset", icon: "undo", tooltip: "Reset the network", layout: { width: "90px" } }),
      play: new widgets.Button({ description: "Play", icon: "play", buttonStyle: "primary", tooltip: "Run/Pause", layout: { width: "90px" } }),
      step: new widgets.Button({ description: "Step", icon: "step-forward", tooltip: "One epoch", layout: { width: "90px" } }),
      learningRate: new widgets.Dropdown<number>({ options: PLAYGROUND_CHOICES.learningRate, value: spec.learningRate, description: "Learning rate", style: wide, layout: { width: "180px" } }),
      activation: new widgets.Dropdown<PlaygroundActivation>({ options: ACTIVATION_LABELS, value: spec.activation, description: "Activation", style: wide, layout: { width: "160px" } }),
      regularization: new widgets.Dropdown<PlaygroundRegularization>({ options: REGULARIZATION_LABELS, value: spec.regularization, description: "Regularization", style: wide, layout: { width: "170px" } }),
      regularizationRate: new widgets.Dropdown<number>({ options: PLAYGROUND_CHOICES.regularizationRate, value: spec.regularizationRate, description: "Regularization rate", style: wide, layout: { width: "200px" } }),
      dataset: new widgets.ToggleButtons<PlaygroundSpec["dataset"]>({ options: DATASET_LABELS, value: spec.dataset, tooltips: ["Circle", "Exclusive or", "Gaussian", "Spiral"], style: { buttonWidth: "80px" } }),
      percTrainData: new widgets.IntSlider({ ...PLAYGROUND_CHOICES.percTrainData, value: spec.percTrainData, description: "Training data (%)", style: wide, continuousUpdate: false }),
      noise: new widgets.IntSlider({ ...PLAYGROUND_CHOICES.noise, value: spec.noise, description: "Noise", continuousUpdate: false }),
      batchSize: new widgets.IntSlider({ ...PLAYGROUND_CHOICES.batchSize, value: spec.batchSize, description: "Batch size" }),
      regenerate: new widgets.Button({ description: "Regenerate", icon: "refresh" }),
      features: PLAYGROUND_CHOICES.features.map((name) => new widgets.Checkbox({ value: spec.features.includes(name), description: FEATURE_LABELS[name], indent: false, layout: { width: "90px" } })),
      layerCount: new widgets.IntSlider({ min: 0, max: PLAYGROUND_CHOICES.maxHiddenLayers, value: layers.length, description: "Hidden layers", style: wide }),
      neurons: Array.from({ length: PLAYGROUND_CHOICES.maxHiddenLayers }, (_, i) =>
        new widgets.IntSlider({ min: 1, max: PLAYGROUND_CHOICES.maxNeurons, value: layers[i] ?? 2, description: `Layer ${i + 1} neurons`, style: wide, layout: { display: i < layers.length ? null : "none" } }),
      ),
      showTestData: new widgets.Checkbox({ value: false, description: "Show test data", indent: false }),
      discretize: new widgets.Checkbox({ value: false, description: "Discretize output", indent: false }),
    };
  }

  private layout(): widgets.VBox {
    const c = this.controls;
    const p = this.pictures;
    const column = (width: string, children: widgets.Widget[]) => new widgets.VBox(children, { layout: { width, padding: "0 8px" } });
    const top = new widgets.HBox([c.reset, c.play, c.step, c.learningRate, c.activation, c.regularization, c.regularizationRate], { layout: { alignItems: "center", flexFlow: "row wrap" } });
    const data = column("360px", [heading("DATA"), c.dataset, c.percTrainData, c.noise, c.batchSize, c.regenerate]);
    const features = new widgets.Box(c.features, { layout: { flexFlow: "row wrap", width: "200px" } });
    const network = column("auto", [heading("FEATURES"), features, heading("HIDDEN LAYERS"), c.layerCount, ...c.neurons, p.network]);
    const output = column("330px", [heading("OUTPUT"), p.status, p.chart, p.heatmap, c.showTestData, c.discretize]);
    return new widgets.VBox([top, new widgets.HBox([data, network, output], { layout: { flexFlow: "row wrap" } }), p.error]);
  }

  private wire(): void {
    const c = this.controls;
    const apply = (changes: Partial<PlaygroundSpec>) => {
      this.session.set(changes);
      this.redraw(true);
    };
    c.play.onClick(() => (this.playing ? this.pause() : this.play()));
    c.step.onClick(() => this.step());
    c.reset.onClick(() => this.reset());
    c.regenerate.onClick(() => {
      this.session.regenerate();
      this.redraw(true);
    });
    c.learningRate.observe(() => apply({ learningRate: c.learningRate.value! }), "value");
    c.regularizationRate.observe(() => apply({ regularizationRate: c.regularizationRate.value! }), "value");
    c.activation.observe(() => apply({ activation: c.activation.value! }), "value");
    c.regularization.observe(() => apply({ regularization: c.regularization.value! }), "value");
    c.dataset.observe(() => apply({ dataset: c.dataset.value! }), "value");
    c.percTrainData.observe(() => apply({ percTrainData: c.percTrainData.value }), "value");
    c.noise.observe(() => apply({ noise: c.noise.value }), "value");
    c.batchSize.observe(() => apply({ batchSize: c.batchSize.value }), "value");
    c.features.forEach((box) => box.observe((change) => this.onFeature(box, change.new), "value"));
    const layersChanged = () => {
      c.neurons.forEach((slider, i) => (slider.layout.display = i < c.layerCount.value ? null : "none"));
      apply({ hiddenLayers: c.neurons.slice(0, c.layerCount.value).map((s) => s.value) });
    };
    c.layerCount.observe(layersChanged, "value");
    c.neurons.forEach((slider) => slider.observe(layersChanged, "value"));
    c.showTestData.observe(() => this.redraw(true), "value");
    c.discretize.observe(() => this.redraw(true), "value");
  }

  /** A network needs at least one input: unchecking the last feature is undone. */
  private onFeature(box: widgets.Checkbox, checked: boolean): void {
    const chosen = PLAYGROUND_CHOICES.features.filter((_, i) => this.controls.features[i].value);
    if (!checked && chosen.length === 0) {
      box.value = true;
      return;
    }
    this.session.set({ features: chosen });
    this.redraw(true);
  }

  private schedule(): void {
    if (!this.playing || this.timer) return;
    this.timer = setTimeout(() => this.tick(), this.tickMs);
    this.timer.unref?.();
  }

  /** One training slice: an epoch, then back to the event loop. */
  private tick(): void {
    this.timer = null;
    if (!this.playing) return;
    try {
      this.session.step();
    } catch (e) {
      this.pause();
      this.pictures.error.value = `<pre style="color:#c00">${String((e as Error)?.stack ?? e)}</pre>`;
      return;
    }
    this.redraw();
    this.schedule();
  }

  /** Redraws now if the last redraw is old enough (or `now`), else once the interval has passed. */
  private redraw(now = false): void {
    const wait = this.lastRedraw + this.redrawMs - Date.now();
    if (!now && wait > 0) {
      if (!this.redrawTimer) {
        this.redrawTimer = setTimeout(() => {
          this.redrawTimer = null;
          this.draw();
        }, wait);
        this.redrawTimer.unref?.();
      }
      return;
    }
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    this.redrawTimer = null;
    this.draw();
  }

  private draw(): void {
    this.lastRedraw = Date.now();
    const session = this.session;
    const grids = session.neuronGrids(100);
    const output = grids[grids.length - 1][0];
    this.pictures.status.value = statusHtml(session);
    this.pictures.chart.value = lossChartSvg(session.history);
    this.pictures.heatmap.value = heatmapHtml(session, output, { showTestData: this.controls.showTestData.value, discretize: this.controls.discretize.value });
    this.pictures.network.value = networkSvg(session, grids);
  }

  private allWidgets(): widgets.Widget[] {
    const c = this.controls;
    return [this.view, ...Object.values(this.pictures), c.reset, c.play, c.step, c.learningRate, c.activation, c.regularization, c.regularizationRate, c.dataset, c.percTrainData, c.noise, c.batchSize, c.regenerate, c.layerCount, c.showTestData, c.discretize, ...c.features, ...c.neurons];
  }
}

/** The live Playground, starting from the site's defaults with `spec` applied. */
export function live(spec: Partial<PlaygroundSpec> = {}, options: PlaygroundAppOptions = {}): PlaygroundApp {
  return new PlaygroundApp(spec, options);
}
