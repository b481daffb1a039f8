import { ATARI_HEIGHT, ATARI_WIDTH, compareBinaryFrames, preprocessAtariFrame, renderAtariFrame } from "../../../src/dl/rl/atari-frame";
import { Pong } from "../../../src/dl/rl/pong";
import { PongState } from "../../../src/dl/rl/pong-geometry";
import { renderBinary } from "../../../src/dl/rl/pong-render";

const state = (ball: { x: number; y: number }, agentY: number, opponentY: number): PongState => ({
  ball: { ...ball, vx: 2, vy: 0 },
  agentY,
  opponentY,
  paddleHeight: 8,
  score: { agent: 3, opponent: 12 },
  steps: 0,
});

describe("the Atari-sized frame and the blog's preprocessing", () => {
  it("draws a 210 x 160 RGB screen with the Atari background, walls and score", () => {
    const frame = renderAtariFrame(state({ x: 40, y: 40 }, 30, 30));
    expect(frame.length).toBe(ATARI_HEIGHT * ATARI_WIDTH * 3);
    expect(Array.from(frame.subarray(0, 3))).toEqual([144, 72, 17]);
    expect(Array.from(frame.subarray((25 * 160) * 3, (25 * 160) * 3 + 3))).toEqual([236, 236, 236]);
    // Some score pixels in the top rows, none of which survive the crop.
    let scorePixels = 0;
    for (let i = 0; i < 22 * 160; i++) if (frame[i * 3] !== 144) scorePixels++;
    expect(scorePixels).toBeGreaterThan(0);
  });

  it("gives exactly our 80 x 80 frame when objects sit on whole units", () => {
    const s = state({ x: 41, y: 17 }, 30, 52);
    expect(Array.from(preprocessAtariFrame(renderAtariFrame(s)))).toEqual(Array.from(renderBinary(s, 80)));
  });

  it("moves objects at most one pixel when positions are fractional, inside the field", () => {
    const pong = new Pong({ seed: 3, opponentSpeed: 1.5 });
    const offsets = new Set<number>();
    for (let t = 0; t < 150; t++) {
      pong.step(t % 3 === 0 ? "up" : "down");
      const s = pong.state();
      const { agreement, maxOffset } = compareBinaryFrames(preprocessAtariFrame(renderAtariFrame(s)), renderBinary(s, 80), 80);
      expect(agreement).toBeGreaterThan(0.99);
      // A ball partly past the edge is clipped differently at the two resolutions.
      if (s.ball.x >= 0 && s.ball.x <= 79) offsets.add(maxOffset);
    }
    expect(Math.max(...offsets)).toBe(1);
  });

  it("compares frames by agreement and by the furthest lit pixel", () => {
    const a = [1, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(compareBinaryFrames(a, a, 3)).toEqual({ agreement: 1, maxOffset: 0 });
    expect(compareBinaryFrames(a, [0, 0, 0, 0, 0, 0, 0, 0, 1], 3)).toEqual({ agreement: 7 / 9, maxOffset: 2 });
    expect(compareBinaryFrames(a, [1, 0, 0, 0, 1, 0, 0, 0, 0], 3)).toEqual({ agreement: 8 / 9, maxOffset: 1 });
  });

  it("rejects a frame of the wrong size", () => {
    expect(() => preprocessAtariFrame(new Uint8Array(10))).toThrow(/210x160x3/);
  });
});
