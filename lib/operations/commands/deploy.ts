import { rm } from "node:fs/promises";
import { environments, type EnvironmentName } from "../../environments";
import { hasExtras, removeExtras, type ClientsRead } from "../client-holdings";
import { formatRefusal, formatVanished, unallowedDeletions } from "../deletion-guard";
import { KeycloakAdmin } from "../keycloak-admin";
import { customerIdOf, renderPlanReport, summarizeChanges } from "../plan-summary";
import { actionOf } from "../terraform-plan";
import { StackWorkspace } from "../stack-workspace";
import { isReadOnlyState } from "../../constructs/state-backend";
import { EXIT, providerEnvironment, UsageError, type Invocation } from "./invocation";
import type { Adoption } from "../adoption";
import type { SecretStatus } from "../customer-secrets";
import {
  customerScopedWorkspace,
  customersIn,
  described,
  forEachShard,
  shardWorkspaces,
  customerTargets,
  lookUpAdoptions,
  lookUpHoldings,
  lookUpRoleNames,
  planTakingBack,
  prepared,
  settleSecrets,
} from "./steps";

/**
 * `npm run deploy`: plan, refuse deletions nobody allowed, apply exactly that plan. With `--customer`,
 * of those customers only (a merged pull request's files): seconds at any number of customers; the
 * full deploy and the nightly drift check still cover everything.
 */
export async function deploy(run: Invocation, name: EnvironmentName, env = providerEnvironment(name)): Promise<number> {
  if (isReadOnlyState(env)) {
    throw new UsageError(
      "REALM_STATE_READ_ONLY=yes: this run may only read the state, and a deploy must record what it changes. " +
        "Unset it and use a connection string whose role may write the state.",
    );
  }
  const { stack, only } = await customerScopedWorkspace(run, name, env);
  try {
    const looked = await lookUpAdoptions(run, name, env, only.length > 0 ? only : undefined);
    await prepared(stack, looked);
    const shards = shardWorkspaces(stack);
    // The realm's stack first, whole: customer shards read the API's role ids from its state.
    const realm = await deployWith(run, name, env, stack, shards.length > 0 ? [] : only, looked);
    if (realm.code !== EXIT.ok) return realm.code;
    const deployed = [realm, ...(await forEachShard(shards, (shard) =>
      deployWith(run, name, env, shard, customersIn(shard, only), looked),
    ))]; // prettier-ignore
    const failed = deployed.find((part) => part.code !== EXIT.ok);
    if (failed !== undefined) return failed.code;
    await settleSecrets(run, name, env, {
      read: deployed.flatMap((part) => part.secrets),
      readClients: deployed.flatMap((part) => part.readClients),
      changed: deployed.flatMap((part) => part.changedClients),
      created: deployed.flatMap((part) => part.createdClients),
      only,
    });
    return EXIT.ok;
  } finally {
    await stack.dispose();
  }
}

/** What deploying one stack did. */
interface StackDeployed {
  readonly code: number;
  /** Secret statuses read before the apply, with the holdings. */
  readonly secrets: readonly SecretStatus[];
  /** Customers whose clients the holdings read. */
  readonly readClients: readonly string[];
  /** Customers whose client the apply created, changed or took over: their secrets are read again. */
  readonly changedClients: readonly string[];
  /** Of those, the customers whose client the apply created: a new secret, none before it. */
  readonly createdClients: readonly string[];
}

/** Plans, checks and applies one stack of the environment (all of it, or its customers of `only`). */
async function deployWith(
  run: Invocation,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  stack: StackWorkspace,
  only: readonly string[],
  looked: readonly Adoption[],
): Promise<StackDeployed> {
  const { log } = run;
  const nothing = (code: number): StackDeployed => ({
    code,
    secrets: [],
    readClients: [],
    changedClients: [],
    createdClients: [],
  });
  const targets = only.length > 0 ? await customerTargets(run, stack, only) : undefined;
  if (targets?.length === 0) {
    log(`No changes: nothing of ${only.join(", ")} in the code or the '${stack.stack}' state.`);
    return nothing(EXIT.ok);
  }
  const { result, adoptions: found } = await planTakingBack(run, stack, name, env, looked, { targets });
  const changes = result.plan.resource_changes ?? [];
  // Taken over in this deploy, or earlier with leftovers still there (a removal that failed or was
  // interrupted after the apply): a client already in state is not imported again.
  const adoptions = found.filter(
    (adoption) =>
      hasExtras(adoption) || changes.some((change) => change.change.importing && customerIdOf(change) === adoption.id),
  );
  // Refresh found gone what the state says was deployed: the wrong Keycloak, or deleted by hand.
  const vanished = unallowedDeletions(result.plan.resource_drift ?? [], run.options["allow-delete"]);
  const refused = unallowedDeletions(changes, run.options["allow-delete"]);
  if (vanished.length > 0 || refused.length > 0) {
    await rm(result.file, { force: true });
    if (vanished.length > 0) log(formatVanished(vanished, String(env.KEYCLOAK_URL), name));
    if (refused.length > 0) log(formatRefusal(refused));
    return nothing(EXIT.error);
  }
  const read = await lookUpHoldings(run, name, env, stack, result, { skip: found, only });
  const holdings = read.holdings.filter(hasExtras);
  const scope = only.length > 0 ? ` (only ${only.join(", ")})` : "";
  if (!result.changed && !adoptions.some(hasExtras) && holdings.length === 0) {
    await rm(result.file, { force: true });
    log(`No changes: ${described(stack)} matches the code${scope}.`);
    return { code: EXIT.ok, ...readBy(read), changedClients: [], createdClients: [] };
  }
  const roleNames = await lookUpRoleNames(name, env, changes);
  const summary = summarizeChanges(changes, { adoptions, holdings, roleNames });
  log(renderPlanReport({ title: `Deploying \`${stack.stack}\`${scope}`, summary, rawPlan: result.text }));
  if (result.changed) await stack.apply(result.file);
  else await rm(result.file, { force: true });
  // What the plan listed beyond the files and the engine does not manage: role grants, group
  // memberships, scope mappings, protocol mappers (of adopted clients, and made by hand since).
  const admin = KeycloakAdmin.fromEnvironment(env);
  for (const extra of [...adoptions, ...holdings]) await removeExtras(admin, environments[name].realm.name, extra);
  log(`Deployed '${stack.stack}'${scope}.`);
  const clientsWhere = (applied: (action: string) => boolean) =>
    changes
      .filter((change) => change.type === "keycloak_openid_client" && applied(actionOf(change)))
      .flatMap((change) => customerIdOf(change) ?? []);
  return {
    code: EXIT.ok,
    ...readBy(read),
    changedClients: [...clientsWhere((action) => action !== "none"), ...found.map((adoption) => adoption.id)],
    createdClients: clientsWhere((action) => action === "create"),
  };
}

function readBy(read: ClientsRead): Pick<StackDeployed, "secrets" | "readClients"> {
  return { secrets: read.secrets, readClients: read.holdings.map((holdings) => holdings.id) };
}
