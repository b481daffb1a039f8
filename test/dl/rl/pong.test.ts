import { Pong, PongAction } from "../../../src/dl/rl/pong";
import { AGENT_X, FIELD, OPPONENT_X } from "../../../src/dl/rl/pong-geometry";

/** Moves the agent's paddle towards the ball: a policy that returns most balls. */
function tracker(env: Pong): PongAction {
  const s = env.state();
  return s.ball.y + 1 < s.agentY + s.paddleHeight / 2 ? "up" : "down";
}

function playUntilDone(env: Pong, policy: (env: Pong) => PongAction) {
  env.reset();
  const rewards: number[] = [];
  const states = [env.state()];
  for (let done = false; !done; ) {
    const result = env.step(policy(env));
    rewards.push(result.reward);
    states.push(env.state());
    done = result.done;
  }
  return { rewards, states };
}

const onPixels = (frame: Float32Array, size: number) =>
  Array.from(frame.keys())
    .filter((i) => frame[i] === 1)
    .map((i) => [Math.floor(i / size), i % size]);

describe("Pong", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const actions: PongAction[] = Array.from({ length: 300 }, (_, t) => ((t * 7) % 3) as 0 | 1 | 2);
    // Frames as strings of 0/1: deep-equality on thousands of typed arrays is slow in jest.
    const run = (seed: number) => {
      const env = new Pong({ seed, pointsPerEpisode: 2 });
      env.reset();
      return actions.map((a) => {
        const { observation, reward, done } = env.step(a);
        return { frame: observation.join(""), reward, done, state: env.state() };
      });
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3).map((r) => r.frame)).not.toEqual(run(4).map((r) => r.frame));
  });

  it("draws paddles and ball as 1s on a 0 background at their positions (80 x 80)", () => {
    const env = new Pong({ seed: 1 });
    const frame = env.reset();
    const { ball, agentY, opponentY } = env.state();
    expect(frame.length).toBe(80 * 80);
    const expected: number[][] = [];
    for (let r = 0; r < 8; r++) for (const c of [0, 1]) expected.push([opponentY + r, OPPONENT_X + c], [agentY + r, AGENT_X + c]);
    expected.push([Math.floor(ball.y), Math.floor(ball.x)], [Math.floor(ball.y) + 1, Math.floor(ball.x)]);
    const sortKey = (p: number[]) => p[0] * 1000 + p[1];
    expect(onPixels(frame, 80).map(sortKey).sort()).toEqual(expected.map(sortKey).sort());
  });

  it("scales the frame: 40 x 40 has 1-pixel-wide paddles 4 high and a 1-pixel ball", () => {
    const env = new Pong({ seed: 1, frameSize: 40 });
    const frame = env.reset();
    const { ball, agentY } = env.state();
    expect(frame.length).toBe(1600);
    expect(onPixels(frame, 40).length).toBe(4 + 4 + 1);
    for (let r = 0; r < 4; r++) expect(frame[(agentY / 2 + r) * 40 + AGENT_X / 2]).toBe(1);
    expect(frame[Math.floor(ball.y / 2) * 40 + Math.floor(ball.x / 2)]).toBe(1);
  });

  it("moves the agent's paddle up and down by its speed and keeps it on the field", () => {
    const env = new Pong({ paddleSpeed: 2 });
    const y0 = env.state().agentY;
    env.step("up");
    expect(env.state().agentY).toBe(y0 - 2);
    env.step(2);
    env.step("down");
    expect(env.state().agentY).toBe(y0 + 2);
    for (let t = 0; t < 100; t++) env.step(1);
    expect(env.state().agentY).toBe(0);
    for (let t = 0; t < 100; t++) env.step("down");
    expect(env.state().agentY).toBe(FIELD - 8);
  });

  it("bounces the ball off the top and bottom walls", () => {
    const { states } = playUntilDone(new Pong({ seed: 2, pointsPerEpisode: 3 }), tracker);
    const wallBounces = states.slice(1).filter((s, t) => s.ball.vy === -states[t].ball.vy && s.ball.vy !== 0 && s.ball.vx === states[t].ball.vx);
    expect(wallBounces.length).toBeGreaterThan(0);
    for (const s of states) expect(s.ball.y).toBeGreaterThanOrEqual(0);
    for (const s of states) expect(s.ball.y).toBeLessThanOrEqual(FIELD - 2);
  });

  it("returns the ball from the agent's paddle when the paddle is there", () => {
    const { states } = playUntilDone(new Pong({ seed: 2, pointsPerEpisode: 3 }), tracker);
    const returns = states.slice(1).filter((s, t) => states[t].ball.vx > 0 && s.ball.vx < 0);
    expect(returns.length).toBeGreaterThan(3);
    for (const s of returns) expect(s.ball.x).toBeLessThan(AGENT_X);
  });

  it("scores +1 / -1 per point and ends when a side reaches pointsPerEpisode", () => {
    const env = new Pong({ seed: 5, pointsPerEpisode: 3, opponentSpeed: 3 });
    const { rewards, states } = playUntilDone(env, () => "stay");
    const final = states[states.length - 1].score;
    expect(rewards.filter((r) => r !== 0).every((r) => r === 1 || r === -1)).toBe(true);
    expect(rewards.reduce((a, b) => a + b, 0)).toBe(final.agent - final.opponent);
    expect(Math.max(final.agent, final.opponent)).toBe(3);
    expect(final.opponent).toBe(3);
  });

  it("lets a tracking agent beat an easy (slow) opponent", () => {
    const { rewards } = playUntilDone(new Pong({ seed: 6, pointsPerEpisode: 5, opponentSpeed: 0.5 }), tracker);
    expect(rewards.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("renders an upscaled RGB frame with the agent's paddle in green", () => {
    const env = new Pong({ seed: 1 });
    const image = env.renderRGB(2);
    expect([image.width, image.height, image.data.length]).toEqual([160, 160, 160 * 160 * 4]);
    const { agentY } = env.state();
    const at = (row: number, col: number) => Array.from(image.data.subarray((row * 160 + col) * 4, (row * 160 + col) * 4 + 4));
    expect(at(2 * agentY + 1, 2 * AGENT_X + 1)).toEqual([92, 186, 92, 255]);
    expect(at(0, 0)).toEqual([144, 72, 17, 255]);
  });

  it("ends an endless rally at maxSteps", () => {
    const env = new Pong({ seed: 1, maxSteps: 50 });
    const { rewards } = playUntilDone(env, tracker);
    expect(rewards.length).toBe(50);
  });
});

describe("Pong serves", () => {
  it("serves every ball towards the agent with serveToAgent", () => {
    const env = new Pong({ seed: 9, serveToAgent: true, pointsPerEpisode: 4 });
    const { states } = playUntilDone(env, () => "stay");
    const serves = states.filter((s, t) => t === 0 || s.score.agent + s.score.opponent !== states[t - 1].score.agent + states[t - 1].score.opponent);
    expect(serves.length).toBeGreaterThan(3);
    expect(serves.every((s) => s.ball.vx > 0)).toBe(true);
  });
});
