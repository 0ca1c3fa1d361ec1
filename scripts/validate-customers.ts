// Validates every customer file without deploying anything: `npm run validate [-- --customers <dir>]`.
import "../lib/operations/command-errors";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadCustomers } from "../lib/model/load-customers";
import { customerRules as settings } from "../lib/environments";

const { values } = parseArgs({ options: { customers: { type: "string", default: "customers" } } });
const directory = resolve(values.customers);

const customers = loadCustomers({ directory, settings });
console.log(`${customers.length} customer files valid in ${values.customers}/`);
