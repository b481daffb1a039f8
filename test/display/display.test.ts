/** display() and its helpers come from the display layer alone, whatever was imported before. */
test("display.plotly exists when display is the first module loaded", () => {
  jest.isolateModules(() => {
    const { display } = require("../../src/display/display") as typeof import("../../src/display/display");
    expect(typeof display.plotly).toBe("function");
  });
});
