/** IPython's help convention: `?name` or `name?` alone in a cell shows the name's docs in the pager. */
export function helpTarget(code: string): string | null {
  const m = /^\s*\?\s*([A-Za-z_$][\w$.]*)\s*$/.exec(code) ?? /^\s*([A-Za-z_$][\w$.]*)\s*\?\s*$/.exec(code);
  return m ? m[1] : null;
}
