/*
 * A minimal JupyterLab notebook page, after JupyterLab's examples/notebook: one notebook, opened
 * through the document manager from Jupyter Server, rendered by JupyterLab's own notebook, output
 * and renderer packages, with the ipywidgets manager and plotly's MIME renderer.
 *
 * Query: ?path=NOTEBOOK.ipynb&token=TOKEN[&plotly=0]. The test drives the page through
 * `window.tsdlLab` (see test/jupyterlab/run.js).
 */
import "./style";
import { PageConfig } from "@jupyterlab/coreutils";
import { Toolbar, SessionContextDialogs } from "@jupyterlab/apputils";
import { DocumentManager } from "@jupyterlab/docmanager";
import { DocumentRegistry } from "@jupyterlab/docregistry";
import {
  NotebookActions, NotebookModelFactory, NotebookPanel, NotebookTracker, NotebookWidgetFactory, StaticNotebook,
} from "@jupyterlab/notebook";
import { ServerConnection, ServiceManager } from "@jupyterlab/services";
import { createEditorServices } from "./editor";
import { NoServerEvents } from "./events";
import { createRendermime } from "./rendermime";
import { startApplication } from "./plugins";
import { NotebookShell } from "./shell";

function pageOptions() {
  const query = new URLSearchParams(window.location.search);
  PageConfig.setOption("baseUrl", new URL(".", new URL("/", window.location.href)).href);
  PageConfig.setOption("wsUrl", "");
  PageConfig.setOption("token", query.get("token") || "");
  return { path: query.get("path"), plotly: query.get("plotly") !== "0" };
}

function notebookFactory({ rendermime, dialogs }) {
  const { editorFactory, mimeTypeService } = createEditorServices();
  return new NotebookWidgetFactory({
    name: "Notebook",
    modelName: "notebook",
    fileTypes: ["notebook"],
    defaultFor: ["notebook"],
    preferKernel: true,
    canStartKernel: true,
    rendermime,
    contentFactory: new NotebookPanel.ContentFactory({ editorFactory }),
    mimeTypeService,
    toolbarFactory: (panel) => [
      { name: "spacer", widget: Toolbar.createSpacerItem() },
      { name: "kernelName", widget: Toolbar.createKernelNameItem(panel.sessionContext, dialogs) },
      { name: "kernelStatus", widget: Toolbar.createKernelStatusItem(panel.sessionContext) },
    ],
    // Every cell in the DOM, so that the test sees (and screenshots) every output.
    notebookConfig: { ...StaticNotebook.defaultNotebookConfig, windowingMode: "none" },
  });
}

async function main() {
  const { path, plotly } = pageOptions();
  const services = new ServiceManager({ events: new NoServerEvents(ServerConnection.makeSettings()) });
  await services.ready;
  const rendermime = createRendermime({ plotly });
  const tracker = new NotebookTracker({ namespace: "tsdl-lab" });
  const shell = new NotebookShell();
  await startApplication({ shell, rendermime, tracker });

  const registry = new DocumentRegistry();
  const opener = { open: () => {}, get opened() { return { connect: () => false, disconnect: () => false }; } };
  const docManager = new DocumentManager({ registry, manager: services, opener });
  const factory = notebookFactory({ rendermime, dialogs: new SessionContextDialogs() });
  // JupyterLab's notebook extension tracks each notebook it creates; the widget manager listens there.
  factory.widgetCreated.connect((_, panel) => void tracker.add(panel));
  registry.addModelFactory(new NotebookModelFactory({}));
  registry.addWidgetFactory(factory);

  const panel = docManager.open(path);
  shell.add(panel); // the application relayouts the shell when the window resizes
  await panel.context.ready;
  await panel.sessionContext.ready;
  window.tsdlLab.panel = panel;
  return panel;
}

window.tsdlLab = {
  ready: new Promise((resolve, reject) => window.addEventListener("load", () => main().then(resolve, reject))),
  /** Runs every cell as Run All does; resolves true when all succeeded. */
  runAll: () => NotebookActions.runAll(window.tsdlLab.panel.content, window.tsdlLab.panel.sessionContext),
};
