// `npm run docs:extracts`: regenerates docs/extract-contracts.md from the contracts.
import { writeFileSync } from "node:fs";
import { renderExtractReference } from "./reference.ts";

writeFileSync(new URL("../../docs/extract-contracts.md", import.meta.url), renderExtractReference());
