/*
 * The page's shell: one area holding the notebook. The widget manager's plugin asks the shell for
 * its widgets (to find linked output views), as JupyterLab's shell answers `widgets()`.
 */
import { BoxLayout, Widget } from "@lumino/widgets";

export class NotebookShell extends Widget {
  constructor() {
    super();
    this.id = "main";
    this.addClass("jp-ThemedContainer");
    this.layout = new BoxLayout();
  }

  add(widget) {
    BoxLayout.setStretch(widget, 1);
    this.layout.addWidget(widget);
  }

  *widgets() {
    yield* this.layout.widgets;
  }
}
