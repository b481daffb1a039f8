/** `dl.rl`: Pong from pixels — the environment, REINFORCE, and GIFs of games. */
export { Pong } from "./pong";
export type { PongAction, PongOptions, StepResult } from "./pong";
export { discountRewards, normalize, trainPong, rewardImprovement } from "./policy-gradient";
export type { TrainPongOptions, TrainPongResult } from "./policy-gradient";
export { PongDifferenceEnv, recordPongGame } from "./pong-agent";
export { encodeGif, grayscaleImage } from "./gif";
