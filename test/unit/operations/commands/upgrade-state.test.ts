import { describe, expect, it } from "vitest";
import { UsageError } from "../../../../lib/operations/commands/invocation";
import { perRoleAddresses, refusePerRoleState } from "../../../../lib/operations/commands/upgrade-state";

const STATE = [
  "keycloak_openid_client.customers_acme_client_1A2B3C4D",
  "keycloak_openid_client_service_account_role.customers_acme_role-ordersread_B1E94511",
  "keycloak_generic_role_mapper.customers_acme_scope-ordersread_B8B6A112",
  "keycloak_generic_role_mapper.frontend_scope-ordersread_C8DDE1E4",
  "keycloak_generic_role_mapper.api_role-scope-mapping-ordersread_0A1B2C3D",
  "keycloak_user_roles.customers_acme_service-account-roles_5A6B7C8D",
];

describe("the per-role resources of an upgrading state", () => {
  it("are customers' service-account grants and scope mappings, not the frontend's or the API's", () => {
    expect(perRoleAddresses(STATE)).toEqual([STATE[1], STATE[2]]);
  });

  it("rejects planning with them, naming how many, an example and the command that upgrades", () => {
    // WHEN
    const refusal = (() => {
      try {
        refusePerRoleState("production", STATE);
      } catch (error) {
        return error;
      }
    })();

    // THEN
    expect(refusal).toBeInstanceOf(UsageError);
    expect((refusal as Error).message).toContain(
      `the 'production' state holds 2 per-role resource(s) of customers (e.g. ${STATE[1]})`,
    );
    expect((refusal as Error).message).toContain("Run `npm run upgrade-state -- --env production` once");
  });

  it("lets a state without them through", () => {
    expect(() => refusePerRoleState("production", [STATE[0]!, STATE[3]!, STATE[5]!])).not.toThrow();
  });
});
