/** Loss/metric curves redrawn in place after every epoch (one output, updated). */
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
    for (const [key, value] of Object.entries(metrics)) (this.series[key] ??= []).push(value);
    this.draw();
  }

  private draw(): void {
    history(this.series, { title: "training" }).show({ displayId: this.id, update: this.shown });
    this.shown = true;
  }
}
