/**
 * Our Pong drawn as the Atari 2600 screen Karpathy's code receives from the emulator (210 rows
 * x 160 columns x RGB), and his preprocessing of that screen ("Pong from Pixels", `prepro`):
 * crop rows 35..194, keep every second row and column of the red channel, erase the two
 * background colours (144 and 109), set everything else to 1, giving 80 x 80.
 *
 * The playfield (80 x 80 units) is drawn at 2 pixels per unit in rows 35..194, where the
 * crop looks; above it the score, with walls above and below the field as on the Atari.
 */
import { PongState } from "./pong-geometry";
import { renderRGBA } from "./pong-render";

export const ATARI_HEIGHT = 210;
export const ATARI_WIDTH = 160;
/** First row the blog's crop keeps (I[35:195]). */
export const CROP_TOP = 35;
export const CROP_BOTTOM = 195;
/** The red channel of the two background colours the blog erases. */
export const BACKGROUND_REDS = [144, 109] as const;

const BACKGROUND = [144, 72, 17];
const WALL = [236, 236, 236];
const SCORE = { opponent: [213, 130, 74], agent: [92, 186, 92] };
/** Rows of the white walls: top 24..34, bottom 195..209. */
const TOP_WALL = [24, CROP_TOP] as const;

/** 3 x 5 digits, one string of 15 bits per digit, row by row. */
const DIGITS = ["111101101101111", "010110010010111", "111001111100111", "111001111001111", "101101111001001", "111100111001111", "111100111101111", "111001001001001", "111101111101111", "111101111001111"];

/** An Atari-sized RGB frame (row-major, 3 bytes per pixel) of the state. */
export function renderAtariFrame(state: PongState): Uint8Array {
  const frame = new Uint8Array(ATARI_HEIGHT * ATARI_WIDTH * 3);
  const paint = (row: number, col: number, color: readonly number[]) => {
    const at = (row * ATARI_WIDTH + col) * 3;
    frame[at] = color[0];
    frame[at + 1] = color[1];
    frame[at + 2] = color[2];
  };
  for (let row = 0; row < ATARI_HEIGHT; row++) {
    const inWall = (row >= TOP_WALL[0] && row < TOP_WALL[1]) || row >= CROP_BOTTOM;
    for (let col = 0; col < ATARI_WIDTH; col++) paint(row, col, inWall ? WALL : BACKGROUND);
  }
  const field = renderRGBA(state, 2);
  for (let i = 0, at = CROP_TOP * ATARI_WIDTH * 3; i < field.data.length; i += 4, at += 3) {
    frame[at] = field.data[i];
    frame[at + 1] = field.data[i + 1];
    frame[at + 2] = field.data[i + 2];
  }
  drawScore(state.score.opponent, 36, SCORE.opponent, paint);
  drawScore(state.score.agent, 116, SCORE.agent, paint);
  return frame;
}

/** A score in 3 x 5 digits drawn 4 pixels per bit, in rows 2..21. */
function drawScore(score: number, left: number, color: readonly number[], paint: (row: number, col: number, color: readonly number[]) => void): void {
  String(score).split("").forEach((digit, d) => {
    const bits = DIGITS[Number(digit)];
    for (let i = 0; i < 15; i++) {
      if (bits[i] !== "1") continue;
      const top = 2 + Math.floor(i / 3) * 4;
      const x0 = left + d * 16 + (i % 3) * 4;
      for (let r = top; r < top + 4; r++) for (let c = x0; c < x0 + 4; c++) paint(r, c, color);
    }
  });
}

/** The blog's `prepro`: 210 x 160 x 3 bytes -> 80 x 80 of 0 (background) and 1 (paddles, ball). */
export function preprocessAtariFrame(frame: Uint8Array): Float32Array {
  if (frame.length !== ATARI_HEIGHT * ATARI_WIDTH * 3) throw new Error(`expected a ${ATARI_HEIGHT}x${ATARI_WIDTH}x3 frame, got ${frame.length} bytes`);
  const size = (CROP_BOTTOM - CROP_TOP) / 2;
  const out = new Float32Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const red = frame[((CROP_TOP + 2 * r) * ATARI_WIDTH + 2 * c) * 3];
      out[r * size + c] = (BACKGROUND_REDS as readonly number[]).includes(red) ? 0 : 1;
    }
  }
  return out;
}

export interface FrameComparison {
  /** Share of pixels with the same value. */
  agreement: number;
  /**
   * The furthest any lit pixel of either frame is from the nearest lit pixel of the other, in
   * pixels (Chebyshev distance; 0 when both frames are identical, Infinity if one is empty).
   */
  maxOffset: number;
}

/** How far apart two binary size x size frames are. */
export function compareBinaryFrames(a: ArrayLike<number>, b: ArrayLike<number>, size: number): FrameComparison {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return { agreement: same / a.length, maxOffset: Math.max(furthestLit(a, b, size), furthestLit(b, a, size)) };
}

function litPixels(frame: ArrayLike<number>, size: number): [number, number][] {
  const lit: [number, number][] = [];
  for (let i = 0; i < frame.length; i++) if (frame[i] !== 0) lit.push([Math.floor(i / size), i % size]);
  return lit;
}

/** Max over lit pixels of `from` of the distance to the nearest lit pixel of `to`. */
function furthestLit(from: ArrayLike<number>, to: ArrayLike<number>, size: number): number {
  const targets = litPixels(to, size);
  let furthest = 0;
  for (const [r, c] of litPixels(from, size)) {
    let nearest = Infinity;
    for (const [tr, tc] of targets) nearest = Math.min(nearest, Math.max(Math.abs(tr - r), Math.abs(tc - c)));
    furthest = Math.max(furthest, nearest);
  }
  return furthest;
}
