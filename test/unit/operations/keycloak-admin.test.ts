import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeycloakAdmin } from "../../../lib/operations/keycloak-admin";

/** A loopback server answering as Keycloak would: a token for any sign-in, `[]` for any admin GET. */
let server: Server;
let url: string;
let signIns = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url?.endsWith("/protocol/openid-connect/token")) {
      signIns++;
      // Slow enough that requests sent at once all wait on the same sign-in.
      setTimeout(() => response.end(JSON.stringify({ access_token: "token", expires_in: 300 })), 50);
      return;
    }
    response.end(request.headers.authorization === "Bearer token" ? "[]" : "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

describe("KeycloakAdmin", () => {
  it("signs in once for requests sent at once, and counts them", async () => {
    // GIVEN
    const admin = KeycloakAdmin.fromEnvironment({
      KEYCLOAK_URL: url,
      KEYCLOAK_CLIENT_ID: "deployer",
      KEYCLOAK_CLIENT_SECRET: "not-a-real-secret",
    });

    // WHEN 20 requests start together
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.get(`atlas/clients/${i}`)));

    // THEN
    expect(answers).toEqual(Array.from({ length: 20 }, () => []));
    expect(signIns).toBe(1);
    expect(admin.requests).toBe(20);
  });
});
