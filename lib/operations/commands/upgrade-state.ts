import { environments, type EnvironmentName } from "../../environments";
import { isReadOnlyState } from "../../constructs/state-backend";
import { customerStacks, shardCount } from "../../model/shards";
import { StackWorkspace } from "../stack-workspace";
import { retiredAddresses } from "../retired-resources";
import { EXIT, UsageError, type Invocation } from "./invocation";
import { recordedShards } from "./reshard";
import { prepared } from "./steps";

/**
 * `npm run upgrade-state`: forgets customers' resources of earlier layouts in the realm's state and
 * every shard's (state only, Keycloak untouched). The next deploy creates each customer's role set
 * over the grants its service account already has, attaches the API's role scopes, and then removes
 * the client's own scope mappings they replace, so a token never lacks a role in between; optional
 * scopes are checked with what else a client holds beyond its file.
 */
export async function upgradeState(run: Invocation, name: EnvironmentName): Promise<number> {
  // State only: the engine never configures the provider here, so no Keycloak connection is needed.
  const env = process.env;
  if (isReadOnlyState(env)) {
    throw new UsageError(
      "REALM_STATE_READ_ONLY=yes: upgrade-state rewrites the state. Unset it and use a connection string whose role may write the state.",
    );
  }
  // The shards the states are laid out for and those settings ask for: they differ when this
  // upgrade comes with a change of customers.shards, which reshard makes only once upgraded.
  const realmStack = await prepared(new StackWorkspace(run.root, name, run.scratch, run.log, env));
  const recorded = recordedShards(await realmStack.outputs());
  const shards = [...customerStacks(name, recorded), ...customerStacks(name, shardCount(environments[name]))];
  const stacks = [...new Set([name, ...shards])];
  const workspaces = await StackWorkspace.forStates(run.root, name, stacks, run.scratch, run.log, env);
  let removed = 0;
  for (const workspace of workspaces) {
    const found = retiredAddresses(await workspace.stateAddresses());
    if (found.length === 0) continue;
    await workspace.forget(found);
    run.log(`Removed ${found.length} customer resource(s) of an earlier layout from the '${workspace.stack}' state.`);
    removed += found.length;
  }
  if (removed === 0) {
    run.log(`The '${name}' states are up to date: nothing to upgrade.`);
    return EXIT.ok;
  }
  run.log(
    `Nothing in the '${environments[name].realm.name}' realm changed. Deploy next: customers that had per-role ` +
      "grants get their role set and the API's role scopes first, and only then lose the scope mappings these replace.",
  );
  return EXIT.ok;
}
