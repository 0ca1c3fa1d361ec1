import { environments, type EnvironmentName } from "../../environments";
import { isReadOnlyState } from "../../constructs/state-backend";
import { customerStacks, shardCount } from "../../model/shards";
import { StackWorkspace } from "../stack-workspace";
import { EXIT, UsageError, type Invocation } from "./invocation";

/**
 * Customer resources of earlier layouts, by type, with what took their place:
 * - a service-account grant and a scope mapping per role, before each customer had one role set
 *   (`keycloak_user_roles`) and the API's role scopes;
 * - a set of optional scopes, always empty, before what a client holds beyond its file covered them.
 */
const RETIRED_TYPES = [
  "keycloak_openid_client_service_account_role",
  "keycloak_generic_role_mapper",
  "keycloak_openid_client_optional_scopes",
];

/** The addresses among `addresses` of customers' resources of an earlier layout. */
export function retiredAddresses(addresses: readonly string[]): string[] {
  return addresses.filter((address) => {
    const [type, name] = address.split(".");
    return RETIRED_TYPES.includes(type!) && name!.startsWith("customers_");
  });
}

/**
 * Refuses a state that still holds customer resources of an earlier layout: planned with this code,
 * the engine would delete them, and a per-role grant's deletion would take the role away with
 * nothing ordering it after the role set takes over.
 */
export function refuseRetiredResources(name: EnvironmentName, addresses: readonly string[]): void {
  const found = retiredAddresses(addresses);
  if (found.length === 0) return;
  throw new UsageError(
    `the '${name}' state holds ${found.length} customer resource(s) of an earlier layout (e.g. ${found[0]}): ` +
      "nothing was planned or changed. Run `npm run upgrade-state -- --env " +
      `${name}\` once: it removes them from the state and changes nothing in Keycloak; the next deploy then ` +
      "takes over what they managed.",
  );
}

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
  const stacks = [...new Set([name, ...customerStacks(name, shardCount(environments[name]))])];
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
