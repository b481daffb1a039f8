// The stylesheets JupyterLab loads for a notebook, and its light theme.
import "@jupyterlab/application/style/index.css";
import "@jupyterlab/codemirror/style/index.css";
import "@jupyterlab/notebook/style/index.css";
import "@jupyterlab/theme-light-extension/style/theme.css";
import "jupyterlab-plotly/style/index.css";
import "./app.css";
