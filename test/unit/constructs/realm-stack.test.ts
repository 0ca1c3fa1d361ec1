import { describe, expect, it } from "vitest";
import { customer, synthRealm } from "../synth";

describe("the synthesized stack", () => {
  it("renames nothing when a customer is added or removed", () => {
    // GIVEN
    const before = synthRealm([customer("acme"), customer("globex")]).addresses();

    // WHEN
    const added = synthRealm([customer("acme"), customer("aaa-first"), customer("globex")]).addresses();
    const removed = synthRealm([customer("globex")]).addresses();

    // THEN
    expect(added).toEqual(expect.arrayContaining(before));
    expect(before).toEqual(expect.arrayContaining(removed));
    expect(removed.some((address) => address.includes("acme"))).toBe(false);
  });

  it("holds no Keycloak URL, credential or secret: the provider block only says not to sign in early, no client secret is set", () => {
    // WHEN
    const realm = synthRealm([customer("acme")]);

    // THEN the provider reads KEYCLOAK_* at deploy time; Keycloak generates client secrets
    expect(realm.json.provider).toEqual({ keycloak: [{ initial_login: false }] });
    expect(JSON.stringify(realm.json)).not.toMatch(/"client_secret"|"password"|"url"/);
  });
});
