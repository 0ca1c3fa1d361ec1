import "./lib/operations/command-errors";
import { App } from "cdktn";
import { customerRules, ENVIRONMENT_NAMES, environments } from "./lib/environments";
import { loadCustomers } from "./lib/model/load-customers";
import { shardCount, shardOf, shardStackName } from "./lib/model/shards";
import { PRIVATE_UMASK } from "./lib/operations/private-files";
import { CustomerShardStack } from "./lib/constructs/customer-shard-stack";
import { RealmStack } from "./lib/constructs/realm-stack";
import { parseAdoptions } from "./lib/operations/adoption";

// What this process writes (cdktf.out) is private; the cdktn CLI's engine writes with the operator's umask.
process.umask(PRIVATE_UMASK);
// cdktn records a full stack trace for every token it creates, only to name it in an error: at 10,000
// customers that was 30% of synth (4 s, and 200 MB). Set it to "false" to get them back when debugging.
process.env.CDKTN_DISABLE_CREATION_STACK ??= "true";

// Every customer file is validated before anything is synthesized, so a bad one stops the deploy here.
const customers = loadCustomers({ directory: "customers", settings: customerRules });
const app = new App();
// One stack, and so one state, per environment (`cdktn deploy staging`), and one per customer shard
// when settings shard its customers (`staging-customers-1` …). The operator commands synthesize only
// the environment they work on (REALM_ENVIRONMENT): at 1,000 customers that halves synth.
const only = process.env.REALM_ENVIRONMENT;
// `npm run plan -- --customer <id>` plans just those customers from a throwaway synth of them.
const onlyCustomers = process.env.REALM_CUSTOMERS ? process.env.REALM_CUSTOMERS.split(",") : undefined;
// A command synthesizing one shard again writes just it (REALM_STACKS); other stacks' plans may be running.
const onlyStacks = process.env.REALM_STACKS ? process.env.REALM_STACKS.split(",") : undefined;
const wanted = (stack: string) => onlyStacks?.includes(stack) ?? true;
// Clients made by hand that customers take over: looked up in Keycloak by the operator commands.
const adoptions = parseAdoptions(process.env.REALM_ADOPTIONS);
for (const name of ENVIRONMENT_NAMES.filter((n) => only === undefined || n === only)) {
  const settings = environments[name];
  const present = customers.filter((customer) => customer.environments.includes(name));
  const selected = present.filter((customer) => onlyCustomers?.includes(customer.id) ?? true);
  const shards = shardCount(settings);
  if (shards === 1) {
    new RealmStack(app, name, { settings, customers: selected, adoptions });
    continue;
  }
  // Every customer's grace period has its policy in the realm's stack, whichever shards are synthesized.
  if (wanted(name)) new RealmStack(app, name, { settings, customers: present, adoptions });
  for (let shard = 1; shard <= shards; shard++) {
    if (!wanted(shardStackName(name, shard))) continue;
    const held = selected.filter((customer) => shardOf(customer.id, shards) === shard);
    // A partial synth leaves out the shards none of its customers (with a file or removed) belongs to;
    // a full one keeps empty shards, so that their last customer's removal is planned.
    if (onlyCustomers !== undefined && !onlyCustomers.some((id) => shardOf(id, shards) === shard)) continue;
    new CustomerShardStack(app, shardStackName(name, shard), {
      settings,
      environment: name,
      customers: held,
      adoptions,
    });
  }
}
app.synth();
