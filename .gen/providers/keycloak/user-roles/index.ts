// https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/user_roles
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface UserRolesConfig extends cdktn.TerraformMetaArguments {
  /**
  * Whether role_ids are all the user's roles: others are unmapped, and read into role_ids. Upstream's default, true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/user_roles#exhaustive UserRoles#exhaustive}
  */
  readonly exhaustive?: boolean | cdktn.IResolvable;
  /**
  * The realm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/user_roles#realm_id UserRoles#realm_id}
  */
  readonly realmId: string;
  /**
  * Ids of the realm and client roles mapped to the user.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/user_roles#role_ids UserRoles#role_ids}
  */
  readonly roleIds: string[];
  /**
  * Id of the user.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/user_roles#user_id UserRoles#user_id}
  */
  readonly userId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/user_roles keycloak_user_roles}
*/
export class UserRoles extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keycloak_user_roles";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a UserRoles resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the UserRoles to import
  * @param importFromId The id of the existing UserRoles that should be imported. Refer to the {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/user_roles#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the UserRoles to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "keycloak_user_roles", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/user_roles keycloak_user_roles} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options UserRolesConfig
  */
  public constructor(scope: Construct, id: string, config: UserRolesConfig) {
    super(scope, id, {
      terraformResourceType: 'keycloak_user_roles',
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
    this._exhaustive = config.exhaustive;
    this._realmId = config.realmId;
    this._roleIds = config.roleIds;
    this._userId = config.userId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // exhaustive - computed: true, optional: true, required: false
  private _exhaustive?: boolean | cdktn.IResolvable; 
  public get exhaustive() {
    return this.getBooleanAttribute('exhaustive');
  }
  public set exhaustive(value: boolean | cdktn.IResolvable) {
    this._exhaustive = value;
  }
  public resetExhaustive() {
    this._exhaustive = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get exhaustiveInput() {
    return this._exhaustive;
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

  // role_ids - computed: false, optional: false, required: true
  private _roleIds?: string[]; 
  public get roleIds() {
    return cdktn.Fn.tolist(this.getListAttribute('role_ids'));
  }
  public set roleIds(value: string[]) {
    this._roleIds = value;
  }
  // Temporarily expose input value. Use with caution.
  public get roleIdsInput() {
    return this._roleIds;
  }

  // user_id - computed: false, optional: false, required: true
  private _userId?: string; 
  public get userId() {
    return this.getStringAttribute('user_id');
  }
  public set userId(value: string) {
    this._userId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get userIdInput() {
    return this._userId;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      exhaustive: cdktn.booleanToTerraform(this._exhaustive),
      realm_id: cdktn.stringToTerraform(this._realmId),
      role_ids: cdktn.listMapper(cdktn.stringToTerraform, false)(this._roleIds),
      user_id: cdktn.stringToTerraform(this._userId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      exhaustive: {
        value: cdktn.booleanToHclTerraform(this._exhaustive),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      realm_id: {
        value: cdktn.stringToHclTerraform(this._realmId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      role_ids: {
        value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(this._roleIds),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      user_id: {
        value: cdktn.stringToHclTerraform(this._userId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
