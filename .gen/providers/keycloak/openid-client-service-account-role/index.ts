// https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_service_account_role
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface OpenidClientServiceAccountRoleConfig extends cdktn.TerraformMetaArguments {
  /**
  * Internal id of the client that owns the role.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_service_account_role#client_id OpenidClientServiceAccountRole#client_id}
  */
  readonly clientId: string;
  /**
  * The realm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_service_account_role#realm_id OpenidClientServiceAccountRole#realm_id}
  */
  readonly realmId: string;
  /**
  * Name of the role.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_service_account_role#role OpenidClientServiceAccountRole#role}
  */
  readonly role: string;
  /**
  * Id of the service-account user that gets the role.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_service_account_role#service_account_user_id OpenidClientServiceAccountRole#service_account_user_id}
  */
  readonly serviceAccountUserId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_service_account_role keycloak_openid_client_service_account_role}
*/
export class OpenidClientServiceAccountRole extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keycloak_openid_client_service_account_role";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a OpenidClientServiceAccountRole resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the OpenidClientServiceAccountRole to import
  * @param importFromId The id of the existing OpenidClientServiceAccountRole that should be imported. Refer to the {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_service_account_role#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the OpenidClientServiceAccountRole to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "keycloak_openid_client_service_account_role", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/openid_client_service_account_role keycloak_openid_client_service_account_role} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options OpenidClientServiceAccountRoleConfig
  */
  public constructor(scope: Construct, id: string, config: OpenidClientServiceAccountRoleConfig) {
    super(scope, id, {
      terraformResourceType: 'keycloak_openid_client_service_account_role',
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
    this._clientId = config.clientId;
    this._realmId = config.realmId;
    this._role = config.role;
    this._serviceAccountUserId = config.serviceAccountUserId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
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

  // role - computed: false, optional: false, required: true
  private _role?: string; 
  public get role() {
    return this.getStringAttribute('role');
  }
  public set role(value: string) {
    this._role = value;
  }
  // Temporarily expose input value. Use with caution.
  public get roleInput() {
    return this._role;
  }

  // service_account_user_id - computed: false, optional: false, required: true
  private _serviceAccountUserId?: string; 
  public get serviceAccountUserId() {
    return this.getStringAttribute('service_account_user_id');
  }
  public set serviceAccountUserId(value: string) {
    this._serviceAccountUserId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get serviceAccountUserIdInput() {
    return this._serviceAccountUserId;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      client_id: cdktn.stringToTerraform(this._clientId),
      realm_id: cdktn.stringToTerraform(this._realmId),
      role: cdktn.stringToTerraform(this._role),
      service_account_user_id: cdktn.stringToTerraform(this._serviceAccountUserId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      client_id: {
        value: cdktn.stringToHclTerraform(this._clientId),
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
      role: {
        value: cdktn.stringToHclTerraform(this._role),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      service_account_user_id: {
        value: cdktn.stringToHclTerraform(this._serviceAccountUserId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
