/** Drawing a Pong state: the binary frame the policy sees, and an RGB frame for people. */
import { AGENT_X, BALL_HEIGHT, BALL_WIDTH, FIELD, OPPONENT_X, PADDLE_WIDTH, PongState } from "./pong-geometry";

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function objects(state: PongState): { opponent: Rect; agent: Rect; ball: Rect } {
  return {
    opponent: { x: OPPONENT_X, y: state.opponentY, w: PADDLE_WIDTH, h: state.paddleHeight },
    agent: { x: AGENT_X, y: state.agentY, w: PADDLE_WIDTH, h: state.paddleHeight },
    ball: { x: state.ball.x, y: state.ball.y, w: BALL_WIDTH, h: BALL_HEIGHT },
  };
}

/**
 * Calls `paint(index)` for each pixel of `rect` on a size x size grid. Positions snap down
 * and sizes round but never vanish, so a 1-unit ball stays one pixel in a 40 x 40 frame.
 */
function rasterize(rect: Rect, size: number, paint: (index: number) => void): void {
  const scale = size / FIELD;
  const col0 = Math.floor(rect.x * scale);
  const row0 = Math.floor(rect.y * scale);
  const cols = Math.max(1, Math.round(rect.w * scale));
  const rows = Math.max(1, Math.round(rect.h * scale));
  for (let r = Math.max(0, row0); r < Math.min(size, row0 + rows); r++) {
    for (let c = Math.max(0, col0); c < Math.min(size, col0 + cols); c++) paint(r * size + c);
  }
}

/**
 * Karpathy's preprocessing, done at the source: background 0, paddles and ball 1,
 * row-major size x size.
 */
export function renderBinary(state: PongState, size: number): Float32Array {
  const frame = new Float32Array(size * size);
  const setOn = (i: number) => {
    frame[i] = 1;
  };
  for (const rect of Object.values(objects(state))) rasterize(rect, size, setOn);
  return frame;
}

/** Atari Pong's palette. */
const COLORS = {
  background: [144, 72, 17],
  opponent: [213, 130, 74],
  agent: [92, 186, 92],
  ball: [236, 236, 236],
} as const;

export interface RGBAImage {
  width: number;
  height: number;
  /** RGBA bytes, row-major, as canvas ImageData and gifenc expect. */
  data: Uint8ClampedArray;
}

/** A colour frame, `scale` pixels per logical unit. */
export function renderRGBA(state: PongState, scale = 4): RGBAImage {
  const size = FIELD * scale;
  const data = new Uint8ClampedArray(size * size * 4);
  const fill = (color: readonly number[]) => (i: number) => {
    data[i * 4] = color[0];
    data[i * 4 + 1] = color[1];
    data[i * 4 + 2] = color[2];
    data[i * 4 + 3] = 255;
  };
  const paintBackground = fill(COLORS.background);
  for (let i = 0; i < size * size; i++) paintBackground(i);
  const { opponent, agent, ball } = objects(state);
  rasterize(opponent, size, fill(COLORS.opponent));
  rasterize(agent, size, fill(COLORS.agent));
  rasterize(ball, size, fill(COLORS.ball));
  return { width: size, height: size, data };
}
