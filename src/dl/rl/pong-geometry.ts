/**
 * Pong's playfield in logical units: an 80 x 80 field, the size of Karpathy's
 * preprocessed Atari frame (rows 35..195 of the 210 x 160 screen, downsampled by 2).
 * Sizes follow that frame: paddles 2 x 8 (height adjustable), ball 1 x 2; the opponent
 * plays on the left, the agent on the right, as in Atari Pong.
 */
export const FIELD = 80;
export const PADDLE_WIDTH = 2;
export const DEFAULT_PADDLE_HEIGHT = 8;
export const OPPONENT_X = 8;
export const AGENT_X = 70;
export const BALL_WIDTH = 1;
export const BALL_HEIGHT = 2;

export interface Ball {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/** Everything needed to draw a frame: top-left corners in logical units. */
export interface PongState {
  ball: Ball;
  agentY: number;
  opponentY: number;
  paddleHeight: number;
  score: { agent: number; opponent: number };
  steps: number;
}
