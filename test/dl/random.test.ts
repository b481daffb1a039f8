import { Random, mulberry32 } from "../../src/dl/random";

describe("Random", () => {
  it("draws mulberry32's stream", () => {
    const stream = mulberry32(42);
    const rng = new Random(42);
    for (let i = 0; i < 5; i++) expect(rng.random()).toBe(stream());
  });

  it("resumes a stream exactly from a snapshot", () => {
    const rng = new Random(7);
    rng.random();
    rng.normal();
    const saved = rng.snapshot();
    const expected = [rng.random(), rng.int(10), rng.uniform(-1, 1)];
    const resumed = new Random(0).restore(saved);
    expect([resumed.random(), resumed.int(10), resumed.uniform(-1, 1)]).toEqual(expected);
  });
});
