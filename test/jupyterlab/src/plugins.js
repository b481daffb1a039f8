/*
 * JupyterLab's plugin system in miniature: a Lumino application whose plugins include the widget
 * manager's own (`@jupyter-widgets/jupyterlab-manager`: manager, base, controls, output), activated
 * against this page's rendermime registry and notebook tracker exactly as in JupyterLab. The
 * manager registers a widget renderer and a per-notebook WidgetManager for each tracked notebook.
 */
import { Application } from "@lumino/application";
import { INotebookTracker } from "@jupyterlab/notebook";
import { IRenderMimeRegistry } from "@jupyterlab/rendermime";
import widgetManagerPlugins from "@jupyter-widgets/jupyterlab-manager";

const provider = (id, token, value) => ({ id, provides: token, autoStart: true, activate: () => value });

export async function startApplication({ shell, rendermime, tracker }) {
  const app = new Application({ shell });
  app.registerPlugins([
    provider("tsdl-lab:rendermime", IRenderMimeRegistry, rendermime),
    provider("tsdl-lab:notebook-tracker", INotebookTracker, tracker),
    ...widgetManagerPlugins,
  ]);
  await app.start(); // attaches the shell to document.body
  return app;
}
