// Validates every customer file without deploying anything: `npm run validate [-- --customers <dir>]`.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadCustomers } from "../lib/load-customers";
import { customerRules as settings } from "../lib/environments";
import { ValidationError } from "../lib/validation-error";

const { values } = parseArgs({ options: { customers: { type: "string", default: "customers" } } });
const directory = resolve(values.customers);

try {
  const customers = loadCustomers({ directory, settings });
  console.log(`${customers.length} customer files valid in ${values.customers}/`);
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
