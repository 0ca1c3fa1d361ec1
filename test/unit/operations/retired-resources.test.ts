import { describe, expect, it } from "vitest";
import { UsageError } from "../../../lib/operations/commands/invocation";
import { retiredAddresses, refuseRetiredResources } from "../../../lib/operations/retired-resources";

const STATE = [
  "keycloak_openid_client.customers_acme_client_1A2B3C4D",
  "keycloak_openid_client_service_account_role.customers_acme_role-ordersread_B1E94511",
  "keycloak_generic_role_mapper.customers_acme_scope-ordersread_B8B6A112",
  "keycloak_openid_client_optional_scopes.customers_acme_optional-scopes_4D5E6F70",
  "keycloak_generic_role_mapper.frontend_scope-ordersread_C8DDE1E4",
  "keycloak_generic_role_mapper.api_role-scope-mapping-ordersread_0A1B2C3D",
  "keycloak_openid_client_optional_scopes.frontend_optional-scopes_9A8B7C6D",
  "keycloak_user_roles.customers_acme_service-account-roles_5A6B7C8D",
];

describe("the customer resources of an earlier layout in an upgrading state", () => {
  it("are customers' per-role grants and scope mappings and their optional-scope sets, not the frontend's or the API's", () => {
    expect(retiredAddresses(STATE)).toEqual([STATE[1], STATE[2], STATE[3]]);
  });

  it("rejects planning with them, naming how many, an example and the command that upgrades", () => {
    // WHEN
    const refusal = (() => {
      try {
        refuseRetiredResources("production", STATE);
      } catch (error) {
        return error;
      }
    })();

    // THEN
    expect(refusal).toBeInstanceOf(UsageError);
    expect((refusal as Error).message).toContain(
      `the 'production' state holds 3 customer resource(s) of an earlier layout (e.g. ${STATE[1]})`,
    );
    expect((refusal as Error).message).toContain("Run `npm run upgrade-state -- --env production` once");
  });

  it("lets a state without them through", () => {
    expect(() => refuseRetiredResources("production", [STATE[0]!, STATE[4]!, STATE[6]!, STATE[7]!])).not.toThrow();
  });
});
