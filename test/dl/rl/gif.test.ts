import { encodeGif, grayscaleImage } from "../../../src/dl/rl/gif";
import { Pong } from "../../../src/dl/rl/pong";

describe("encodeGif", () => {
  it("encodes Pong frames as an animated GIF89a", () => {
    const env = new Pong({ seed: 1 });
    const frames = [env.renderRGB(1)];
    for (let t = 0; t < 5; t++) {
      env.step("up");
      frames.push(env.renderRGB(1));
    }
    const bytes = encodeGif(frames, { delayMs: 50 });
    expect(Buffer.from(bytes.subarray(0, 6)).toString("ascii")).toBe("GIF89a");
    expect(bytes[6] | (bytes[7] << 8)).toBe(80);
    expect(bytes[bytes.length - 1]).toBe(0x3b);
    // One image descriptor (0x2c after a graphic control block) per frame.
    const descriptors = bytes.filter((b, i) => b === 0x2c && bytes[i - 1] === 0x00 && bytes[i - 8] === 0x21).length;
    expect(descriptors).toBe(6);
  });

  it("rejects no frames and mixed sizes", () => {
    expect(() => encodeGif([])).toThrow();
    const env = new Pong();
    expect(() => encodeGif([env.renderRGB(1), env.renderRGB(2)])).toThrow();
  });
});

describe("grayscaleImage", () => {
  it("maps a difference frame's -1 / 0 / 1 to black / grey / white blocks", () => {
    const image = grayscaleImage([-1, 0, 1, 0], 2, { min: -1, max: 1, scale: 2 });
    expect([image.width, image.height]).toEqual([4, 4]);
    const px = (x: number, y: number) => image.data[(y * 4 + x) * 4];
    expect([px(0, 0), px(1, 1), px(2, 0), px(0, 2)]).toEqual([0, 0, 128, 255]);
  });
});
