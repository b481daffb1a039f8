/** Loss/metric curves redrawn in place (one output, updated) after every epoch, or when the caller says. */
import { display } from "../../display/display";
import { history } from "../plot/history";

export class LiveChart {
  private readonly id = display.newId("tsdl-chart");
  private readonly series: Record<string, number[]> = {};
  private shown = false;

  /** Shows the (empty) chart now, so it sits above the epoch bars. */
  start(): void {
    this.draw();
  }

  addEpoch(metrics: Record<string, number>): void {
    this.record(metrics);
    this.draw();
  }

  /** Adds an epoch without redrawing (for fits of many short epochs, redrawn at a limited rate). */
  record(metrics: Record<string, number>): void {
    for (const [key, value] of Object.entries(metrics)) (this.series[key] ??= []).push(value);
  }

  draw(): void {
    history(this.series, { title: "training" }).show({ displayId: this.id, update: this.shown });
    this.shown = true;
  }
}
