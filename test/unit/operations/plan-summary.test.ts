import { describe, expect, it } from "vitest";
import type { Holdings } from "../../../lib/operations/client-holdings";
import { formatRefusal, formatVanished, unallowedDeletions } from "../../../lib/operations/deletion-guard";
import { addressesOfCustomers, renderPlanReport, summarizeChanges } from "../../../lib/operations/plan-summary";
import type { Action, ResourceChange } from "../../../lib/operations/terraform-plan";

function change(
  address: string,
  actions: Action[],
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): ResourceChange {
  const [type, name] = address.split(".") as [string, string];
  return { address, type, name, change: { actions, before, after } };
}

const client = (id: string) => `keycloak_openid_client.customers_${id}_client_1A2B3C4D`;
const defaultScopes = (id: string) => `keycloak_openid_client_default_scopes.customers_${id}_default-scopes_1C2D3E4F`;
const roleSet = (id: string) => `keycloak_user_roles.customers_${id}_service-account-roles_5A6B7C8D`;
/** A customer's default scopes holding the role scopes of `roles`. */
const scopesWith = (...roles: string[]) => ({
  default_scopes: ["basic", "roles", "service_account", "api-audience", ...roles.map((role) => `api:${role}`)],
});

describe("summarizeChanges", () => {
  it("tells added, changed, suspended, resumed, replaced and removed customers apart", () => {
    // GIVEN
    const changes = [
      change(client("new-co"), ["create"], null, { client_id: "new-co", enabled: true }),
      change(defaultScopes("new-co"), ["create"], null, scopesWith("orders:read")),
      change(client("acme"), ["update"], { description: "a", enabled: true }, { description: "b", enabled: true }),
      change(defaultScopes("acme"), ["update"], scopesWith("orders:read"), scopesWith("orders:write")),
      change(roleSet("acme"), ["update"], { role_ids: ["r-read"] }, { role_ids: ["r-write"] }),
      change(client("globex"), ["update"], { enabled: true }, { enabled: false }),
      change(client("hooli"), ["update"], { enabled: false }, { enabled: true }),
      change(client("initech"), ["delete", "create"], { client_id: "initech" }, { client_id: "initech" }),
      change(client("gone"), ["delete"], { client_id: "gone" }, null),
      change("keycloak_realm.realm_realm_00000000", ["update"], { display_name: "A" }, { display_name: "B" }),
      change("keycloak_role.api_role-ordersread_00000000", ["no-op"], {}, {}),
    ];

    // WHEN
    const summary = summarizeChanges(changes);

    // THEN
    expect(summary.customers).toEqual([
      { id: "acme", kind: "changed", details: ["roles +orders:write -orders:read", "description"] },
      { id: "globex", kind: "suspended", details: [] },
      { id: "gone", kind: "removed", details: [] },
      { id: "hooli", kind: "resumed", details: [] },
      { id: "initech", kind: "replaced", details: ["client re-created: new internal id and secret"] },
      { id: "new-co", kind: "added", details: ["roles +orders:read"] },
    ]);
    expect(summary.other).toEqual([
      { address: "keycloak_realm.realm_realm_00000000", action: "update", attributes: ["display_name"] },
    ]);
  });

  it("names the role grants made by hand that the exhaustive role set takes away, apart from the file's", () => {
    // GIVEN the refresh found realm-management/manage-users and offline_access granted to acme's service
    // account in the admin console, and acme's file swaps orders:read for orders:write
    const changes = [
      change(defaultScopes("acme"), ["update"], scopesWith("orders:read"), scopesWith("orders:write")),
      change(roleSet("acme"), ["update"], { role_ids: ["r-read", "r-manage", "r-offline"] }, { role_ids: ["r-write"] }),
    ];
    const roleNames = new Map([
      ["r-read", "api/orders:read"],
      ["r-manage", "realm-management/manage-users"],
      ["r-offline", "offline_access"],
    ]);

    // WHEN
    const named = summarizeChanges(changes, { roleNames });
    const counted = summarizeChanges(changes);

    // THEN
    expect(named.customers[0]?.details).toEqual([
      "roles +orders:write -orders:read",
      "takes away realm-management/manage-users, offline_access, not in its file",
    ]);
    expect(counted.customers[0]?.details).toEqual([
      "roles +orders:write -orders:read",
      "takes away 2 role grant(s), not in its file",
    ]);
  });

  it("names the role grants made by hand that drift found in a role set", () => {
    const drifted = [
      change(roleSet("acme"), ["update"], { role_ids: ["r-read"] }, { role_ids: ["r-read", "r-manage"] }),
    ];
    const summary = summarizeChanges(drifted, {
      drift: true,
      roleNames: new Map([["r-manage", "realm-management/manage-users"]]),
    });
    expect(summary.customers[0]?.details).toEqual([
      "service account holds realm-management/manage-users, not in its file",
    ]);
  });

  it("names a rotated secret by the customer-file field that rotates it", () => {
    const summary = summarizeChanges([
      change(
        client("acme"),
        ["update"],
        { client_secret_regenerate_when_changed: { secretVersion: "1" } },
        { client_secret_regenerate_when_changed: { secretVersion: "2" } },
      ),
    ]);
    expect(summary.customers[0]?.details).toEqual(["secretVersion (secret rotated)"]);
  });
});

describe("summarizeChanges, for adopted clients and OpenTofu's own actions", () => {
  it("says an adopted customer whose file is gone is released (left in Keycloak), not removed", () => {
    const summary = summarizeChanges([
      change(client("legacy"), ["delete"], { client_id: "legacy", import: true }, null),
    ]);
    expect(summary.customers).toEqual([{ id: "legacy", kind: "released", details: [] }]);
  });

  it("shows a client taken over by an import as adopted, with the settings that change and what it loses", () => {
    // GIVEN the plan imports legacy (its settings change) and the lookup found what it holds beyond its file
    const imported = change(
      client("legacy"),
      ["update"],
      { client_id: "legacy", standard_flow_enabled: true },
      { client_id: "legacy", standard_flow_enabled: false },
    );
    const importing = { ...imported, change: { ...imported.change, importing: { id: "atlas/0b5c" } } };
    const adoption = {
      id: "legacy",
      internalId: "0b5c",
      extraRoles: [{ role: { id: "r", name: "manage-users" }, client: { id: "c", clientId: "realm-management" } }],
      groups: [{ id: "g", path: "/admins" }],
      extraScopeMappings: [],
      protocolMappers: [{ id: "m", name: "is-admin" }],
      optionalScopes: [],
      lostScopes: ["profile"],
    };

    // WHEN
    const summary = summarizeChanges([importing], { adoptions: [adoption] });

    // THEN
    expect(summary.customers).toEqual([
      {
        id: "legacy",
        kind: "adopted",
        details: [
          "settings standard_flow_enabled",
          "loses roles realm-management/manage-users",
          "leaves groups /admins",
          "loses mappers is-admin",
          "loses scopes profile",
        ],
      },
    ]);
  });

  it("shows a client an interrupted deploy created and never recorded as taken back, with its new secret", () => {
    // GIVEN the plan imports acme, which names its customer file, and rotates the secret nobody was given
    const imported = change(
      client("acme"),
      ["update"],
      { client_id: "acme", client_secret_regenerate_when_changed: null },
      { client_id: "acme", client_secret_regenerate_when_changed: { secretVersion: "1" } },
    );
    const importing = { ...imported, change: { ...imported.change, importing: { id: "atlas/0b5c" } } };
    const unrecorded = {
      id: "acme",
      unrecorded: true,
      internalId: "0b5c",
      extraRoles: [],
      groups: [],
      extraScopeMappings: [],
      protocolMappers: [],
      optionalScopes: [],
      lostScopes: [],
    };

    // WHEN
    const summary = summarizeChanges([importing], { adoptions: [unrecorded] });

    // THEN
    expect(summary.customers).toEqual([
      { id: "acme", kind: "taken back", details: ["settings secretVersion (secret rotated)"] },
    ]);
  });

  it("shows a client adopted earlier that still holds leftovers, which the deploy removes", () => {
    const adoption = {
      id: "legacy",
      internalId: "0b5c",
      extraRoles: [],
      groups: [],
      extraScopeMappings: [],
      protocolMappers: [{ id: "m", name: "is-admin" }],
      optionalScopes: [],
      lostScopes: [],
    };
    expect(summarizeChanges([], { adoptions: [adoption] }).customers).toEqual([
      { id: "legacy", kind: "adopted", details: ["in state already", "loses mappers is-admin"] },
    ]);
  });

  it("shows a deployed customer holding more than its file, with what it holds, and adds it to a row the plan has", () => {
    // GIVEN acme holding a mapper made by hand, globex a role grant made by hand and a changed description
    const holdings = (id: string, extras: Partial<Holdings>): Holdings => ({
      id,
      internalId: `c-${id}`,
      extraRoles: [],
      extraScopeMappings: [],
      groups: [],
      protocolMappers: [],
      optionalScopes: [],
      ...extras,
    });
    const found = [
      holdings("acme", { protocolMappers: [{ id: "m", name: "is-admin" }] }),
      holdings("globex", {
        extraRoles: [{ role: { id: "r", name: "orders:write" }, client: { id: "c", clientId: "atlas-api" } }],
      }),
      holdings("hooli", {}),
    ];
    const changes = [change(client("globex"), ["update"], { description: "a" }, { description: "b" })];

    // WHEN
    const summary = summarizeChanges(changes, { holdings: found });

    // THEN
    expect(summary.customers).toEqual([
      { id: "acme", kind: "beyond-file", details: ["mapper is-admin, not in its file"] },
      {
        id: "globex",
        kind: "changed",
        details: ["description", "service account holds atlas-api/orders:write, not in its file"],
      },
    ]);
    expect(renderPlanReport({ title: "Drift", summary, rawPlan: "" })).toContain(
      "**Customers:** 1 changed, 1 holding more than their file.",
    );
    expect(renderPlanReport({ title: "Drift", summary, rawPlan: "" })).toContain(
      "| `acme` | **holds more than its file**: deploy removes it | mapper is-admin, not in its file |",
    );
  });

  it("shows an import that changes nothing as an adoption too", () => {
    const imported = change(client("legacy"), ["no-op"], { client_id: "legacy" }, { client_id: "legacy" });
    const summary = summarizeChanges([
      { ...imported, change: { ...imported.change, importing: { id: "atlas/0b5c" } } },
    ]);
    expect(summary.customers).toEqual([{ id: "legacy", kind: "adopted", details: [] }]);
  });

  it("says a customer on the adoption list may be adopted, when the plan looked nothing up", () => {
    const summary = summarizeChanges([change(client("legacy"), ["create"], null, { client_id: "legacy" })], {
      adoptable: ["legacy"],
    });
    expect(summary.customers[0]?.details).toEqual([
      "on the adoption list: a client of this id in Keycloak is adopted instead (looked up when deploying)",
    ]);
  });

  it("treats forget-then-create as a replacement", () => {
    const summary = summarizeChanges([change(client("acme"), ["forget", "create"], { client_id: "acme" }, {})]);
    expect(summary.customers[0]?.kind).toBe("replaced");
  });
});

describe("renderPlanReport", () => {
  it("says 'No changes.' and nothing else when nothing changes", () => {
    const report = renderPlanReport({ title: "Plan", summary: { customers: [], other: [] }, rawPlan: "x" });
    expect(report).toBe("### Plan\n\nNo changes.\n");
  });

  it("shows its sections (secrets near their maximum age) when nothing changes too", () => {
    const report = renderPlanReport({
      title: "Plan",
      summary: { customers: [], other: [] },
      rawPlan: "x",
      sections: ["#### Customer secrets expiring within 30 days: 1\n", ""],
    });
    expect(report).toBe("### Plan\n\nNo changes.\n\n#### Customer secrets expiring within 30 days: 1\n");
  });

  it("puts its sections between the summary and the folded raw plan", () => {
    const report = renderPlanReport({
      title: "Plan",
      summary: summarizeChanges([change(client("gone"), ["delete"], { client_id: "gone" }, null)]),
      rawPlan: "x",
      sections: ["#### Section"],
    });
    expect(report).toMatch(/\| `gone` \|.*\n\n#### Section\n\n<details>/);
  });

  it("puts counts first, a row per customer, and the raw plan folded", () => {
    // WHEN
    const report = renderPlanReport({
      title: "Plan for `production`",
      summary: summarizeChanges([change(client("gone"), ["delete"], { client_id: "gone" }, null)]),
      rawPlan: "Plan: 0 to add, 0 to change, 1 to destroy.",
    });

    // THEN
    expect(report).toContain("**Customers:** 1 removed. **Other realm changes:** none.");
    expect(report).toContain("| `gone` | **removed**: client and credentials deleted |  |");
    expect(report).toMatch(
      /<details><summary>Full plan<\/summary>\n\n```text\nPlan: 0 to add, 0 to change, 1 to destroy\.\n```/,
    );
  });
});

describe("renderPlanReport, with backticks in the plan", () => {
  it("fences the raw plan with more backticks than any run inside it", () => {
    const report = renderPlanReport({
      title: "Plan",
      summary: summarizeChanges([change(client("gone"), ["delete"], { client_id: "gone" }, null)]),
      rawPlan: 'description = "```\n<!-- realm-plan:production -->"',
    });
    expect(report).toContain('````text\ndescription = "```\n<!-- realm-plan:production -->"\n````');
  });
});

describe("addressesOfCustomers", () => {
  it("picks every resource of the named customers and nothing of others or of the realm", () => {
    // GIVEN two customers whose ids share a prefix, and the realm's own resources
    const addresses = [
      client("acme"),
      roleSet("acme"),
      client("acme-eu"),
      roleSet("acme-eu"),
      client("globex"),
      "keycloak_realm.atlas",
      "keycloak_openid_client_scope.backend_audience-scope_0A1B2C3D",
    ];

    // WHEN
    const picked = addressesOfCustomers(["acme", "globex"], addresses);

    // THEN
    expect(picked).toEqual([client("acme"), roleSet("acme"), client("globex")]);
  });

  it("picks nothing for a customer with no resources", () => {
    expect(addressesOfCustomers(["initech"], [client("acme")])).toEqual([]);
  });
});

describe("unallowedDeletions", () => {
  const deletions = [
    change(client("gone"), ["delete"], { client_id: "gone" }, null),
    change(roleSet("gone"), ["delete"], { role_ids: ["r-read"] }, null),
    change("keycloak_openid_client_scope.api_audience-scope_11111111", ["delete", "create"], {}, {}),
  ];

  it("refuses a customer's deletion and the audience scope's replacement unless each is named", () => {
    expect(unallowedDeletions(deletions, [])).toEqual([
      {
        what: "customer 'gone': its client and credentials are deleted",
        subject: "customer 'gone'",
        allowWith: "gone",
      },
      {
        what: "keycloak_openid_client_scope.api_audience-scope_11111111 is replaced (deleted, then created anew)",
        subject: "keycloak_openid_client_scope.api_audience-scope_11111111",
        allowWith: "keycloak_openid_client_scope.api_audience-scope_11111111",
      },
    ]);
  });

  it("refuses a forget-then-create of a client, a role's deletion, and says an adopted client stays live", () => {
    const refused = unallowedDeletions(
      [
        change(client("acme"), ["forget", "create"], {}, {}),
        change("keycloak_role.api_role-ordersread_22222222", ["delete"], { name: "orders:read" }, null),
        change(client("legacy"), ["delete"], { client_id: "legacy", import: true }, null),
      ],
      [],
    );
    expect(refused.map((d) => d.allowWith)).toEqual(["acme", "keycloak_role.api_role-ordersread_22222222", "legacy"]);
    expect(refused[2]?.what).toMatch(
      /^customer 'legacy' was adopted: its client is released, left in Keycloak still enabled/,
    );
  });

  it("allows what is named, and ignores role grants coming and going", () => {
    expect(unallowedDeletions(deletions, ["gone", "keycloak_openid_client_scope.api_audience-scope_11111111"])).toEqual(
      [],
    );
  });

  it("explains how to allow each refused deletion", () => {
    expect(formatRefusal(unallowedDeletions(deletions.slice(0, 1), []))).toBe(
      [
        "Refusing to apply: this plan deletes what cannot be recreated as it was.",
        "  - customer 'gone': its client and credentials are deleted; allow with --allow-delete gone",
        "Nothing was changed.",
      ].join("\n"),
    );
  });

  it("tells, for what refresh found missing, that the Keycloak may be the wrong one", () => {
    const vanished = unallowedDeletions([change(client("gone"), ["delete"], { client_id: "gone" }, null)], []);
    expect(formatVanished(vanished, "https://id.staging.example", "production")).toBe(
      [
        "Refusing to apply: the Keycloak at https://id.staging.example lacks what the 'production' state says was deployed there.",
        "Is KEYCLOAK_URL the 'production' Keycloak? If it is and these were deleted by hand, re-creating them",
        "makes new clients (customers get new secrets); allow that explicitly:",
        "  - customer 'gone' is missing; allow with --allow-delete gone",
        "Nothing was changed.",
      ].join("\n"),
    );
  });
});
