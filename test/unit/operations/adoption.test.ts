import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findAdoptions } from "../../../lib/operations/adoption";
import { KeycloakAdmin } from "../../../lib/operations/keycloak-admin";
import { customer } from "../synth";
import { testSettings } from "../test-settings";

const LEGACY_ID = "0b6a7c1e-2f3d-4e5a-8b9c-0d1e2f3a4b5c";

let server: Server | undefined;
afterEach(() => server?.close());

/** A Keycloak holding a hand-made client 'legacy' whose service account answers `status`. */
async function keycloakWhoseServiceAccountAnswers(status: number): Promise<KeycloakAdmin> {
  server = createServer((request, response) => {
    const answer = (code: number, body: unknown) => response.writeHead(code).end(JSON.stringify(body));
    if (request.url!.endsWith("/token")) return answer(200, { access_token: "t", expires_in: 60 });
    if (request.url!.includes("/clients?clientId=")) return answer(200, [{ id: LEGACY_ID, clientId: "legacy" }]);
    if (request.url!.endsWith("/service-account-user")) return answer(status, {});
    return answer(200, request.url!.endsWith("/scope-mappings") ? {} : []);
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return KeycloakAdmin.fromEnvironment({
    KEYCLOAK_URL: `http://127.0.0.1:${port}`,
    KEYCLOAK_CLIENT_ID: "deploy",
    KEYCLOAK_CLIENT_SECRET: "not-a-secret",
  });
}

describe("looking up a client to adopt", () => {
  const settings = testSettings((draft) => {
    draft.customers = { adoptable: ["legacy"] };
  });

  it("finds nothing to lose on a client without a service account (Keycloak answers 400)", async () => {
    const [adoption] = await findAdoptions(await keycloakWhoseServiceAccountAnswers(400), settings, [
      customer("legacy"),
    ]);
    expect(adoption).toMatchObject({ id: "legacy", internalId: LEGACY_ID, extraRoles: [], groups: [] });
  });

  it("rejects when the service account cannot be read: a 403 must not pass for 'loses no roles'", async () => {
    await expect(
      findAdoptions(await keycloakWhoseServiceAccountAnswers(403), settings, [customer("legacy")]),
    ).rejects.toThrow("service-account-user with HTTP 403");
  });
});
