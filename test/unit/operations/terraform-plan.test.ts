import { describe, expect, it } from "vitest";
import { changedAttributes, realDrift, type ResourceChange } from "../../../lib/operations/terraform-plan";

function update(before: Record<string, unknown>, after: Record<string, unknown>): ResourceChange {
  return {
    address: "keycloak_openid_client.frontend_client_20B81952",
    type: "keycloak_openid_client",
    name: "frontend_client_20B81952",
    change: { actions: ["update"], before, after },
  };
}

describe("changedAttributes", () => {
  it("treats an absent value and an empty list or map as the same", () => {
    // GIVEN what the official provider records when it creates an object, then reads it back
    const change = update(
      { extra_config: null, optional_scopes: null, name: "A" },
      { extra_config: {}, optional_scopes: [], name: "A" },
    );

    // THEN
    expect(changedAttributes(change)).toEqual([]);
  });

  it("names a list or map that gains or loses members", () => {
    const change = update(
      { extra_config: null, optional_scopes: ["email"] },
      { extra_config: { "frontchannel.logout.url": "https://x.example" }, optional_scopes: [] },
    );

    expect(changedAttributes(change)).toEqual(["extra_config", "optional_scopes"]);
  });
});

describe("realDrift", () => {
  it("leaves out objects whose only difference is an empty collection read back, and keeps the rest", () => {
    // GIVEN
    const emptiness = update({ extra_config: null }, { extra_config: {} });
    const edited = update(
      { extra_config: null, direct_access_grants_enabled: false },
      {
        extra_config: {},
        direct_access_grants_enabled: true,
      },
    );
    const deleted: ResourceChange = { ...edited, change: { actions: ["delete"], before: {}, after: null } };

    // WHEN
    const drift = realDrift([emptiness, edited, deleted]);

    // THEN
    expect(drift).toEqual([edited, deleted]);
    expect(changedAttributes(edited)).toEqual(["direct_access_grants_enabled"]);
  });
});
