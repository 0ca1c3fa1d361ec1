import { decodeJwt } from "jose";
import { environments } from "../../environments";
import { CUSTOMERS_SCOPE } from "../../model/customer-file";
import { stackNames } from "../../model/shards";
import { startLocalKeycloak } from "../local-keycloak";
import { StackWorkspace } from "../stack-workspace";
import { readCredentials } from "./credentials";
import { deploy } from "./deploy";
import { EXIT, type Invocation } from "./invocation";

/** `npm start`: a local Keycloak, the local environment deployed, a working token request and its claims. */
export async function start(run: Invocation): Promise<number> {
  const keycloak = await startLocalKeycloak(run.log);
  const env = { ...process.env, ...keycloak.providerEnvironment };
  const code = await deploy(run, "local", env);
  if (code !== EXIT.ok) return code;

  const realm = environments.local.realm.name;
  const root = new StackWorkspace(run.root, "local", run.scratch, run.log, env);
  let customer: string | undefined;
  // The realm's stack, or with customer shards the first that holds a customer.
  for (const stack of stackNames("local", environments.local)) {
    [customer] =
      (await root.of(stack).state()).values?.root_module?.resources
        ?.filter((r) => r.type === "keycloak_openid_client" && r.name.startsWith(`${CUSTOMERS_SCOPE}_`))
        .map((r) => String(r.values.client_id)) ?? [];
    if (customer) break;
  }
  console.log(`\nKeycloak:       ${keycloak.url}  (realm '${realm}': ${keycloak.url}/realms/${realm})`);
  console.log(
    `Admin console:  ${keycloak.adminConsole}  (user '${keycloak.adminUser.username}', password in .toolchain/local-keycloak.env)`,
  );
  if (!customer) {
    console.log("\nNo customer in the local environment yet: add customers/<id>.yaml and run npm start again.");
    return EXIT.ok;
  }
  const { tokenEndpoint, clientSecret } = await readCredentials(run, "local", customer, env);
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
