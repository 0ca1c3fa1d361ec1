// The steps plan, deploy, drift and credentials share: synth and init, the clients to adopt or take
// back, what clients hold beyond their files, secrets about to expire.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { customerRules, environments, type EnvironmentName } from "../../environments";
import { loadCustomers } from "../../model/load-customers";
import { secretLifetimes, SLUG } from "../../model/settings";
import { shardCount, stackNames, stackOfCustomer } from "../../model/shards";
import { CUSTOMERS_SCOPE } from "../../model/customer-file";
import { CUSTOMER_SHARDS_OUTPUT } from "../../constructs/realm-stack";
import { rotationGraceSeconds } from "../../model/customer-file";
import { findAdoptions, findExistingClients, type Adoption } from "../adoption";
import { findHoldings, type ClientsRead } from "../client-holdings";
import {
  describeExpiry,
  EXPIRY_WARNING_DAYS,
  expiringSecrets,
  lostRotationObjects,
  outlivingGracePeriods,
  readSecretStatuses,
  type SecretStatus,
} from "../customer-secrets";
import { KeycloakAdmin, segment } from "../keycloak-admin";
import { addressesOfCustomers, customerIdOf } from "../plan-summary";
import { requestsAtOnce, StackWorkspace, type PlanResult } from "../stack-workspace";
import { actionOf, type ResourceChange } from "../terraform-plan";
import { providerEnvironment, UsageError, type Invocation } from "./invocation";
import { refuseRetiredResources } from "../retired-resources";

/**
 * The workspace of a command given `--customer` ids: a configuration of just those customers and the
 * realm they need (StackWorkspace.forCustomers), else of everything.
 */
export async function customerScopedWorkspace(
  run: Invocation,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
): Promise<{ stack: StackWorkspace; only: readonly string[] }> {
  const only = run.options.customer;
  const invalid = only.find((id) => !SLUG.test(id));
  if (invalid) throw new UsageError(`--customer '${invalid}' is not a customer id (the name of customers/<id>.yaml)`);
  const stack =
    only.length > 0
      ? await StackWorkspace.forCustomers(run.root, name, run.scratch, only, run.log, env)
      : new StackWorkspace(run.root, name, run.scratch, run.log, env);
  return { stack, only };
}

/**
 * The customer shards of the environment `root` is the stack of, as its last synth wrote them (a
 * partial synth, `--customer`, only those of its customers); none when its customers are not sharded.
 */
export function shardWorkspaces(root: StackWorkspace): StackWorkspace[] {
  const name = root.environmentName as EnvironmentName;
  return stackNames(name, environments[name])
    .slice(1)
    .map((stack) => root.of(stack))
    .filter((shard) => shard.synthesized);
}

/** Of the customers `only` names, those a stack holds (all of them for an unsharded environment's stack). */
export function customersIn(stack: StackWorkspace, only: readonly string[]): string[] {
  const name = stack.environmentName as EnvironmentName;
  return only.filter((id) => stackOfCustomer(name, environments[name], id) === stack.stack);
}

/**
 * Refuses, before anything changes, a plan of the environment's own stack whose state is laid out for
 * another number of customer shards than settings ask for: deploying it would create every customer
 * again beside the states that hold them, or delete them. `npm run reshard` moves them first.
 */
export function refuseUnmovedCustomers(stack: StackWorkspace, result: PlanResult): void {
  // A plan without changes is not rendered: none of that can be the case.
  if (stack.stack !== stack.environmentName || !result.plan.prior_state) return;
  const name = stack.environmentName as EnvironmentName;
  const holdsCustomers = (result.plan.prior_state?.values?.root_module?.resources ?? []).some((resource) =>
    resource.name.startsWith(`${CUSTOMERS_SCOPE}_`),
  );
  // The state's outputs as they were: the plan's prior state holds them evaluated with the new code.
  const recorded = result.plan.output_changes?.[CUSTOMER_SHARDS_OUTPUT]?.before ?? (holdsCustomers ? 1 : undefined);
  const wanted = shardCount(environments[name]);
  if (recorded === undefined || recorded === wanted) return;
  throw new UsageError(
    `the '${name}' customers are in ${recorded === 1 ? "one state" : `${String(recorded)} shard states`}, and settings ` +
      `customers.shards says ${wanted}: nothing was changed. Move them first (it changes nothing in Keycloak): ` +
      `npm run reshard -- --env ${name}`,
  );
}

/** The engine's rendering of each stack's plan, headed by its stack when there are several. */
export function joinedPlanText(parts: readonly { readonly stack: string; readonly text: string }[]): string {
  return parts.length === 1 ? parts[0]!.text : parts.map((part) => `# ${part.stack}\n\n${part.text}`).join("\n\n");
}

/** How the operator knows a stack: the environment's realm, or one of its customer shards. */
export function described(stack: StackWorkspace): string {
  return stack.stack === stack.environmentName
    ? `the '${stack.environmentName}' realm`
    : `customer shard '${stack.stack}'`;
}

/**
 * Initializes each shard and runs `work` for it, REALM_SHARDS_AT_ONCE at a time (default 4): shards are independent
 * states, and each engine spends much of its time on its own state and graph. Every shard's work runs
 * to its end even when another fails, so each reports what it did.
 */
export async function forEachShard<T>(
  shards: readonly StackWorkspace[],
  work: (shard: StackWorkspace) => Promise<T>,
): Promise<T[]> {
  const value = process.env.REALM_SHARDS_AT_ONCE ?? String(DEFAULT_SHARDS_AT_ONCE);
  if (!/^([1-9]|1[0-6])$/.test(value)) {
    throw new UsageError(`REALM_SHARDS_AT_ONCE must be a whole number from 1 to 16, got '${value}'`);
  }
  const results: PromiseSettledResult<T>[] = new Array(shards.length);
  let next = 0;
  const worker = async () => {
    while (next < shards.length) {
      const index = next++;
      const shard = shards[index]!;
      results[index] = await shard
        .init()
        .then(() => work(shard))
        .then(
          (value): PromiseSettledResult<T> => ({ status: "fulfilled", value }),
          (reason: unknown): PromiseSettledResult<T> => ({ status: "rejected", reason }),
        );
    }
  };
  await Promise.all(Array.from({ length: Math.min(Number(value), shards.length) }, worker));
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

const DEFAULT_SHARDS_AT_ONCE = 4;

export async function workspace(
  run: Invocation,
  name: EnvironmentName,
  env = providerEnvironment(name),
): Promise<StackWorkspace> {
  return prepared(new StackWorkspace(run.root, name, run.scratch, run.log, env));
}

/** Synthesized (taking over the clients adoptions name) and initialized: ready to plan. */
export async function prepared(stack: StackWorkspace, adoptions: readonly Adoption[] = []): Promise<StackWorkspace> {
  await stack.synth(Object.fromEntries(adoptions.map((adoption) => [adoption.id, adoption.internalId])));
  await stack.init();
  return stack;
}

/**
 * The clients made by hand that customers of this environment take over (settings
 * `customers.adoptable`), looked up in Keycloak: for refreshing plans and deploys only, after every
 * customer file was validated, so a bad file is refused before any request.
 */
export async function lookUpAdoptions(
  run: Invocation,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  only?: readonly string[],
): Promise<Adoption[]> {
  const settings = environments[name];
  if (!settings.customers?.adoptable?.length) return [];
  const customers = customersOf(run, name).filter((customer) => only === undefined || only.includes(customer.id));
  run.log(`==> ${name}: looking up clients to adopt (${settings.customers.adoptable.join(", ")})`);
  return findAdoptions(KeycloakAdmin.fromEnvironment(env), settings, customers);
}

/**
 * A create the engine saw fail after Keycloak carried it out (the read-back timed out, the deploy
 * was cut off) leaves the object in state marked tainted, and the next plan would delete and
 * re-create it: a new client, a new secret, and the deletion guard refusing every deploy. Such
 * objects are untainted and planned again, so they are updated in place. A replacement the
 * operator allows (`--allow-delete`) is left as planned.
 */
async function keepingTainted(
  run: Invocation,
  stack: StackWorkspace,
  name: EnvironmentName,
  result: PlanResult,
  planOptions: Parameters<StackWorkspace["plan"]>[0],
): Promise<PlanResult> {
  const allowed = run.options["allow-delete"];
  const tainted = (result.plan.resource_changes ?? [])
    .filter((change) => change.action_reason === "replace_because_tainted")
    .filter((change) => !allowed.includes(customerIdOf(change) ?? change.address));
  if (tainted.length === 0) return result;
  await rm(result.file, { force: true });
  run.log(
    `==> ${name}: keeping ${tainted.length} object(s) an interrupted deploy created but did not finish ` +
      `(updated in place, not re-created): ${tainted.map((change) => change.address).join(", ")}`,
  );
  await stack.untaint(tainted.map((change) => change.address));
  return stack.plan(planOptions);
}

/**
 * Plans. When the plan would create customer clients that Keycloak already holds, those an
 * interrupted deploy created (they name their customer file) are taken back into state and the
 * plan is made again; any other is refused before anything changes, instead of a 409 half-way
 * through the apply.
 */
export async function planTakingBack(
  run: Invocation,
  stack: StackWorkspace,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  adoptions: readonly Adoption[],
  planOptions: Parameters<StackWorkspace["plan"]>[0] = {},
): Promise<{ result: PlanResult; adoptions: readonly Adoption[] }> {
  let result = await stack.plan(planOptions);
  refuseUnmovedCustomers(stack, result);
  if (planOptions.lock !== false) result = await keepingTainted(run, stack, name, result, planOptions);
  const lost = await lookUpLostRotation(stack, name, env, result);
  if (lost.length > 0) {
    await rm(result.file, { force: true });
    run.log(`==> ${name}: putting back secret-rotation object(s) deleted in Keycloak: ${lost.join(", ")}`);
    planOptions = { ...planOptions, replace: lost };
    result = await stack.plan(planOptions);
  }
  const creates = new Set(
    (result.plan.resource_changes ?? [])
      .filter((change) => change.type === "keycloak_openid_client" && actionOf(change) === "create")
      .filter((change) => !change.change.importing)
      .map(customerIdOf),
  );
  if (creates.size === 0) return { result, adoptions };
  const customers = customersOf(run, name).filter((customer) => creates.has(customer.id));
  const existing = await findExistingClients(KeycloakAdmin.fromEnvironment(env), environments[name], customers);
  if (existing.foreign.length > 0) {
    await rm(result.file, { force: true });
    const ids = existing.foreign.map((id) => `'${id}'`).join(", ");
    throw new UsageError(
      `the '${environments[name].realm.name}' realm already has client(s) ${ids}, not created from this repository ` +
        "(no realm-as-code.source attribute naming their customer file): nothing was changed. A client made by " +
        "hand is never taken over silently: if this repository should govern it, list its id in settings " +
        "customers.adoptable (lib/environments.ts, an operator's decision) and deploy again; otherwise rename the customer file.",
    );
  }
  if (existing.unrecorded.length === 0) return { result, adoptions };
  await rm(result.file, { force: true });
  run.log(
    `==> ${name}: taking back ${existing.unrecorded.length} client(s) an interrupted deploy created but did not ` +
      `record: ${existing.unrecorded.map((client) => client.id).join(", ")}`,
  );
  const all = [...adoptions, ...existing.unrecorded];
  await prepared(stack, all);
  return { result: await stack.plan(planOptions), adoptions: all };
}

/** This environment's customers, from their validated files. */
export function customersOf(run: Invocation, name: EnvironmentName) {
  return loadCustomers({ directory: resolve(run.root, "customers"), settings: customerRules }).filter((customer) =>
    customer.environments.includes(name),
  );
}

/**
 * What the deployed customer clients hold beyond their files that the engine cannot see (role grants
 * and scope mappings made by hand, mappers, groups), and their secrets' status, read through the admin API for the clients in
 * the state the plan started from: all but adoptions (looked up on their own), those of `only` if
 * given, and none the plan deletes or replaces.
 */
export async function lookUpHoldings(
  run: Invocation,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  stack: StackWorkspace,
  result: PlanResult,
  { skip = [], only = [] }: { skip?: readonly Adoption[]; only?: readonly string[] } = {},
): Promise<ClientsRead> {
  // A plan without changes is not rendered as JSON: the state is read instead.
  const state = result.plan.prior_state ?? (await stack.state());
  const gone = (result.plan.resource_changes ?? [])
    .filter((change) => change.type === "keycloak_openid_client" && ["delete", "replace"].includes(actionOf(change)))
    .map((change) => String(change.change.before?.client_id));
  const wanted = (id: string) =>
    !skip.some((adoption) => adoption.id === id) && !gone.includes(id) && (only.length === 0 || only.includes(id));
  const admin = KeycloakAdmin.fromEnvironment(env);
  const started = Date.now();
  run.log(`==> ${stack.stack}: what customer clients hold beyond their files`);
  const resources = state.values?.root_module?.resources ?? [];
  refuseRetiredResources(
    name,
    resources.map((resource) => `${resource.type}.${resource.name}`),
  );
  const read = await findHoldings(admin, environments[name], resources, wanted, stack.requestsAtOnce);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  run.log(
    `    ${stack.stack}: holdings done (${seconds} s; ${read.holdings.length} clients, ${admin.requests} admin requests)`,
  );
  return read;
}

/**
 * The secret-rotation profiles and policies the state the plan started from holds and Keycloak lost
 * (lib/operations/customer-secrets.ts, lostRotationObjects).
 */
export async function lookUpLostRotation(
  stack: StackWorkspace,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  result: PlanResult,
): Promise<string[]> {
  const state = result.plan.prior_state ?? (await stack.state());
  const resources = state.values?.root_module?.resources ?? [];
  return lostRotationObjects(KeycloakAdmin.fromEnvironment(env), environments[name].realm.name, resources);
}

/** What a deploy read of its customers' clients before applying, and which clients it changed. */
export interface DeployedClients {
  /** Secret statuses read with the holdings, before the apply. */
  readonly read: readonly SecretStatus[];
  /** Customers whose clients those reads covered (a private_key_jwt one has no status). */
  readonly readClients: readonly string[];
  /** Customers whose client the apply created, changed or took over. */
  readonly changed: readonly string[];
  /** Of those, the ones it created. */
  readonly created: readonly string[];
  /** The deploy's customers; all when empty. */
  readonly only: readonly string[];
}

/**
 * After a deploy, secrets as the files say: a customer that allows no grace period keeps no previous
 * secret, a previous secret that outlives a shortened grace period is named with the command that
 * ends it, and secrets near their maximum age are warned of. Of the customers of `only` when the
 * deploy was of them alone (the others' secrets were not touched; the nightly drift check warns of
 * every expiring one). A client the apply left alone keeps the status read before it; the others
 * are read again, one request each, but for a client it created while secrets live longer than the
 * warning's horizon: its secret is new, with no previous one, and cannot be near its maximum age.
 */
export async function settleSecrets(
  run: Invocation,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  { read, readClients, changed, created, only }: DeployedClients,
): Promise<void> {
  const ids = customersOf(run, name)
    .map((customer) => customer.id)
    .filter((id) => only.length === 0 || only.includes(id));
  // Sets: a full deploy of 10,000 customers compares 10,000 ids with 10,000.
  const wanted = new Set(ids);
  const changedIds = new Set(changed);
  const unchanged = new Set(readClients.filter((id) => !changedIds.has(id)));
  const newSecretsCannotExpire = secretLifetimes(environments[name]).maxAgeSeconds > EXPIRY_WARNING_DAYS * 86_400;
  const unread = new Set([...unchanged, ...(newSecretsCannotExpire ? created : [])]);
  const reread = ids.filter((id) => !unread.has(id));
  if (reread.length > 0) run.log(`==> ${name}: reading the secrets of ${reread.length} client(s) the apply changed`);
  const statuses = [
    ...read.filter((status) => unchanged.has(status.id) && wanted.has(status.id)),
    ...(await readSecretStatuses(
      KeycloakAdmin.fromEnvironment(env),
      environments[name].realm.name,
      reread,
      requestsAtOnce(env),
    )),
  ];
  const customers = new Map(customersOf(run, name).map((customer) => [customer.id, customer]));
  const graceOf = (id: string) => {
    const customer = customers.get(id);
    return customer && rotationGraceSeconds(customer, environments[name]);
  };
  const admin = KeycloakAdmin.fromEnvironment(env);
  const realm = environments[name].realm.name;
  for (const { status, graceSeconds: grace } of outlivingGracePeriods(statuses, graceOf)) {
    const until = describeExpiry(status.previousWorksUntil!);
    if (grace === 0 && status.internalId) {
      await admin.delete(`${segment(realm)}/clients/${segment(status.internalId)}/client-secret/rotated`);
      run.log(
        `==> ${name}: customer '${status.id}' allows no grace period: revoked its previous secret (it worked until ${until})`,
      );
    } else {
      run.log(
        `WARNING: customer '${status.id}': its previous secret works until ${until}, beyond its grace period (${grace} s); ` +
          `end it with: npm run credentials -- ${status.id} --env ${name} --revoke-previous`,
      );
    }
  }
  warnOfExpiringSecrets(run, expiringSecrets(statuses));
}

/** One warning per secret near or past its maximum age; an annotation on the run in GitHub Actions. */
function warnOfExpiringSecrets(run: Invocation, expiring: readonly SecretStatus[]): void {
  const prefix = process.env.GITHUB_ACTIONS === "true" ? "::warning title=Customer secret expiring::" : "WARNING: ";
  for (const { id, expiresAt } of expiring) {
    run.log(
      `${prefix}customer '${id}': its secret ${describeExpiry(expiresAt!).replace(/^(?!expired)/, "expires ")}; rotate it (README, Rotate a secret)`,
    );
  }
}

/**
 * The resources of the given customers, in the code or in state (a removed customer): planning just
 * them keeps a pull request's plan, and the deploy of its merge, as fast at 1,000 customers as at
 * 10. An id with no file and nothing in this environment's state has nothing to plan: a file removed
 * before it reached this environment, or a typo, which the warning shows.
 */
export async function customerTargets(
  run: Invocation,
  stack: StackWorkspace,
  ids: readonly string[],
): Promise<string[]> {
  const addresses = [...new Set([...(await stack.configuredAddresses()), ...(await stack.stateAddresses())])];
  for (const id of ids) {
    if (
      addressesOfCustomers([id], addresses).length === 0 &&
      !existsSync(resolve(run.root, "customers", `${id}.yaml`))
    ) {
      run.log(`WARNING: --customer '${id}': no customers/${id}.yaml and nothing of it in the '${stack.stack}' state`);
    }
  }
  return addressesOfCustomers(ids, addresses);
}

/**
 * Names (`atlas-api/orders:write`, `offline_access`) of the role ids that come and go in customers' role
 * sets in `changes`: a request or two per such role, none when no role set changes.
 */
export async function lookUpRoleNames(
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  changes: readonly ResourceChange[],
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  const roleIds = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  for (const change of changes.filter((c) => c.type === "keycloak_user_roles" && customerIdOf(c))) {
    const [before, after] = [roleIds(change.change.before?.role_ids), roleIds(change.change.after?.role_ids)];
    for (const id of before) if (!after.includes(id)) ids.add(id);
    for (const id of after) if (!before.includes(id)) ids.add(id);
  }
  const names = new Map<string, string>();
  if (ids.size === 0) return names;
  const admin = KeycloakAdmin.fromEnvironment(env);
  const realm = segment(environments[name].realm.name);
  const clients = new Map<string, Promise<{ clientId: string } | undefined>>();
  for (const id of ids) {
    const role = await admin.find<{ name: string; clientRole: boolean; containerId: string }>(
      `${realm}/roles-by-id/${segment(id)}`,
    );
    if (!role) continue;
    if (!role.clientRole) {
      names.set(id, role.name);
      continue;
    }
    if (!clients.has(role.containerId)) {
      clients.set(role.containerId, admin.find(`${realm}/clients/${segment(role.containerId)}`));
    }
    const client = await clients.get(role.containerId)!;
    names.set(id, `${client?.clientId ?? role.containerId}/${role.name}`);
  }
  return names;
}
