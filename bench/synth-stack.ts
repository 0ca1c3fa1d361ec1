// What main.ts does, for one environment only: measures the lever "synthesize only the stack a
// command works on" against main.ts, which synthesizes all three for every command.
// Run in a project folder: tsx bench/synth-stack.ts <environment>; CDKTF_OUTDIR says where to write.
import { App } from "cdktf";
import { customerRules, ENVIRONMENT_NAMES, environments, type EnvironmentName } from "../lib/environments";
import { loadCustomers } from "../lib/load-customers";
import { RealmStack } from "../lib/realm-stack";

const name = process.argv[2] as EnvironmentName;
if (!ENVIRONMENT_NAMES.includes(name)) throw new Error(`usage: synth-stack.ts <${ENVIRONMENT_NAMES.join("|")}>`);
const customers = loadCustomers({ directory: "customers", settings: customerRules });
const app = new App();
new RealmStack(app, name, {
  settings: environments[name],
  customers: customers.filter((customer) => customer.environments.includes(name)),
});
app.synth();
