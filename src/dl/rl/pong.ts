/**
 * A small, deterministic Pong for policy-gradient experiments, standing in for Atari
 * Pong in Karpathy's "Deep Reinforcement Learning: Pong from Pixels" (2016).
 *
 * The agent is the right paddle, a scripted opponent the left one. The agent gets +1
 * when the ball passes the opponent, -1 when it passes the agent, 0 otherwise; the
 * episode ends when either side reaches `pointsPerEpisode` (21 in Atari Pong).
 * Observations are the binary frames of Karpathy's preprocessing (0 background,
 * 1 paddles and ball), `frameSize` x `frameSize`: 80 as in the blog, smaller to train faster.
 */
import { Random, random } from "../random";
import {
  AGENT_X,
  BALL_HEIGHT,
  BALL_WIDTH,
  Ball,
  DEFAULT_PADDLE_HEIGHT,
  FIELD,
  OPPONENT_X,
  PADDLE_WIDTH,
  PongState,
} from "./pong-geometry";
import { RGBAImage, renderBinary, renderRGBA } from "./pong-render";

/** 0 = stay, 1 = up (towards row 0), 2 = down; or the names. */
export type PongAction = 0 | 1 | 2 | "stay" | "up" | "down";

export interface PongOptions {
  seed?: number;
  /** Side of the square observation, in pixels. */
  frameSize?: number;
  /** First side to reach this many points ends the episode. */
  pointsPerEpisode?: number;
  /** Scripted opponent's top speed (units per step) when following the ball: lower is easier. */
  opponentSpeed?: number;
  /** Height of both paddles, units; taller is easier (Atari's is 8 of 80). */
  paddleHeight?: number;
  /** Agent paddle speed, units per step. */
  paddleSpeed?: number;
  /** Horizontal ball speed, units per step. */
  ballSpeed?: number;
  /**
   * Serve every ball towards the agent, so that every point depends on what the agent
   * did; with random serves, a slow opponent gives away points the agent had no part in.
   */
  serveToAgent?: boolean;
  /** Safety cap: an episode also ends after this many steps. */
  maxSteps?: number;
}

export interface StepResult {
  observation: Float32Array;
  reward: number;
  done: boolean;
}

const ACTION_NAMES = { stay: 0, up: 1, down: 2 } as const;
/** Steepest vertical ball speed, relative to the horizontal speed, after an edge hit. */
const MAX_BOUNCE_SLOPE = 1;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

export class Pong {
  readonly frameSize: number;
  readonly pointsPerEpisode: number;
  readonly opponentSpeed: number;
  readonly paddleHeight: number;
  readonly paddleSpeed: number;
  readonly ballSpeed: number;
  readonly serveToAgent: boolean;
  readonly maxSteps: number;
  private readonly rng: Random;
  private s: PongState;

  constructor(options: PongOptions = {}) {
    this.frameSize = options.frameSize ?? 80;
    this.pointsPerEpisode = options.pointsPerEpisode ?? 21;
    this.opponentSpeed = options.opponentSpeed ?? 1.5;
    this.paddleHeight = options.paddleHeight ?? DEFAULT_PADDLE_HEIGHT;
    this.paddleSpeed = options.paddleSpeed ?? 2;
    this.ballSpeed = options.ballSpeed ?? 2;
    this.serveToAgent = options.serveToAgent ?? false;
    this.maxSteps = options.maxSteps ?? 400 * this.pointsPerEpisode;
    this.rng = random(options.seed ?? 0);
    this.s = this.freshState();
  }

  /** Start a new episode (the random stream continues, so episodes differ). */
  reset(): Float32Array {
    this.s = this.freshState();
    return this.observe();
  }

  step(action: PongAction): StepResult {
    const move = typeof action === "string" ? ACTION_NAMES[action] : action;
    const s = this.s;
    s.steps++;
    if (move === 1) s.agentY = this.clampPaddle(s.agentY - this.paddleSpeed);
    if (move === 2) s.agentY = this.clampPaddle(s.agentY + this.paddleSpeed);
    this.moveOpponent();
    this.moveBall();
    const reward = this.scoreIfOut();
    const done =
      s.score.agent >= this.pointsPerEpisode || s.score.opponent >= this.pointsPerEpisode || s.steps >= this.maxSteps;
    return { observation: this.observe(), reward, done };
  }

  /** A copy of the current state (positions in logical units of the 80 x 80 field). */
  state(): PongState {
    return structuredClone(this.s);
  }

  /** The random stream's state (serves); with `restoreRandom`, checkpoints resume it exactly. */
  snapshotRandom(): number {
    return this.rng.snapshot();
  }

  restoreRandom(state: number): void {
    this.rng.restore(state);
  }

  observe(): Float32Array {
    return renderBinary(this.s, this.frameSize);
  }

  /** A colour frame in Atari colours, `scale` pixels per logical unit (80 * scale square). */
  renderRGB(scale = 4): RGBAImage {
    return renderRGBA(this.s, scale);
  }

  private freshState(): PongState {
    return {
      ball: this.serve(),
      agentY: (FIELD - this.paddleHeight) / 2,
      opponentY: (FIELD - this.paddleHeight) / 2,
      paddleHeight: this.paddleHeight,
      score: { agent: 0, opponent: 0 },
      steps: 0,
    };
  }

  /** Ball from the centre line, random height, side (unless serveToAgent) and slope. */
  private serve(): Ball {
    const towardsOpponent = this.rng() < 0.5 && !this.serveToAgent;
    const direction = towardsOpponent ? -1 : 1;
    return {
      x: (FIELD - BALL_WIDTH) / 2,
      y: this.rng.uniform(FIELD * 0.25, FIELD * 0.75),
      vx: direction * this.ballSpeed,
      vy: this.rng.uniform(-0.5, 0.5) * MAX_BOUNCE_SLOPE * this.ballSpeed,
    };
  }

  /** The scripted opponent follows the ball's centre, no faster than opponentSpeed. */
  private moveOpponent(): void {
    const s = this.s;
    const target = s.ball.y + BALL_HEIGHT / 2 - this.paddleHeight / 2;
    const delta = clamp(target - s.opponentY, -this.opponentSpeed, this.opponentSpeed);
    s.opponentY = this.clampPaddle(s.opponentY + delta);
  }

  private clampPaddle(y: number): number {
    return clamp(y, 0, FIELD - this.paddleHeight);
  }

  private moveBall(): void {
    const ball = this.s.ball;
    const previousX = ball.x;
    ball.x += ball.vx;
    ball.y += ball.vy;
    if (ball.y < 0) {
      ball.y = -ball.y;
      ball.vy = -ball.vy;
    } else if (ball.y > FIELD - BALL_HEIGHT) {
      ball.y = 2 * (FIELD - BALL_HEIGHT) - ball.y;
      ball.vy = -ball.vy;
    }
    const agentFace = AGENT_X - BALL_WIDTH;
    const opponentFace = OPPONENT_X + PADDLE_WIDTH;
    if (ball.vx > 0 && previousX <= agentFace && ball.x > agentFace) this.bounceOffPaddle(agentFace, this.s.agentY);
    if (ball.vx < 0 && previousX >= opponentFace && ball.x < opponentFace)
      this.bounceOffPaddle(opponentFace, this.s.opponentY);
  }

  /**
   * If the ball overlaps the paddle as it crosses the paddle's face, it is reflected back,
   * leaving steeper the further from the paddle's centre it hit (as in Atari Pong).
   */
  private bounceOffPaddle(faceX: number, paddleY: number): void {
    const ball = this.s.ball;
    const height = this.paddleHeight;
    const overlaps = ball.y < paddleY + height && ball.y + BALL_HEIGHT > paddleY;
    if (!overlaps) return;
    ball.x = 2 * faceX - ball.x;
    ball.vx = -ball.vx;
    const offset = (ball.y + BALL_HEIGHT / 2 - (paddleY + height / 2)) / ((height + BALL_HEIGHT) / 2);
    ball.vy = offset * MAX_BOUNCE_SLOPE * this.ballSpeed;
  }

  /** +1 / -1 when the ball leaves the field on the opponent's / agent's side, then a new serve. */
  private scoreIfOut(): number {
    const s = this.s;
    const reward = s.ball.x + BALL_WIDTH < 0 ? 1 : s.ball.x > FIELD ? -1 : 0;
    if (reward === 1) s.score.agent++;
    if (reward === -1) s.score.opponent++;
    if (reward !== 0) s.ball = this.serve();
    return reward;
  }
}
