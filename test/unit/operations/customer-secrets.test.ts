import { describe, expect, it } from "vitest";
import {
  describeExpiry,
  expiringSecrets,
  outlivingGracePeriods,
  readSecretStatuses,
  renderExpiringSecrets,
  secretStatusOf,
} from "../../../lib/operations/customer-secrets";

import type { KeycloakAdmin } from "../../../lib/operations/keycloak-admin";

const NOW = new Date("2026-12-05T12:00:00Z");
const epoch = (iso: string) => String(Date.parse(iso) / 1000);

describe("a customer's secret status", () => {
  it("reads the expiry Keycloak's secret rotation keeps in the client's attributes", () => {
    // GIVEN
    const attributes = {
      "client.secret.expiration.time": epoch("2027-12-05T12:00:00Z"),
      "client.secret.rotated.expiration.time": epoch("2026-12-12T12:00:00Z"),
    };

    // WHEN
    const status = secretStatusOf("acme", attributes, NOW);

    // THEN
    expect(status).toEqual({
      id: "acme",
      expiresAt: new Date("2027-12-05T12:00:00Z"),
      previousWorksUntil: new Date("2026-12-12T12:00:00Z"),
    });
  });

  it("has no previous secret once its grace period ended, though Keycloak still lists it", () => {
    const status = secretStatusOf(
      "acme",
      { "client.secret.rotated.expiration.time": epoch("2026-12-01T00:00:00Z") },
      NOW,
    );
    expect(status.previousWorksUntil).toBeUndefined();
  });

  it("has no expiry before the rotation policy first saw the client", () => {
    expect(secretStatusOf("acme", {}, NOW)).toEqual({
      id: "acme",
      expiresAt: undefined,
      previousWorksUntil: undefined,
    });
  });
});

describe("expiring secrets", () => {
  const status = (id: string, iso?: string) => ({ id, expiresAt: iso ? new Date(iso) : undefined });

  it("lists secrets expiring within 30 days and expired ones, the soonest first", () => {
    // GIVEN
    const statuses = [
      status("later", "2027-01-04T11:00:00Z"),
      status("far", "2027-06-01T00:00:00Z"),
      status("expired", "2026-12-01T09:00:00Z"),
      status("unset"),
      status("soon", "2026-12-06T00:00:00Z"),
    ];

    // WHEN
    const expiring = expiringSecrets(statuses, NOW);

    // THEN
    expect(expiring.map((s) => s.id)).toEqual(["expired", "soon", "later"]);
  });

  it("says when, and how long from now", () => {
    expect(describeExpiry(new Date("2027-01-03T14:05:00Z"), NOW)).toBe("2027-01-03 14:05 UTC (in 29 days)");
    expect(describeExpiry(new Date("2026-12-05T20:00:00Z"), NOW)).toBe("2026-12-05 20:00 UTC (in 8 h)");
    expect(describeExpiry(new Date("2026-12-01T09:00:00Z"), NOW)).toBe("expired 2026-12-01 09:00 UTC");
  });

  it("renders a section that says what to do, with expired secrets in bold", () => {
    // WHEN
    const section = renderExpiringSecrets(
      [status("expired", "2026-12-01T09:00:00Z"), status("soon", "2026-12-20T12:00:00Z")],
      NOW,
    );

    // THEN
    expect(section).toContain("#### Customer secrets expiring within 30 days: 2");
    expect(section).toContain("bump `secretVersion`");
    expect(section).toContain("| `expired` | **expired 2026-12-01 09:00 UTC** |");
    expect(section).toContain("| `soon` | 2026-12-20 12:00 UTC (in 15 days) |");
  });

  it("renders nothing when no secret is near its maximum age", () => {
    expect(renderExpiringSecrets([], NOW)).toBe("");
  });
});

describe("previous secrets outliving their grace period", () => {
  it("names those that work longer than the customer's grace period allows, a minute's slack aside", () => {
    // GIVEN the official provider's order: regenerated under the former 7 days, then the file's 0 or 1 day written
    const until = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    const statuses = [
      { id: "leaked", previousWorksUntil: until(604_800) },
      { id: "shortened", previousWorksUntil: until(604_800) },
      { id: "within", previousWorksUntil: until(86_400 + 30) },
      { id: "none" },
      { id: "jwt", previousWorksUntil: until(604_800) },
    ];
    const grace: Record<string, number> = { leaked: 0, shortened: 86_400, within: 86_400, none: 0 };

    // WHEN
    const outliving = outlivingGracePeriods(statuses, (id) => grace[id], NOW);

    // THEN
    expect(outliving.map(({ status, graceSeconds }) => [status.id, graceSeconds])).toEqual([
      ["leaked", 0],
      ["shortened", 86_400],
    ]);
  });
});

describe("reading customers' secret statuses from Keycloak", () => {
  /** A realm of `count` clients answering the admin API's client listing and lookup by client id; the paths asked. */
  function realmOf(count: number) {
    const clients = Array.from({ length: count }, (_, i) => ({
      id: `internal-${i}`,
      clientId: `customer-${i}`,
      attributes: {},
    }));
    const asked: string[] = [];
    const admin = {
      async find(path: string) {
        asked.push(path);
        const url = new URL(path, "http://admin/");
        const id = url.searchParams.get("clientId");
        if (id !== null) return clients.filter((client) => client.clientId === id);
        const first = Number(url.searchParams.get("first"));
        return clients.slice(first, first + Number(url.searchParams.get("max")));
      },
    } as unknown as KeycloakAdmin;
    return { admin, asked };
  }

  it("reads each customer's client on its own, a few at once, never listing the realm's clients", async () => {
    // GIVEN a realm of 10,000 clients, and a reader that counts the requests in flight
    const { admin, asked } = realmOf(10_000);
    let inFlight = 0;
    let mostInFlight = 0;
    const counting = {
      async find(path: string) {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        try {
          return await admin.find(path);
        } finally {
          inFlight--;
        }
      },
    } as unknown as KeycloakAdmin;

    // WHEN
    const ids = Array.from({ length: 40 }, (_, i) => `customer-${i * 250}`);
    const statuses = await readSecretStatuses(counting, "atlas", ids, 4, NOW);

    // THEN
    expect(statuses.map((status) => [status.id, status.internalId])).toEqual(
      ids.map((id) => [id, id.replace("customer", "internal")]),
    );
    expect(asked).toEqual(ids.map((id) => `atlas/clients?clientId=${id}`));
    expect(mostInFlight).toBe(4);
  });
});
