import { environments, type EnvironmentName } from "../../environments";
import { isReadOnlyState } from "../../constructs/state-backend";
import { StackWorkspace } from "../stack-workspace";
import { EXIT, UsageError, type Invocation } from "./invocation";
import { prepared } from "./steps";

/**
 * The resources that granted a customer its roles one by one before a customer had one role set
 * (`keycloak_user_roles`) and the API's role scopes: a service-account grant and a scope mapping per role.
 */
const PER_ROLE_TYPES = ["keycloak_openid_client_service_account_role", "keycloak_generic_role_mapper"];

/** The addresses among `addresses` of customers' per-role resources. */
export function perRoleAddresses(addresses: readonly string[]): string[] {
  return addresses.filter((address) => {
    const [type, name] = address.split(".");
    return PER_ROLE_TYPES.includes(type!) && name!.startsWith("customers_");
  });
}

/**
 * Refuses a state that still holds per-role resources: planned with this code, the engine would
 * delete the grants they stand for, and nothing would order that after the role set takes over.
 */
export function refusePerRoleState(name: EnvironmentName, addresses: readonly string[]): void {
  const found = perRoleAddresses(addresses);
  if (found.length === 0) return;
  throw new UsageError(
    `the '${name}' state holds ${found.length} per-role resource(s) of customers (e.g. ${found[0]}), from before ` +
      "each customer had one role set: nothing was planned or changed. Run `npm run upgrade-state -- --env " +
      `${name}\` once: it removes them from the state and changes nothing in Keycloak; the next deploy then ` +
      "takes over the same grants.",
  );
}

/**
 * `npm run upgrade-state`: forgets customers' per-role resources (state only, Keycloak untouched).
 * The next deploy creates each customer's role set over the grants its service account already has,
 * attaches the API's role scopes, and then removes the client's own scope mappings they replace, so a
 * token never lacks a role in between.
 */
export async function upgradeState(run: Invocation, name: EnvironmentName): Promise<number> {
  // State only: the engine never configures the provider here, so no Keycloak connection is needed.
  const env = process.env;
  if (isReadOnlyState(env)) {
    throw new UsageError(
      "REALM_STATE_READ_ONLY=yes: upgrade-state rewrites the state. Unset it and use a connection string whose role may write the state.",
    );
  }
  const stack = await prepared(new StackWorkspace(run.root, name, run.scratch, run.log, env));
  const found = perRoleAddresses(await stack.stateAddresses());
  if (found.length === 0) {
    run.log(`The '${name}' state is up to date: nothing to upgrade.`);
    return EXIT.ok;
  }
  await stack.forget(found);
  const realm = environments[name].realm.name;
  run.log(
    `Removed ${found.length} per-role resource(s) from the '${name}' state; nothing in the '${realm}' realm changed. ` +
      "Deploy next: it gives every customer its role set and the API's role scopes, then removes the scope mappings they replace.",
  );
  return EXIT.ok;
}
