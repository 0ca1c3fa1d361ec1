// https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface RealmEventsConfig extends cdktn.TerraformMetaArguments {
  /**
  * When true, saved admin events include the request's representation.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events#admin_events_details_enabled RealmEvents#admin_events_details_enabled}
  */
  readonly adminEventsDetailsEnabled?: boolean | cdktn.IResolvable;
  /**
  * When true, admin events are saved to the database.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events#admin_events_enabled RealmEvents#admin_events_enabled}
  */
  readonly adminEventsEnabled?: boolean | cdktn.IResolvable;
  /**
  * The event types saved; empty saves all types.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events#enabled_event_types RealmEvents#enabled_event_types}
  */
  readonly enabledEventTypes?: string[];
  /**
  * When true, user events are saved to the database.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events#events_enabled RealmEvents#events_enabled}
  */
  readonly eventsEnabled?: boolean | cdktn.IResolvable;
  /**
  * Seconds that saved events are kept; 0 keeps them forever.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events#events_expiration RealmEvents#events_expiration}
  */
  readonly eventsExpiration?: number;
  /**
  * The event listeners events are sent to; empty removes Keycloak's default jboss-logging.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events#events_listeners RealmEvents#events_listeners}
  */
  readonly eventsListeners?: string[];
  /**
  * The realm the settings apply to.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events#realm_id RealmEvents#realm_id}
  */
  readonly realmId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events keycloak_realm_events}
*/
export class RealmEvents extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keycloak_realm_events";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a RealmEvents resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the RealmEvents to import
  * @param importFromId The id of the existing RealmEvents that should be imported. Refer to the {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the RealmEvents to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "keycloak_realm_events", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keycloak-realm-as-code/keycloak/0.1.0/docs/resources/realm_events keycloak_realm_events} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options RealmEventsConfig
  */
  public constructor(scope: Construct, id: string, config: RealmEventsConfig) {
    super(scope, id, {
      terraformResourceType: 'keycloak_realm_events',
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
    this._adminEventsDetailsEnabled = config.adminEventsDetailsEnabled;
    this._adminEventsEnabled = config.adminEventsEnabled;
    this._enabledEventTypes = config.enabledEventTypes;
    this._eventsEnabled = config.eventsEnabled;
    this._eventsExpiration = config.eventsExpiration;
    this._eventsListeners = config.eventsListeners;
    this._realmId = config.realmId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // admin_events_details_enabled - computed: true, optional: true, required: false
  private _adminEventsDetailsEnabled?: boolean | cdktn.IResolvable; 
  public get adminEventsDetailsEnabled() {
    return this.getBooleanAttribute('admin_events_details_enabled');
  }
  public set adminEventsDetailsEnabled(value: boolean | cdktn.IResolvable) {
    this._adminEventsDetailsEnabled = value;
  }
  public resetAdminEventsDetailsEnabled() {
    this._adminEventsDetailsEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get adminEventsDetailsEnabledInput() {
    return this._adminEventsDetailsEnabled;
  }

  // admin_events_enabled - computed: true, optional: true, required: false
  private _adminEventsEnabled?: boolean | cdktn.IResolvable; 
  public get adminEventsEnabled() {
    return this.getBooleanAttribute('admin_events_enabled');
  }
  public set adminEventsEnabled(value: boolean | cdktn.IResolvable) {
    this._adminEventsEnabled = value;
  }
  public resetAdminEventsEnabled() {
    this._adminEventsEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get adminEventsEnabledInput() {
    return this._adminEventsEnabled;
  }

  // enabled_event_types - computed: true, optional: true, required: false
  private _enabledEventTypes?: string[]; 
  public get enabledEventTypes() {
    return cdktn.Fn.tolist(this.getListAttribute('enabled_event_types'));
  }
  public set enabledEventTypes(value: string[]) {
    this._enabledEventTypes = value;
  }
  public resetEnabledEventTypes() {
    this._enabledEventTypes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledEventTypesInput() {
    return this._enabledEventTypes;
  }

  // events_enabled - computed: true, optional: true, required: false
  private _eventsEnabled?: boolean | cdktn.IResolvable; 
  public get eventsEnabled() {
    return this.getBooleanAttribute('events_enabled');
  }
  public set eventsEnabled(value: boolean | cdktn.IResolvable) {
    this._eventsEnabled = value;
  }
  public resetEventsEnabled() {
    this._eventsEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get eventsEnabledInput() {
    return this._eventsEnabled;
  }

  // events_expiration - computed: true, optional: true, required: false
  private _eventsExpiration?: number; 
  public get eventsExpiration() {
    return this.getNumberAttribute('events_expiration');
  }
  public set eventsExpiration(value: number) {
    this._eventsExpiration = value;
  }
  public resetEventsExpiration() {
    this._eventsExpiration = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get eventsExpirationInput() {
    return this._eventsExpiration;
  }

  // events_listeners - computed: true, optional: true, required: false
  private _eventsListeners?: string[]; 
  public get eventsListeners() {
    return cdktn.Fn.tolist(this.getListAttribute('events_listeners'));
  }
  public set eventsListeners(value: string[]) {
    this._eventsListeners = value;
  }
  public resetEventsListeners() {
    this._eventsListeners = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get eventsListenersInput() {
    return this._eventsListeners;
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

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      admin_events_details_enabled: cdktn.booleanToTerraform(this._adminEventsDetailsEnabled),
      admin_events_enabled: cdktn.booleanToTerraform(this._adminEventsEnabled),
      enabled_event_types: cdktn.listMapper(cdktn.stringToTerraform, false)(this._enabledEventTypes),
      events_enabled: cdktn.booleanToTerraform(this._eventsEnabled),
      events_expiration: cdktn.numberToTerraform(this._eventsExpiration),
      events_listeners: cdktn.listMapper(cdktn.stringToTerraform, false)(this._eventsListeners),
      realm_id: cdktn.stringToTerraform(this._realmId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      admin_events_details_enabled: {
        value: cdktn.booleanToHclTerraform(this._adminEventsDetailsEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      admin_events_enabled: {
        value: cdktn.booleanToHclTerraform(this._adminEventsEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      enabled_event_types: {
        value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(this._enabledEventTypes),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      events_enabled: {
        value: cdktn.booleanToHclTerraform(this._eventsEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      events_expiration: {
        value: cdktn.numberToHclTerraform(this._eventsExpiration),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      events_listeners: {
        value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(this._eventsListeners),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
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
