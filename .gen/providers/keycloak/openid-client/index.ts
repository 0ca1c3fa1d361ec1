// https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface OpenidClientConfig extends cdktn.TerraformMetaArguments {
  /**
  * Access token lifespan in seconds; "" uses the realm's.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#access_token_lifespan OpenidClient#access_token_lifespan}
  */
  readonly accessTokenLifespan?: string;
  /**
  * CONFIDENTIAL, PUBLIC or BEARER-ONLY.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#access_type OpenidClient#access_type}
  */
  readonly accessType: string;
  /**
  * Default URL of the client.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#base_url OpenidClient#base_url}
  */
  readonly baseUrl?: string;
  /**
  * How a confidential client authenticates, e.g. client-secret or client-jwt.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#client_authenticator_type OpenidClient#client_authenticator_type}
  */
  readonly clientAuthenticatorType?: string;
  /**
  * The client id used in authentication requests and tokens.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#client_id OpenidClient#client_id}
  */
  readonly clientId: string;
  /**
  * The client's secret; Keycloak generates one when unset.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#client_secret OpenidClient#client_secret}
  */
  readonly clientSecret?: string;
  /**
  * Any values; when they change, Keycloak generates a new secret.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#client_secret_regenerate_when_changed OpenidClient#client_secret_regenerate_when_changed}
  */
  readonly clientSecretRegenerateWhenChanged?: { [key: string]: string };
  /**
  * Users must consent to the client's access.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#consent_required OpenidClient#consent_required}
  */
  readonly consentRequired?: boolean | cdktn.IResolvable;
  /**
  * Description.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#description OpenidClient#description}
  */
  readonly description?: string;
  /**
  * Enables the resource owner password grant.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#direct_access_grants_enabled OpenidClient#direct_access_grants_enabled}
  */
  readonly directAccessGrantsEnabled?: boolean | cdktn.IResolvable;
  /**
  * When false, the client cannot sign in or obtain tokens.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#enabled OpenidClient#enabled}
  */
  readonly enabled?: boolean | cdktn.IResolvable;
  /**
  * Further client attributes.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#extra_config OpenidClient#extra_config}
  */
  readonly extraConfig?: { [key: string]: string };
  /**
  * Enables front-channel logout.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#frontchannel_logout_enabled OpenidClient#frontchannel_logout_enabled}
  */
  readonly frontchannelLogoutEnabled?: boolean | cdktn.IResolvable;
  /**
  * When true, all of the user's roles may appear in tokens.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#full_scope_allowed OpenidClient#full_scope_allowed}
  */
  readonly fullScopeAllowed?: boolean | cdktn.IResolvable;
  /**
  * Enables the implicit flow.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#implicit_flow_enabled OpenidClient#implicit_flow_enabled}
  */
  readonly implicitFlowEnabled?: boolean | cdktn.IResolvable;
  /**
  * When true, an existing client with this client_id is adopted instead of created, and left in Keycloak on destroy.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#import OpenidClient#import}
  */
  readonly import?: boolean | cdktn.IResolvable;
  /**
  * Display name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#name OpenidClient#name}
  */
  readonly name?: string;
  /**
  * PKCE challenge method: "", plain or S256.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#pkce_code_challenge_method OpenidClient#pkce_code_challenge_method}
  */
  readonly pkceCodeChallengeMethod?: string;
  /**
  * The realm the client is in.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#realm_id OpenidClient#realm_id}
  */
  readonly realmId: string;
  /**
  * Prepended to relative URLs.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#root_url OpenidClient#root_url}
  */
  readonly rootUrl?: string;
  /**
  * Enables the client credentials grant.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#service_accounts_enabled OpenidClient#service_accounts_enabled}
  */
  readonly serviceAccountsEnabled?: boolean | cdktn.IResolvable;
  /**
  * Enables the authorization code flow.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#standard_flow_enabled OpenidClient#standard_flow_enabled}
  */
  readonly standardFlowEnabled?: boolean | cdktn.IResolvable;
  /**
  * Whether token responses include a refresh token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#use_refresh_tokens OpenidClient#use_refresh_tokens}
  */
  readonly useRefreshTokens?: boolean | cdktn.IResolvable;
  /**
  * Whether client credentials responses include a refresh token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#use_refresh_tokens_client_credentials OpenidClient#use_refresh_tokens_client_credentials}
  */
  readonly useRefreshTokensClientCredentials?: boolean | cdktn.IResolvable;
  /**
  * URIs a browser may be redirected to after logout.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#valid_post_logout_redirect_uris OpenidClient#valid_post_logout_redirect_uris}
  */
  readonly validPostLogoutRedirectUris?: string[];
  /**
  * URIs a browser may be redirected to after login.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#valid_redirect_uris OpenidClient#valid_redirect_uris}
  */
  readonly validRedirectUris?: string[];
  /**
  * Allowed CORS origins; + allows those of the redirect URIs.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#web_origins OpenidClient#web_origins}
  */
  readonly webOrigins?: string[];
}

/**
* Represents a {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client keycloak_openid_client}
*/
export class OpenidClient extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keycloak_openid_client";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a OpenidClient resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the OpenidClient to import
  * @param importFromId The id of the existing OpenidClient that should be imported. Refer to the {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the OpenidClient to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "keycloak_openid_client", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client keycloak_openid_client} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options OpenidClientConfig
  */
  public constructor(scope: Construct, id: string, config: OpenidClientConfig) {
    super(scope, id, {
      terraformResourceType: 'keycloak_openid_client',
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
    this._accessType = config.accessType;
    this._baseUrl = config.baseUrl;
    this._clientAuthenticatorType = config.clientAuthenticatorType;
    this._clientId = config.clientId;
    this._clientSecret = config.clientSecret;
    this._clientSecretRegenerateWhenChanged = config.clientSecretRegenerateWhenChanged;
    this._consentRequired = config.consentRequired;
    this._description = config.description;
    this._directAccessGrantsEnabled = config.directAccessGrantsEnabled;
    this._enabled = config.enabled;
    this._extraConfig = config.extraConfig;
    this._frontchannelLogoutEnabled = config.frontchannelLogoutEnabled;
    this._fullScopeAllowed = config.fullScopeAllowed;
    this._implicitFlowEnabled = config.implicitFlowEnabled;
    this._import = config.import;
    this._name = config.name;
    this._pkceCodeChallengeMethod = config.pkceCodeChallengeMethod;
    this._realmId = config.realmId;
    this._rootUrl = config.rootUrl;
    this._serviceAccountsEnabled = config.serviceAccountsEnabled;
    this._standardFlowEnabled = config.standardFlowEnabled;
    this._useRefreshTokens = config.useRefreshTokens;
    this._useRefreshTokensClientCredentials = config.useRefreshTokensClientCredentials;
    this._validPostLogoutRedirectUris = config.validPostLogoutRedirectUris;
    this._validRedirectUris = config.validRedirectUris;
    this._webOrigins = config.webOrigins;
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

  // access_type - computed: false, optional: false, required: true
  private _accessType?: string; 
  public get accessType() {
    return this.getStringAttribute('access_type');
  }
  public set accessType(value: string) {
    this._accessType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get accessTypeInput() {
    return this._accessType;
  }

  // base_url - computed: true, optional: true, required: false
  private _baseUrl?: string; 
  public get baseUrl() {
    return this.getStringAttribute('base_url');
  }
  public set baseUrl(value: string) {
    this._baseUrl = value;
  }
  public resetBaseUrl() {
    this._baseUrl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get baseUrlInput() {
    return this._baseUrl;
  }

  // client_authenticator_type - computed: true, optional: true, required: false
  private _clientAuthenticatorType?: string; 
  public get clientAuthenticatorType() {
    return this.getStringAttribute('client_authenticator_type');
  }
  public set clientAuthenticatorType(value: string) {
    this._clientAuthenticatorType = value;
  }
  public resetClientAuthenticatorType() {
    this._clientAuthenticatorType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientAuthenticatorTypeInput() {
    return this._clientAuthenticatorType;
  }

  // client_id - computed: false, optional: false, required: true
  private _clientId?: string; 
  public get clientId() {
    return this.getStringAttribute('client_id');
  }
  public set clientId(value: string) {
    this._clientId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get clientIdInput() {
    return this._clientId;
  }

  // client_secret - computed: true, optional: true, required: false
  private _clientSecret?: string; 
  public get clientSecret() {
    return this.getStringAttribute('client_secret');
  }
  public set clientSecret(value: string) {
    this._clientSecret = value;
  }
  public resetClientSecret() {
    this._clientSecret = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientSecretInput() {
    return this._clientSecret;
  }

  // client_secret_regenerate_when_changed - computed: false, optional: true, required: false
  private _clientSecretRegenerateWhenChanged?: { [key: string]: string }; 
  public get clientSecretRegenerateWhenChanged() {
    return this.getStringMapAttribute('client_secret_regenerate_when_changed');
  }
  public set clientSecretRegenerateWhenChanged(value: { [key: string]: string }) {
    this._clientSecretRegenerateWhenChanged = value;
  }
  public resetClientSecretRegenerateWhenChanged() {
    this._clientSecretRegenerateWhenChanged = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientSecretRegenerateWhenChangedInput() {
    return this._clientSecretRegenerateWhenChanged;
  }

  // consent_required - computed: true, optional: true, required: false
  private _consentRequired?: boolean | cdktn.IResolvable; 
  public get consentRequired() {
    return this.getBooleanAttribute('consent_required');
  }
  public set consentRequired(value: boolean | cdktn.IResolvable) {
    this._consentRequired = value;
  }
  public resetConsentRequired() {
    this._consentRequired = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get consentRequiredInput() {
    return this._consentRequired;
  }

  // description - computed: true, optional: true, required: false
  private _description?: string; 
  public get description() {
    return this.getStringAttribute('description');
  }
  public set description(value: string) {
    this._description = value;
  }
  public resetDescription() {
    this._description = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get descriptionInput() {
    return this._description;
  }

  // direct_access_grants_enabled - computed: true, optional: true, required: false
  private _directAccessGrantsEnabled?: boolean | cdktn.IResolvable; 
  public get directAccessGrantsEnabled() {
    return this.getBooleanAttribute('direct_access_grants_enabled');
  }
  public set directAccessGrantsEnabled(value: boolean | cdktn.IResolvable) {
    this._directAccessGrantsEnabled = value;
  }
  public resetDirectAccessGrantsEnabled() {
    this._directAccessGrantsEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get directAccessGrantsEnabledInput() {
    return this._directAccessGrantsEnabled;
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

  // extra_config - computed: false, optional: true, required: false
  private _extraConfig?: { [key: string]: string }; 
  public get extraConfig() {
    return this.getStringMapAttribute('extra_config');
  }
  public set extraConfig(value: { [key: string]: string }) {
    this._extraConfig = value;
  }
  public resetExtraConfig() {
    this._extraConfig = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get extraConfigInput() {
    return this._extraConfig;
  }

  // frontchannel_logout_enabled - computed: true, optional: true, required: false
  private _frontchannelLogoutEnabled?: boolean | cdktn.IResolvable; 
  public get frontchannelLogoutEnabled() {
    return this.getBooleanAttribute('frontchannel_logout_enabled');
  }
  public set frontchannelLogoutEnabled(value: boolean | cdktn.IResolvable) {
    this._frontchannelLogoutEnabled = value;
  }
  public resetFrontchannelLogoutEnabled() {
    this._frontchannelLogoutEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get frontchannelLogoutEnabledInput() {
    return this._frontchannelLogoutEnabled;
  }

  // full_scope_allowed - computed: true, optional: true, required: false
  private _fullScopeAllowed?: boolean | cdktn.IResolvable; 
  public get fullScopeAllowed() {
    return this.getBooleanAttribute('full_scope_allowed');
  }
  public set fullScopeAllowed(value: boolean | cdktn.IResolvable) {
    this._fullScopeAllowed = value;
  }
  public resetFullScopeAllowed() {
    this._fullScopeAllowed = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get fullScopeAllowedInput() {
    return this._fullScopeAllowed;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // implicit_flow_enabled - computed: true, optional: true, required: false
  private _implicitFlowEnabled?: boolean | cdktn.IResolvable; 
  public get implicitFlowEnabled() {
    return this.getBooleanAttribute('implicit_flow_enabled');
  }
  public set implicitFlowEnabled(value: boolean | cdktn.IResolvable) {
    this._implicitFlowEnabled = value;
  }
  public resetImplicitFlowEnabled() {
    this._implicitFlowEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get implicitFlowEnabledInput() {
    return this._implicitFlowEnabled;
  }

  // import - computed: true, optional: true, required: false
  private _import?: boolean | cdktn.IResolvable; 
  public get import() {
    return this.getBooleanAttribute('import');
  }
  public set import(value: boolean | cdktn.IResolvable) {
    this._import = value;
  }
  public resetImport() {
    this._import = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get importInput() {
    return this._import;
  }

  // name - computed: true, optional: true, required: false
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  public resetName() {
    this._name = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // pkce_code_challenge_method - computed: true, optional: true, required: false
  private _pkceCodeChallengeMethod?: string; 
  public get pkceCodeChallengeMethod() {
    return this.getStringAttribute('pkce_code_challenge_method');
  }
  public set pkceCodeChallengeMethod(value: string) {
    this._pkceCodeChallengeMethod = value;
  }
  public resetPkceCodeChallengeMethod() {
    this._pkceCodeChallengeMethod = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get pkceCodeChallengeMethodInput() {
    return this._pkceCodeChallengeMethod;
  }

  // realm_id - computed: false, optional: false, required: true
  private _realmId?: string; 
  public get realmId() {
    return this.getStringAttribute('realm_id');
  }
  public set realmId(value: string) {
    this._realmId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get realmIdInput() {
    return this._realmId;
  }

  // root_url - computed: true, optional: true, required: false
  private _rootUrl?: string; 
  public get rootUrl() {
    return this.getStringAttribute('root_url');
  }
  public set rootUrl(value: string) {
    this._rootUrl = value;
  }
  public resetRootUrl() {
    this._rootUrl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rootUrlInput() {
    return this._rootUrl;
  }

  // service_account_user_id - computed: true, optional: false, required: false
  public get serviceAccountUserId() {
    return this.getStringAttribute('service_account_user_id');
  }

  // service_accounts_enabled - computed: true, optional: true, required: false
  private _serviceAccountsEnabled?: boolean | cdktn.IResolvable; 
  public get serviceAccountsEnabled() {
    return this.getBooleanAttribute('service_accounts_enabled');
  }
  public set serviceAccountsEnabled(value: boolean | cdktn.IResolvable) {
    this._serviceAccountsEnabled = value;
  }
  public resetServiceAccountsEnabled() {
    this._serviceAccountsEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get serviceAccountsEnabledInput() {
    return this._serviceAccountsEnabled;
  }

  // standard_flow_enabled - computed: true, optional: true, required: false
  private _standardFlowEnabled?: boolean | cdktn.IResolvable; 
  public get standardFlowEnabled() {
    return this.getBooleanAttribute('standard_flow_enabled');
  }
  public set standardFlowEnabled(value: boolean | cdktn.IResolvable) {
    this._standardFlowEnabled = value;
  }
  public resetStandardFlowEnabled() {
    this._standardFlowEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get standardFlowEnabledInput() {
    return this._standardFlowEnabled;
  }

  // use_refresh_tokens - computed: true, optional: true, required: false
  private _useRefreshTokens?: boolean | cdktn.IResolvable; 
  public get useRefreshTokens() {
    return this.getBooleanAttribute('use_refresh_tokens');
  }
  public set useRefreshTokens(value: boolean | cdktn.IResolvable) {
    this._useRefreshTokens = value;
  }
  public resetUseRefreshTokens() {
    this._useRefreshTokens = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get useRefreshTokensInput() {
    return this._useRefreshTokens;
  }

  // use_refresh_tokens_client_credentials - computed: true, optional: true, required: false
  private _useRefreshTokensClientCredentials?: boolean | cdktn.IResolvable; 
  public get useRefreshTokensClientCredentials() {
    return this.getBooleanAttribute('use_refresh_tokens_client_credentials');
  }
  public set useRefreshTokensClientCredentials(value: boolean | cdktn.IResolvable) {
    this._useRefreshTokensClientCredentials = value;
  }
  public resetUseRefreshTokensClientCredentials() {
    this._useRefreshTokensClientCredentials = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get useRefreshTokensClientCredentialsInput() {
    return this._useRefreshTokensClientCredentials;
  }

  // valid_post_logout_redirect_uris - computed: true, optional: true, required: false
  private _validPostLogoutRedirectUris?: string[]; 
  public get validPostLogoutRedirectUris() {
    return cdktn.Fn.tolist(this.getListAttribute('valid_post_logout_redirect_uris'));
  }
  public set validPostLogoutRedirectUris(value: string[]) {
    this._validPostLogoutRedirectUris = value;
  }
  public resetValidPostLogoutRedirectUris() {
    this._validPostLogoutRedirectUris = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get validPostLogoutRedirectUrisInput() {
    return this._validPostLogoutRedirectUris;
  }

  // valid_redirect_uris - computed: true, optional: true, required: false
  private _validRedirectUris?: string[]; 
  public get validRedirectUris() {
    return cdktn.Fn.tolist(this.getListAttribute('valid_redirect_uris'));
  }
  public set validRedirectUris(value: string[]) {
    this._validRedirectUris = value;
  }
  public resetValidRedirectUris() {
    this._validRedirectUris = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get validRedirectUrisInput() {
    return this._validRedirectUris;
  }

  // web_origins - computed: true, optional: true, required: false
  private _webOrigins?: string[]; 
  public get webOrigins() {
    return cdktn.Fn.tolist(this.getListAttribute('web_origins'));
  }
  public set webOrigins(value: string[]) {
    this._webOrigins = value;
  }
  public resetWebOrigins() {
    this._webOrigins = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get webOriginsInput() {
    return this._webOrigins;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      access_token_lifespan: cdktn.stringToTerraform(this._accessTokenLifespan),
      access_type: cdktn.stringToTerraform(this._accessType),
      base_url: cdktn.stringToTerraform(this._baseUrl),
      client_authenticator_type: cdktn.stringToTerraform(this._clientAuthenticatorType),
      client_id: cdktn.stringToTerraform(this._clientId),
      client_secret: cdktn.stringToTerraform(this._clientSecret),
      client_secret_regenerate_when_changed: cdktn.hashMapper(cdktn.stringToTerraform)(this._clientSecretRegenerateWhenChanged),
      consent_required: cdktn.booleanToTerraform(this._consentRequired),
      description: cdktn.stringToTerraform(this._description),
      direct_access_grants_enabled: cdktn.booleanToTerraform(this._directAccessGrantsEnabled),
      enabled: cdktn.booleanToTerraform(this._enabled),
      extra_config: cdktn.hashMapper(cdktn.stringToTerraform)(this._extraConfig),
      frontchannel_logout_enabled: cdktn.booleanToTerraform(this._frontchannelLogoutEnabled),
      full_scope_allowed: cdktn.booleanToTerraform(this._fullScopeAllowed),
      implicit_flow_enabled: cdktn.booleanToTerraform(this._implicitFlowEnabled),
      import: cdktn.booleanToTerraform(this._import),
      name: cdktn.stringToTerraform(this._name),
      pkce_code_challenge_method: cdktn.stringToTerraform(this._pkceCodeChallengeMethod),
      realm_id: cdktn.stringToTerraform(this._realmId),
      root_url: cdktn.stringToTerraform(this._rootUrl),
      service_accounts_enabled: cdktn.booleanToTerraform(this._serviceAccountsEnabled),
      standard_flow_enabled: cdktn.booleanToTerraform(this._standardFlowEnabled),
      use_refresh_tokens: cdktn.booleanToTerraform(this._useRefreshTokens),
      use_refresh_tokens_client_credentials: cdktn.booleanToTerraform(this._useRefreshTokensClientCredentials),
      valid_post_logout_redirect_uris: cdktn.listMapper(cdktn.stringToTerraform, false)(this._validPostLogoutRedirectUris),
      valid_redirect_uris: cdktn.listMapper(cdktn.stringToTerraform, false)(this._validRedirectUris),
      web_origins: cdktn.listMapper(cdktn.stringToTerraform, false)(this._webOrigins),
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
      access_type: {
        value: cdktn.stringToHclTerraform(this._accessType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      base_url: {
        value: cdktn.stringToHclTerraform(this._baseUrl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_authenticator_type: {
        value: cdktn.stringToHclTerraform(this._clientAuthenticatorType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_id: {
        value: cdktn.stringToHclTerraform(this._clientId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_secret: {
        value: cdktn.stringToHclTerraform(this._clientSecret),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_secret_regenerate_when_changed: {
        value: cdktn.hashMapperHcl(cdktn.stringToHclTerraform)(this._clientSecretRegenerateWhenChanged),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      consent_required: {
        value: cdktn.booleanToHclTerraform(this._consentRequired),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      description: {
        value: cdktn.stringToHclTerraform(this._description),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      direct_access_grants_enabled: {
        value: cdktn.booleanToHclTerraform(this._directAccessGrantsEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      enabled: {
        value: cdktn.booleanToHclTerraform(this._enabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      extra_config: {
        value: cdktn.hashMapperHcl(cdktn.stringToHclTerraform)(this._extraConfig),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      frontchannel_logout_enabled: {
        value: cdktn.booleanToHclTerraform(this._frontchannelLogoutEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      full_scope_allowed: {
        value: cdktn.booleanToHclTerraform(this._fullScopeAllowed),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      implicit_flow_enabled: {
        value: cdktn.booleanToHclTerraform(this._implicitFlowEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      import: {
        value: cdktn.booleanToHclTerraform(this._import),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      name: {
        value: cdktn.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      pkce_code_challenge_method: {
        value: cdktn.stringToHclTerraform(this._pkceCodeChallengeMethod),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      realm_id: {
        value: cdktn.stringToHclTerraform(this._realmId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      root_url: {
        value: cdktn.stringToHclTerraform(this._rootUrl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      service_accounts_enabled: {
        value: cdktn.booleanToHclTerraform(this._serviceAccountsEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      standard_flow_enabled: {
        value: cdktn.booleanToHclTerraform(this._standardFlowEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      use_refresh_tokens: {
        value: cdktn.booleanToHclTerraform(this._useRefreshTokens),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      use_refresh_tokens_client_credentials: {
        value: cdktn.booleanToHclTerraform(this._useRefreshTokensClientCredentials),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      valid_post_logout_redirect_uris: {
        value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(this._validPostLogoutRedirectUris),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      valid_redirect_uris: {
        value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(this._validRedirectUris),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      web_origins: {
        value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(this._webOrigins),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
