import { describe, expect, it } from "vitest";
import {
  engineErrors,
  groupErrors,
  hasConnectivityErrors,
  summarizeErrors,
} from "../../../lib/operations/engine-errors";

/** An engine error block as OpenTofu prints it with -no-color. */
function block(summary: string, address: string, detail: string): string {
  return `Error: ${summary}\n\n  with ${address},\n  on cdk.tf.json line 1, in resource:\n   1: {\n\n${detail}\n\n`;
}

const bundledRefused = (name: string) =>
  block(
    "Could not create keycloak_openid_client",
    `keycloak_openid_client.customers_${name}`,
    "POST /admin/realms/atlas/clients: dial tcp 127.0.0.1:8080: connect: connection refused (9 attempts in 2m0s)",
  );
const officialTimeout = (name: string) =>
  block(
    `error sending request: Get "http://localhost:32768/admin/realms/atlas/clients/${name}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    `keycloak_openid_client.customers_${name}`,
    "",
  );
const officialConflict = (name: string) =>
  block(
    `error sending POST request to /admin/realms/atlas/clients: 409 Conflict. Response body: {"errorMessage":"Client ${name} already exists"}`,
    `keycloak_openid_client.customers_${name}`,
    "",
  );

describe("engineErrors", () => {
  it.each([
    [
      "the bundled provider's refused connection",
      bundledRefused("acme"),
      "Keycloak unreachable (connection refused)",
      true,
    ],
    ["the official provider's timeout", officialTimeout("acme"), "Keycloak did not answer in time (timeout)", true],
    [
      "a dropped connection",
      block("Could not read keycloak_realm", "keycloak_realm.realm", 'GET /admin/realms/atlas: Get "…": EOF'),
      "Keycloak connection dropped",
      true,
    ],
    [
      "the official provider's 503",
      block(
        "error sending POST request to /realms/master/protocol/openid-connect/token: 503 Service Unavailable",
        "x.y",
        "",
      ),
      "Keycloak answered HTTP 503 Service Unavailable",
      true,
    ],
    ["the official provider's 409", officialConflict("acme"), "HTTP 409 Conflict", false],
    [
      "a state backend out of reach, which is not Keycloak",
      "Error: Failed to get existing workspaces: dial tcp 10.0.0.5:5432: connect: connection refused\n",
      "server unreachable (connection refused)",
      false,
    ],
    [
      "a provider registry out of reach during init, which is not Keycloak although it names keycloak/keycloak",
      'Error: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider keycloak/keycloak: could not connect to registry.opentofu.org: failed to request discovery document: Get "https://registry.opentofu.org/.well-known/terraform.json": dial tcp: lookup registry.opentofu.org on 127.0.0.53:53: no such host\n',
      "provider registry address unreachable (name or network)",
      false,
    ],
    [
      "the bundled provider's 403",
      block("Could not read keycloak_realm", "keycloak_realm.realm", "GET /admin/realms/atlas: HTTP 403 Forbidden"),
      "HTTP 403 Forbidden",
      false,
    ],
    [
      "a Keycloak without the secret rotation feature (the bundled provider's words, wrapped by the engine)",
      block(
        "Could not write keycloak_realm_client_policy_profile",
        "keycloak_realm_client_policy_profile.secret-rotation_grace-20s_7628617F",
        "PUT /admin/realms/atlas/client-policies/profiles: HTTP 400 Bad Request:\nproposed client profile contains the executor, which does not have valid\nprovider, or has invalid configuration.",
      ),
      "Keycloak refused the customers' secret-rotation client profile: enable the client-secret-rotation feature on the server (KC_FEATURES=client-secret-rotation; README, Keycloak server requirements)",
      false,
    ],
    [
      "a Keycloak without the secret rotation feature (the official provider's words)",
      block(
        'error sending PUT request to /admin/realms/atlas/client-policies/profiles: 400 Bad Request. Response body: {"errorMessage":"proposed client profile contains the executor, which does not have valid provider, or has invalid configuration."}',
        "keycloak_realm_client_policy_profile.secret-rotation_grace-604800s_profile",
        "",
      ),
      "Keycloak refused the customers' secret-rotation client profile: enable the client-secret-rotation feature on the server (KC_FEATURES=client-secret-rotation; README, Keycloak server requirements)",
      false,
    ],
    [
      "an error the project does not know, by its first line",
      "Error: Saved plan is stale\n\nThe given plan file",
      "Saved plan is stale",
      false,
    ],
  ])("names the cause of %s", (_, output, cause, connectivity) => {
    // WHEN
    const [error, ...more] = engineErrors(output);

    // THEN
    expect(more).toEqual([]);
    expect(error).toMatchObject({ cause, connectivity });
  });

  it("reads the engine's boxed blocks and skips its warnings", () => {
    // GIVEN output as the engine prints it to a terminal
    const output = [
      "╷",
      "│ Warning: Deprecated attribute",
      "│ ",
      "│ connection refused is mentioned in a warning only",
      "╵",
      "╷",
      "│ Error: Could not create keycloak_role",
      "│ ",
      "│   with keycloak_role.backend_orders_read,",
      "│ ",
      "│ POST /admin/realms/atlas/roles: dial tcp: connect: connection refused",
      "╵",
    ].join("\n");

    // WHEN / THEN
    expect(engineErrors(output)).toEqual([
      expect.objectContaining({
        cause: "Keycloak unreachable (connection refused)",
        address: "keycloak_role.backend_orders_read",
      }),
    ]);
  });
});

describe("summarizeErrors", () => {
  it("groups 142 errors by cause, the largest group first, naming five resources of each and an example of what Keycloak said", () => {
    // GIVEN a failed deploy: 140 clients refused, 2 conflicts
    const output =
      "keycloak_openid_client.customers_a0: Creating...\n" +
      Array.from({ length: 2 }, (_, i) => officialConflict(`c${i}`)).join("") +
      Array.from({ length: 140 }, (_, i) => bundledRefused(`a${i}`)).join("");

    // WHEN
    const summary = summarizeErrors(output);

    // THEN
    expect(summary.split("\n").slice(0, 3)).toEqual([
      "142 errors:",
      "  140 × Keycloak unreachable (connection refused): keycloak_openid_client.customers_a0, keycloak_openid_client.customers_a1, keycloak_openid_client.customers_a2, keycloak_openid_client.customers_a3, keycloak_openid_client.customers_a4 and 135 more",
      "    2 × HTTP 409 Conflict: keycloak_openid_client.customers_c0, keycloak_openid_client.customers_c1",
    ]);
    expect(summary).toContain('{"errorMessage":"Client c0 already exists"}');
    expect(summary).not.toContain("customers_a5");
    expect(summary).not.toContain("Client c1 already exists");
    expect(summary.length).toBeLessThan(1_000);
    expect(groupErrors(engineErrors(output)).map((group) => group.count)).toEqual([140, 2]);
  });

  it("shows the last lines of output that holds no error block", () => {
    const output = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n");
    expect(summarizeErrors(output)).toBe(Array.from({ length: 12 }, (_, i) => `line ${i + 18}`).join("\n"));
  });
});

describe("hasConnectivityErrors", () => {
  it("is true when some error is Keycloak not answering, beside others", () => {
    expect(hasConnectivityErrors(officialConflict("a") + officialTimeout("b"))).toBe(true);
  });

  it("is false for errors Keycloak answered", () => {
    expect(hasConnectivityErrors(officialConflict("a"))).toBe(false);
  });
});
