// https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface RealmClientPolicyProfileConfig extends cdktn.TerraformMetaArguments {
  /**
  * Description.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile#description RealmClientPolicyProfile#description}
  */
  readonly description?: string;
  /**
  * The profile's name, by which policies name it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile#name RealmClientPolicyProfile#name}
  */
  readonly name: string;
  /**
  * The realm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile#realm_id RealmClientPolicyProfile#realm_id}
  */
  readonly realmId: string;
  /**
  * executor block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile#executor RealmClientPolicyProfile#executor}
  */
  readonly executor?: RealmClientPolicyProfileExecutor[] | cdktn.IResolvable;
}
export interface RealmClientPolicyProfileExecutor {
  /**
  * Its settings; a value starting with "{" or "[" is sent as the JSON it holds.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile#configuration RealmClientPolicyProfile#configuration}
  */
  readonly configuration?: { [key: string]: string };
  /**
  * The executor's provider id, e.g. secret-rotation.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile#name RealmClientPolicyProfile#name}
  */
  readonly name: string;
}

export function realmClientPolicyProfileExecutorToTerraform(struct?: RealmClientPolicyProfileExecutor | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    configuration: cdktn.hashMapper(cdktn.stringToTerraform)(struct!.configuration),
    name: cdktn.stringToTerraform(struct!.name),
  }
}


export function realmClientPolicyProfileExecutorToHclTerraform(struct?: RealmClientPolicyProfileExecutor | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    configuration: {
      value: cdktn.hashMapperHcl(cdktn.stringToHclTerraform)(struct!.configuration),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    name: {
      value: cdktn.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class RealmClientPolicyProfileExecutorOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktn.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): RealmClientPolicyProfileExecutor | cdktn.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._configuration !== undefined) {
      hasAnyValues = true;
      internalValueResult.configuration = this._configuration;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: RealmClientPolicyProfileExecutor | cdktn.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._configuration = undefined;
      this._name = undefined;
    }
    else if (cdktn.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._configuration = value.configuration;
      this._name = value.name;
    }
  }

  // configuration - computed: false, optional: true, required: false
  private _configuration?: { [key: string]: string }; 
  public get configuration() {
    return this.getStringMapAttribute('configuration');
  }
  public set configuration(value: { [key: string]: string }) {
    this._configuration = value;
  }
  public resetConfiguration() {
    this._configuration = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get configurationInput() {
    return this._configuration;
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
}

export class RealmClientPolicyProfileExecutorList extends cdktn.ComplexList {
  public internalValue? : RealmClientPolicyProfileExecutor[] | cdktn.IResolvable

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string, wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet);
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): RealmClientPolicyProfileExecutorOutputReference {
    return new RealmClientPolicyProfileExecutorOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile keycloak_realm_client_policy_profile}
*/
export class RealmClientPolicyProfile extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keycloak_realm_client_policy_profile";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a RealmClientPolicyProfile resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the RealmClientPolicyProfile to import
  * @param importFromId The id of the existing RealmClientPolicyProfile that should be imported. Refer to the {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the RealmClientPolicyProfile to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "keycloak_realm_client_policy_profile", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_client_policy_profile keycloak_realm_client_policy_profile} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options RealmClientPolicyProfileConfig
  */
  public constructor(scope: Construct, id: string, config: RealmClientPolicyProfileConfig) {
    super(scope, id, {
      terraformResourceType: 'keycloak_realm_client_policy_profile',
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
    this._description = config.description;
    this._name = config.name;
    this._realmId = config.realmId;
    this._executor.internalValue = config.executor;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // description - computed: false, optional: true, required: false
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

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
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

  // executor - computed: false, optional: true, required: false
  private _executor = new RealmClientPolicyProfileExecutorList(this, "executor", false);
  public get executor() {
    return this._executor;
  }
  public putExecutor(value: RealmClientPolicyProfileExecutor[] | cdktn.IResolvable) {
    this._executor.internalValue = value;
  }
  public resetExecutor() {
    this._executor.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get executorInput() {
    return this._executor.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      description: cdktn.stringToTerraform(this._description),
      name: cdktn.stringToTerraform(this._name),
      realm_id: cdktn.stringToTerraform(this._realmId),
      executor: cdktn.listMapper(realmClientPolicyProfileExecutorToTerraform, true)(this._executor.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      description: {
        value: cdktn.stringToHclTerraform(this._description),
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
      executor: {
        value: cdktn.listMapperHcl(realmClientPolicyProfileExecutorToHclTerraform, true)(this._executor.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "RealmClientPolicyProfileExecutorList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
