/** `tsdl install`: writes the kernelspec where Jupyter looks for kernels. */
import { UsageError, defineCommand } from "./command";
import { installKernelspec, InstallOptions } from "./install";

export const installCommand = defineCommand({
  name: "install",
  summary: "write the kernelspec where Jupyter finds kernels",
  description: "Writes the kernelspec (kernel.json and logos) where Jupyter finds kernels; by default into the user's data dir.",
  args: "",
  arity: { min: 0, max: 0 },
  flags: {
    user: { type: "boolean", help: "the user's Jupyter data dir (default)" },
    "sys-prefix": { type: "boolean", help: "the Jupyter data dir of python3's sys.prefix" },
    prefix: { type: "string", value: "DIR", help: "DIR/share/jupyter/kernels" },
    name: { type: "string", value: "NAME", help: "the kernelspec's name (default: tsdl)" },
    "display-name": { type: "string", value: "TEXT", help: "the name frontends show" },
  },
  run(flags) {
    const chosen = [flags.user && "--user", flags["sys-prefix"] && "--sys-prefix", flags.prefix !== undefined && "--prefix"].filter(Boolean);
    if (chosen.length > 1) throw new UsageError(`choose one of ${chosen.join(", ")}`);
    const scope: InstallOptions["scope"] = flags.prefix !== undefined ? { prefix: flags.prefix } : flags["sys-prefix"] ? "sys-prefix" : "user";
    const dir = installKernelspec({ scope, name: flags.name ?? "tsdl", displayName: flags["display-name"] });
    console.log(`installed kernelspec in ${dir}`);
    return 0;
  },
});
