import "./lib/operations/command-errors";
import { App } from "cdktn";
import { customerRules, ENVIRONMENT_NAMES, environments } from "./lib/environments";
import { loadCustomers } from "./lib/model/load-customers";
import { PRIVATE_UMASK } from "./lib/operations/private-files";
import { RealmStack } from "./lib/constructs/realm-stack";
import { parseAdoptions } from "./lib/operations/adoption";

// What this process writes (cdktf.out) is private; the cdktn CLI's engine writes with the operator's umask.
process.umask(PRIVATE_UMASK);

// Every customer file is validated before anything is synthesized, so a bad one stops the deploy here.
const customers = loadCustomers({ directory: "customers", settings: customerRules });
const app = new App();
// One stack, and so one state, per environment: `cdktn deploy staging`. The operator commands
// synthesize only the one they work on (REALM_ENVIRONMENT): at 1,000 customers that halves synth.
const only = process.env.REALM_ENVIRONMENT;
// `npm run plan -- --customer <id>` plans just those customers from a throwaway synth of them.
const onlyCustomers = process.env.REALM_CUSTOMERS ? process.env.REALM_CUSTOMERS.split(",") : undefined;
// Clients made by hand that customers take over: looked up in Keycloak by the operator commands.
const adoptions = parseAdoptions(process.env.REALM_ADOPTIONS);
for (const name of ENVIRONMENT_NAMES.filter((n) => only === undefined || n === only)) {
  const present = customers.filter(
    (customer) => customer.environments.includes(name) && (onlyCustomers?.includes(customer.id) ?? true),
  );
  new RealmStack(app, name, { settings: environments[name], customers: present, adoptions });
}
app.synth();
