/** `dl.rl`: Pong from pixels — the environment, REINFORCE, checkpoints, and GIFs of games. */
export { Pong } from "./pong";
export type { PongAction, PongOptions, StepResult } from "./pong";
export type { PongState } from "./pong-geometry";
export { discountRewards, normalize, trainPong, rewardImprovement, PONG_PRESETS } from "./policy-gradient";
export type { TrainPongOptions, TrainPongResult } from "./policy-gradient";
export { reinforce, rollOutBatch, policyGradientUpdate, weightedLogLikelihood, runningRewards } from "./reinforce";
export type { BinaryActionEnv, Episode, EpisodeReport, ReinforceOptions } from "./reinforce";
export { createPolicyNetwork } from "./policy-network";
export { readCheckpoint } from "./checkpoint";
export type { ReinforceCheckpoint } from "./checkpoint";
export { PongDifferenceEnv, recordPongGame } from "./pong-agent";
export { renderAtariFrame, preprocessAtariFrame, compareBinaryFrames, ATARI_HEIGHT, ATARI_WIDTH } from "./atari-frame";
export type { FrameComparison } from "./atari-frame";
export { encodeGif, grayscaleImage } from "./gif";
