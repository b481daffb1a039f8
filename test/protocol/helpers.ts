/** Shared helpers of protocol tests: a real kernel process spoken to by the project's client. */
import { launchKernel, RunningKernel } from "../../src/client/launch";
import type { Message } from "../../src/kernel/wire";

export async function startKernel(cwd?: string): Promise<RunningKernel> {
  return launchKernel({ cwd, stderr: process.env.TSDL_TEST_KERNEL_LOG ? "inherit" : "ignore" });
}

export function textOf(outputs: Message[]): string {
  return outputs
    .map((m) => {
      const c = m.content as Record<string, any>;
      if (m.header.msg_type === "stream") return c.text;
      if (m.header.msg_type === "error") return `${c.ename}: ${c.evalue}`;
      if (c.data) return String(c.data["text/plain"] ?? "");
      return "";
    })
    .join("");
}

export function ofType(outputs: Message[], type: string): Message[] {
  return outputs.filter((m) => m.header.msg_type === type);
}
