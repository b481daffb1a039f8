/*
 * Builds the test page into build/tsdl-lab/ (served by Jupyter Server as /static/tsdl-lab/).
 * Lean on purpose, since CI builds it on every run: production mode without minification or
 * source maps (the page is served from loopback; terser would add minutes on 2 cores).
 */
"use strict";

const path = require("node:path");
const webpack = require("webpack");

module.exports = {
  entry: "./src/index.js",
  output: {
    path: path.join(__dirname, "build", "tsdl-lab"),
    filename: "bundle.js",
    chunkFilename: "[name].[contenthash:8].js",
    publicPath: "auto",
    clean: true,
  },
  mode: "production",
  devtool: false,
  bail: true,
  performance: { hints: false },
  optimization: { minimize: false },
  resolve: {
    alias: {
      // jupyterlab-plotly loads plotly.js's prebuilt bundle; plotly.js-dist-min (installed as
      // plotly.js, see package.json overrides) is that bundle, minified.
      "plotly.js/dist/plotly$": require.resolve("plotly.js/plotly.min.js"),
    },
  },
  module: {
    noParse: /plotly\.min\.js$/,
    rules: [
      // Some packages import ES modules without extensions, as JupyterLab's own builder allows.
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ["style-loader", "css-loader"] },
      { test: /\.raw\.css$/, type: "asset/source" },
      // In CSS, SVGs become data URIs; imported from JS, JupyterLab's icons are raw strings.
      { test: /\.svg$/, issuer: /\.css$/, type: "asset/inline" },
      { test: /\.svg$/, issuer: /\.js$/, type: "asset/source" },
      { test: /\.(png|jpg|gif|ttf|woff|woff2|eot)$/, type: "asset" },
      { test: /\.md$/, type: "asset/source" },
    ],
  },
  plugins: [new webpack.DefinePlugin({ process: { cwd: () => "/", env: {} } })],
};
