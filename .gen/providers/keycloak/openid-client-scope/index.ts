// https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface OpenidClientScopeConfig extends cdktn.TerraformMetaArguments {
  /**
  * When set, the consent screen shows this text for the scope.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope#consent_screen_text OpenidClientScope#consent_screen_text}
  */
  readonly consentScreenText?: string;
  /**
  * Description.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope#description OpenidClientScope#description}
  */
  readonly description?: string;
  /**
  * Order of the scope in the admin console and consent screen; 0 for none.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope#gui_order OpenidClientScope#gui_order}
  */
  readonly guiOrder?: number;
  /**
  * Whether the realm's OpenID provider metadata lists the scope in scopes_supported.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope#include_in_openid_provider_metadata OpenidClientScope#include_in_openid_provider_metadata}
  */
  readonly includeInOpenidProviderMetadata?: boolean | cdktn.IResolvable;
  /**
  * Whether the scope's name is added to the token's scope claim.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope#include_in_token_scope OpenidClientScope#include_in_token_scope}
  */
  readonly includeInTokenScope?: boolean | cdktn.IResolvable;
  /**
  * The scope's name, also the value of the scope parameter.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope#name OpenidClientScope#name}
  */
  readonly name: string;
  /**
  * The realm the scope is in.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope#realm_id OpenidClientScope#realm_id}
  */
  readonly realmId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope keycloak_openid_client_scope}
*/
export class OpenidClientScope extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keycloak_openid_client_scope";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a OpenidClientScope resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the OpenidClientScope to import
  * @param importFromId The id of the existing OpenidClientScope that should be imported. Refer to the {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the OpenidClientScope to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "keycloak_openid_client_scope", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_scope keycloak_openid_client_scope} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options OpenidClientScopeConfig
  */
  public constructor(scope: Construct, id: string, config: OpenidClientScopeConfig) {
    super(scope, id, {
      terraformResourceType: 'keycloak_openid_client_scope',
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
    this._consentScreenText = config.consentScreenText;
    this._description = config.description;
    this._guiOrder = config.guiOrder;
    this._includeInOpenidProviderMetadata = config.includeInOpenidProviderMetadata;
    this._includeInTokenScope = config.includeInTokenScope;
    this._name = config.name;
    this._realmId = config.realmId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // consent_screen_text - computed: true, optional: true, required: false
  private _consentScreenText?: string; 
  public get consentScreenText() {
    return this.getStringAttribute('consent_screen_text');
  }
  public set consentScreenText(value: string) {
    this._consentScreenText = value;
  }
  public resetConsentScreenText() {
    this._consentScreenText = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get consentScreenTextInput() {
    return this._consentScreenText;
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

  // gui_order - computed: true, optional: true, required: false
  private _guiOrder?: number; 
  public get guiOrder() {
    return this.getNumberAttribute('gui_order');
  }
  public set guiOrder(value: number) {
    this._guiOrder = value;
  }
  public resetGuiOrder() {
    this._guiOrder = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get guiOrderInput() {
    return this._guiOrder;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // include_in_openid_provider_metadata - computed: true, optional: true, required: false
  private _includeInOpenidProviderMetadata?: boolean | cdktn.IResolvable; 
  public get includeInOpenidProviderMetadata() {
    return this.getBooleanAttribute('include_in_openid_provider_metadata');
  }
  public set includeInOpenidProviderMetadata(value: boolean | cdktn.IResolvable) {
    this._includeInOpenidProviderMetadata = value;
  }
  public resetIncludeInOpenidProviderMetadata() {
    this._includeInOpenidProviderMetadata = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get includeInOpenidProviderMetadataInput() {
    return this._includeInOpenidProviderMetadata;
  }

  // include_in_token_scope - computed: true, optional: true, required: false
  private _includeInTokenScope?: boolean | cdktn.IResolvable; 
  public get includeInTokenScope() {
    return this.getBooleanAttribute('include_in_token_scope');
  }
  public set includeInTokenScope(value: boolean | cdktn.IResolvable) {
    this._includeInTokenScope = value;
  }
  public resetIncludeInTokenScope() {
    this._includeInTokenScope = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get includeInTokenScopeInput() {
    return this._includeInTokenScope;
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
      consent_screen_text: cdktn.stringToTerraform(this._consentScreenText),
      description: cdktn.stringToTerraform(this._description),
      gui_order: cdktn.numberToTerraform(this._guiOrder),
      include_in_openid_provider_metadata: cdktn.booleanToTerraform(this._includeInOpenidProviderMetadata),
      include_in_token_scope: cdktn.booleanToTerraform(this._includeInTokenScope),
      name: cdktn.stringToTerraform(this._name),
      realm_id: cdktn.stringToTerraform(this._realmId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      consent_screen_text: {
        value: cdktn.stringToHclTerraform(this._consentScreenText),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      description: {
        value: cdktn.stringToHclTerraform(this._description),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      gui_order: {
        value: cdktn.numberToHclTerraform(this._guiOrder),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      include_in_openid_provider_metadata: {
        value: cdktn.booleanToHclTerraform(this._includeInOpenidProviderMetadata),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      include_in_token_scope: {
        value: cdktn.booleanToHclTerraform(this._includeInTokenScope),
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
