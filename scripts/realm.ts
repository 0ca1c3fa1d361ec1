// Operator commands: `npm start`, `npm stop`, `npm run plan|deploy|drift|credentials -- [options]`.
// Progress goes to stderr; stdout carries only the result (a Markdown report, credentials).
import "../lib/operations/command-errors";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { constants } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { decodeJwt } from "jose";
import { findAdoptions, findExistingClients, type Adoption } from "../lib/operations/adoption";
import { findHoldings, hasExtras, removeExtras, type Holdings } from "../lib/operations/client-holdings";
import { CUSTOMERS_SCOPE } from "../lib/model/customer-file";
import { formatRefusal, formatVanished, unallowedDeletions } from "../lib/operations/deletion-guard";
import {
  customerRules,
  DEFAULT_ENVIRONMENT,
  ENVIRONMENT_NAMES,
  environments,
  type EnvironmentName,
} from "../lib/environments";
import {
  describeExpiry,
  expiringSecrets,
  readSecretStatuses,
  renderExpiringSecrets,
  secretStatusOf,
  type SecretStatus,
} from "../lib/operations/customer-secrets";
import { KeycloakAdmin, keycloakBaseUrl, keycloakUrlProblem, segment } from "../lib/operations/keycloak-admin";
import { encryptForCustomer } from "../lib/model/secret-handover";
import { withKeycloak } from "../lib/operations/keycloak-outage";
import { loadCustomers } from "../lib/model/load-customers";
import { addressesOfCustomers, customerIdOf, renderPlanReport, summarizeChanges } from "../lib/operations/plan-summary";
import { PRIVATE_UMASK, removeStalePlans, ScratchFolder, tightenPermissions } from "../lib/operations/private-files";
import { SLUG } from "../lib/model/settings";
import { interruptRunning, StackWorkspace, type PlanResult } from "../lib/operations/stack-workspace";
import { isReadOnlyState } from "../lib/constructs/state-backend";
import { actionOf, realDrift } from "../lib/operations/terraform-plan";
import { localProviderEnvironment, startLocalKeycloak, stopLocalKeycloak } from "../lib/operations/local-keycloak";

// Before anything is written: state, its backup and saved plans are the owner's alone, also
// where the engine (a child, which inherits the umask) writes them.
process.umask(PRIVATE_UMASK);

const ROOT = resolve(import.meta.dirname, "..");
const EXIT = { ok: 0, error: 1, changes: 2 } as const;
const log = (message: string) => process.stderr.write(`${message}\n`);

const USAGE = `usage: tsx scripts/realm.ts <command> [--env ${ENVIRONMENT_NAMES.join("|")}]
  start                          local Keycloak + deploy the local environment + a working token request
  stop                           remove the local Keycloak and the local environment's state
  plan [--no-refresh]            Markdown plan report; exit 0 no changes, 2 changes, 1 error
       [--customer <id>]...      only these customers' resources (added, changed or removed)
  deploy [--allow-delete <id>]   plan, refuse unallowed deletions, apply that plan
  drift                          compare the live realm with the last deploy; exit 2 when it differs
  credentials <customer-id>      client id, token endpoint, secret and its expiry, to stdout only
       [--encrypted]             the secret encrypted to the customer file's ageRecipient, ready to send
       [--revoke-previous]       end the grace period: the secret before the last rotation stops working now
state: a local file unless REALM_STATE_BACKEND=pg (PG_CONN_STR) or s3 (REALM_STATE_S3_BUCKET, REALM_STATE_S3_REGION);
  REALM_STATE_PASSPHRASE (16+ characters) encrypts state and plans; staging and production require both;
  REALM_STATE_READ_ONLY=yes: plan and drift only`;

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: "string", default: DEFAULT_ENVIRONMENT },
    "no-refresh": { type: "boolean", default: false },
    customer: { type: "string", multiple: true, default: [] },
    "allow-delete": { type: "string", multiple: true, default: [] },
    encrypted: { type: "boolean", default: false },
    "revoke-previous": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

function environmentName(): EnvironmentName {
  const name = options.env!;
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown environment '${name}'; environments are: ${ENVIRONMENT_NAMES.join(", ")}`);
  }
  return name as EnvironmentName;
}

/** The provider's KEYCLOAK_* variables: yours, or for `local` the ones `npm start` made. */
function providerEnvironment(name: EnvironmentName): NodeJS.ProcessEnv {
  if (process.env.KEYCLOAK_URL) {
    // Before anything runs: the official provider would send its secret over plain http to any host.
    const problem = keycloakUrlProblem(process.env.KEYCLOAK_URL);
    if (problem) throw new UsageError(problem);
    return process.env;
  }
  const local = name === "local" ? localProviderEnvironment() : undefined;
  if (!local) {
    throw new UsageError(
      `KEYCLOAK_URL is not set: export KEYCLOAK_URL and KEYCLOAK_CLIENT_ID/KEYCLOAK_CLIENT_SECRET ` +
        `(or KEYCLOAK_USER/KEYCLOAK_PASSWORD) for the '${name}' Keycloak` +
        (name === "local" ? ", or run 'npm start' to make a local one." : "."),
    );
  }
  return { ...process.env, ...local };
}

/** This command's private folder for saved plans: made when it starts, removed however it ends. */
let scratch: ScratchFolder | undefined;

async function workspace(name: EnvironmentName, env = providerEnvironment(name)): Promise<StackWorkspace> {
  return prepared(new StackWorkspace(ROOT, name, scratch!.path, log, env));
}

/** Synthesized (taking over the clients adoptions name) and initialized: ready to plan. */
async function prepared(stack: StackWorkspace, adoptions: readonly Adoption[] = []): Promise<StackWorkspace> {
  await stack.synth(Object.fromEntries(adoptions.map((adoption) => [adoption.id, adoption.internalId])));
  await stack.init();
  return stack;
}

/**
 * The clients made by hand that customers of this environment take over (settings
 * `customers.adoptable`), looked up in Keycloak: for refreshing plans and deploys only, after every
 * customer file was validated, so a bad file is refused before any request.
 */
async function lookUpAdoptions(
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  only?: readonly string[],
): Promise<Adoption[]> {
  const settings = environments[name];
  if (!settings.customers?.adoptable?.length) return [];
  const customers = customersOf(name).filter((customer) => only === undefined || only.includes(customer.id));
  log(`==> ${name}: looking up clients to adopt (${settings.customers.adoptable.join(", ")})`);
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
  stack: StackWorkspace,
  name: EnvironmentName,
  result: PlanResult,
  planOptions: Parameters<StackWorkspace["plan"]>[0],
): Promise<PlanResult> {
  const allowed = options["allow-delete"]!;
  const tainted = (result.plan.resource_changes ?? [])
    .filter((change) => change.action_reason === "replace_because_tainted")
    .filter((change) => !allowed.includes(customerIdOf(change) ?? change.address));
  if (tainted.length === 0) return result;
  await rm(result.file, { force: true });
  log(
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
async function planTakingBack(
  stack: StackWorkspace,
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  adoptions: readonly Adoption[],
  planOptions: Parameters<StackWorkspace["plan"]>[0] = {},
): Promise<{ result: PlanResult; adoptions: readonly Adoption[] }> {
  let result = await stack.plan(planOptions);
  if (planOptions.lock !== false) result = await keepingTainted(stack, name, result, planOptions);
  const creates = new Set(
    (result.plan.resource_changes ?? [])
      .filter((change) => change.type === "keycloak_openid_client" && actionOf(change) === "create")
      .filter((change) => !change.change.importing)
      .map(customerIdOf),
  );
  if (creates.size === 0) return { result, adoptions };
  const customers = customersOf(name).filter((customer) => creates.has(customer.id));
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
  log(
    `==> ${name}: taking back ${existing.unrecorded.length} client(s) an interrupted deploy created but did not ` +
      `record: ${existing.unrecorded.map((client) => client.id).join(", ")}`,
  );
  const all = [...adoptions, ...existing.unrecorded];
  await prepared(stack, all);
  return { result: await stack.plan(planOptions), adoptions: all };
}

/** This environment's customers, from their validated files. */
function customersOf(name: EnvironmentName) {
  return loadCustomers({ directory: resolve(ROOT, "customers"), settings: customerRules }).filter((customer) =>
    customer.environments.includes(name),
  );
}

/**
 * What the deployed customer clients hold beyond their files that the engine cannot see (role grants
 * and scope mappings made by hand, mappers, groups), read through the admin API for the clients in
 * the state the plan started from: all but adoptions (looked up on their own), those of `only` if
 * given, and none the plan deletes or replaces.
 */
async function lookUpHoldings(
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  stack: StackWorkspace,
  result: PlanResult,
  { skip = [], only = [] }: { skip?: readonly Adoption[]; only?: readonly string[] } = {},
): Promise<Holdings[]> {
  // A plan without changes is not rendered as JSON: the state is read instead.
  const state = result.plan.prior_state ?? (await stack.state());
  const gone = (result.plan.resource_changes ?? [])
    .filter((change) => change.type === "keycloak_openid_client" && ["delete", "replace"].includes(actionOf(change)))
    .map((change) => String(change.change.before?.client_id));
  const wanted = (id: string) =>
    !skip.some((adoption) => adoption.id === id) && !gone.includes(id) && (only.length === 0 || only.includes(id));
  const admin = KeycloakAdmin.fromEnvironment(env);
  const started = Date.now();
  log(`==> ${name}: what customer clients hold beyond their files`);
  const resources = state.values?.root_module?.resources ?? [];
  const holdings = await findHoldings(
    admin,
    environments[name],
    customersOf(name),
    resources,
    wanted,
    stack.requestsAtOnce,
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`    done (${seconds} s; ${holdings.length} clients, ${admin.requests} admin requests)`);
  return holdings;
}

/**
 * This environment's customer secrets near or past their maximum age (or of `only`), read from
 * Keycloak in pages of clients: a secret never lapses without plan, drift and deploy saying so.
 */
async function lookUpExpiringSecrets(
  name: EnvironmentName,
  env: NodeJS.ProcessEnv,
  only: readonly string[] = [],
): Promise<SecretStatus[]> {
  const ids = customersOf(name)
    .map((customer) => customer.id)
    .filter((id) => only.length === 0 || only.includes(id));
  const statuses = await readSecretStatuses(KeycloakAdmin.fromEnvironment(env), environments[name].realm.name, ids);
  return expiringSecrets(statuses);
}

async function plan(): Promise<number> {
  const name = environmentName();
  const only = options.customer!;
  const invalid = only.find((id) => !SLUG.test(id));
  if (invalid) throw new UsageError(`--customer '${invalid}' is not a customer id (the name of customers/<id>.yaml)`);
  const env = providerEnvironment(name);
  const stack =
    only.length > 0
      ? await StackWorkspace.forCustomers(ROOT, name, scratch!.path, only, log, env)
      : new StackWorkspace(ROOT, name, scratch!.path, log, env);
  try {
    // A plan without refresh makes no Keycloak request: adoptions show as such, looked up at deploy.
    const found = options["no-refresh"]
      ? undefined
      : await lookUpAdoptions(name, env, only.length > 0 ? only : undefined);
    await prepared(stack, found);
    const notes = [options["no-refresh"] && "state not refreshed", only.length > 0 && `only ${only.join(", ")}`];
    const shown = notes.filter(Boolean);
    const title = `Keycloak plan for \`${name}\`${shown.length > 0 ? ` (${shown.join("; ")})` : ""}`;
    const adoptable = environments[name].customers?.adoptable;
    const targets = only.length > 0 ? await customerTargets(stack, only) : undefined;
    if (targets?.length === 0) {
      const summary = summarizeChanges([], { adoptions: found, adoptable });
      process.stdout.write(renderPlanReport({ title, summary, rawPlan: "" }));
      return EXIT.ok;
    }
    const planOptions = { refresh: !options["no-refresh"], lock: false, targets };
    const { result, adoptions } =
      found === undefined
        ? { result: await stack.plan(planOptions), adoptions: undefined }
        : await planTakingBack(stack, name, env, found, planOptions);
    await rm(result.file, { force: true });
    const context = { adoptions, adoptable };
    // Like adoptions, what clients hold beyond their files is read from Keycloak: not without refresh.
    const holdings = adoptions && (await lookUpHoldings(name, env, stack, result, { skip: adoptions, only }));
    const expiring = adoptions && (await lookUpExpiringSecrets(name, env, only));
    process.stdout.write(
      renderPlanReport({
        title,
        summary: summarizeChanges(result.plan.resource_changes ?? [], { ...context, holdings }),
        rawPlan: result.text,
        sections: [renderExpiringSecrets(expiring ?? [])],
      }),
    );
    const extras = [...(adoptions ?? []), ...(holdings ?? [])].some(hasExtras);
    return result.changed || extras ? EXIT.changes : EXIT.ok;
  } finally {
    await stack.dispose();
  }
}

/**
 * The resources of the given customers, in the code or in state (a removed customer): planning just
 * them keeps a pull request's plan as fast at 1,000 customers as at 10. An id with no file and
 * nothing in this environment's state has nothing to plan: a file removed before it reached this
 * environment, or a typo, which the warning shows.
 */
async function customerTargets(stack: StackWorkspace, ids: readonly string[]): Promise<string[]> {
  const addresses = [...new Set([...(await stack.configuredAddresses()), ...(await stack.stateAddresses())])];
  for (const id of ids) {
    if (addressesOfCustomers([id], addresses).length === 0 && !existsSync(resolve(ROOT, "customers", `${id}.yaml`))) {
      log(`WARNING: --customer '${id}': no customers/${id}.yaml and nothing of it in the '${stack.stack}' state`);
    }
  }
  return addressesOfCustomers(ids, addresses);
}

async function deploy(name: EnvironmentName, env = providerEnvironment(name)): Promise<number> {
  if (isReadOnlyState(env)) {
    throw new UsageError(
      "REALM_STATE_READ_ONLY=yes: this run may only read the state, and a deploy must record what it changes. " +
        "Unset it and use a connection string whose role may write the state.",
    );
  }
  const stack = new StackWorkspace(ROOT, name, scratch!.path, log, env);
  const looked = await lookUpAdoptions(name, env);
  await prepared(stack, looked);
  const { result, adoptions: found } = await planTakingBack(stack, name, env, looked);
  const changes = result.plan.resource_changes ?? [];
  // Taken over in this deploy, or earlier with leftovers still there (a removal that failed or was
  // interrupted after the apply): a client already in state is not imported again.
  const adoptions = found.filter(
    (adoption) =>
      hasExtras(adoption) || changes.some((change) => change.change.importing && customerIdOf(change) === adoption.id),
  );
  // Refresh found gone what the state says was deployed: the wrong Keycloak, or deleted by hand.
  const vanished = unallowedDeletions(result.plan.resource_drift ?? [], options["allow-delete"]!);
  const refused = unallowedDeletions(changes, options["allow-delete"]!);
  if (vanished.length > 0 || refused.length > 0) {
    await rm(result.file, { force: true });
    if (vanished.length > 0) log(formatVanished(vanished, String(env.KEYCLOAK_URL), name));
    if (refused.length > 0) log(formatRefusal(refused));
    return EXIT.error;
  }
  const holdings = (await lookUpHoldings(name, env, stack, result, { skip: found })).filter(hasExtras);
  if (!result.changed && !adoptions.some(hasExtras) && holdings.length === 0) {
    await rm(result.file, { force: true });
    log(`No changes: the '${name}' realm matches the code.`);
    warnOfExpiringSecrets(await lookUpExpiringSecrets(name, env));
    return EXIT.ok;
  }
  const summary = summarizeChanges(changes, { adoptions, holdings });
  log(renderPlanReport({ title: `Deploying \`${name}\``, summary, rawPlan: result.text }));
  if (result.changed) await stack.apply(result.file);
  else await rm(result.file, { force: true });
  // What the plan listed beyond the files and the engine does not manage: role grants, group
  // memberships, scope mappings, protocol mappers (of adopted clients, and made by hand since).
  const admin = KeycloakAdmin.fromEnvironment(env);
  for (const extra of [...adoptions, ...holdings]) await removeExtras(admin, environments[name].realm.name, extra);
  log(`Deployed '${name}'.`);
  warnOfExpiringSecrets(await lookUpExpiringSecrets(name, env));
  return EXIT.ok;
}

/** One warning per secret near or past its maximum age; an annotation on the run in GitHub Actions. */
function warnOfExpiringSecrets(expiring: readonly SecretStatus[]): void {
  const prefix = process.env.GITHUB_ACTIONS === "true" ? "::warning title=Customer secret expiring::" : "WARNING: ";
  for (const { id, expiresAt } of expiring) {
    log(
      `${prefix}customer '${id}': its secret ${describeExpiry(expiresAt!).replace(/^(?!expired)/, "expires ")}; rotate it (README, Rotate a secret)`,
    );
  }
}

async function drift(): Promise<number> {
  const name = environmentName();
  const env = providerEnvironment(name);
  const stack = await workspace(name, env);
  const result = await stack.plan({ refreshOnly: true, lock: false });
  await rm(result.file, { force: true });
  const drifted = realDrift(result.plan.resource_drift ?? []);
  const holdings = (await lookUpHoldings(name, env, stack, result)).filter(hasExtras);
  const expiring = await lookUpExpiringSecrets(name, env);
  const differs = drifted.length > 0 || holdings.length > 0;
  const title = [
    differs ? `Drift: the live \`${name}\` realm differs from the last deploy` : `No drift in \`${name}\``,
    ...(expiring.length > 0 ? [`${expiring.length} customer secret${expiring.length === 1 ? "" : "s"} expiring`] : []),
  ].join("; ");
  const summary = summarizeChanges(drifted, { holdings });
  const sections = [renderExpiringSecrets(expiring)];
  process.stdout.write(renderPlanReport({ title, summary, rawPlan: result.text, sections }));
  // The nightly check turns red for a secret about to lapse, as for drift: someone must act.
  return differs || expiring.length > 0 ? EXIT.changes : EXIT.ok;
}

interface Credentials {
  clientId: string;
  tokenEndpoint: string;
  /** Absent for private_key_jwt customers: they sign assertions with their own key. */
  clientSecret?: string;
  /** Where the secret stands in Keycloak: its expiry, and the previous one's during a grace period. */
  status: SecretStatus;
}

/** A customer's client in this environment's state and in Keycloak: its internal id and realm. */
async function deployedCustomer(name: EnvironmentName, id: string, env: NodeJS.ProcessEnv) {
  const stack = new StackWorkspace(ROOT, name, scratch!.path, log, env);
  const state = await stack.state().catch(async () => (await workspace(name, env)).state());
  const client = state.values?.root_module?.resources?.find(
    // Customers only: the backend's own secret is not something to hand out.
    (resource) =>
      resource.type === "keycloak_openid_client" &&
      resource.name.startsWith(`${CUSTOMERS_SCOPE}_`) &&
      resource.values.client_id === id,
  );
  if (!client || typeof client.values.id !== "string") {
    throw new UsageError(
      `no deployed customer '${id}' in the '${name}' state: is customers/${id}.yaml deployed there?`,
    );
  }
  const realm = environments[name].realm.name;
  return {
    realm,
    path: `${segment(realm)}/clients/${segment(client.values.id)}`,
    admin: KeycloakAdmin.fromEnvironment(env),
  };
}

/** The secret as Keycloak holds it now: after a rotation, or one Keycloak made itself, the state's may be older. */
async function readCredentials(name: EnvironmentName, id: string, env: NodeJS.ProcessEnv): Promise<Credentials> {
  const { realm, path, admin } = await deployedCustomer(name, id, env);
  const client = await admin.get<{
    secret?: string;
    clientAuthenticatorType?: string;
    attributes?: Record<string, string>;
  }>(path);
  // Keycloak keeps a secret on every confidential client; a private_key_jwt client never uses it.
  const usesSecret = client.clientAuthenticatorType !== "client-jwt";
  return {
    clientId: id,
    tokenEndpoint: `${keycloakBaseUrl(env)}/realms/${realm}/protocol/openid-connect/token`,
    clientSecret: usesSecret ? client.secret : undefined,
    status: secretStatusOf(id, client.attributes),
  };
}

async function credentials(): Promise<number> {
  const id = positionals[1];
  if (!id) throw new UsageError("credentials needs a customer id: npm run credentials -- <customer-id>");
  const name = environmentName();
  const env = providerEnvironment(name);
  if (options["revoke-previous"]) return revokePrevious(name, id, env);
  const found = await readCredentials(name, id, env);
  const lines = [`client_id=${found.clientId}`, `token_endpoint=${found.tokenEndpoint}`];
  if (!found.clientSecret) {
    lines.push("authentication=private_key_jwt (no secret: the customer signs assertions with its own key)");
    process.stdout.write(`${lines.join("\n")}\n`);
    return EXIT.ok;
  }
  const { expiresAt, previousWorksUntil } = found.status;
  if (expiresAt) lines.push(`secret_expires=${describeExpiry(expiresAt)}`);
  if (previousWorksUntil) lines.push(`previous_secret_works_until=${describeExpiry(previousWorksUntil)}`);
  if (options.encrypted) {
    const recipient = customersOf(name).find((customer) => customer.id === id)?.ageRecipient;
    if (!recipient) {
      throw new UsageError(
        `customers/${id}.yaml has no ageRecipient: ask the customer for its age public key (README, "Hand over a secret")`,
      );
    }
    lines.push(`client_secret (age, to ${recipient}):`, await encryptForCustomer(found.clientSecret, recipient));
  } else {
    lines.push(`client_secret=${found.clientSecret}`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}

/** Ends a grace period early: the previous secret stops working now, the current one keeps working. */
async function revokePrevious(name: EnvironmentName, id: string, env: NodeJS.ProcessEnv): Promise<number> {
  const { path, admin } = await deployedCustomer(name, id, env);
  const { attributes } = await admin.get<{ attributes?: Record<string, string> }>(path);
  const { previousWorksUntil } = secretStatusOf(id, attributes);
  // Also when Keycloak still lists an expired one: a revoked secret leaves nothing behind.
  await admin.delete(`${path}/client-secret/rotated`);
  log(
    previousWorksUntil
      ? `Revoked the previous secret of '${id}' (it worked until ${describeExpiry(previousWorksUntil)}): only the current one works now.`
      : `No previous secret of '${id}' works in '${name}': only the current one does.`,
  );
  return EXIT.ok;
}

async function start(): Promise<number> {
  const keycloak = await startLocalKeycloak(log);
  const env = { ...process.env, ...keycloak.providerEnvironment };
  const code = await deploy("local", env);
  if (code !== EXIT.ok) return code;

  const realm = environments.local.realm.name;
  const [customer] =
    (await new StackWorkspace(ROOT, "local", scratch!.path, log, env).state()).values?.root_module?.resources
      ?.filter((r) => r.type === "keycloak_openid_client" && r.name.startsWith(`${CUSTOMERS_SCOPE}_`))
      .map((r) => String(r.values.client_id)) ?? [];
  console.log(`\nKeycloak:       ${keycloak.url}  (realm '${realm}': ${keycloak.url}/realms/${realm})`);
  console.log(
    `Admin console:  ${keycloak.adminConsole}  (user '${keycloak.adminUser.username}', password in .toolchain/local-keycloak.env)`,
  );
  if (!customer) {
    console.log("\nNo customer in the local environment yet: add customers/<id>.yaml and run npm start again.");
    return EXIT.ok;
  }
  const { tokenEndpoint, clientSecret } = await readCredentials("local", customer, env);
  if (!clientSecret) {
    console.log(`\nCustomer '${customer}' uses private_key_jwt: it signs its own token requests (README).`);
    return EXIT.ok;
  }
  const curl = `curl -s -u '${customer}:${clientSecret}' -d grant_type=client_credentials ${tokenEndpoint}`;
  console.log(
    `\nA token for customer '${customer}' (local secret; real ones come from npm run credentials):\n\n  ${curl}\n`,
  );
  const response = await fetch(tokenEndpoint, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${customer}:${clientSecret}`).toString("base64")}` },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`the token request failed: HTTP ${response.status}`);
  console.log(`Its access token's claims:\n${JSON.stringify(decodeJwt(body.access_token), null, 2)}`);
  return EXIT.ok;
}

async function stop(): Promise<number> {
  const removed = await stopLocalKeycloak();
  await rm(resolve(ROOT, "terraform.local.tfstate"), { force: true });
  await rm(resolve(ROOT, "terraform.local.tfstate.backup"), { force: true });
  log(removed ? "Removed the local Keycloak and the local environment's state." : "No local Keycloak was running.");
  return EXIT.ok;
}

class UsageError extends Error {}

/** A command that talks to Keycloak, run once it answers and run again after it stopped answering (lib/keycloak-outage.ts). */
function throughOutages(run: () => Promise<number>): () => Promise<number> {
  const [, , command, ...rest] = process.argv;
  const again = `npm run ${command}${rest.length > 0 ? ` -- ${rest.join(" ")}` : ""}`;
  const writes = command === "deploy";
  return () => withKeycloak(providerEnvironment(environmentName()), log, { again, writes }, run);
}

const COMMANDS: Record<string, () => Promise<number>> = {
  start,
  stop,
  // A plan without refresh makes no Keycloak request.
  plan: options["no-refresh"] ? plan : throughOutages(plan),
  deploy: throughOutages(() => deploy(environmentName())),
  drift: throughOutages(drift),
  credentials,
};

const command = COMMANDS[positionals[0] ?? ""];
if (options.help || !command) {
  log(USAGE);
  process.exit(options.help ? EXIT.ok : EXIT.error);
}
if ((options.encrypted || options["revoke-previous"]) && positionals[0] !== "credentials") {
  log(`ERROR: --encrypted and --revoke-previous are for credentials only.`);
  process.exit(EXIT.error);
}
if (options.customer!.length > 0 && positionals[0] !== "plan") {
  // A deploy or drift check of some customers only would leave the others unchecked.
  log(`ERROR: --customer is for plan only; ${positionals[0]} always covers every customer.`);
  process.exit(EXIT.error);
}
/** Set once a signal arrived: the signal's exit code wins over the failure the interrupted engine reports. */
let interrupted = false;

/** Ctrl-C, `kill` or a closed terminal: stop the engine gracefully, remove saved plans, exit 128 + signal. */
async function interrupt(signal: NodeJS.Signals): Promise<void> {
  if (interrupted) return;
  interrupted = true;
  log(`\nInterrupted (${signal}): stopping the engine and removing saved plans.`);
  await interruptRunning();
  process.exit(128 + constants.signals[signal]);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void interrupt(signal));
// Runs on every exit, after an error or a signal too; synchronous, as exit handlers must be.
process.on("exit", () => scratch?.removeSync());

async function run(): Promise<number> {
  await removeStalePlans(ROOT, log);
  await tightenPermissions(ROOT, log);
  scratch = ScratchFolder.create();
  return command!();
}

run().then(
  (code) => {
    if (!interrupted) process.exit(code);
  },
  (error: unknown) => {
    // The message carries a validation error or the engine's own output; after an interrupt that
    // output says what the engine had changed and whether it saved state, so it is shown then too.
    log(`\nERROR: ${error instanceof Error ? error.message : String(error)}`);
    if (!interrupted) process.exit(EXIT.error);
  },
);
