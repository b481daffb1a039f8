/** feedback/<name>.html: readable offline, points per test, and nothing of the student's runs as HTML or script. */
import { feedbackHtml } from "../../src/grading/feedback";
import { markdownToHtml } from "../../src/grading/markdown";
import type { Notebook } from "../../src/runner/notebook";

const nbg = (grade_id: string, extra: object) => ({ nbgrader: { schema_version: 3, grade: false, solution: false, locked: false, grade_id, ...extra } });
const notebook: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: "markdown", source: "# Part 1\n\nWrite `f`, **now**.\n\n- one\n- two\n\n<script>alert(1)</script>", metadata: {} },
    { cell_type: "code", source: "function f() { return '<b>'; }", metadata: nbg("f", { solution: true }), outputs: [{ output_type: "stream", name: "stdout", text: "\u001b[32mgreen\u001b[0m done" }, { output_type: "display_data", data: { "text/html": "<img src=x onerror=alert(1)>", "text/plain": "<HTML>" }, metadata: {} }], execution_count: 1 },
    { cell_type: "code", source: "assert.equal(f(), 1)", metadata: nbg("f_test", { grade: true, points: 2 }), outputs: [{ output_type: "error", ename: "AssertionError", evalue: "expected 1 but got \"<b>\"", traceback: ["\u001b[31mAssertionError\u001b[0m: expected 1", "    at [cell 2]:1:8"] }], execution_count: 2 },
    { cell_type: "code", source: "grade.partial(0.5)", metadata: nbg("g_test", { grade: true, points: 4 }), outputs: [{ output_type: "display_data", data: { "image/png": "iVBORw0KGgo=", "text/plain": "<PNG>" }, metadata: {} }], execution_count: 3 },
  ],
};

const html = feedbackHtml({
  submission: "amy <3",
  notebook,
  scores: [
    { gradeId: "f_test", max: 2, earned: 0, outcome: "failed", message: 'AssertionError: expected 1 but got "<b>"' },
    { gradeId: "g_test", max: 4, earned: 2, outcome: "partial", message: "half of it" },
  ],
  total: 2,
  max: 6,
  status: "error",
  notes: [],
});

test("shows the total and every test's points and result, beside its cell too", () => {
  expect(html).toContain("<strong>2 / 6 points</strong> · status: error");
  expect(html).toContain("<tr><td>f_<wbr>test</td><td>0 / 2</td><td>failed: AssertionError: expected 1 but got &quot;&lt;b&gt;&quot;</td></tr>");
  expect(html).toContain('<div class="points partial">2 / 4 points · partial credit: half of it</div>');
  expect(html).toContain('<img alt="" src="data:image/png;base64,iVBORw0KGgo=">');
});

test("loads nothing, runs no script, and shows the student's HTML as text", () => {
  expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
  expect(html).not.toMatch(/<script|onerror=|src="http|href="http/);
  expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(html).toContain("<pre>&lt;HTML&gt;</pre>");
  expect(html).toContain("<title>Feedback: amy &lt;3</title>");
  expect(html).not.toContain("\u001b[");
  expect(html).toContain('<pre class="stdout">green done</pre>'); // colours of printed text are dropped, not shown as codes
});

test("Markdown: headings, lists, code and emphasis", () => {
  expect(markdownToHtml("# T\n\nsome `x < y` and **b** and *i*\n\n1. a\n2. b\n\n```ts\nconst a = 1 < 2;\n```")).toBe(
    "<h2>T</h2>\n<p>some <code>x &lt; y</code> and <strong>b</strong> and <em>i</em></p>\n<ol><li>a</li><li>b</li></ol>\n<pre><code>const a = 1 &lt; 2;</code></pre>",
  );
  expect(markdownToHtml("[lecture](https://example.org/a) [bad](javascript:alert(1))")).toBe('<p><a href="https://example.org/a" rel="noreferrer">lecture</a> [bad](javascript:alert(1))</p>');
});
