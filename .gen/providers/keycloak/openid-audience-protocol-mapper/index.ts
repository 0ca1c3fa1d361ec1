// https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface OpenidAudienceProtocolMapperConfig extends cdktn.TerraformMetaArguments {
  /**
  * Whether the audience is added to access tokens.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#add_to_access_token OpenidAudienceProtocolMapper#add_to_access_token}
  */
  readonly addToAccessToken?: boolean | cdktn.IResolvable;
  /**
  * Whether the audience is added to ID tokens.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#add_to_id_token OpenidAudienceProtocolMapper#add_to_id_token}
  */
  readonly addToIdToken?: boolean | cdktn.IResolvable;
  /**
  * Whether the audience is added to token introspection responses.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#add_to_token_introspection OpenidAudienceProtocolMapper#add_to_token_introspection}
  */
  readonly addToTokenIntrospection?: boolean | cdktn.IResolvable;
  /**
  * Internal id of the client the mapper belongs to; conflicts with client_scope_id.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#client_id OpenidAudienceProtocolMapper#client_id}
  */
  readonly clientId?: string;
  /**
  * Id of the client scope the mapper belongs to; conflicts with client_id.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#client_scope_id OpenidAudienceProtocolMapper#client_scope_id}
  */
  readonly clientScopeId?: string;
  /**
  * A client id to add to aud; conflicts with included_custom_audience.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#included_client_audience OpenidAudienceProtocolMapper#included_client_audience}
  */
  readonly includedClientAudience?: string;
  /**
  * A custom audience to add to aud; conflicts with included_client_audience.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#included_custom_audience OpenidAudienceProtocolMapper#included_custom_audience}
  */
  readonly includedCustomAudience?: string;
  /**
  * The mapper's name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#name OpenidAudienceProtocolMapper#name}
  */
  readonly name: string;
  /**
  * The realm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#realm_id OpenidAudienceProtocolMapper#realm_id}
  */
  readonly realmId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper keycloak_openid_audience_protocol_mapper}
*/
export class OpenidAudienceProtocolMapper extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keycloak_openid_audience_protocol_mapper";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a OpenidAudienceProtocolMapper resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the OpenidAudienceProtocolMapper to import
  * @param importFromId The id of the existing OpenidAudienceProtocolMapper that should be imported. Refer to the {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the OpenidAudienceProtocolMapper to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "keycloak_openid_audience_protocol_mapper", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_audience_protocol_mapper keycloak_openid_audience_protocol_mapper} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options OpenidAudienceProtocolMapperConfig
  */
  public constructor(scope: Construct, id: string, config: OpenidAudienceProtocolMapperConfig) {
    super(scope, id, {
      terraformResourceType: 'keycloak_openid_audience_protocol_mapper',
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
    this._addToAccessToken = config.addToAccessToken;
    this._addToIdToken = config.addToIdToken;
    this._addToTokenIntrospection = config.addToTokenIntrospection;
    this._clientId = config.clientId;
    this._clientScopeId = config.clientScopeId;
    this._includedClientAudience = config.includedClientAudience;
    this._includedCustomAudience = config.includedCustomAudience;
    this._name = config.name;
    this._realmId = config.realmId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // add_to_access_token - computed: true, optional: true, required: false
  private _addToAccessToken?: boolean | cdktn.IResolvable; 
  public get addToAccessToken() {
    return this.getBooleanAttribute('add_to_access_token');
  }
  public set addToAccessToken(value: boolean | cdktn.IResolvable) {
    this._addToAccessToken = value;
  }
  public resetAddToAccessToken() {
    this._addToAccessToken = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addToAccessTokenInput() {
    return this._addToAccessToken;
  }

  // add_to_id_token - computed: true, optional: true, required: false
  private _addToIdToken?: boolean | cdktn.IResolvable; 
  public get addToIdToken() {
    return this.getBooleanAttribute('add_to_id_token');
  }
  public set addToIdToken(value: boolean | cdktn.IResolvable) {
    this._addToIdToken = value;
  }
  public resetAddToIdToken() {
    this._addToIdToken = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addToIdTokenInput() {
    return this._addToIdToken;
  }

  // add_to_token_introspection - computed: true, optional: true, required: false
  private _addToTokenIntrospection?: boolean | cdktn.IResolvable; 
  public get addToTokenIntrospection() {
    return this.getBooleanAttribute('add_to_token_introspection');
  }
  public set addToTokenIntrospection(value: boolean | cdktn.IResolvable) {
    this._addToTokenIntrospection = value;
  }
  public resetAddToTokenIntrospection() {
    this._addToTokenIntrospection = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addToTokenIntrospectionInput() {
    return this._addToTokenIntrospection;
  }

  // client_id - computed: false, optional: true, required: false
  private _clientId?: string; 
  public get clientId() {
    return this.getStringAttribute('client_id');
  }
  public set clientId(value: string) {
    this._clientId = value;
  }
  public resetClientId() {
    this._clientId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientIdInput() {
    return this._clientId;
  }

  // client_scope_id - computed: false, optional: true, required: false
  private _clientScopeId?: string; 
  public get clientScopeId() {
    return this.getStringAttribute('client_scope_id');
  }
  public set clientScopeId(value: string) {
    this._clientScopeId = value;
  }
  public resetClientScopeId() {
    this._clientScopeId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientScopeIdInput() {
    return this._clientScopeId;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // included_client_audience - computed: false, optional: true, required: false
  private _includedClientAudience?: string; 
  public get includedClientAudience() {
    return this.getStringAttribute('included_client_audience');
  }
  public set includedClientAudience(value: string) {
    this._includedClientAudience = value;
  }
  public resetIncludedClientAudience() {
    this._includedClientAudience = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get includedClientAudienceInput() {
    return this._includedClientAudience;
  }

  // included_custom_audience - computed: false, optional: true, required: false
  private _includedCustomAudience?: string; 
  public get includedCustomAudience() {
    return this.getStringAttribute('included_custom_audience');
  }
  public set includedCustomAudience(value: string) {
    this._includedCustomAudience = value;
  }
  public resetIncludedCustomAudience() {
    this._includedCustomAudience = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get includedCustomAudienceInput() {
    return this._includedCustomAudience;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
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

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      add_to_access_token: cdktn.booleanToTerraform(this._addToAccessToken),
      add_to_id_token: cdktn.booleanToTerraform(this._addToIdToken),
      add_to_token_introspection: cdktn.booleanToTerraform(this._addToTokenIntrospection),
      client_id: cdktn.stringToTerraform(this._clientId),
      client_scope_id: cdktn.stringToTerraform(this._clientScopeId),
      included_client_audience: cdktn.stringToTerraform(this._includedClientAudience),
      included_custom_audience: cdktn.stringToTerraform(this._includedCustomAudience),
      name: cdktn.stringToTerraform(this._name),
      realm_id: cdktn.stringToTerraform(this._realmId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      add_to_access_token: {
        value: cdktn.booleanToHclTerraform(this._addToAccessToken),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      add_to_id_token: {
        value: cdktn.booleanToHclTerraform(this._addToIdToken),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      add_to_token_introspection: {
        value: cdktn.booleanToHclTerraform(this._addToTokenIntrospection),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      client_id: {
        value: cdktn.stringToHclTerraform(this._clientId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_scope_id: {
        value: cdktn.stringToHclTerraform(this._clientScopeId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      included_client_audience: {
        value: cdktn.stringToHclTerraform(this._includedClientAudience),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      included_custom_audience: {
        value: cdktn.stringToHclTerraform(this._includedCustomAudience),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktn.stringToHclTerraform(this._name),
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
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
