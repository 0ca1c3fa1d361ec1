// Writes customers/schema.json from the zod schema that validates customer files.
import "../lib/operations/command-errors";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { customerJsonSchema } from "../lib/model/customer-file";
import { customerRules as settings } from "../lib/environments";

const target = resolve(import.meta.dirname, "../customers/schema.json");
writeFileSync(target, `${JSON.stringify(customerJsonSchema(settings), null, 2)}\n`);
console.log(`wrote ${target}`);
