import { Construct } from "constructs";
import type { TerraformResource } from "cdktn";
import { RealmClientPolicyProfile } from "../../.gen/providers/keycloak/realm-client-policy-profile";
import { RealmClientPolicyProfilePolicy } from "../../.gen/providers/keycloak/realm-client-policy-profile-policy";

/**
 * Client attribute holding a customer client's grace period in seconds: the client policy of that
 * grace period selects the client by it (Keycloak's `client-attributes` condition).
 */
export const SECRET_GRACE_ATTRIBUTE = "realm-as-code.secret-rotation-grace-seconds";

/**
 * A realm's secret rotation as a customer client needs it: a policy per grace period, which a client
 * in the same stack is created after (`undefined`: the policy is in the realm's stack, deployed first).
 */
export interface RotationPolicies {
  readonly policies: ReadonlyMap<number, TerraformResource | undefined>;
}

export interface SecretRotationProps {
  /** The realm, by its `id` attribute so the profiles are created after it. */
  readonly realmId: string;
  /**
   * Every grace period a customer client uses, in seconds: the realm's and any shorter one a customer
   * file asks for. One client profile and policy each.
   */
  readonly graceSeconds: readonly number[];
  /** How long a secret works, counted from its creation, before Keycloak refuses it. */
  readonly maxAgeSeconds: number;
}

/**
 * Keycloak's own client secret rotation, configured for customer clients: regenerating a secret (a
 * bumped `secretVersion`) keeps the previous one working for the client's grace period, and no secret
 * works longer than the maximum age. Needs the `client-secret-rotation` feature (a preview up to
 * Keycloak 26.7).
 */
export class SecretRotation extends Construct implements RotationPolicies {
  /** The client policy of each grace period, by seconds: a customer client depends on its own. */
  public readonly policies: ReadonlyMap<number, RealmClientPolicyProfilePolicy>;

  constructor(scope: Construct, id: string, props: SecretRotationProps) {
    super(scope, id);
    const graces = [...new Set(props.graceSeconds)].sort((a, b) => a - b);
    for (const grace of graces) {
      if (!Number.isInteger(grace) || grace < 0 || grace >= props.maxAgeSeconds) {
        throw new Error(
          `secret rotation: a grace period must be whole seconds from 0 to below the maximum age (${props.maxAgeSeconds} s), got ${grace}`,
        );
      }
    }
    const policies = new Map<number, RealmClientPolicyProfilePolicy>();
    // Keycloak keeps all profiles in one list and all policies in another, each written whole: one
    // at a time, since the official provider serializes creates, updates and deletes apart.
    let previous: TerraformResource | undefined;
    for (const grace of graces) {
      const name = `realm-as-code-secret-rotation-${grace}s`;
      const profile = new RealmClientPolicyProfile(this, `grace-${grace}s`, {
        realmId: props.realmId,
        name,
        description: `Customer secrets: ${props.maxAgeSeconds} s at most; the previous one works ${grace} s after a rotation.`,
        executor: [
          {
            name: "secret-rotation",
            configuration: {
              "expiration-period": String(props.maxAgeSeconds),
              "rotated-expiration-period": String(grace),
              // Never rotate on an update: a secret nobody was handed would replace the customer's.
              "remaining-rotation-period": "0",
            },
          },
        ],
        dependsOn: previous ? [previous] : undefined,
      });
      const policy = new RealmClientPolicyProfilePolicy(this, `grace-${grace}s-policy`, {
        realmId: props.realmId,
        name,
        description: `Customer clients whose ${SECRET_GRACE_ATTRIBUTE} is ${grace}.`,
        profiles: [profile.name],
        condition: [
          {
            name: "client-attributes",
            configuration: {
              "is-negative-logic": "false",
              attributes: JSON.stringify([{ key: SECRET_GRACE_ATTRIBUTE, value: String(grace) }]),
            },
          },
        ],
        dependsOn: [profile],
      });
      policies.set(grace, policy);
      previous = policy;
    }
    this.policies = policies;
  }
}
