import { describe, expect, it } from "vitest";
import { customer, synthRealm } from "../synth";
import { testSettings } from "../test-settings";

const CLIENT = "keycloak_openid_client";

describe("secret rotation", () => {
  const PROFILE = "keycloak_realm_client_policy_profile";
  const POLICY = "keycloak_realm_client_policy_profile_policy";

  it("keeps a rotated secret working for the realm's grace period, and no secret longer than the maximum age", () => {
    // WHEN
    const realm = synthRealm([customer("acme")]);

    // THEN one Keycloak secret-rotation profile, never rotating on an update by itself
    expect(realm.at(PROFILE, "secret-rotation/grace-604800s")).toMatchObject({
      name: "realm-as-code-secret-rotation-604800s",
      executor: [
        {
          name: "secret-rotation",
          configuration: {
            "expiration-period": "31536000",
            "rotated-expiration-period": "604800",
            "remaining-rotation-period": "0",
          },
        },
      ],
    });
    // AND a policy applying it to the clients whose attribute names that grace period
    const policy = realm.at(POLICY, "secret-rotation/grace-604800s-policy");
    expect(policy.condition).toEqual([
      {
        name: "client-attributes",
        configuration: {
          "is-negative-logic": "false",
          attributes: JSON.stringify([{ key: "realm-as-code.secret-rotation-grace-seconds", value: "604800" }]),
        },
      },
    ]);
    expect(realm.referenced((policy.profiles as string[])[0]).address).toBe(
      realm.addressAt(PROFILE, "secret-rotation/grace-604800s"),
    );
    // AND the client is created or rotated only once its policy exists
    const client = realm.at(CLIENT, "customers/acme/client");
    expect(client.depends_on).toEqual([realm.addressAt(POLICY, "secret-rotation/grace-604800s-policy")]);
  });

  it("gives a customer that cuts over at once a policy of its own, and the realm's settings to the rest", () => {
    // GIVEN
    const settings = testSettings((draft) => {
      draft.customers = { secretRotationGraceSeconds: 86_400, secretMaxAgeSeconds: 2_592_000 };
    });

    // WHEN
    const realm = synthRealm(
      [customer("acme"), customer("leaked", { secretRotationGraceSeconds: 0 }), customer("beta")],
      settings,
    );

    // THEN
    const profiles = Object.values(realm.all(PROFILE)).map((profile) => ({
      name: profile.name,
      configuration: (profile.executor as { configuration: Record<string, string> }[])[0]!.configuration,
    }));
    expect(profiles).toEqual([
      {
        name: "realm-as-code-secret-rotation-0s",
        configuration: {
          "expiration-period": "2592000",
          "rotated-expiration-period": "0",
          "remaining-rotation-period": "0",
        },
      },
      {
        name: "realm-as-code-secret-rotation-86400s",
        configuration: {
          "expiration-period": "2592000",
          "rotated-expiration-period": "86400",
          "remaining-rotation-period": "0",
        },
      },
    ]);
    const graceOf = (id: string) =>
      (realm.at(CLIENT, `customers/${id}/client`).extra_config as Record<string, string>)[
        "realm-as-code.secret-rotation-grace-seconds"
      ];
    expect([graceOf("acme"), graceOf("leaked"), graceOf("beta")]).toEqual(["86400", "0", "86400"]);
  });

  it("keeps the realm's profile when no customer uses a secret, so adding one later renames nothing", () => {
    // WHEN
    const realm = synthRealm([]);

    // THEN
    expect(Object.keys(realm.all(PROFILE))).toHaveLength(1);
    expect(realm.at(PROFILE, "secret-rotation/grace-604800s").name).toBe("realm-as-code-secret-rotation-604800s");
  });
});
