import { environments, type EnvironmentName } from "../../environments";
import { CUSTOMERS_SCOPE } from "../../model/customer-file";
import { stackOfCustomer } from "../../model/shards";
import { encryptForCustomer } from "../../model/secret-handover";
import { describeExpiry, secretStatusOf, type SecretStatus } from "../customer-secrets";
import { KeycloakAdmin, keycloakBaseUrl, segment } from "../keycloak-admin";
import { StackWorkspace } from "../stack-workspace";
import { environmentName, EXIT, providerEnvironment, UsageError, type Invocation } from "./invocation";
import { customersOf, workspace } from "./steps";

interface Credentials {
  clientId: string;
  tokenEndpoint: string;
  /** Absent for private_key_jwt customers: they sign assertions with their own key. */
  clientSecret?: string;
  /** Where the secret stands in Keycloak: its expiry, and the previous one's during a grace period. */
  status: SecretStatus;
}

/** A customer's client in this environment's state and in Keycloak: its internal id and realm. */
async function deployedCustomer(run: Invocation, name: EnvironmentName, id: string, env: NodeJS.ProcessEnv) {
  // The stack that holds it: the environment's, or its customer shard's.
  const stack = new StackWorkspace(run.root, name, run.scratch, run.log, env).of(
    stackOfCustomer(name, environments[name], id),
  );
  const state = await stack.state().catch(async () => {
    await workspace(run, name, env);
    await stack.init();
    return stack.state();
  });
  const client = state.values?.root_module?.resources?.find(
    // Customers only: the backend's own secret is not something to hand out.
    (resource) =>
      resource.type === "keycloak_openid_client" &&
      resource.name.startsWith(`${CUSTOMERS_SCOPE}_`) &&
      resource.values.client_id === id,
  );
  if (!client || typeof client.values.id !== "string") {
    throw new UsageError(
      `no deployed customer '${id}' in the '${stack.stack}' state: is customers/${id}.yaml deployed there?`,
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
export async function readCredentials(
  run: Invocation,
  name: EnvironmentName,
  id: string,
  env: NodeJS.ProcessEnv,
): Promise<Credentials> {
  const { realm, path, admin } = await deployedCustomer(run, name, id, env);
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

/** `npm run credentials -- <customer-id>`: what to hand the customer, to stdout only; or end the grace period. */
export async function credentials(run: Invocation): Promise<number> {
  const { options } = run;
  const id = run.args[0];
  if (!id) throw new UsageError("credentials needs a customer id: npm run credentials -- <customer-id>");
  const name = environmentName(options);
  const env = providerEnvironment(name);
  if (options["revoke-previous"]) return revokePrevious(run, name, id, env);
  const found = await readCredentials(run, name, id, env);
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
    const recipient = customersOf(run, name).find((customer) => customer.id === id)?.ageRecipient;
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
async function revokePrevious(
  run: Invocation,
  name: EnvironmentName,
  id: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { path, admin } = await deployedCustomer(run, name, id, env);
  const { attributes } = await admin.get<{ attributes?: Record<string, string> }>(path);
  const { previousWorksUntil } = secretStatusOf(id, attributes);
  // Also when Keycloak still lists an expired one: a revoked secret leaves nothing behind.
  await admin.delete(`${path}/client-secret/rotated`);
  run.log(
    previousWorksUntil
      ? `Revoked the previous secret of '${id}' (it worked until ${describeExpiry(previousWorksUntil)}): only the current one works now.`
      : `No previous secret of '${id}' works in '${name}': only the current one does.`,
  );
  return EXIT.ok;
}
