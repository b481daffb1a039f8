import { random } from "../../src/dl/random";

describe("random", () => {
  it("draws mulberry32's stream", () => {
    const rng = random(42);
    expect([rng(), rng(), rng()].map((x) => x * 2 ** 32)).toEqual([2581720956, 1925393290, 3661312704]);
  });

  it("resumes a stream exactly from a snapshot", () => {
    const rng = random(7);
    rng();
    rng.normal();
    const saved = rng.snapshot();
    const expected = [rng(), rng.int(10), rng.uniform(-1, 1)];
    const resumed = random(0).restore(saved);
    expect([resumed(), resumed.int(10), resumed.uniform(-1, 1)]).toEqual(expected);
  });
});
