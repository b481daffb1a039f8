import { JavaRandom } from "../../../../src/dl/models/classic/java-random";

/**
 * Printed by OpenJDK 17 on this machine: for seed s, five nextDouble() then nextInt(b) for
 * b = 1, 2, 7, 10, 16, 100, 4876, 2^30, 2^31 - 1 (powers of two and the rejection path).
 */
const JAVA = {
  0: [[0.730967787376657, 0.24053641567148587, 0.6374174253501083, 0.5504370051176339, 0.5975452777972018], [0, 0, 0, 2, 15, 44, 3876, 24783937, 2021317241]],
  1: [[0.7308781907032909, 0.41008081149220166, 0.20771484130971707, 0.3327170559595112, 0.9677559094241207], [0, 0, 5, 3, 15, 34, 3680, 978125631, 2012368596]],
  42: [[0.7275636800328681, 0.6832234717598454, 0.30871945533265976, 0.27707849007413665, 0.6655489517945736], [0, 0, 0, 2, 4, 32, 4380, 818288085, 1681268743]],
};
const BOUNDS = [1, 2, 7, 10, 16, 100, 4876, 2 ** 30, 2 ** 31 - 1];

test.each(Object.entries(JAVA))("seed %s draws what java.util.Random draws", (seed, [doubles, ints]) => {
  const random = new JavaRandom(Number(seed));
  expect(doubles.map(() => random.nextDouble())).toEqual(doubles);
  expect(BOUNDS.map((b) => random.nextInt(b))).toEqual(ints);
});

test("shuffle is Weka's Instances.randomize: swap(j, nextInt(j + 1)) from the end", () => {
  const expected = [0, 1, 2, 3, 4];
  const random = new JavaRandom(7);
  for (let j = expected.length - 1; j > 0; j--) {
    const k = random.nextInt(j + 1);
    [expected[j], expected[k]] = [expected[k], expected[j]];
  }
  expect(new JavaRandom(7).shuffle([0, 1, 2, 3, 4])).toEqual(expected);
});

test("nextInt refuses a bound it cannot draw from", () => {
  expect(() => new JavaRandom(0).nextInt(0)).toThrow("positive 32-bit integer");
});
