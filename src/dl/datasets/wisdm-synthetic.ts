/**
 * SYNTHETIC accelerometer data in the WISDM raw text format, for tests, benchmarks and
 * offline demos only: per activity a periodic signal (step frequency and amplitude roughly
 * like the real recordings) plus gravity and Gaussian noise. It is not WISDM data and no
 * result computed on it says anything about activity recognition.
 */
import { Random, random as seededRandom } from "../random";
import { ACTIVITIES, Activity } from "./wisdm-parse";

export interface SyntheticRawOptions {
  seed?: number;
  /** Users 1..users. Default 3. */
  users?: number;
  /** Samples per user and activity (20 per second). Default 400. */
  samplesPerActivity?: number;
  activities?: readonly Activity[];
  /** Fraction of lines given one of the real file's defects. Default 0. */
  defectRate?: number;
}

interface Motion {
  hz: number;
  amplitude: [number, number, number];
  gravity: [number, number, number];
  noise: number;
}

/** Invented but plausible: walking ~2 steps/s, jogging faster and harder, still postures flat. */
const MOTIONS: Record<Activity, Motion> = {
  Walking: { hz: 1.9, amplitude: [2.5, 4, 1.5], gravity: [0, 9.6, 0.5], noise: 0.6 },
  Jogging: { hz: 2.7, amplitude: [5, 8, 3], gravity: [-1, 9.8, 0], noise: 1.2 },
  Upstairs: { hz: 1.5, amplitude: [2, 3, 1.2], gravity: [0.5, 9.4, 1], noise: 0.5 },
  Downstairs: { hz: 1.7, amplitude: [2.5, 4.5, 1.5], gravity: [0, 9.5, -1], noise: 0.7 },
  Sitting: { hz: 0.2, amplitude: [0.1, 0.1, 0.1], gravity: [1.5, 1, 9.5], noise: 0.1 },
  Standing: { hz: 0.2, amplitude: [0.15, 0.15, 0.15], gravity: [-0.5, 9.7, 0.8], noise: 0.15 },
};

const PERIOD_NS = 50_000_000;

export function syntheticRaw(options: SyntheticRawOptions = {}): string {
  const random = seededRandom(options.seed ?? 1);
  const samples = options.samplesPerActivity ?? 400;
  const defectRate = options.defectRate ?? 0;
  // One joined block per user and activity: 1.1M separate line strings keep the GC busy.
  const blocks: string[] = [];
  let clockNs = 49_105_962_326_000;
  for (let user = 1; user <= (options.users ?? 3); user++) {
    for (const activity of options.activities ?? ACTIVITIES) {
      const records = recordsOf(random, user, activity, samples, clockNs);
      blocks.push((defectRate > 0 ? withDefects(random, records, defectRate) : records.map((r) => `${r};`)).join("\n"));
      clockNs += (samples + 200) * PERIOD_NS;
    }
  }
  return blocks.join("\n") + "\n";
}

/** Records without their terminating `;`. */
function recordsOf(random: Random, user: number, activity: Activity, samples: number, startNs: number): string[] {
  const motion = MOTIONS[activity];
  const phases = [0, 1, 2].map(() => random.uniform(0, 2 * Math.PI));
  const records: string[] = [];
  for (let k = 0; k < samples; k++) {
    const jitterNs = Math.round(random.uniform(-1e6, 1e6));
    const seconds = k / 20;
    const [x, y, z] = [0, 1, 2].map((axis) => {
      const wave = Math.sin(2 * Math.PI * motion.hz * seconds + phases[axis]);
      return formatFloat(motion.gravity[axis] + motion.amplitude[axis] * wave + random.normal(0, motion.noise ** 2));
    });
    records.push(`${user},${activity},${startNs + k * PERIOD_NS + jitterNs},${x},${y},${z}`);
  }
  return records;
}

/** About the 8 significant digits of the real file's floats; toFixed is 4x faster than toPrecision. */
function formatFloat(value: number): string {
  return value.toFixed(6);
}

/** The real file's defects: joined records, `,;` endings, a missing z, an empty field. */
function withDefects(random: Random, records: string[], rate: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < records.length; i++) {
    if (random() >= rate) {
      lines.push(`${records[i]};`);
      continue;
    }
    const kind = random.int(4);
    if (kind === 0 && i + 1 < records.length) lines.push(`${records[i]};${records[++i]};`);
    else if (kind === 1) lines.push(`${records[i]},;`);
    else if (kind === 2) lines.push(`${records[i].slice(0, records[i].lastIndexOf(",") + 1)};`);
    else lines.push(`${records[i].replace(/,-?\d+,/, ",,")};`);
  }
  return lines;
}
