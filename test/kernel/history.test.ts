/** history_request: tail, range, glob search (unique), with outputs as IPython pairs them. */
import { History } from "../../src/kernel/history";

const history = new History();
["a = 1", "b = 2", "a + b", "a = 1"].forEach((code, i) => history.add(i + 1, code));
history.setOutput(3, "3");

test("tail: the last n entries as [session, line, input]; with output, [input, output|null]", () => {
  expect(history.query({ hist_access_type: "tail", n: 2 })).toEqual([[1, 3, "a + b"], [1, 4, "a = 1"]]);
  expect(history.query({ hist_access_type: "tail", n: 2, output: true })).toEqual([[1, 3, ["a + b", "3"]], [1, 4, ["a = 1", null]]]);
});

test("range: lines start <= line < stop of this session (0 or 1); another session has none", () => {
  expect(history.query({ hist_access_type: "range", session: 0, start: 2, stop: 4 }).map((e) => e[1])).toEqual([2, 3]);
  expect(history.query({ hist_access_type: "range", session: 1, start: 3 }).map((e) => e[1])).toEqual([3, 4]);
  expect(history.query({ hist_access_type: "range", session: 7, start: 1 })).toEqual([]);
});

test("search: a glob over the whole input; unique keeps the latest of duplicates; n limits", () => {
  expect(history.query({ hist_access_type: "search", pattern: "a ?*" }).map((e) => e[1])).toEqual([1, 3, 4]);
  expect(history.query({ hist_access_type: "search", pattern: "a = *", unique: true }).map((e) => e[1])).toEqual([4]);
  expect(history.query({ hist_access_type: "search", pattern: "*", n: 1 }).map((e) => e[1])).toEqual([4]);
  expect(history.query({ hist_access_type: "search", pattern: "(a" })).toEqual([]); // regex characters are literal
});

test("an unknown access type returns nothing", () => {
  expect(history.query({ hist_access_type: "everything" })).toEqual([]);
});
