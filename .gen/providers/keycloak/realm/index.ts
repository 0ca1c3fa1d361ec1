// https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface RealmConfig extends cdktn.TerraformMetaArguments {
  /**
  * A Go duration string such as "5m"; unset keeps Keycloak's value.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#access_token_lifespan Realm#access_token_lifespan}
  */
  readonly accessTokenLifespan?: string;
  /**
  * The realm's display name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#display_name Realm#display_name}
  */
  readonly displayName?: string;
  /**
  * When false, users and clients cannot use the realm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#enabled Realm#enabled}
  */
  readonly enabled?: boolean | cdktn.IResolvable;
  /**
  * The realm's password policies joined with " and ", e.g. "length(12) and notUsername".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#password_policy Realm#password_policy}
  */
  readonly passwordPolicy?: string;
  /**
  * The name of the realm, unique in Keycloak.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#realm Realm#realm}
  */
  readonly realm: string;
  /**
  * How often a refresh token may be reused when revoke_refresh_token is true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#refresh_token_max_reuse Realm#refresh_token_max_reuse}
  */
  readonly refreshTokenMaxReuse?: number;
  /**
  * When true, a refresh token can be used only refresh_token_max_reuse times.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#revoke_refresh_token Realm#revoke_refresh_token}
  */
  readonly revokeRefreshToken?: boolean | cdktn.IResolvable;
  /**
  * Whether HTTPS is required: none, external or all.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#ssl_required Realm#ssl_required}
  */
  readonly sslRequired?: string;
  /**
  * A Go duration string such as "5m"; unset keeps Keycloak's value.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#sso_session_idle_timeout Realm#sso_session_idle_timeout}
  */
  readonly ssoSessionIdleTimeout?: string;
  /**
  * A Go duration string such as "5m"; unset keeps Keycloak's value.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#sso_session_max_lifespan Realm#sso_session_max_lifespan}
  */
  readonly ssoSessionMaxLifespan?: string;
  /**
  * security_defenses block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#security_defenses Realm#security_defenses}
  */
  readonly securityDefenses?: RealmSecurityDefenses;
}
export interface RealmSecurityDefensesBruteForceDetection {
  /**
  * How the wait grows with failures: MULTIPLE (after every max_login_failures) or LINEAR.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#brute_force_strategy Realm#brute_force_strategy}
  */
  readonly bruteForceStrategy?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#failure_reset_time_seconds Realm#failure_reset_time_seconds}
  */
  readonly failureResetTimeSeconds?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#max_failure_wait_seconds Realm#max_failure_wait_seconds}
  */
  readonly maxFailureWaitSeconds?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#max_login_failures Realm#max_login_failures}
  */
  readonly maxLoginFailures?: number;
  /**
  * Temporary lockouts before a permanent one; needs permanent_lockout. 0: permanent at once.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#max_temporary_lockouts Realm#max_temporary_lockouts}
  */
  readonly maxTemporaryLockouts?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#minimum_quick_login_wait_seconds Realm#minimum_quick_login_wait_seconds}
  */
  readonly minimumQuickLoginWaitSeconds?: number;
  /**
  * When true, a user is locked out for good after too many failures.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#permanent_lockout Realm#permanent_lockout}
  */
  readonly permanentLockout?: boolean | cdktn.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#quick_login_check_milli_seconds Realm#quick_login_check_milli_seconds}
  */
  readonly quickLoginCheckMilliSeconds?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#wait_increment_seconds Realm#wait_increment_seconds}
  */
  readonly waitIncrementSeconds?: number;
}

export function realmSecurityDefensesBruteForceDetectionToTerraform(struct?: RealmSecurityDefensesBruteForceDetectionOutputReference | RealmSecurityDefensesBruteForceDetection): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    brute_force_strategy: cdktn.stringToTerraform(struct!.bruteForceStrategy),
    failure_reset_time_seconds: cdktn.numberToTerraform(struct!.failureResetTimeSeconds),
    max_failure_wait_seconds: cdktn.numberToTerraform(struct!.maxFailureWaitSeconds),
    max_login_failures: cdktn.numberToTerraform(struct!.maxLoginFailures),
    max_temporary_lockouts: cdktn.numberToTerraform(struct!.maxTemporaryLockouts),
    minimum_quick_login_wait_seconds: cdktn.numberToTerraform(struct!.minimumQuickLoginWaitSeconds),
    permanent_lockout: cdktn.booleanToTerraform(struct!.permanentLockout),
    quick_login_check_milli_seconds: cdktn.numberToTerraform(struct!.quickLoginCheckMilliSeconds),
    wait_increment_seconds: cdktn.numberToTerraform(struct!.waitIncrementSeconds),
  }
}


export function realmSecurityDefensesBruteForceDetectionToHclTerraform(struct?: RealmSecurityDefensesBruteForceDetectionOutputReference | RealmSecurityDefensesBruteForceDetection): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    brute_force_strategy: {
      value: cdktn.stringToHclTerraform(struct!.bruteForceStrategy),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    failure_reset_time_seconds: {
      value: cdktn.numberToHclTerraform(struct!.failureResetTimeSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    max_failure_wait_seconds: {
      value: cdktn.numberToHclTerraform(struct!.maxFailureWaitSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    max_login_failures: {
      value: cdktn.numberToHclTerraform(struct!.maxLoginFailures),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    max_temporary_lockouts: {
      value: cdktn.numberToHclTerraform(struct!.maxTemporaryLockouts),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    minimum_quick_login_wait_seconds: {
      value: cdktn.numberToHclTerraform(struct!.minimumQuickLoginWaitSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    permanent_lockout: {
      value: cdktn.booleanToHclTerraform(struct!.permanentLockout),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    quick_login_check_milli_seconds: {
      value: cdktn.numberToHclTerraform(struct!.quickLoginCheckMilliSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    wait_increment_seconds: {
      value: cdktn.numberToHclTerraform(struct!.waitIncrementSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class RealmSecurityDefensesBruteForceDetectionOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): RealmSecurityDefensesBruteForceDetection | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._bruteForceStrategy !== undefined) {
      hasAnyValues = true;
      internalValueResult.bruteForceStrategy = this._bruteForceStrategy;
    }
    if (this._failureResetTimeSeconds !== undefined) {
      hasAnyValues = true;
      internalValueResult.failureResetTimeSeconds = this._failureResetTimeSeconds;
    }
    if (this._maxFailureWaitSeconds !== undefined) {
      hasAnyValues = true;
      internalValueResult.maxFailureWaitSeconds = this._maxFailureWaitSeconds;
    }
    if (this._maxLoginFailures !== undefined) {
      hasAnyValues = true;
      internalValueResult.maxLoginFailures = this._maxLoginFailures;
    }
    if (this._maxTemporaryLockouts !== undefined) {
      hasAnyValues = true;
      internalValueResult.maxTemporaryLockouts = this._maxTemporaryLockouts;
    }
    if (this._minimumQuickLoginWaitSeconds !== undefined) {
      hasAnyValues = true;
      internalValueResult.minimumQuickLoginWaitSeconds = this._minimumQuickLoginWaitSeconds;
    }
    if (this._permanentLockout !== undefined) {
      hasAnyValues = true;
      internalValueResult.permanentLockout = this._permanentLockout;
    }
    if (this._quickLoginCheckMilliSeconds !== undefined) {
      hasAnyValues = true;
      internalValueResult.quickLoginCheckMilliSeconds = this._quickLoginCheckMilliSeconds;
    }
    if (this._waitIncrementSeconds !== undefined) {
      hasAnyValues = true;
      internalValueResult.waitIncrementSeconds = this._waitIncrementSeconds;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: RealmSecurityDefensesBruteForceDetection | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._bruteForceStrategy = undefined;
      this._failureResetTimeSeconds = undefined;
      this._maxFailureWaitSeconds = undefined;
      this._maxLoginFailures = undefined;
      this._maxTemporaryLockouts = undefined;
      this._minimumQuickLoginWaitSeconds = undefined;
      this._permanentLockout = undefined;
      this._quickLoginCheckMilliSeconds = undefined;
      this._waitIncrementSeconds = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._bruteForceStrategy = value.bruteForceStrategy;
      this._failureResetTimeSeconds = value.failureResetTimeSeconds;
      this._maxFailureWaitSeconds = value.maxFailureWaitSeconds;
      this._maxLoginFailures = value.maxLoginFailures;
      this._maxTemporaryLockouts = value.maxTemporaryLockouts;
      this._minimumQuickLoginWaitSeconds = value.minimumQuickLoginWaitSeconds;
      this._permanentLockout = value.permanentLockout;
      this._quickLoginCheckMilliSeconds = value.quickLoginCheckMilliSeconds;
      this._waitIncrementSeconds = value.waitIncrementSeconds;
    }
  }

  // brute_force_strategy - computed: true, optional: true, required: false
  private _bruteForceStrategy?: string; 
  public get bruteForceStrategy() {
    return this.getStringAttribute('brute_force_strategy');
  }
  public set bruteForceStrategy(value: string) {
    this._bruteForceStrategy = value;
  }
  public resetBruteForceStrategy() {
    this._bruteForceStrategy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bruteForceStrategyInput() {
    return this._bruteForceStrategy;
  }

  // failure_reset_time_seconds - computed: true, optional: true, required: false
  private _failureResetTimeSeconds?: number; 
  public get failureResetTimeSeconds() {
    return this.getNumberAttribute('failure_reset_time_seconds');
  }
  public set failureResetTimeSeconds(value: number) {
    this._failureResetTimeSeconds = value;
  }
  public resetFailureResetTimeSeconds() {
    this._failureResetTimeSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get failureResetTimeSecondsInput() {
    return this._failureResetTimeSeconds;
  }

  // max_failure_wait_seconds - computed: true, optional: true, required: false
  private _maxFailureWaitSeconds?: number; 
  public get maxFailureWaitSeconds() {
    return this.getNumberAttribute('max_failure_wait_seconds');
  }
  public set maxFailureWaitSeconds(value: number) {
    this._maxFailureWaitSeconds = value;
  }
  public resetMaxFailureWaitSeconds() {
    this._maxFailureWaitSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxFailureWaitSecondsInput() {
    return this._maxFailureWaitSeconds;
  }

  // max_login_failures - computed: true, optional: true, required: false
  private _maxLoginFailures?: number; 
  public get maxLoginFailures() {
    return this.getNumberAttribute('max_login_failures');
  }
  public set maxLoginFailures(value: number) {
    this._maxLoginFailures = value;
  }
  public resetMaxLoginFailures() {
    this._maxLoginFailures = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxLoginFailuresInput() {
    return this._maxLoginFailures;
  }

  // max_temporary_lockouts - computed: true, optional: true, required: false
  private _maxTemporaryLockouts?: number; 
  public get maxTemporaryLockouts() {
    return this.getNumberAttribute('max_temporary_lockouts');
  }
  public set maxTemporaryLockouts(value: number) {
    this._maxTemporaryLockouts = value;
  }
  public resetMaxTemporaryLockouts() {
    this._maxTemporaryLockouts = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxTemporaryLockoutsInput() {
    return this._maxTemporaryLockouts;
  }

  // minimum_quick_login_wait_seconds - computed: true, optional: true, required: false
  private _minimumQuickLoginWaitSeconds?: number; 
  public get minimumQuickLoginWaitSeconds() {
    return this.getNumberAttribute('minimum_quick_login_wait_seconds');
  }
  public set minimumQuickLoginWaitSeconds(value: number) {
    this._minimumQuickLoginWaitSeconds = value;
  }
  public resetMinimumQuickLoginWaitSeconds() {
    this._minimumQuickLoginWaitSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minimumQuickLoginWaitSecondsInput() {
    return this._minimumQuickLoginWaitSeconds;
  }

  // permanent_lockout - computed: true, optional: true, required: false
  private _permanentLockout?: boolean | cdktn.IResolvable; 
  public get permanentLockout() {
    return this.getBooleanAttribute('permanent_lockout');
  }
  public set permanentLockout(value: boolean | cdktn.IResolvable) {
    this._permanentLockout = value;
  }
  public resetPermanentLockout() {
    this._permanentLockout = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get permanentLockoutInput() {
    return this._permanentLockout;
  }

  // quick_login_check_milli_seconds - computed: true, optional: true, required: false
  private _quickLoginCheckMilliSeconds?: number; 
  public get quickLoginCheckMilliSeconds() {
    return this.getNumberAttribute('quick_login_check_milli_seconds');
  }
  public set quickLoginCheckMilliSeconds(value: number) {
    this._quickLoginCheckMilliSeconds = value;
  }
  public resetQuickLoginCheckMilliSeconds() {
    this._quickLoginCheckMilliSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get quickLoginCheckMilliSecondsInput() {
    return this._quickLoginCheckMilliSeconds;
  }

  // wait_increment_seconds - computed: true, optional: true, required: false
  private _waitIncrementSeconds?: number; 
  public get waitIncrementSeconds() {
    return this.getNumberAttribute('wait_increment_seconds');
  }
  public set waitIncrementSeconds(value: number) {
    this._waitIncrementSeconds = value;
  }
  public resetWaitIncrementSeconds() {
    this._waitIncrementSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get waitIncrementSecondsInput() {
    return this._waitIncrementSeconds;
  }
}
export interface RealmSecurityDefenses {
  /**
  * brute_force_detection block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#brute_force_detection Realm#brute_force_detection}
  */
  readonly bruteForceDetection?: RealmSecurityDefensesBruteForceDetection;
}

export function realmSecurityDefensesToTerraform(struct?: RealmSecurityDefensesOutputReference | RealmSecurityDefenses): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    brute_force_detection: realmSecurityDefensesBruteForceDetectionToTerraform(struct!.bruteForceDetection),
  }
}


export function realmSecurityDefensesToHclTerraform(struct?: RealmSecurityDefensesOutputReference | RealmSecurityDefenses): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    brute_force_detection: {
      value: realmSecurityDefensesBruteForceDetectionToHclTerraform(struct!.bruteForceDetection),
      isBlock: true,
      type: "list",
      storageClassType: "RealmSecurityDefensesBruteForceDetectionList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class RealmSecurityDefensesOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): RealmSecurityDefenses | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._bruteForceDetection?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.bruteForceDetection = this._bruteForceDetection?.internalValue;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: RealmSecurityDefenses | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._bruteForceDetection.internalValue = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._bruteForceDetection.internalValue = value.bruteForceDetection;
    }
  }

  // brute_force_detection - computed: false, optional: true, required: false
  private _bruteForceDetection = new RealmSecurityDefensesBruteForceDetectionOutputReference(this, "brute_force_detection");
  public get bruteForceDetection() {
    return this._bruteForceDetection;
  }
  public putBruteForceDetection(value: RealmSecurityDefensesBruteForceDetection) {
    this._bruteForceDetection.internalValue = value;
  }
  public resetBruteForceDetection() {
    this._bruteForceDetection.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bruteForceDetectionInput() {
    return this._bruteForceDetection.internalValue;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm keycloak_realm}
*/
export class Realm extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keycloak_realm";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a Realm resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Realm to import
  * @param importFromId The id of the existing Realm that should be imported. Refer to the {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Realm to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "keycloak_realm", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm keycloak_realm} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options RealmConfig
  */
  public constructor(scope: Construct, id: string, config: RealmConfig) {
    super(scope, id, {
      terraformResourceType: 'keycloak_realm',
      terraformGeneratorMetadata: {
        providerName: 'keycloak',
        providerVersion: '0.1.0',
        providerVersionConstraint: '= 0.1.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._accessTokenLifespan = config.accessTokenLifespan;
    this._displayName = config.displayName;
    this._enabled = config.enabled;
    this._passwordPolicy = config.passwordPolicy;
    this._realm = config.realm;
    this._refreshTokenMaxReuse = config.refreshTokenMaxReuse;
    this._revokeRefreshToken = config.revokeRefreshToken;
    this._sslRequired = config.sslRequired;
    this._ssoSessionIdleTimeout = config.ssoSessionIdleTimeout;
    this._ssoSessionMaxLifespan = config.ssoSessionMaxLifespan;
    this._securityDefenses.internalValue = config.securityDefenses;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // access_token_lifespan - computed: true, optional: true, required: false
  private _accessTokenLifespan?: string; 
  public get accessTokenLifespan() {
    return this.getStringAttribute('access_token_lifespan');
  }
  public set accessTokenLifespan(value: string) {
    this._accessTokenLifespan = value;
  }
  public resetAccessTokenLifespan() {
    this._accessTokenLifespan = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get accessTokenLifespanInput() {
    return this._accessTokenLifespan;
  }

  // display_name - computed: true, optional: true, required: false
  private _displayName?: string; 
  public get displayName() {
    return this.getStringAttribute('display_name');
  }
  public set displayName(value: string) {
    this._displayName = value;
  }
  public resetDisplayName() {
    this._displayName = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get displayNameInput() {
    return this._displayName;
  }

  // enabled - computed: true, optional: true, required: false
  private _enabled?: boolean | cdktn.IResolvable; 
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
  public set enabled(value: boolean | cdktn.IResolvable) {
    this._enabled = value;
  }
  public resetEnabled() {
    this._enabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledInput() {
    return this._enabled;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // password_policy - computed: false, optional: true, required: false
  private _passwordPolicy?: string; 
  public get passwordPolicy() {
    return this.getStringAttribute('password_policy');
  }
  public set passwordPolicy(value: string) {
    this._passwordPolicy = value;
  }
  public resetPasswordPolicy() {
    this._passwordPolicy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get passwordPolicyInput() {
    return this._passwordPolicy;
  }

  // realm - computed: false, optional: false, required: true
  private _realm?: string; 
  public get realm() {
    return this.getStringAttribute('realm');
  }
  public set realm(value: string) {
    this._realm = value;
  }
  // Temporarily expose input value. Use with caution.
  public get realmInput() {
    return this._realm;
  }

  // refresh_token_max_reuse - computed: true, optional: true, required: false
  private _refreshTokenMaxReuse?: number; 
  public get refreshTokenMaxReuse() {
    return this.getNumberAttribute('refresh_token_max_reuse');
  }
  public set refreshTokenMaxReuse(value: number) {
    this._refreshTokenMaxReuse = value;
  }
  public resetRefreshTokenMaxReuse() {
    this._refreshTokenMaxReuse = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get refreshTokenMaxReuseInput() {
    return this._refreshTokenMaxReuse;
  }

  // revoke_refresh_token - computed: true, optional: true, required: false
  private _revokeRefreshToken?: boolean | cdktn.IResolvable; 
  public get revokeRefreshToken() {
    return this.getBooleanAttribute('revoke_refresh_token');
  }
  public set revokeRefreshToken(value: boolean | cdktn.IResolvable) {
    this._revokeRefreshToken = value;
  }
  public resetRevokeRefreshToken() {
    this._revokeRefreshToken = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get revokeRefreshTokenInput() {
    return this._revokeRefreshToken;
  }

  // ssl_required - computed: true, optional: true, required: false
  private _sslRequired?: string; 
  public get sslRequired() {
    return this.getStringAttribute('ssl_required');
  }
  public set sslRequired(value: string) {
    this._sslRequired = value;
  }
  public resetSslRequired() {
    this._sslRequired = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sslRequiredInput() {
    return this._sslRequired;
  }

  // sso_session_idle_timeout - computed: true, optional: true, required: false
  private _ssoSessionIdleTimeout?: string; 
  public get ssoSessionIdleTimeout() {
    return this.getStringAttribute('sso_session_idle_timeout');
  }
  public set ssoSessionIdleTimeout(value: string) {
    this._ssoSessionIdleTimeout = value;
  }
  public resetSsoSessionIdleTimeout() {
    this._ssoSessionIdleTimeout = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ssoSessionIdleTimeoutInput() {
    return this._ssoSessionIdleTimeout;
  }

  // sso_session_max_lifespan - computed: true, optional: true, required: false
  private _ssoSessionMaxLifespan?: string; 
  public get ssoSessionMaxLifespan() {
    return this.getStringAttribute('sso_session_max_lifespan');
  }
  public set ssoSessionMaxLifespan(value: string) {
    this._ssoSessionMaxLifespan = value;
  }
  public resetSsoSessionMaxLifespan() {
    this._ssoSessionMaxLifespan = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ssoSessionMaxLifespanInput() {
    return this._ssoSessionMaxLifespan;
  }

  // security_defenses - computed: false, optional: true, required: false
  private _securityDefenses = new RealmSecurityDefensesOutputReference(this, "security_defenses");
  public get securityDefenses() {
    return this._securityDefenses;
  }
  public putSecurityDefenses(value: RealmSecurityDefenses) {
    this._securityDefenses.internalValue = value;
  }
  public resetSecurityDefenses() {
    this._securityDefenses.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get securityDefensesInput() {
    return this._securityDefenses.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      access_token_lifespan: cdktn.stringToTerraform(this._accessTokenLifespan),
      display_name: cdktn.stringToTerraform(this._displayName),
      enabled: cdktn.booleanToTerraform(this._enabled),
      password_policy: cdktn.stringToTerraform(this._passwordPolicy),
      realm: cdktn.stringToTerraform(this._realm),
      refresh_token_max_reuse: cdktn.numberToTerraform(this._refreshTokenMaxReuse),
      revoke_refresh_token: cdktn.booleanToTerraform(this._revokeRefreshToken),
      ssl_required: cdktn.stringToTerraform(this._sslRequired),
      sso_session_idle_timeout: cdktn.stringToTerraform(this._ssoSessionIdleTimeout),
      sso_session_max_lifespan: cdktn.stringToTerraform(this._ssoSessionMaxLifespan),
      security_defenses: realmSecurityDefensesToTerraform(this._securityDefenses.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      access_token_lifespan: {
        value: cdktn.stringToHclTerraform(this._accessTokenLifespan),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      display_name: {
        value: cdktn.stringToHclTerraform(this._displayName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      enabled: {
        value: cdktn.booleanToHclTerraform(this._enabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      password_policy: {
        value: cdktn.stringToHclTerraform(this._passwordPolicy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      realm: {
        value: cdktn.stringToHclTerraform(this._realm),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      refresh_token_max_reuse: {
        value: cdktn.numberToHclTerraform(this._refreshTokenMaxReuse),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      revoke_refresh_token: {
        value: cdktn.booleanToHclTerraform(this._revokeRefreshToken),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      ssl_required: {
        value: cdktn.stringToHclTerraform(this._sslRequired),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sso_session_idle_timeout: {
        value: cdktn.stringToHclTerraform(this._ssoSessionIdleTimeout),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sso_session_max_lifespan: {
        value: cdktn.stringToHclTerraform(this._ssoSessionMaxLifespan),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      security_defenses: {
        value: realmSecurityDefensesToHclTerraform(this._securityDefenses.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "RealmSecurityDefensesList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
