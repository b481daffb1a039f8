// danfojs-node requires "@tensorflow/tfjs-node"; give it the project's one tfjs (whatever backend tsdl chose).
module.exports = require("@tensorflow/tfjs");
