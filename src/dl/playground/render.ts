/**
 * The Playground's pictures as HTML/SVG strings (for display.html and HTML widgets alike): the
 * output heatmap (100 x 100, the site's 31 quantized shades from orange -1 through grey to
 * blue +1, drawn at 160/255 opacity on white) with the points on top, the loss chart (train grey,
 * test black) and the network with links coloured by sign and drawn as thick as their weight.
 */
import { encodePng } from "../../display/renderers/png-encode";
import { PLAYGROUND_DOMAIN } from "../datasets/synthetic/playground";
import type { LabeledPoints } from "../datasets/synthetic/types";
import type { PlaygroundSession } from "./session";

export const ORANGE = "#f59322";
export const GREY = "#e8eaeb";
export const BLUE = "#0877bd";
const NUM_SHADES = 30;
const ALPHA = 160 / 255;

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

/** The site's colours: a linear scale orange -> grey -> blue, quantized into 31 shades over [-1, 1]. */
const SHADES: Rgb[] = Array.from({ length: NUM_SHADES + 1 }, (_, k) => {
  const a = k / NUM_SHADES;
  const [from, to, t] = a <= 0.5 ? [rgb(ORANGE), rgb(GREY), a / 0.5] : [rgb(GREY), rgb(BLUE), (a - 0.5) / 0.5];
  return from.map((c, i) => Math.round(c + (to[i] - c) * t)) as Rgb;
});

export function shade(value: number): Rgb {
  const n = SHADES.length;
  return SHADES[Math.max(0, Math.min(n - 1, Math.floor((n * (value + 1)) / 2)))];
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

/** A grid of outputs (row-major, top row first) as a PNG, blended on white as the canvas shows it. */
export function heatmapPng(grid: Float64Array, density: number, discretize = false): Uint8Array {
  const data = new Uint8Array(density * density * 3);
  for (let k = 0; k < grid.length; k++) {
    const value = discretize ? (grid[k] >= 0 ? 1 : -1) : grid[k];
    const color = shade(value);
    for (let c = 0; c < 3; c++) data[k * 3 + c] = Math.round(color[c] * ALPHA + 255 * (1 - ALPHA));
  }
  return encodePng({ width: density, height: density, channels: 3, data });
}

function dataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
}

export interface HeatmapOptions {
  /** Pixels per side. */
  size?: number;
  showTestData?: boolean;
  discretize?: boolean;
}

/** The mean of each factor x factor block (the site's reduceMatrix, for the neurons' thumbnails). */
export function reduceGrid(grid: Float64Array, density: number, factor: number): Float64Array {
  const small = density / factor;
  const out = new Float64Array(small * small);
  for (let row = 0; row < density; row++) {
    for (let col = 0; col < density; col++) out[Math.floor(row / factor) * small + Math.floor(col / factor)] += grid[row * density + col] / (factor * factor);
  }
  return out;
}

function circles(points: LabeledPoints, size: number, stroke: string): string {
  const scale = (v: number) => (((v + PLAYGROUND_DOMAIN) / (2 * PLAYGROUND_DOMAIN)) * size).toFixed(1);
  const out: string[] = [];
  for (let i = 0; i < points.label.length; i++) {
    const [x, y] = [points.x[i], points.y[i]];
    if (Math.abs(x) > PLAYGROUND_DOMAIN || Math.abs(y) > PLAYGROUND_DOMAIN) continue; // as the site: only points in view
    out.push(`<circle cx="${scale(x)}" cy="${(size - Number(scale(y))).toFixed(1)}" r="3" fill="${hex(shade(points.label[i]))}"/>`);
  }
  return `<g stroke="${stroke}" stroke-width="1" stroke-opacity="${stroke === "white" ? 0.8 : 0.6}" fill-opacity="0.9">${out.join("")}</g>`;
}

/**
 * The output heatmap with the training points (and the test points, outlined black) on top.
 * @param grid the output over a square grid (session.outputGrid())
 */
export function heatmapHtml(session: PlaygroundSession, grid: Float64Array, options: HeatmapOptions = {}): string {
  const { size = 300, showTestData = false, discretize = false } = options;
  const density = Math.round(Math.sqrt(grid.length));
  const png = heatmapPng(grid, density, discretize);
  // Axes below and to the right, as the site's; a margin keeps the end labels whole.
  const pad = 8;
  const ticks = [-6, -4, -2, 0, 2, 4, 6]
    .map((t) => {
      const at = ((t + PLAYGROUND_DOMAIN) / (2 * PLAYGROUND_DOMAIN)) * size;
      return `<text x="${(pad + at).toFixed(1)}" y="${pad + size + 12}" text-anchor="middle">${t}</text><text x="${pad + size + 4}" y="${(pad + size - at + 3).toFixed(1)}">${t}</text>`;
    })
    .join("");
  const [width, height] = [size + 2 * pad + 16, size + 2 * pad + 10];
  return (
    `<div style="position:relative;width:${width}px;height:${height}px;font:10px sans-serif">` +
    `<img src="${dataUri(png)}" width="${size}" height="${size}" style="position:absolute;left:${pad}px;top:${pad}px;width:${size}px;height:${size}px" alt="network output"/>` +
    `<svg width="${width}" height="${height}" style="position:absolute;left:0;top:0" fill="#777"><g transform="translate(${pad},${pad})">` +
    circles(session.data.train, size, "white") +
    (showTestData ? circles(session.data.test, size, "black") : "") +
    `</g>${ticks}</svg></div>`
  );
}

/** Train (grey) and test (black) loss per epoch, as the site's small chart. */
export function lossChartSvg(history: { train: number[]; test: number[] }, options: { width?: number; height?: number } = {}): string {
  const { width = 300, height = 60 } = options;
  const n = history.train.length;
  const top = Math.max(1e-9, ...history.train, ...history.test);
  const line = (values: number[], color: string) => {
    const every = Math.max(1, Math.ceil(values.length / width)); // at most one point per pixel
    const points = values
      .filter((_, i) => i % every === 0 || i === values.length - 1)
      .map((v, k, kept) => `${((kept.length === 1 ? 0 : k / (kept.length - 1)) * width).toFixed(1)},${(height - (v / top) * (height - 2) - 1).toFixed(1)}`);
    return `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${points.join(" ")}"/>`;
  };
  return `<svg width="${width}" height="${height}" style="background:#fff;border-bottom:1px solid #ccc">${n > 0 ? line(history.train, "#777") + line(history.test, "black") : ""}</svg>`;
}

/**
 * The network: input features, hidden neurons and the output, each neuron a small heatmap of its
 * own output; links blue for positive weights and orange for negative, as thick as |w|.
 * @param grids every neuron's output over the grid (session.neuronGrids()), reduced 10x for thumbnails
 */
export function networkSvg(session: PlaygroundSession, grids: Float64Array[][], options: { neuronSize?: number } = {}): string {
  const { neuronSize = 30 } = options;
  const density = Math.round(Math.sqrt(grids[0][0].length));
  const factor = Math.max(1, Math.floor(density / 10));
  const network = session.network;
  const shape = network.shape;
  const columnGap = 90;
  const rowGap = neuronSize + 14;
  const rows = Math.max(...shape);
  const height = rows * rowGap + 20;
  const width = (shape.length - 1) * columnGap + neuronSize + 70;
  const x = (layer: number) => 50 + layer * columnGap;
  const y = (neuron: number) => 10 + neuron * rowGap;
  const links: string[] = [];
  for (let l = 1; l < shape.length; l++) {
    const n = shape[l - 1];
    for (let i = 0; i < shape[l]; i++) {
      for (let j = 0; j < n; j++) {
        const w = network.weights[l][i * n + j];
        const color = hex(shade(Math.max(-1, Math.min(1, w))));
        const strokeWidth = Math.min(8, 0.5 + Math.abs(w) * 2).toFixed(2);
        links.push(`<line x1="${x(l - 1) + neuronSize}" y1="${y(j) + neuronSize / 2}" x2="${x(l)}" y2="${y(i) + neuronSize / 2}" stroke="${color}" stroke-width="${strokeWidth}"><title>weight ${w.toFixed(3)}</title></line>`);
      }
    }
  }
  const neurons: string[] = [];
  shape.forEach((count, l) => {
    for (let i = 0; i < count; i++) {
      const png = heatmapPng(reduceGrid(grids[l][i], density, factor), density / factor);
      neurons.push(`<image href="${dataUri(png)}" x="${x(l)}" y="${y(i)}" width="${neuronSize}" height="${neuronSize}" preserveAspectRatio="none" style="image-rendering:pixelated"/><rect x="${x(l)}" y="${y(i)}" width="${neuronSize}" height="${neuronSize}" fill="none" stroke="#999"/>`);
      if (l === 0) neurons.push(`<text x="${x(0) - 4}" y="${y(i) + neuronSize / 2 + 4}" text-anchor="end">${session.spec.features[i]}</text>`);
    }
  });
  const titles = shape.map((count, l) => {
    const label = l === 0 ? "features" : l === shape.length - 1 ? "output" : `${count} neuron${count === 1 ? "" : "s"}`;
    return `<text x="${x(l) + neuronSize / 2}" y="${height - 2}" text-anchor="middle" fill="#777">${label}</text>`;
  });
  return `<svg width="${width}" height="${height + 4}" style="font:11px sans-serif">${links.join("")}${neurons.join("")}${titles.join("")}</svg>`;
}

/** Epoch, train and test loss, in the site's format (000,123 and three decimals). */
export function statusHtml(session: PlaygroundSession): string {
  const epoch = String(session.epoch).padStart(6, "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (
    `<div style="font:13px sans-serif;line-height:1.5"><div style="color:#777">Epoch</div><div style="font-size:22px">${epoch}</div>` +
    `<div>Test loss <b>${session.testLoss.toFixed(3)}</b></div><div style="color:#777">Training loss ${session.trainLoss.toFixed(3)}</div></div>`
  );
}
