// `tahseel new-model NAME [--layer marts]`: writes a model file with its header and a test stub.
import { stringOption, type Command } from "../command.ts";
import { UserError } from "../../lib/errors.ts";
import { scaffoldModel } from "../../engine/scaffold.ts";
import { DEFAULT_MODELS } from "./build.ts";

export const newModelCommand: Command = {
  async run(options, positionals, context) {
    const [name, extra] = positionals;
    if (!name || extra) throw new UserError("give one model name, e.g. tahseel new-model employer_balance --layer marts");
    const layer = stringOption(options, "layer", "marts");
    const files = scaffoldModel(stringOption(options, "models", DEFAULT_MODELS), name, layer);
    context.logger.info(
      `wrote ${files.model} and ${files.test}; edit the header and the SELECT, then: tahseel build --select ${layer}.${name}`,
    );
    return { result: files };
  },
};
